import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BALLOT_KINDS,
  ISSUED_REASONS,
  SIGNATURE_STATES,
  UOCAVA_CATEGORIES,
  type BallotKind,
  type IssuedReason,
  type SignatureState,
  type UocavaCategory,
} from '@app/domain';
import { IsBoolean, IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { IntakeInput } from './ballot-intake';
import { instantMs, IsCalendarDate, IsInstant } from './validators';

/** The shapes of ids the service accepts (election ids, county and receipt codes, precinct ids). */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const CODE = /^[A-Za-z0-9_-]{1,32}$/;
export const ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** A ballot as it arrives, by the API, the console or a file: validated the same way everywhere. */
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

