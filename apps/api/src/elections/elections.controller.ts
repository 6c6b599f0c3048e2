import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Certification, createElection, ElectionRulesCache, importJurisdiction, type JurisdictionImportResult } from '@app/ballots';
import { DISTRICT_KINDS, type DistrictKind, DomainError, notFound, type Clock, type StaffActor, CLOCK } from '@app/domain';
import { CountyEntity, ElectionEntity, TransactionRunner } from '@app/persistence';
import { ELECTION_TYPES, RulePackRegistry, type Deadline, type ElectionType } from '@app/rules';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsTimeZone, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CurrentActor, Can } from '../auth/auth.guard';
import { IsCalendarDate } from '../common/validators';

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
const CODE = /^[A-Za-z0-9_-]{1,32}$/;
const PHONE = /^\+?[0-9 ().-]{7,25}$/;
const ID = /^[A-Za-z0-9_.-]{1,64}$/;

class CreateElectionDto {
  @ApiProperty({ example: 'ga-2020-general' }) @Matches(SLUG, { message: 'id must be lower-case letters, digits and dashes' })
  id!: string;

  @ApiProperty({ example: 'Georgia General Election, 3 November 2020' }) @IsString() @MinLength(1) @MaxLength(200)
  name!: string;

  @ApiProperty({ example: 'GA' }) @Matches(/^[A-Z]{2}$/, { message: 'state must be a two-letter postal code' })
  state!: string;

  @ApiProperty({ example: '2020-11-03' }) @IsCalendarDate()
  electionDay!: string;

  @ApiPropertyOptional({ example: 'America/New_York' }) @IsOptional() @IsTimeZone()
  timeZone?: string;

  @ApiPropertyOptional({ example: 'GA-2020', description: 'the pack in force on election day when absent' })
  @IsOptional() @Matches(/^[A-Z]{2}-\d{4}$/, { message: 'rulePackId must look like GA-2020' })
  rulePackId?: string;

  @ApiPropertyOptional({ example: '19:00' }) @IsOptional() @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'pollsClose must be HH:MM' })
  pollsClose?: string;

  @ApiPropertyOptional({ enum: ELECTION_TYPES, default: 'general', description: 'some statutes set a deadline by the kind of election' })
  @IsOptional() @IsIn(ELECTION_TYPES)
  electionType?: ElectionType;

  @ApiPropertyOptional({ default: true, description: 'a federal office is on the ballot (some statutes set a deadline by it)' })
  @IsOptional() @IsBoolean()
  federal?: boolean;
}

class CountyOfficeDto {
  @ApiProperty({ example: 'Fulton County Registration and Elections' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ example: '5600 Campbellton Fairburn Rd, Fairburn, GA 30213' }) @IsString() @MinLength(1) @MaxLength(300) address!: string;
  @ApiProperty({ example: 'Monday to Friday, 8:00 AM to 5:00 PM' }) @IsString() @MinLength(1) @MaxLength(200) hours!: string;
  @ApiProperty({ example: '(404) 555-0100' }) @Matches(PHONE, { message: 'phone must be a phone number' }) phone!: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail({}, { message: 'email must be an email address' }) @MaxLength(254) email?: string;
}
class CountyDto {
  @ApiProperty() @Matches(CODE, { message: 'code must be a county code' }) code!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiPropertyOptional({ type: CountyOfficeDto, description: 'the office a voter is sent to (shown on the portal and in notices)' })
  @IsOptional() @ValidateNested() @Type(() => CountyOfficeDto) office?: CountyOfficeDto;
}
class DistrictDto {
  @ApiProperty() @Matches(ID, { message: 'id must be a district id' }) id!: string;
  @ApiProperty({ enum: DISTRICT_KINDS }) @IsIn(DISTRICT_KINDS) kind!: DistrictKind;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
}
class PrecinctDto {
  @ApiProperty() @Matches(ID, { message: 'id must be a precinct id' }) id!: string;
  @ApiProperty() @Matches(CODE, { message: 'countyCode must be a county code' }) countyCode!: string;
  @ApiProperty({ type: [String] }) @IsArray() @ArrayMaxSize(100) @Matches(ID, { each: true, message: 'districtIds must be district ids' }) districtIds!: string[];
}
class ContestDto {
  @ApiProperty() @Matches(ID, { message: 'id must be a contest id' }) id!: string;
  @ApiProperty() @Matches(ID, { message: 'districtId must be a district id' }) districtId!: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
}

class JurisdictionBundleDto {
  @ApiProperty({ type: [CountyDto] }) @IsArray() @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => CountyDto) counties!: CountyDto[];
  @ApiProperty({ type: [DistrictDto] }) @IsArray() @ArrayMaxSize(10_000) @ValidateNested({ each: true }) @Type(() => DistrictDto) districts!: DistrictDto[];
  @ApiProperty({ type: [PrecinctDto] }) @IsArray() @ArrayMaxSize(20_000) @ValidateNested({ each: true }) @Type(() => PrecinctDto) precincts!: PrecinctDto[];
  @ApiProperty({ type: [ContestDto] }) @IsArray() @ArrayMaxSize(10_000) @ValidateNested({ each: true }) @Type(() => ContestDto) contests!: ContestDto[];
}

class ReopenDto {
  @ApiProperty({ example: 'In re Fulton County, No. 2020CV123 (Fulton Super. Ct. Nov. 20, 2020)' })
  @IsString() @MinLength(1) @MaxLength(500)
  courtOrder!: string;
}

class CertificationView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) certifiedAt!: string | null;
}

