import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { BALLOT_COLUMNS, BALLOT_OPTIONAL_COLUMNS, type ImportReport } from '@app/imports';
import { Matches } from 'class-validator';
import type { Request } from 'express';
import { Can, CurrentActor } from '../auth/auth.guard';
import { SLUG, type StaffActor } from '@app/domain';
import { BallotFileImport } from './ballot-file-import';
import { ApiErrors, StaffErrors } from '../common/api-errors';

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
  constructor(private readonly fileImport: BallotFileImport) {}

  @Post()
  @HttpCode(200)
  @Can('intake')
  @ApiOperation({ summary: `Take in ballots from CSV (Content-Type: text/csv). Columns: ${BALLOT_COLUMNS.join(', ')}; optional: ${BALLOT_OPTIONAL_COLUMNS.join(', ')}` })
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'receipt_number,kind,county_code,precinct_id,first_name,last_name,date_of_birth,address,issued_reason,received_at,cast_at\nP-1,provisional,FULTON,FUL-01,Pat,Voter,1980-02-29,1 Main St,not_on_list,2020-11-03T12:00:00-05:00,2020-11-03T12:00:00-05:00\n' } })
  @ApiOkResponse({ type: ImportReportView })
  @ApiErrors([400, 'the file is not well-formed CSV, or its header lacks a column (nothing imported)'], [404, 'no such election (or not yours)'], 413, 415, [503, 'the file could not be kept on the server\u2019s disk: try later'])
  import(@CurrentActor() actor: StaffActor, @Query() query: ImportQuery, @Req() request: Request): Promise<ImportReport> {
    return this.fileImport.run(actor, query.electionId, request);
  }
}
