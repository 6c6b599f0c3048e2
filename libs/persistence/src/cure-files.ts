import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DomainError } from '@app/domain';

/** How a file's bytes reach the disk; a test puts a failing one in its place (a full disk, an I/O error). */
export type WriteBytes = (path: string, bytes: Uint8Array, options: { mode: number; flag: string }) => Promise<void>;

/** The error every failed write becomes: the client is told to try later (503), never shown the cause. */
export const storageUnavailable = (): DomainError => new DomainError('storage_unavailable', 'the file could not be saved just now (the server\u2019s storage is unavailable); nothing was kept, try again later');

/**
 * The files voters upload to cure a ballot: kept under the data folder's `uploads/` (mode 0700)
 * with a random name (mode 0600), never served as a static file; what a file is, and what the
 * clerk decided, is in `cure_submissions`.
 */
export class CureFiles {
  constructor(
    readonly folder: string,
    private readonly writeBytes: WriteBytes = writeFile,
  ) {}

  /**
   * Writes a new file and returns its random name; never over an existing one. The bytes go to a
   * temporary name first and are renamed into place only once all are written, so a full disk or
   * an I/O error leaves nothing behind (not a 0-byte or half file) and becomes `storage_unavailable`.
   */
  async write(bytes: Uint8Array): Promise<string> {
    const name = randomBytes(24).toString('hex');
    const partial = join(this.folder, `${name}.partial`);
    try {
      await mkdir(this.folder, { recursive: true, mode: 0o700 });
      await this.writeBytes(partial, bytes, { mode: 0o600, flag: 'wx' });
      await rename(partial, join(this.folder, name));
      return name;
    } catch (error) {
      await rm(partial, { force: true }).catch(() => undefined);
      throw Object.assign(storageUnavailable(), { cause: error });
    }
  }

  read(name: string): Promise<Buffer> {
    return readFile(join(this.folder, this.checked(name)));
  }

  /** Removes a file that was written but not recorded (a refused or failed upload keeps nothing). */
  async remove(name: string): Promise<void> {
    await rm(join(this.folder, this.checked(name)), { force: true });
  }

  /** A stored name is 48 hex digits: nothing else ever reaches the file system. */
  private checked(name: string): string {
    if (!/^[0-9a-f]{48}$/.test(name)) throw new Error('not a stored upload name');
    return name;
  }
}
