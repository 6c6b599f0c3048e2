import 'reflect-metadata';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  DAY_UNITS,
  DEADLINE_ANCHORS,
  NAMED_TIMES,
  OUT_OF_COUNTY_POLICIES,
  OUT_OF_PRECINCT_POLICIES,
  type DayUnit,
  type DeadlineAnchor,
  type OutOfCountyPolicy,
  type OutOfPrecinctPolicy,
} from './codes';

export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const TIME_OF_DAY = new RegExp(`^(([01]\\d|2[0-3]):[0-5]\\d|${NAMED_TIMES.join('|')})$`);

/** Where a rule comes from: a statute, a regulation, an official calendar. */
export class SourceDto {
  @IsString() @IsNotEmpty() @MaxLength(300)
  citation!: string;

  @IsString() @IsNotEmpty() @MaxLength(500)
  title!: string;

  @IsOptional() @IsUrl({ require_protocol: true })
  url?: string;
}

/** A rule that cites where it comes from. */
abstract class CitedRule {
  /** The statute or official source this rule encodes; must match a `sources[].citation`. */
  @IsString() @IsNotEmpty() @MaxLength(300)
  source!: string;
}

export class DeadlineRuleDto extends CitedRule {
  @IsIn(DEADLINE_ANCHORS)
  anchor!: DeadlineAnchor;

  /** Days after (or, negative, before) the anchor. */
  @IsInt() @Min(-366) @Max(366)
  offset!: number;

  @IsIn(DAY_UNITS)
  unit!: DayUnit;

  /** `HH:MM` local time, or `close_of_business`, `end_of_day`, `polls_close`. */
  @Matches(TIME_OF_DAY, { message: `time must be HH:MM or one of: ${NAMED_TIMES.join(', ')}` })
  time!: string;

  /** When the computed day is a weekend or holiday, move to the next business day. */
  @IsOptional() @IsBoolean()
  rollForward?: boolean;
}

export class DeadlinesDto {
  @IsObject() @ValidateNested() @Type(() => DeadlineRuleDto)
  registration!: DeadlineRuleDto;

  @IsObject() @ValidateNested() @Type(() => DeadlineRuleDto)
  provisionalCure!: DeadlineRuleDto;

  /** Null where the state has no postmark rule (the ballot must simply arrive in time). */
  @ValidateIf((_o, v) => v !== null) @IsObject() @ValidateNested() @Type(() => DeadlineRuleDto)
  uocavaPostmark!: DeadlineRuleDto | null;

  @IsObject() @ValidateNested() @Type(() => DeadlineRuleDto)
  uocavaReceipt!: DeadlineRuleDto;

  @IsObject() @ValidateNested() @Type(() => DeadlineRuleDto)
  countyCertification!: DeadlineRuleDto;

  @IsObject() @ValidateNested() @Type(() => DeadlineRuleDto)
  stateCertification!: DeadlineRuleDto;
}

export class HolidayDto {
  @Matches(LOCAL_DATE, { message: 'date must be YYYY-MM-DD' })
  date!: string;

  @IsString() @IsNotEmpty()
  name!: string;
}

export class OutOfPrecinctDto extends CitedRule {
  @IsIn(OUT_OF_PRECINCT_POLICIES)
  policy!: OutOfPrecinctPolicy;

  /** For `eligible_contests_after_5pm_with_affidavit`: the local time on election day from which it applies. */
  @ValidateIf((o: OutOfPrecinctDto) => o.policy === 'eligible_contests_after_5pm_with_affidavit')
  @Matches(LOCAL_TIME, { message: 'afterTime must be HH:MM' })
  afterTime?: string;
}

export class OutOfCountyDto extends CitedRule {
  @IsIn(OUT_OF_COUNTY_POLICIES)
  policy!: OutOfCountyPolicy;
}

export class FlagRuleDto extends CitedRule {
  @IsBoolean()
  value!: boolean;
}

export class LocalTimeRuleDto extends CitedRule {
  @Matches(LOCAL_TIME, { message: 'time must be HH:MM' })
  time!: string;
}

export class HolidaysDto extends CitedRule {
  @IsArray() @ValidateNested({ each: true }) @Type(() => HolidayDto)
  dates!: HolidayDto[];
}

/** One state's rules for one period (SPEC section 4). Validated on load; see `pack.loader.ts`. */
export class RulePackDto {
  @Matches(/^[A-Z]{2}-\d{4}$/, { message: 'id must look like GA-2020' })
  id!: string;

  @Matches(/^[A-Z]{2}$/, { message: 'state must be a two-letter postal code' })
  state!: string;

  @IsString() @IsNotEmpty()
  name!: string;

  @Matches(LOCAL_DATE, { message: 'effectiveFrom must be YYYY-MM-DD' })
  effectiveFrom!: string;

  @ValidateIf((_o, v) => v !== null)
  @Matches(LOCAL_DATE, { message: 'effectiveTo must be YYYY-MM-DD or null' })
  effectiveTo!: string | null;

  @IsTimeZone()
  timeZone!: string;

  @IsObject() @ValidateNested() @Type(() => LocalTimeRuleDto)
  closeOfBusiness!: LocalTimeRuleDto;

  @IsObject() @ValidateNested() @Type(() => LocalTimeRuleDto)
  pollsClose!: LocalTimeRuleDto;

  @IsObject() @ValidateNested() @Type(() => HolidaysDto)
  holidays!: HolidaysDto;

  @IsObject() @ValidateNested() @Type(() => DeadlinesDto)
  deadlines!: DeadlinesDto;

  @IsObject() @ValidateNested() @Type(() => OutOfPrecinctDto)
  outOfPrecinct!: OutOfPrecinctDto;

  @IsObject() @ValidateNested() @Type(() => OutOfCountyDto)
  outOfCounty!: OutOfCountyDto;

  /** A provisional voter who showed no ID must present it by the cure deadline. */
  @IsObject() @ValidateNested() @Type(() => FlagRuleDto)
  provisionalIdCure!: FlagRuleDto;

  /** Registration on election day is allowed, so the registration deadline does not bar a voter. */
  @IsObject() @ValidateNested() @Type(() => FlagRuleDto)
  sameDayRegistration!: FlagRuleDto;

  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => SourceDto)
  sources!: SourceDto[];

  @IsOptional() @IsString()
  notes?: string;
}
