import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags, type SchemaObject } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor } from '../auth/auth.guard';
import { type StaffActor } from '@app/domain';
import { formatHead } from '@app/audit';
import { DatabaseMaintenance } from '@app/persistence';
import { REPORT_DEFINITIONS, ReportExports, Reports, runReport } from '@app/reports';
import { AUDIT_HEAD_HEADER } from '../audit/audit-head';
import { ApiErrors, StaffErrors } from '../common/api-errors';

class ReportQuery {
  @ApiProperty({ example: 'ga-2020-general' })
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/, { message: 'electionId must be an election id' })
  electionId!: string;

  @ApiPropertyOptional({ example: 'FUL', description: 'one county only; a county user asking for another county gets no rows' })
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'countyCode must be a county code' })
  countyCode?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json' })
  @IsOptional() @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

/** One row of each report, by its columns (the same as the CSV's): a report's JSON is an array of them. */
const ROWS: SchemaObject = {
  oneOf: Object.entries(REPORT_DEFINITIONS).map(([name, { columns }]) => ({
    type: 'array',
    title: name,
    items: { type: 'object', title: `${name} row`, properties: Object.fromEntries(columns.map((column) => [column, { description: column }])), required: [...columns] },
  })),
};

@ApiTags('reports')
@ApiBearerAuth()
@StaffErrors()
@Controller('api/reports')
export class ReportsController {
  constructor(
    private readonly reports: Reports,
    private readonly exports: ReportExports,
    private readonly maintenance: DatabaseMaintenance,
  ) {}

  /** Outstanding ballots by county, kind and status; the EAVS section B and E figures; rejection and cure reasons; the UOCAVA summary; partial counts to duplicate by precinct; the state roll-up; certification readiness. A CSV is recorded in the audit chain (REPORT_EXPORTED). */
  @Get(':name')
  @ApiOperation({ summary: 'A report\u2019s rows as JSON or CSV, in the signed-in user\u2019s scope, with the audit chain head to publish with it' })
  @ApiParam({ name: 'name', enum: Object.keys(REPORT_DEFINITIONS) })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiErrors(400, [404, 'no report of that name (the message lists them), or no such election'])
  @ApiOkResponse({
    content: { 'application/json': { schema: ROWS }, 'text/csv': { schema: { type: 'string', description: 'the same rows, a header line of the column names first' } } },
    description: `rows of the report, as JSON or CSV; the ${AUDIT_HEAD_HEADER} header carries the audit chain's head (SEQ:HASH) to publish with it (for a CSV, the REPORT_EXPORTED entry holding the file's SHA-256)`,
    headers: { [AUDIT_HEAD_HEADER]: { description: 'SEQ:HASH of the audit chain head; check it later with GET /api/audit/verify?head= or verify-audit --head', schema: { type: 'string' } } },
  })
  async report(@CurrentActor() actor: StaffActor, @Param('name') name: string, @Query() query: ReportQuery, @Res({ passthrough: true }) response: Response): Promise<readonly object[] | string> {
    if (query.format !== 'csv') {
      // The head read before the rows: everything the report shows was in the chain by then or later.
      const head = await this.maintenance.auditHead();
      const rows = await runReport(this.reports, actor, name, query.electionId, query.countyCode);
      response.setHeader(AUDIT_HEAD_HEADER, formatHead(head));
      return rows;
    }
    const file = await this.exports.csv(actor, name, query.electionId, query.countyCode);
    response.type('text/csv').setHeader('content-disposition', `attachment; filename="${file.filename}"`).setHeader(AUDIT_HEAD_HEADER, formatHead(file.auditHead));
    return file.csv;
  }
}
