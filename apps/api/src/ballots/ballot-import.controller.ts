import { Transform, type TransformCallback } from 'node:stream';
import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { BallotIntake, Elections } from '@app/ballots';
import { BALLOT_COLUMNS, BALLOT_OPTIONAL_COLUMNS, CsvHeaderError, importBallots, type ImportReport } from '@app/imports';
import { Matches } from 'class-validator';
import type { Request } from 'express';
import { CurrentActor } from '../auth/auth.guard';
import { DomainError, SLUG, type StaffActor, requirePermission } from '@app/domain';

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
@Controller('api/ballots/import')
export class BallotImportController {
  constructor(
    private readonly intake: BallotIntake,
    private readonly elections: Elections,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: `Take in ballots from CSV (Content-Type: text/csv). Columns: ${BALLOT_COLUMNS.join(', ')}; optional: ${BALLOT_OPTIONAL_COLUMNS.join(', ')}` })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'receipt_number,kind,county_code,precinct_id,first_name,last_name,date_of_birth,address,issued_reason,received_at,cast_at\nP-1,provisional,FULTON,FUL-01,Pat,Voter,1980-02-29,1 Main St,not_on_list,2020-11-03T12:00:00-05:00,2020-11-03T12:00:00-05:00\n' } })
  @ApiOkResponse({ type: ImportReportView })
  async import(@CurrentActor() actor: StaffActor, @Query() query: ImportQuery, @Req() request: Request): Promise<ImportReport> {
    requirePermission(actor, 'intake');
    const type = request.headers['content-type'] ?? '';
    if (!/^text\/csv\b/i.test(type)) {
      throw new DomainError('invalid_input', 'send the file as text/csv', {}, [{ field: '(content-type)', message: 'must be text/csv' }]);
    }
    await this.elections.get(actor, query.electionId);
    try {
      return await importBallots(this.intake, actor, query.electionId, request.pipe(new ByteLimit(MAX_IMPORT_BYTES)));
    } catch (error) {
      if (error instanceof CsvHeaderError) throw new DomainError('invalid_input', error.message, {}, [{ field: '(header)', message: error.message }]);
      throw error;
    }
  }
}
