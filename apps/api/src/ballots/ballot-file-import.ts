import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { BallotIntake, Elections } from '@app/ballots';
import type { AppConfig } from '@app/config';
import { CsvHeaderError, CsvSyntaxError, csvSyntaxError, importBallots, type ImportReport } from '@app/imports';
import type { Request } from 'express';
import { BodyRefused } from '../common/exception.filter';
import { APP_CONFIG } from '../config.token';
import { DomainError, type StaffActor } from '@app/domain';
import { storageUnavailable } from '@app/persistence';

/** A county's file may be large; not unbounded. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

/** Counts the bytes going through and stops the stream past the limit. */
class ByteLimit extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(new DomainError('invalid_input', `the file is larger than ${this.limit / 1024 / 1024} MB; split it`, {}, [{ field: '(body)', message: 'is too large' }]));
    else done(null, chunk);
  }
}

/**
 * A ballot file from an HTTP request (issue 6): spooled to the data folder (never held whole), checked
 * for CSV syntax, then each row through intake. The controller's route is this one call.
 */
@Injectable()
export class BallotFileImport {
  constructor(
    private readonly intake: BallotIntake,
    private readonly elections: Elections,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(actor: StaffActor, electionId: string, request: Request): Promise<ImportReport> {
    const type = request.headers['content-type'] ?? '';
    if (!/^text\/csv\b/i.test(type)) throw new BodyRefused(415, 'send the file as CSV (Content-Type: text/csv)', '(content-type)');
    await this.elections.get(actor, electionId);
    const spooled = await this.spool(request);
    try {
      // The whole file is checked for CSV syntax before any row is taken in: a broken quote makes
      // every later line doubtful, and a file refused halfway would leave half an import behind.
      const broken = await csvSyntaxError(createReadStream(spooled));
      if (broken !== null) throw csvRefusal(broken);
      return await importBallots(this.intake, actor, electionId, createReadStream(spooled));
    } catch (error) {
      if (error instanceof CsvHeaderError) throw new DomainError('invalid_input', error.message, {}, [{ field: '(header)', message: error.message }]);
      if (error instanceof CsvSyntaxError) throw csvRefusal(error);
      throw error;
    } finally {
      await rm(spooled, { force: true });
    }
  }

  /**
   * The request's file, kept in the data folder (0600, removed after the import) so it can be read
   * twice: once for its syntax, once for its rows. A full or failing disk is a 503 and leaves nothing.
   */
  private async spool(request: Request): Promise<string> {
    const folder = join(this.config.dataDir, 'import-spool');
    const path = join(folder, `${randomBytes(16).toString('hex')}.csv`);
    try {
      await mkdir(folder, { recursive: true, mode: 0o700 });
      await pipeline(request, new ByteLimit(MAX_IMPORT_BYTES), createWriteStream(path, { mode: 0o600, flags: 'wx' }));
      return path;
    } catch (error) {
      await rm(path, { force: true }).catch(() => undefined);
      if (error instanceof DomainError) throw error;
      // The file system's errors name their system call (open, write, mkdir); the client's do not (a request cut short).
      if (typeof (error as { syscall?: unknown }).syscall === 'string') throw Object.assign(storageUnavailable(), { cause: error });
      throw new DomainError('invalid_input', 'the file did not arrive whole; send it again', {}, [{ field: '(body)', message: 'ended early' }]);
    }
  }
}

function csvRefusal(error: CsvSyntaxError): DomainError {
  return new DomainError('invalid_input', `the file is not well-formed CSV: ${error.message}; nothing was imported`, { line: error.line }, [{ field: `(line ${error.line})`, message: error.problem }]);
}
