import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Controller, HttpCode, Inject, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { BallotIntake, Elections } from '@app/ballots';
import type { AppConfig } from '@app/config';
import { BALLOT_COLUMNS, BALLOT_OPTIONAL_COLUMNS, CsvHeaderError, CsvSyntaxError, csvSyntaxError, importBallots, type ImportReport } from '@app/imports';
import { Matches } from 'class-validator';
import type { Request } from 'express';
import { CurrentActor } from '../auth/auth.guard';
import { BodyRefused } from '../common/exception.filter';
import { APP_CONFIG } from '../config.token';
import { DomainError, SLUG, type StaffActor, requirePermission } from '@app/domain';
import { storageUnavailable } from '@app/persistence';
import { ApiErrors, StaffErrors } from '../common/api-errors';

/** A county's file may be large; not unbounded. */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

class ImportQuery {
  @ApiProperty({ example: 'ga-2020-general' })
  @Matches(SLUG, { message: 'electionId must be an election id' })
  electionId!: string;
}

class RowProblemView {
  @ApiProperty() line!: number;
  @ApiProperty() field!: string;
  @ApiProperty() message!: string;
}

class ImportReportView {
  @ApiProperty() read!: number;
  @ApiProperty({ description: 'ballots taken in by this request' }) inserted!: number;
  @ApiProperty({ description: 'receipt numbers already taken in (a file sent twice changes nothing)' }) alreadyPresent!: number;
  @ApiProperty() rejected!: number;
  @ApiProperty({ type: [RowProblemView], description: 'each refused row with its line and the field (the first 1,000)' }) problems!: RowProblemView[];
  @ApiProperty() seconds!: number;
}

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
 * Bulk intake (issue 6): a county's poll-book or mail-room file as CSV, streamed from the request
 * (never held whole), each row through the same intake as `POST /api/ballots`: its own
 * transaction and audit entry, the same validation and county scope. Idempotent on receipt number.
 */
@ApiTags('ballots')
@ApiBearerAuth()
@StaffErrors()
@Controller('api/ballots/import')
export class BallotImportController {
  constructor(
    private readonly intake: BallotIntake,
    private readonly elections: Elections,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: `Take in ballots from CSV (Content-Type: text/csv). Columns: ${BALLOT_COLUMNS.join(', ')}; optional: ${BALLOT_OPTIONAL_COLUMNS.join(', ')}` })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'receipt_number,kind,county_code,precinct_id,first_name,last_name,date_of_birth,address,issued_reason,received_at,cast_at\nP-1,provisional,FULTON,FUL-01,Pat,Voter,1980-02-29,1 Main St,not_on_list,2020-11-03T12:00:00-05:00,2020-11-03T12:00:00-05:00\n' } })
  @ApiOkResponse({ type: ImportReportView })
  @ApiErrors([400, 'the file is not well-formed CSV, or its header lacks a column (nothing imported)'], [404, 'no such election (or not yours)'], 413, 415, [503, 'the file could not be kept on the server\u2019s disk: try later'])
  async import(@CurrentActor() actor: StaffActor, @Query() query: ImportQuery, @Req() request: Request): Promise<ImportReport> {
    requirePermission(actor, 'intake');
    const type = request.headers['content-type'] ?? '';
    if (!/^text\/csv\b/i.test(type)) throw new BodyRefused(415, 'send the file as CSV (Content-Type: text/csv)', '(content-type)');
    await this.elections.get(actor, query.electionId);
    const spooled = await this.spool(request);
    try {
      // The whole file is checked for CSV syntax before any row is taken in: a broken quote makes
      // every later line doubtful, and a file refused halfway would leave half an import behind.
      const broken = await csvSyntaxError(createReadStream(spooled));
      if (broken !== null) throw csvRefusal(broken);
      return await importBallots(this.intake, actor, query.electionId, createReadStream(spooled));
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
