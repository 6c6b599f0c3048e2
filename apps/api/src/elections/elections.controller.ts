import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Certification, Elections, type JurisdictionImportResult } from '@app/ballots';
import { type StaffActor } from '@app/domain';
import { CurrentActor, Can } from '../auth/auth.guard';
import { JurisdictionBundleDto, NewElectionDto } from './elections.docs';
import { certificationView, CertificationView, electionDetailView, electionView, ElectionView, JurisdictionImportView, ReopenDto } from './elections.views';
import { ImportModeQuery } from './import-mode.query';
import { ApiErrors, JsonBodyErrors, StaffErrors } from '../common/api-errors';

/** Elections, their jurisdictions and their counties' certification. */
@ApiTags('elections')
@ApiBearerAuth()
@StaffErrors()
@Controller('api/elections')
export class ElectionsController {
  constructor(
    private readonly elections: Elections,
    private readonly certification: Certification,
  ) {}

  /** Certifies a county: only when none of its ballots is outstanding. Its ballots are locked after. */
  @Post(':id/counties/:code/certify')
  @Can('certify_county')
  @HttpCode(200)
  @ApiOperation({ summary: 'Certify a county\u2019s results: only when none of its ballots is outstanding; its ballots are locked after' })
  @ApiOkResponse({ type: CertificationView })
  @ApiErrors(404, [409, 'ballots are still outstanding, or the county has already certified'])
  async certify(@CurrentActor() actor: StaffActor, @Param('id') id: string, @Param('code') code: string): Promise<CertificationView> {
    return certificationView(await this.certification.certify(actor, id, code));
  }

  /** Reopens a certified county on a court order, which is cited in the audit trail. */
  @Post(':id/counties/:code/reopen')
  @Can('reopen_county')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reopen a certified county on a court order, cited in the audit trail' })
  @ApiOkResponse({ type: CertificationView })
  @JsonBodyErrors()
  @ApiErrors(404, [409, 'the county is not certified'])
  async reopen(@CurrentActor() actor: StaffActor, @Param('id') id: string, @Param('code') code: string, @Body() dto: ReopenDto): Promise<CertificationView> {
    return certificationView(await this.certification.reopen(actor, id, code, dto.courtOrder));
  }

  @Get()
  @ApiOperation({ summary: 'The elections the signed-in user can see', description: 'The whole list, so its length is the total (an office has a handful of elections).' })
  @ApiOkResponse({ type: [ElectionView] })
  async list(@CurrentActor() actor: StaffActor): Promise<ElectionView[]> {
    return (await this.elections.list(actor)).map(electionView);
  }

  @Post()
  @Can('create_election')
  @ApiOperation({ summary: 'Create an election under a rule pack (administrators)' })
  @ApiCreatedResponse({ type: ElectionView })
  @JsonBodyErrors()
  @ApiErrors([404, 'no such rule pack'], [409, 'an election with this id exists'])
  async create(@CurrentActor() actor: StaffActor, @Body() dto: NewElectionDto): Promise<ElectionView> {
    return electionView(await this.elections.create(actor, dto));
  }

  /** The election, its counties (the actor's, for county staff), and every deadline of each county in local time with its source. */
  @Get(':id')
  @ApiOperation({ summary: 'An election, its counties and every deadline of each county in local time with its source' })
  @ApiOkResponse({ type: ElectionView })
  @ApiErrors(404)
  async get(@CurrentActor() actor: StaffActor, @Param('id') id: string): Promise<ElectionView> {
    return electionDetailView(await this.elections.view(actor, id));
  }

  /**
   * Loads counties, districts, precincts and contests, or brings them up to a corrected bundle:
   * checked whole, written in one transaction, idempotent; changed names and fields are updated.
   * With `?replace=true` the bundle is the whole jurisdiction: what it leaves out is deleted when
   * no ballot or voter refers to it, else the whole import is refused (409) naming it. A change
   * is recorded in the audit trail.
   */
  @Post(':id/jurisdiction')
  @Can('import_jurisdiction')
  @HttpCode(200)
  @ApiOperation({ summary: 'Import or correct the jurisdiction: counties, districts, precincts and contests, checked whole, in one transaction' })
  @ApiOkResponse({ type: JurisdictionImportView })
  @JsonBodyErrors()
  @ApiErrors(404, [409, 'with replace=true: something left out is still referred to by ballots or voters (each named); nothing changed'])
  @ApiQuery({ name: 'replace', required: false, enum: ['true', 'false'], description: 'the bundle is the whole jurisdiction: remove what it leaves out (never what ballots or voters refer to)' })
  importJurisdiction(@CurrentActor() actor: StaffActor, @Param('id') id: string, @Body() bundle: JurisdictionBundleDto, @Query() query: ImportModeQuery): Promise<JurisdictionImportResult> {
    return this.elections.importJurisdiction(actor, id, bundle, query.replace === 'true' ? 'replace' : 'merge');
  }
}
