import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentActor } from '../auth/auth.guard';
import { type StaffActor } from '@app/domain';
import { ReportExports, Reports, runReport } from '@app/reports';

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

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/reports')
export class ReportsController {
  constructor(
    private readonly reports: Reports,
    private readonly exports: ReportExports,
  ) {}

  /** Outstanding ballots by county, kind and status; the EAVS section B and E figures; rejection and cure reasons; the UOCAVA summary; partial counts to duplicate by precinct; the state roll-up; certification readiness. A CSV is recorded in the audit chain (REPORT_EXPORTED). */
  @Get(':name')
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'] })
  @ApiOkResponse({ description: 'rows of the report, as JSON or CSV' })
  async report(@CurrentActor() actor: StaffActor, @Param('name') name: string, @Query() query: ReportQuery, @Res({ passthrough: true }) response: Response): Promise<readonly object[] | string> {
    if (query.format !== 'csv') return runReport(this.reports, actor, name, query.electionId, query.countyCode);
    const file = await this.exports.csv(actor, name, query.electionId, query.countyCode);
    response.type('text/csv').setHeader('content-disposition', `attachment; filename="${file.filename}"`);
    return file.csv;
  }
}