class DeadlineView {
  @ApiProperty() name!: string;
  @ApiProperty() display!: string;
  @ApiProperty() local!: string;
  @ApiProperty() source!: string;
  @ApiProperty({ nullable: true, type: String }) courtOrder!: string | null;
}

class CountyView {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) certifiedAt!: string | null;
  @ApiProperty({ type: [DeadlineView] }) deadlines!: DeadlineView[];
}

class ElectionView {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() state!: string;
  @ApiProperty() electionDay!: string;
  @ApiProperty() timeZone!: string;
  @ApiProperty() rulePackId!: string;
  @ApiProperty({ enum: ELECTION_TYPES }) electionType!: string;
  @ApiProperty() federal!: boolean;
  @ApiProperty({ description: 'bumped by every change of the election\'s rules (a jurisdiction import, a court order, a county\'s hours)' }) rulesVersion!: number;
  @ApiPropertyOptional({ type: [CountyView] }) counties?: CountyView[];
}

const electionView = (e: ElectionEntity): ElectionView => ({
  id: e.id,
  name: e.name,
  state: e.state,
  electionDay: e.electionDay,
  timeZone: e.timeZone,
  rulePackId: e.rulePackId,
  electionType: e.electionType,
  federal: e.federal,
  rulesVersion: e.rulesVersion,
});
const deadlineView = (d: Deadline): DeadlineView => ({ name: d.name, display: d.display, local: d.local, source: d.source, courtOrder: d.courtOrder });

@ApiTags('elections')
@ApiBearerAuth()
@Controller('api/elections')
export class ElectionsController {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly packs: RulePackRegistry,
    private readonly rules: ElectionRulesCache,
    private readonly certification: Certification,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Certifies a county: only when none of its ballots is outstanding. Its ballots are locked after. */
  @Post(':id/counties/:code/certify')
  @Can('certify_county')
  @HttpCode(200)
  @ApiOkResponse({ type: CertificationView })
  async certify(@CurrentActor() actor: StaffActor, @Param('id') id: string, @Param('code') code: string): Promise<CertificationView> {
    const county = await this.certification.certify(actor, id, code);
    return { code: county.code, name: county.name, certifiedAt: county.certifiedAt === null ? null : new Date(county.certifiedAt).toISOString() };
  }

  /** Reopens a certified county on a court order, which is cited in the audit trail. */
  @Post(':id/counties/:code/reopen')
  @Can('reopen_county')
  @HttpCode(200)
  @ApiOkResponse({ type: CertificationView })
  async reopen(@CurrentActor() actor: StaffActor, @Param('id') id: string, @Param('code') code: string, @Body() dto: ReopenDto): Promise<CertificationView> {
    const county = await this.certification.reopen(actor, id, code, dto.courtOrder);
    return { code: county.code, name: county.name, certifiedAt: null };
  }

  @Get()
  @ApiOkResponse({ type: [ElectionView] })
  async list(): Promise<ElectionView[]> {
    return (await this.tx.read((m) => m.find(ElectionEntity, { order: { electionDay: 'DESC' } }))).map(electionView);
  }

  @Post()
  @Can('create_election')
  @ApiCreatedResponse({ type: ElectionView })
  async create(@Body() dto: CreateElectionDto): Promise<ElectionView> {
    const existing = await this.tx.read((m) => m.findOneBy(ElectionEntity, { id: dto.id }));
    if (existing !== null) throw new DomainError('conflict', `election ${dto.id} exists`, {}, [{ field: 'id', message: 'is taken' }]);
    return electionView(await this.tx.run((m) => createElection(m, this.packs, dto, this.clock.now())));
  }

  /** The election, its counties, and every deadline of each county in local time with its source. */
  @Get(':id')
  @ApiOkResponse({ type: ElectionView })
  async get(@Param('id') id: string): Promise<ElectionView> {
    return this.tx.read(async (m) => {
      const election = await m.findOneBy(ElectionEntity, { id });
      if (election === null) throw notFound('election');
      const rules = await this.rules.get(m, id);
      const counties = await m.find(CountyEntity, { where: { electionId: id }, order: { code: 'ASC' } });
      return {
        ...electionView(election),
        counties: counties.map((c) => ({
          code: c.code,
          name: c.name,
          certifiedAt: c.certifiedAt === null ? null : new Date(c.certifiedAt).toISOString(),
          deadlines: Object.values(rules.calendar.forCounty(c.code).deadlines).flatMap((d: Deadline | null) => (d === null ? [] : [deadlineView(d)])),
        })),
      };
    });
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
  @ApiQuery({ name: 'replace', required: false, enum: ['true', 'false'], description: 'the bundle is the whole jurisdiction: remove what it leaves out (never what ballots or voters refer to)' })
  async importJurisdiction(
    @CurrentActor() actor: StaffActor,
    @Param('id') id: string,
    @Body() bundle: JurisdictionBundleDto,
    @Query('replace') replace?: string,
  ): Promise<JurisdictionImportResult> {
    if (replace !== undefined && replace !== 'true' && replace !== 'false') {
      throw new DomainError('invalid_input', 'replace must be true or false', {}, [{ field: 'replace', message: 'must be true or false' }]);
    }
    return this.tx.run(async (m) => {
      if ((await m.findOneBy(ElectionEntity, { id })) === null) throw notFound('election');
      return importJurisdiction(m, id, bundle, { mode: replace === 'true' ? 'replace' : 'merge', audit: { actor, now: this.clock.now() } });
    });
  }
}
