import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DeadlineOrders } from '@app/ballots';
import type { CountyHoursEntity, CourtOrderEntity } from '@app/persistence';
import { COURT_ORDER_TARGETS, type CourtOrderTarget } from '@app/rules';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import { CurrentActor, Can } from '../auth/auth.guard';
import { type StaffActor } from '@app/domain';
import { ApiErrors, JsonBodyErrors, StaffErrors } from '../common/api-errors';

const CODE = /^[A-Za-z0-9_-]{1,32}$/;

class CourtOrderDto {
  @ApiProperty({ example: 'Fulton County Superior Court, In re Extension of Cure Period, No. 2020CV343938 (Nov. 5, 2020)' })
  @IsString() @MaxLength(500)
  citation!: string;

  @ApiPropertyOptional({ example: 'Extends the provisional ballot cure period to Monday 9 November at 5:00 p.m.' })
  @IsOptional() @IsString() @MaxLength(1000)
  summary?: string;

  @ApiProperty({ enum: COURT_ORDER_TARGETS, description: 'the deadline the order moves (pollsClose: the close of the polls on election day)' })
  @IsIn(COURT_ORDER_TARGETS)
  deadline!: CourtOrderTarget;

  @ApiPropertyOptional({ type: [String], example: ['FULTON'], description: 'the counties it names; leave out for the whole election (administrators). A supervisor records for their own county.' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @Matches(CODE, { each: true, message: 'countyCodes must be county codes' })
  countyCodes?: string[];

  @ApiProperty({ example: '2020-11-09T17:00', description: 'the new local date and time, in the election\'s zone' })
  @Matches(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, { message: 'extendedTo must be a local date and time, YYYY-MM-DDTHH:MM' })
  extendedTo!: string;
}

class CloseOfBusinessDto {
  @ApiProperty({ nullable: true, type: String, example: '16:30', description: 'HH:MM (24-hour), or null to go back to the rule pack\'s close of business' })
  @ValidateIf((_o, v) => v !== null) @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'closeOfBusiness must be HH:MM (24-hour) or null' })
  closeOfBusiness!: string | null;

  @ApiProperty({ example: 'Cobb County Board of Elections resolution 2020-14 (Oct. 1, 2020)' })
  @IsString() @MaxLength(300)
  source!: string;
}

class CourtOrderView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'the rules version it made: orders are in this order, the last governing' }) rulesVersion!: number;
  @ApiProperty() citation!: string;
  @ApiProperty({ nullable: true, type: String }) summary!: string | null;
  @ApiProperty({ enum: COURT_ORDER_TARGETS }) deadline!: string;
  @ApiProperty({ nullable: true, type: [String], description: 'null: the whole election' }) countyCodes!: string[] | null;
  @ApiProperty({ example: '2020-11-09T17:00' }) extendedTo!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty() recordedByRole!: string;
  @ApiProperty({ description: 'ISO 8601' }) recordedAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'the later order that took its place for every county it names' }) supersededBy!: string | null;
}

class CountyHoursView {
  @ApiProperty() id!: string;
  @ApiProperty() rulesVersion!: number;
  @ApiProperty() countyCode!: string;
  @ApiProperty({ nullable: true, type: String }) closeOfBusiness!: string | null;
  @ApiProperty() source!: string;
  @ApiProperty() recordedBy!: string;
  @ApiProperty({ description: 'ISO 8601' }) recordedAt!: string;
}

class DeadlineChangesView {
  @ApiProperty({ type: [CourtOrderView], description: 'newest first' }) courtOrders!: CourtOrderView[];
  @ApiProperty({ type: [CountyHoursView], description: 'newest first' }) countyHours!: CountyHoursView[];
}

class RecordedOrderView {
  @ApiProperty({ type: CourtOrderView }) courtOrder!: CourtOrderView;
  @ApiProperty({ description: 'voters awaiting a cure who are sent the new deadline' }) noticesQueued!: number;
}

class RecordedHoursView {
  @ApiProperty({ type: CountyHoursView }) countyHours!: CountyHoursView;
  @ApiProperty({ description: 'voters awaiting a cure who are sent the new deadline' }) noticesQueued!: number;
}

const orderView = (o: CourtOrderEntity, supersededBy: CourtOrderEntity | null = null): CourtOrderView => ({
  id: o.id,
  rulesVersion: o.rulesVersion,
  citation: o.citation,
  summary: o.summary,
  deadline: o.deadline,
  countyCodes: o.countyCodes,
  extendedTo: o.extendedTo,
  recordedBy: o.recordedBy,
  recordedByRole: o.recordedByRole,
  recordedAt: new Date(o.recordedAt).toISOString(),
  supersededBy: supersededBy?.id ?? null,
});

const hoursView = (h: CountyHoursEntity): CountyHoursView => ({
  id: h.id,
  rulesVersion: h.rulesVersion,
  countyCode: h.countyCode,
  closeOfBusiness: h.closeOfBusiness,
  source: h.source,
  recordedBy: h.recordedBy,
  recordedAt: new Date(h.recordedAt).toISOString(),
});

/**
 * Court orders and county hours (issue 11): recorded, never edited (a later one supersedes),
 * audited, and in force at once for every deadline the service shows or applies.
 */
@ApiTags('elections')
@ApiBearerAuth()
@StaffErrors()
@Controller('api/elections/:id')
export class DeadlineOrdersController {
  constructor(private readonly orders: DeadlineOrders) {}

  @Get('deadline-changes')
  @ApiOperation({ summary: 'The election\'s court orders and county hours, newest first (county staff see those of their county)' })
  @ApiOkResponse({ type: DeadlineChangesView })
  @ApiErrors(404)
  async history(@CurrentActor() actor: StaffActor, @Param('id') id: string): Promise<DeadlineChangesView> {
    const h = await this.orders.history(actor, id);
    return { courtOrders: h.courtOrders.map((r) => orderView(r.order, r.supersededBy)), countyHours: h.countyHours.map(hoursView) };
  }

  @Post('court-orders')
  @Can('record_deadline_change')
  @ApiOperation({ summary: 'Record a court order that moves a deadline or the close of the polls, for some counties or the whole election' })
  @ApiCreatedResponse({ type: RecordedOrderView })
  @JsonBodyErrors()
  @ApiErrors(404, [409, 'a county it names has certified'])
  async record(@CurrentActor() actor: StaffActor, @Param('id') id: string, @Body() dto: CourtOrderDto): Promise<RecordedOrderView> {
    const { recorded, noticesQueued } = await this.orders.recordCourtOrder(actor, id, { citation: dto.citation, summary: dto.summary ?? null, deadline: dto.deadline, countyCodes: dto.countyCodes ?? null, extendedTo: dto.extendedTo });
    return { courtOrder: orderView(recorded), noticesQueued };
  }

  @Post('counties/:code/close-of-business')
  @Can('record_deadline_change')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a county\'s own close of business (or null for the rule pack\'s), citing where it is set' })
  @ApiOkResponse({ type: RecordedHoursView })
  @JsonBodyErrors()
  @ApiErrors(404, [409, 'the county has certified'])
  async closeOfBusiness(@CurrentActor() actor: StaffActor, @Param('id') id: string, @Param('code') code: string, @Body() dto: CloseOfBusinessDto): Promise<RecordedHoursView> {
    const { recorded, noticesQueued } = await this.orders.setCloseOfBusiness(actor, id, { countyCode: code, closeOfBusiness: dto.closeOfBusiness, source: dto.source });
    return { countyHours: hoursView(recorded), noticesQueued };
  }
}
