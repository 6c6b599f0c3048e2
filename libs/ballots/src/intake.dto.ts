import {
  BALLOT_KINDS,
  ISSUED_REASONS,
  SIGNATURE_STATES,
  UOCAVA_CATEGORIES,
  VOTER_LANGUAGES,
  type BallotKind,
  type IssuedReason,
  type SignatureState,
  type UocavaCategory,
  type VoterLanguage,
} from '@app/domain';
import { IsBoolean, IsIn, IsOptional, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { IntakeInput } from './ballot-intake';
import { instantMs, IsCalendarDate, IsEmailAddress, IsInstant, IsPlainText, OnlyForUocava, Trim } from './validators';

/** The shapes of ids the service accepts (election ids, county and receipt codes, precinct ids). */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const CODE = /^[A-Za-z0-9_-]{1,32}$/;
export const ID = /^[A-Za-z0-9_.-]{1,64}$/;
export const PHONE = /^\+?[0-9 ().-]{7,25}$/;

/** A ballot as it arrives, by the API, the console or a file: validated the same way everywhere. */
export class IntakeBallotDto {
  @Matches(SLUG, { message: 'electionId must be an election id (lower-case letters, digits, dashes)' })
  electionId!: string;

  @Matches(CODE, { message: 'receiptNumber must be 1-32 letters, digits, dashes or underscores' })
  receiptNumber!: string;

  @IsIn(BALLOT_KINDS)
  kind!: BallotKind;

  @Matches(CODE, { message: 'countyCode must be a county code' })
  countyCode!: string;

  @ValidateIf((o: IntakeBallotDto) => o.kind === 'provisional' || o.precinctId !== undefined)
  @Matches(ID, { message: 'precinctId must be a precinct id' })
  precinctId?: string;

  @Trim() @IsPlainText() @MaxLength(100)
  firstName!: string;

  @Trim() @IsPlainText() @MaxLength(100)
  lastName!: string;

  /** Checked against election day and the clock at intake (not in the future, not over 130 years back). */
  @IsCalendarDate()
  dateOfBirth!: string;

  @Trim() @IsPlainText() @MaxLength(300)
  address!: string;

  @IsOptional() @Matches(CODE, { message: 'claimedVoterId must be a voter id' })
  claimedVoterId?: string;

  @ValidateIf((o: IntakeBallotDto) => o.kind === 'provisional' || o.issuedReason !== undefined)
  @IsIn(ISSUED_REASONS)
  issuedReason?: IssuedReason;

  @ValidateIf((o: IntakeBallotDto) => o.kind === 'uocava' || o.uocavaCategory !== undefined)
  @IsIn(UOCAVA_CATEGORIES)
  uocavaCategory?: UocavaCategory;

  /** The voter returned the federal write-in absentee ballot (FWAB): UOCAVA ballots only. */
  @IsOptional() @IsBoolean() @OnlyForUocava()
  fwab?: boolean;

  @IsOptional() @IsCalendarDate()
  postmarkDate?: string;

  @IsOptional() @IsCalendarDate()
  signedDate?: string;

  @IsInstant()
  receivedAt!: string;

  @ValidateIf((o: IntakeBallotDto) => o.kind === 'provisional' || o.castAt !== undefined)
  @IsInstant()
  castAt?: string;

  @IsOptional() @IsBoolean()
  idShown?: boolean;

  @IsOptional() @IsBoolean()
  outOfPrecinctAffidavit?: boolean;

  @IsOptional() @IsIn(SIGNATURE_STATES)
  signature?: SignatureState;

  @IsOptional() @IsPlainText({ multiline: true, allowEmpty: true }) @MaxLength(2000)
  notes?: string;

  /** Where the voter asked to be told about the ballot (issue 5). */
  @IsOptional() @Trim() @IsEmailAddress() @MaxLength(254)
  contactEmail?: string;

  @IsOptional() @Matches(PHONE, { message: 'contactPhone must be a phone number: digits, spaces, dashes, dots, brackets, an optional leading +' })
  contactPhone?: string;

  @IsOptional() @IsIn(VOTER_LANGUAGES)
  language?: VoterLanguage;
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
    fwab: dto.kind === 'uocava' && dto.fwab === true,
    postmarkDate: dto.postmarkDate ?? null,
    signedDate: dto.signedDate ?? null,
    receivedAt: instantMs(dto.receivedAt),
    castAt: dto.kind === 'provisional' && dto.castAt !== undefined ? instantMs(dto.castAt) : null,
    idShown: dto.idShown ?? false,
    outOfPrecinctAffidavit: dto.outOfPrecinctAffidavit ?? false,
    signature: dto.signature ?? 'present',
    notes: dto.notes ?? '',
    contactEmail: dto.contactEmail ?? null,
    contactPhone: dto.contactPhone ?? null,
    language: dto.language ?? 'en',
  };
}

