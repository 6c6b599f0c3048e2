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
  NotEquals,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  DAY_UNITS,
  DEADLINE_ANCHORS,
  ELECTION_TYPES,
  NAMED_TIMES,
  OUT_OF_COUNTY_POLICIES,
  OUT_OF_PRECINCT_POLICIES,
  WEEKDAYS,
  type DayUnit,
  type DeadlineAnchor,
  type ElectionType,
  type OutOfCountyPolicy,
  type OutOfPrecinctPolicy,
  type Weekday,
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

/**
 * How a day is counted from its anchor, in one of two forms (the loader refuses a mix of them):
 *
 * - `offset` and `unit`: that many `calendar` or `business` days after the anchor (negative:
 *   before it). Business days skip weekends and the pack's holidays.
 * - `weekday` and `nth`: the nth such weekday strictly after the anchor day (negative: strictly
 *   before it). "The Monday after the election" is `monday`, 1; "the third Thursday after a general
 *   election" is `thursday`, 3; "the fourth Monday before" is `monday`, -4. The anchor day itself never
 *   counts, so the Monday after a Monday anchor is seven days on.
 *
 * Either way, `rollForward` then moves a day that is a weekend or holiday to the next business day
 * ("the Tuesday when that Monday is a holiday").
 */
abstract class DayCountDto extends CitedRule {
  /** Days after (or, negative, before) the anchor; with `unit`. */
  @IsOptional() @IsInt() @Min(-366) @Max(366)
  offset?: number;

  @IsOptional() @IsIn(DAY_UNITS)
  unit?: DayUnit;

  /** The weekday counted; with `nth`. */
  @IsOptional() @IsIn(WEEKDAYS)
  weekday?: Weekday;

  /** Which occurrence of `weekday`: 1 is the first after the anchor, -1 the last before it; never 0. */
  @IsOptional() @IsInt() @Min(-53) @Max(53) @NotEquals(0)
  nth?: number;

  /** When the computed day is a weekend or holiday, move to the next business day. */
  @IsOptional() @IsBoolean()
  rollForward?: boolean;
}

/**
 * Which elections a variant governs. Every condition given must hold; at least one must be given.
 * An absent condition matches any election.
 */
export class ElectionConditionDto {
  @IsOptional() @IsArray() @ArrayMinSize(1) @IsIn(ELECTION_TYPES, { each: true })
  electionTypes?: ElectionType[];

  /** Whether the election includes a federal office. */
  @IsOptional() @IsBoolean()
  federal?: boolean;
}

/** A deadline's timing: its anchor, how its day is counted, and its time of day. */
abstract class DeadlineTimingDto extends DayCountDto {
  @IsIn(DEADLINE_ANCHORS)
  anchor!: DeadlineAnchor;

  /** `HH:MM` local time, or `close_of_business`, `end_of_day`, `polls_close`. */
  @Matches(TIME_OF_DAY, { message: `time must be HH:MM or one of: ${NAMED_TIMES.join(', ')}` })
  time!: string;
}

/** The same deadline for some elections only, e.g. a primary, or an election without a federal office. */
export class DeadlineVariantDto extends DeadlineTimingDto {
  @IsObject() @ValidateNested() @Type(() => ElectionConditionDto)
  when!: ElectionConditionDto;
}

/**
 * A deadline. Where the statute differs by kind of election, `variants` say so: the first variant
 * whose `when` matches the election governs, else the rule's own fields. Each variant cites its source.
 */
export class DeadlineRuleDto extends DeadlineTimingDto {
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => DeadlineVariantDto)
  variants?: DeadlineVariantDto[];
}

/** A day counted from election day for some elections only. */
export class ElectionDayVariantDto extends DayCountDto {
  @IsObject() @ValidateNested() @Type(() => ElectionConditionDto)
  when!: ElectionConditionDto;
}

/**
 * A day counted from election day (no anchor, no time: the calendar gives its first instant),
 * with variants chosen as for a deadline.
 */
export class ElectionDayRuleDto extends DayCountDto {
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ElectionDayVariantDto)
  variants?: ElectionDayVariantDto[];
}

/** The counties that keep another zone than the pack's, by county code (IANA zone names). */
export class CountyTimeZonesDto extends CitedRule {
  @IsObject()
  zones!: Record<string, string>;
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

  /** Null where the statute sets the state no deadline (Pennsylvania: 25 P.S. § 3159). */
  @ValidateIf((_o, v) => v !== null) @IsObject() @ValidateNested() @Type(() => DeadlineRuleDto)
  stateCertification!: DeadlineRuleDto | null;
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

  /** For a state whose counties lie in two zones: the counties that keep another zone than `timeZone`. */
  @IsOptional() @IsObject() @ValidateNested() @Type(() => CountyTimeZonesDto)
  countyTimeZones?: CountyTimeZonesDto;

  @IsObject() @ValidateNested() @Type(() => LocalTimeRuleDto)
  closeOfBusiness!: LocalTimeRuleDto;

  @IsObject() @ValidateNested() @Type(() => LocalTimeRuleDto)
  pollsClose!: LocalTimeRuleDto;

  @IsObject() @ValidateNested() @Type(() => HolidaysDto)
  holidays!: HolidaysDto;

  @IsObject() @ValidateNested() @Type(() => DeadlinesDto)
  deadlines!: DeadlinesDto;

  /**
   * The first day a ballot can be cast in person (early or advance voting opens), counted from
   * election day. Intake refuses a ballot cast before it.
   */
  @IsObject() @ValidateNested() @Type(() => ElectionDayRuleDto)
  votingOpens!: ElectionDayRuleDto;

  /** The day by which UOCAVA ballots must be sent (a county may send them earlier). */
  @IsObject() @ValidateNested() @Type(() => ElectionDayRuleDto)
  uocavaTransmission!: ElectionDayRuleDto;

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
