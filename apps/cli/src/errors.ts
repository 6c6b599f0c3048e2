import { CsvHeaderError, CsvSyntaxError } from '@app/imports';
import { DomainError } from '@app/domain';

/** What the operating system's and the database drivers' codes mean, in words (errno(3), SQLite result codes, PostgreSQL SQLSTATE classes). */
const SYSTEM_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'there is no such file or folder',
  EACCES: 'permission denied',
  EPERM: 'the operation is not permitted',
  EISDIR: 'it is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  EEXIST: 'it already exists (a file where a folder is needed, or a file the command does not overwrite)',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many files are open',
  ECONNREFUSED: 'the database refused the connection (is it running, and is DATABASE_URL right?)',
  ENOTFOUND: 'the database host is not known (check DATABASE_URL)',
  ETIMEDOUT: 'the database did not answer in time',
  SQLITE_CANTOPEN: 'the SQLite database cannot be opened (check DATA_DIR: the folder must exist and be writable)',
  SQLITE_BUSY: 'the SQLite database is busy (another process is writing); try again',
  SQLITE_READONLY: 'the SQLite database is read-only',
  SQLITE_CORRUPT: 'the SQLite database file is damaged; restore it from a backup',
  SQLITE_NOTADB: 'the file in DATA_DIR is not a SQLite database',
  SQLITE_FULL: 'the disk is full',
  '28P01': 'the database refused the password (check DATABASE_URL)',
  '3D000': 'the database named in DATABASE_URL does not exist',
};

interface SystemError { code?: unknown; path?: unknown; message?: unknown }

/**
 * One line, in plain words, for any error a command can end with: what went wrong and, for a file,
 * which one. Never a stack or a driver's raw code (issue 14: "error: <plain words>").
 */
export function errorLine(error: unknown): string {
  if (error instanceof DomainError) {
    const unnamed = error.fields.filter((f) => !error.message.includes(f.message));
    return `error: ${error.message}${unnamed.length > 0 ? ` (${unnamed.map((f) => `${f.field} ${f.message}`).join('; ')})` : ''}`;
  }
  if (error instanceof CsvHeaderError || error instanceof CsvSyntaxError) return `error: ${error.message}`;
  const e = (typeof error === 'object' && error !== null ? error : {}) as SystemError;
  const code = typeof e.code === 'string' ? e.code : typeof e.message === 'string' ? /\b(SQLITE_[A-Z]+)\b/.exec(e.message)?.[1] : undefined;
  const words = code === undefined ? undefined : SYSTEM_WORDS[code];
  if (words !== undefined) return `error: ${typeof e.path === 'string' ? `${e.path}: ` : ''}${words}`;
  const message = error instanceof Error ? error.message : String(error);
  return `error: ${message.split('\n')[0] ?? 'the command failed'}`;
}
