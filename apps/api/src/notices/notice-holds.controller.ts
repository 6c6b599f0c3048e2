import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { holdNotices, noticeHolds, releaseNotices, type NoticeHoldView } from '@app/notices';
import { Stores } from '@app/persistence';
import { type Clock, CLOCK, type StaffActor } from '@app/domain';
import { Can, CurrentActor } from '../auth/auth.guard';
import { ApiErrors, JsonBodyErrors, StaffErrors } from '../common/api-errors';

const CODE = /^[A-Za-z0-9_-]{1,64}$/;

class HoldDto {
  @ApiProperty({ example: 'ga-2020-general' })
  @IsString() @Matches(CODE, { message: 'electionId must be an election id' })
  electionId!: string;

  @ApiProperty({ example: 'FULTON' })
  @IsString() @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'countyCode must be a county code' })
  countyCode!: string;

  @ApiProperty({ example: 'The roll import of 5 Nov is being checked' })
  @IsString() @MinLength(1, { message: 'reason must say why the notices are held' }) @MaxLength(500)
  reason!: string;
}

class HoldsQuery {
  @ApiProperty({ example: 'ga-2020-general' })
  @IsString() @Matches(CODE, { message: 'electionId must be an election id' })
  electionId!: string;
}

class NoticeHoldDoc {
  @ApiProperty({ example: 'ga-2020-general' }) electionId!: string;
  @ApiProperty({ example: 'FULTON' }) countyCode!: string;
  @ApiProperty({ description: 'ISO 8601' }) heldAt!: string;
  @ApiProperty() heldBy!: string;
  @ApiProperty() reason!: string;
  @ApiProperty({ description: 'notices of the county waiting to go out (queued, or on the letter list)' }) waiting!: number;
}

class ReleasedNoticesDoc {
  @ApiProperty({ example: 'FULTON' }) countyCode!: string;
  @ApiProperty({ description: 'notices released to go out' }) waiting!: number;
}

/** A supervisor holds a county's outgoing voter notices, sees what is held, and releases them. */
@ApiTags('notices')
@ApiBearerAuth()
@StaffErrors()
@Controller('api/notices/holds')
export class NoticeHoldsController {
  constructor(
    private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Can('hold_notices')
  @ApiOperation({ summary: 'The counties whose voter notices are held, with how many wait', description: 'The whole list, so its length is the total.' })
  @ApiOkResponse({ type: [NoticeHoldDoc] })
  @ApiErrors(400, 404)
  list(@CurrentActor() actor: StaffActor, @Query() query: HoldsQuery): Promise<NoticeHoldView[]> {
    return noticeHolds(this.stores, actor, query.electionId);
  }

  @Post()
  @Can('hold_notices')
  @ApiOperation({ summary: 'Hold a county\u2019s outgoing voter notices, saying why' })
  @ApiCreatedResponse({ type: NoticeHoldDoc })
  @JsonBodyErrors()
  @ApiErrors(404)
  hold(@CurrentActor() actor: StaffActor, @Body() dto: HoldDto): Promise<NoticeHoldView> {
    return holdNotices(this.stores, actor, dto.electionId, dto.countyCode, dto.reason, this.clock.now());
  }

  @Delete(':electionId/:countyCode')
  @HttpCode(200)
  @Can('hold_notices')
  @ApiOperation({ summary: 'Release a county\u2019s held notices: they go out with the next dispatch' })
  @ApiOkResponse({ type: ReleasedNoticesDoc })
  @ApiErrors(400, 404)
  release(@CurrentActor() actor: StaffActor, @Param('electionId') electionId: string, @Param('countyCode') countyCode: string): Promise<{ readonly countyCode: string; readonly waiting: number }> {
    return releaseNotices(this.stores, actor, electionId, countyCode, this.clock.now());
  }
}
