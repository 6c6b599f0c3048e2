import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BallotListFilter } from '@app/ballots';
import { BALLOT_KINDS, CURE_REASONS, ISSUED_REASONS, REJECTION_REASONS, type BallotKind, type CureReason, type RejectionReason, CODE, ID, SLUG } from '@app/domain';
import { BALLOT_STATES, EVENT_TYPES, TOP_LEVEL_STATES, type BallotCommand, type EventType } from '@app/lifecycle';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { instantMs, IsCalendarDate, IsInstant } from '../common/validators';

export { intakeInput } from '@app/ballots/intake.dto';
export { IntakeBallotDto } from './intake.docs';

export class BallotEventDto {
  @ApiProperty({ enum: EVENT_TYPES })
  @IsIn(EVENT_TYPES)
  type!: EventType;

  @ApiProperty({ description: 'the version the client last saw; a stale one gets 409' })
  @IsInt() @Min(1) @Max(2_000_000_000)
  expectedVersion!: number;

  @ApiPropertyOptional({ enum: CURE_REASONS, description: 'REQUEST_CURE' })
  @ValidateIf((o: BallotEventDto) => o.type === 'REQUEST_CURE' || o.cureReason !== undefined)
  @IsIn(CURE_REASONS)
  cureReason?: CureReason;

  @ApiPropertyOptional({ description: 'RECORD_CURE: what the voter provided' })
  @ValidateIf((o: BallotEventDto) => o.type === 'RECORD_CURE' || o.evidence !== undefined)
  @IsString() @IsNotEmpty() @MaxLength(2000)
  evidence?: string;

  @ApiPropertyOptional({ enum: REJECTION_REASONS, description: 'PROPOSE_REJECTION' })
  @ValidateIf((o: BallotEventDto) => o.type === 'PROPOSE_REJECTION' || o.reason !== undefined)
  @IsIn(REJECTION_REASONS)
  reason?: RejectionReason;

  @ApiPropertyOptional({ description: 'RECORD_CURE: when the voter provided the cure, if not now (ISO 8601 with offset); the deadline is checked against it', example: '2020-11-06T16:55:00-05:00' })
  @IsOptional() @IsInstant()
  submittedAt?: string;

  @ApiPropertyOptional({ description: 'PROPOSE_REJECTION, RETURN, MATCH_VOTER and UNMATCH_VOTER: why' })
  @ValidateIf((o: BallotEventDto) => ['PROPOSE_REJECTION', 'RETURN', 'MATCH_VOTER', 'UNMATCH_VOTER'].includes(o.type) || o.note !== undefined)
  @IsString() @IsNotEmpty() @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'MATCH_VOTER: the voter id of the registration on the roll' })
  @ValidateIf((o: BallotEventDto) => o.type === 'MATCH_VOTER' || o.voterId !== undefined)
  @Matches(CODE, { message: 'voterId must be a voter id' })
  voterId?: string;

  @ApiPropertyOptional({ description: 'HOLD, RELEASE and REINSTATE: the order cited' })
  @ValidateIf((o: BallotEventDto) => ['HOLD', 'RELEASE', 'REINSTATE'].includes(o.type) || o.courtOrder !== undefined)
  @IsString() @IsNotEmpty() @MaxLength(500)
  courtOrder?: string;
}

/** The lifecycle command a validated event body asks for. */
export function toCommand(dto: BallotEventDto): BallotCommand {
  switch (dto.type) {
    case 'REQUEST_CURE':
      return { type: dto.type, cureReason: dto.cureReason ?? 'information_missing' };
    case 'RECORD_CURE':
      return { type: dto.type, evidence: dto.evidence ?? '', ...(dto.submittedAt === undefined ? {} : { submittedAt: instantMs(dto.submittedAt) }) };
    case 'MATCH_VOTER':
      return { type: dto.type, voterId: dto.voterId ?? '', note: dto.note ?? '' };
    case 'UNMATCH_VOTER':
      return { type: dto.type, note: dto.note ?? '' };
    case 'PROPOSE_REJECTION':
      return { type: dto.type, reason: dto.reason ?? 'other', note: dto.note ?? '' };
    case 'RETURN':
      return { type: dto.type, note: dto.note ?? '' };
    case 'HOLD':
    case 'RELEASE':
    case 'REINSTATE':
      return { type: dto.type, courtOrder: dto.courtOrder ?? '' };
    case 'VERIFY':
    case 'CONFIRM_REJECTION':
    case 'COUNT':
    case 'DEADLINE_PASSED':
      return { type: dto.type };
  }
}

export class ListBallotsQuery {
  @ApiProperty({ example: 'ga-2020-general' })
  @Matches(SLUG, { message: 'electionId must be an election id' })
  electionId!: string;

  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: 'county must be a county code' })
  county?: string;

  @ApiPropertyOptional({ enum: BALLOT_KINDS }) @IsOptional() @IsIn(BALLOT_KINDS)
  kind?: BallotKind;

  @ApiPropertyOptional({ enum: TOP_LEVEL_STATES }) @IsOptional() @IsIn(TOP_LEVEL_STATES)
  status?: string;

  @ApiPropertyOptional({ enum: BALLOT_STATES }) @IsOptional() @IsIn(BALLOT_STATES)
  subState?: string;

  @ApiPropertyOptional({ description: 'an issued, cure or rejection reason code' })
  @IsOptional() @IsIn([...ISSUED_REASONS, ...CURE_REASONS, ...REJECTION_REASONS])
  reason?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: 'precinct must be a precinct id' })
  precinct?: string;

  @ApiPropertyOptional({ example: '2020-11-06T17:00:00-05:00' }) @IsOptional() @IsInstant()
  deadlineBefore?: string;

  @ApiPropertyOptional({ description: 'receipt number prefix or part of the last name' })
  @IsOptional() @IsString() @MaxLength(100)
  text?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  limit?: number;
}

/** Research: search the election's roll from a ballot (issue 11). With no field, the affirmation's last name and date of birth. */
export class RollSearchQuery {
  @ApiPropertyOptional({ description: 'the start of the last name; accents, hyphens and case do not matter', example: 'Garcia' })
  @IsOptional() @IsString() @MaxLength(100)
  lastName?: string;

  @ApiPropertyOptional({ description: 'the start of the first name (with a last name)' })
  @IsOptional() @IsString() @MaxLength(100)
  firstName?: string;

  @ApiPropertyOptional({ example: '1980-02-29' })
  @IsOptional() @IsCalendarDate()
  dateOfBirth?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: 'voterId must be a voter id' })
  voterId?: string;

  @ApiPropertyOptional() @IsOptional() @Matches(ID, { message: 'precinct must be a precinct id' })
  precinct?: string;
}

/** The work queue's filter from the query string. */
export function queueFilter(q: ListBallotsQuery): BallotListFilter {
  return {
    electionId: q.electionId,
    countyCode: q.county,
    kind: q.kind,
    status: q.status,
    subState: q.subState,
    reason: q.reason,
    precinctId: q.precinct,
    deadlineBefore: q.deadlineBefore === undefined ? undefined : instantMs(q.deadlineBefore),
    text: q.text,
    cursor: q.cursor,
    limit: q.limit ?? 50,
  };
}
