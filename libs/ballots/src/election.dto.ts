import { CODE, DISTRICT_KINDS, ID, LOCAL_TIME, PHONE, SLUG, type DistrictKind } from '@app/domain';
import { ELECTION_TYPES, type ElectionType } from '@app/rules';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsOptional, IsString, IsTimeZone, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsCalendarDate, IsEmailAddress, IsPlainText, Trim } from './validators';

/**
 * The election and jurisdiction inputs, validated the same way at every edge: the API's body, the
 * console's form and the CLI's JSON file (`validInput`). The OpenAPI documentation is the API's
 * (apps/api, elections.docs.ts).
 */
export class NewElectionDto {
  @Matches(SLUG, { message: 'id must be lower-case letters, digits and dashes' })
  id!: string;

  @Trim() @IsString() @MinLength(1) @MaxLength(200) @IsPlainText()
  name!: string;

  @Matches(/^[A-Z]{2}$/, { message: 'state must be a two-letter postal code' })
  state!: string;

  @IsCalendarDate()
  electionDay!: string;

  @IsOptional() @IsTimeZone()
  timeZone?: string;

  @IsOptional() @Matches(/^[A-Z]{2}-\d{4}$/, { message: 'rulePackId must look like GA-2020' })
  rulePackId?: string;

  @IsOptional() @Matches(LOCAL_TIME, { message: 'pollsClose must be HH:MM' })
  pollsClose?: string;

  @IsOptional() @IsIn(ELECTION_TYPES)
  electionType?: ElectionType;

  @IsOptional() @IsBoolean()
  federal?: boolean;
}

/** The office's words in one other language: each optional, the same limits as the originals. */
export class OfficeTranslationDto {
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(200) @IsPlainText() name?: string;
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(300) @IsPlainText() address?: string;
  @IsOptional() @Trim() @IsString() @MinLength(1) @MaxLength(200) @IsPlainText() hours?: string;
}

/** Per voter language (English, Spanish): the portal and the notices show the office in the voter's language. */
export class OfficeTranslationsDto {
  @IsOptional() @ValidateNested() @Type(() => OfficeTranslationDto) en?: OfficeTranslationDto;
  @IsOptional() @ValidateNested() @Type(() => OfficeTranslationDto) es?: OfficeTranslationDto;
}

export class CountyOfficeDto {
  @Trim() @IsString() @MinLength(1) @MaxLength(200) @IsPlainText() name!: string;
  @Trim() @IsString() @MinLength(1) @MaxLength(300) @IsPlainText() address!: string;
  @Trim() @IsString() @MinLength(1) @MaxLength(200) @IsPlainText() hours!: string;
  @Matches(PHONE, { message: 'phone must be a phone number' }) phone!: string;
  @IsOptional() @IsEmailAddress() @MaxLength(254) email?: string;
  @IsOptional() @ValidateNested() @Type(() => OfficeTranslationsDto) translations?: OfficeTranslationsDto;
}

export class CountyDto {
  @Matches(CODE, { message: 'code must be a county code' }) code!: string;
  @Trim() @IsString() @MinLength(1) @MaxLength(100) @IsPlainText() name!: string;
  @IsOptional() @ValidateNested() @Type(() => CountyOfficeDto) office?: CountyOfficeDto;
}

export class DistrictDto {
  @Matches(ID, { message: 'id must be a district id' }) id!: string;
  @IsIn(DISTRICT_KINDS, { message: `kind must be one of: ${DISTRICT_KINDS.join(', ')}` }) kind!: DistrictKind;
  @Trim() @IsString() @MinLength(1) @MaxLength(200) @IsPlainText() name!: string;
}

export class PrecinctDto {
  @Matches(ID, { message: 'id must be a precinct id' }) id!: string;
  @Matches(CODE, { message: 'countyCode must be a county code' }) countyCode!: string;
  @Matches(ID, { each: true, message: 'districtIds must be district ids' }) @ArrayMaxSize(100) @IsArray() districtIds!: string[];
}

export class ContestDto {
  @Matches(ID, { message: 'id must be a contest id' }) id!: string;
  @Matches(ID, { message: 'districtId must be a district id' }) districtId!: string;
  @Trim() @IsString() @MinLength(1) @MaxLength(200) @IsPlainText() name!: string;
}

/** Counties, districts, precincts and contests of an election: the jurisdiction import's input. */
export class JurisdictionBundleDto {
  @ValidateNested({ each: true }) @Type(() => CountyDto) @ArrayMaxSize(500) @IsArray() @IsDefined() counties!: CountyDto[];
  @ValidateNested({ each: true }) @Type(() => DistrictDto) @ArrayMaxSize(10_000) @IsArray() @IsDefined() districts!: DistrictDto[];
  @ValidateNested({ each: true }) @Type(() => PrecinctDto) @ArrayMaxSize(20_000) @IsArray() @IsDefined() precincts!: PrecinctDto[];
  @ValidateNested({ each: true }) @Type(() => ContestDto) @ArrayMaxSize(10_000) @IsArray() @IsDefined() contests!: ContestDto[];
}
