import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BALLOT_KINDS,
  CURE_REASONS,
  ISSUED_REASONS,
  REJECTION_REASONS,
  SIGNATURE_STATES,
  UOCAVA_CATEGORIES,
  type BallotKind,
  type CureReason,
  type IssuedReason,
  type RejectionReason,
  type SignatureState,
  type UocavaCategory,
} from '@app/domain';
import { BALLOT_STATES, EVENT_TYPES, TOP_LEVEL_STATES, type BallotCommand, type EventType } from '@app/lifecycle';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import type { IntakeInput } from '@app/ballots';
import { instantMs, IsCalendarDate, IsInstant } from '../common/validators';

const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
const CODE = /^[A-Za-z0-9_-]{1,32}$/;
const ID = /^[A-Za-z0-9_.-]{1,64}$/;

export class IntakeBallotDto {
  @ApiProperty({ example: 'ga-2020-general' })
  @Matches(SLUG, { message: 'electionId must be an election id (lower-case letters, digits, dashes)' })
  electionId!: string;

  @ApiProperty({ example: 'P-000123', description: 'from the envelope; unique within the election' })
  @Matches(CODE, { message: 'receiptNumber must be 1-32 letters, digits, dashes or underscores' })
  receiptNumber!: string;

  @ApiProperty({ enum: BALLOT_KINDS })
  @IsIn(BALLOT_KINDS)
  kind!: BallotKind;

  @ApiProperty({ example: 'FULTON' })
  @Matches(CODE, { message: 'countyCode must be a county code' })
  countyCode!: string;

  @ApiPropertyOptional({ description: 'where a provisional ballot was cast; absent for UOCAVA' })
  @ValidateIf((o: IntakeBallotDto) => o.kind === 'provisional' || o.precinctId !== undefined)
  @Matches(ID, { message: 'precinctId must be a precinct id' })
  precinctId?: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100)
  firstName!: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(100)
  lastName!: string;

  @ApiProperty({ example: '1980-02-29' }) @IsCalendarDate()
  dateOfBirth!: string;

  @ApiProperty() @IsString() @IsNotEmpty() @MaxLength(300)
  address!: string;

  @ApiPropertyOptional() @IsOptional() @Matches(CODE, { message: 'claimedVoterId must be a voter id' })
  claimedVoterId?: string;

  @ApiPropertyOptional({ enum: ISSUED_REASONS, description: 'required for provisional ballots' })
  @ValidateIf((o: IntakeBallotDto) => o.kind === 'provisional' || o.issuedReason !== undefined)
  @IsIn(ISSUED_REASONS)
  issuedReason?: IssuedReason;

  @ApiPropertyOptional({ enum: UOCAVA_CATEGORIES, description: 'required for UOCAVA ballots' })
  @ValidateIf((o: IntakeBallotDto) => o.kind === 'uocava' || o.uocavaCategory !== undefined)
  @IsIn(UOCAVA_CATEGORIES)
  uocavaCategory?: UocavaCategory;

  @ApiPropertyOptional({ example: '2020-11-02' }) @IsOptional() @IsCalendarDate()
  postmarkDate?: string;

  @ApiPropertyOptional({ example: '2020-10-30' }) @IsOptional() @IsCalendarDate()
  signedDate?: string;

  @ApiProperty({ example: '2020-11-05T10:12:00-05:00' }) @IsInstant()
  receivedAt!: string;

  @ApiPropertyOptional({ example: '2020-11-03T17:40:00-05:00', description: 'required for provisional ballots' })
  @ValidateIf((o: IntakeBallotDto) => o.kind === 'provisional' || o.castAt !== undefined)
  @IsInstant()
  castAt?: string;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean()
  idShown?: boolean;

  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean()
  outOfPrecinctAffidavit?: boolean;

  @ApiPropertyOptional({ enum: SIGNATURE_STATES, default: 'present' }) @IsOptional() @IsIn(SIGNATURE_STATES)
  signature?: SignatureState;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  notes?: string;
}

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

  @ApiPropertyOptional({ description: 'PROPOSE_REJECTION and RETURN' })
  @ValidateIf((o: BallotEventDto) => o.type === 'PROPOSE_REJECTION' || o.type === 'RETURN' || o.note !== undefined)
  @IsString() @IsNotEmpty() @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'HOLD, RELEASE and REINSTATE: the order cited' })
  @ValidateIf((o: BallotEventDto) => ['HOLD', 'RELEASE', 'REINSTATE'].includes(o.type) || o.courtOrder !== undefined)
  @IsString() @IsNotEmpty() @MaxLength(500)
  courtOrder?: string;
}

/** What intake records, from a validated body: fields of the other kind of ballot are dropped. */
export function intakeInput(dto: IntakeBallotDto): IntakeInput {
  return {
    electionId: dto.electionId,
    receiptNumber: dto.receiptNumber,
    kind: dto.kind,
    countyCode: dto.countyCode,
    precinctId: dto.kind === 'provisional' ? (dto.precinctId ?? null) : null,
    firstName: dto.firstName,
    lastName: dto.lastName,
    dateOfBirth: dto.dateOfBirth,
    address: dto.address,
    claimedVoterId: dto.claimedVoterId ?? null,
    issuedReason: dto.kind === 'provisional' ? (dto.issuedReason ?? null) : null,
    uocavaCategory: dto.kind === 'uocava' ? (dto.uocavaCategory ?? null) : null,
    postmarkDate: dto.postmarkDate ?? null,
    signedDate: dto.signedDate ?? null,
    receivedAt: instantMs(dto.receivedAt),
    castAt: dto.kind === 'provisional' && dto.castAt !== undefined ? instantMs(dto.castAt) : null,
    idShown: dto.idShown ?? false,
    outOfPrecinctAffidavit: dto.outOfPrecinctAffidavit ?? false,
    signature: dto.signature ?? 'present',
    notes: dto.notes ?? '',
  };
}

/** The lifecycle command a validated event body asks for. */
export function toCommand(dto: BallotEventDto): BallotCommand {
  switch (dto.type) {
    case 'REQUEST_CURE':
      return { type: dto.type, cureReason: dto.cureReason ?? 'information_missing' };
    case 'RECORD_CURE':
      return { type: dto.type, evidence: dto.evidence ?? '' };
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
