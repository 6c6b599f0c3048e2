import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DateTime } from 'luxon';
import { isCalendarDate } from '@app/domain';
import {
  RulePackDto,
  type DeadlineRuleDto,
  type ElectionConditionDto,
  type ElectionDayRuleDto,
} from './pack.schema';

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A rule pack that passed validation. Immutable. */
export type RulePack = DeepReadonly<RulePackDto>;
export type DeadlineRule = DeepReadonly<DeadlineRuleDto>;
export type ElectionDayRule = DeepReadonly<ElectionDayRuleDto>;
export type ElectionCondition = DeepReadonly<ElectionConditionDto>;
/** A deadline rule's or a variant's own fields, without the variants. */
export type DeadlineTiming = Omit<DeadlineRule, 'variants'>;
export type ElectionDayTiming = Omit<ElectionDayRule, 'variants'>;

/** A pack refused on load; the message names the file and every offending field. */
export class RulePackError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`rule pack ${file} is invalid:\n  ${problems.join('\n  ')}`);
    this.name = 'RulePackError';
  }
}

function flatten(errors: readonly ValidationError[], prefix = ''): string[] {
  const out: string[] = [];
  for (const error of errors) {
    const path = prefix === '' ? error.property : `${prefix}.${error.property}`;
    for (const message of Object.values(error.constraints ?? {})) {
      // class-validator words messages with the bare property name; lead with the full path.
      out.push(`${path}: ${message}`);
    }
    out.push(...flatten(error.children ?? [], path));
  }
  return out;
}

function isTimeZone(zone: string): boolean {
  return DateTime.fromISO('2000-01-01', { zone }).isValid;
}

interface DayCount {
  readonly offset?: number;
  readonly unit?: string;
  readonly weekday?: string;
  readonly nth?: number;
}

/** A day is counted either by `offset` and `unit` or by `weekday` and `nth`, never by a mix. */
function dayCountProblems(path: string, rule: DayCount): string[] {
  const days = rule.offset !== undefined || rule.unit !== undefined;
  const weekdays = rule.weekday !== undefined || rule.nth !== undefined;
  if (days && weekdays) return [`${path}: give either offset and unit, or weekday and nth, not both`];
  if (weekdays) {
    return rule.weekday !== undefined && rule.nth !== undefined ? [] : [`${path}: weekday and nth go together`];
  }
  return rule.offset !== undefined && rule.unit !== undefined ? [] : [`${path}: give offset and unit, or weekday and nth`];
}

/** A variant's `when` must name at least one condition, or it would silently govern every election. */
function conditionProblems(path: string, when: ElectionConditionDto): string[] {
  return when.electionTypes === undefined && when.federal === undefined
    ? [`${path}.when: name electionTypes, federal or both`]
    : [];
}

/** Checks that span fields, which decorators cannot express. */
function crossFieldProblems(pack: RulePackDto): string[] {
  const problems: string[] = [];
  const citations = new Set(pack.sources.map((s) => s.citation));
  const cite = (path: string, source: string): void => {
    if (!citations.has(source)) {
      problems.push(`${path}.source: "${source}" is not listed in sources[].citation`);
    }
  };
  for (const [field, date] of [
    ['effectiveFrom', pack.effectiveFrom],
    ['effectiveTo', pack.effectiveTo],
  ] as const) {
    if (date !== null && !isCalendarDate(date)) problems.push(`${field}: ${date} is not a calendar date`);
  }
  if (pack.effectiveTo !== null && pack.effectiveTo < pack.effectiveFrom) {
    problems.push('effectiveTo: must not be before effectiveFrom');
  }
  pack.holidays.dates.forEach((h, i) => {
    if (!isCalendarDate(h.date)) problems.push(`holidays.dates.${i}.date: ${h.date} is not a calendar date`);
  });
  cite('holidays', pack.holidays.source);
  cite('closeOfBusiness', pack.closeOfBusiness.source);
  cite('pollsClose', pack.pollsClose.source);
  cite('outOfPrecinct', pack.outOfPrecinct.source);
  cite('outOfCounty', pack.outOfCounty.source);
  cite('provisionalIdCure', pack.provisionalIdCure.source);
  cite('sameDayRegistration', pack.sameDayRegistration.source);
  for (const [name, rule] of Object.entries(pack.deadlines) as [string, DeadlineRuleDto | null][]) {
    if (rule === null) continue;
    const isCertification = name === 'countyCertification' || name === 'stateCertification';
    const timings = [
      [`deadlines.${name}`, rule] as const,
      ...(rule.variants ?? []).map((v, i) => [`deadlines.${name}.variants.${i}`, v] as const),
    ];
    for (const [path, timing] of timings) {
      cite(path, timing.source);
      problems.push(...dayCountProblems(path, timing));
      if (isCertification && timing.anchor !== 'election_day') {
        problems.push(`${path}.anchor: a certification deadline must be anchored to election_day`);
      }
    }
    (rule.variants ?? []).forEach((v, i) => problems.push(...conditionProblems(`deadlines.${name}.variants.${i}`, v.when)));
  }
  for (const [name, rule] of [
    ['votingOpens', pack.votingOpens],
    ['uocavaTransmission', pack.uocavaTransmission],
  ] as const) {
    cite(name, rule.source);
    problems.push(...dayCountProblems(name, rule));
    (rule.variants ?? []).forEach((v, i) => {
      cite(`${name}.variants.${i}`, v.source);
      problems.push(...dayCountProblems(`${name}.variants.${i}`, v));
      problems.push(...conditionProblems(`${name}.variants.${i}`, v.when));
    });
  }
  if (pack.countyTimeZones !== undefined) {
    cite('countyTimeZones', pack.countyTimeZones.source);
    for (const [county, zone] of Object.entries(pack.countyTimeZones.zones)) {
      if (county.trim() === '') problems.push('countyTimeZones.zones: a county code must not be empty');
      if (typeof zone !== 'string' || !isTimeZone(zone)) {
        problems.push(`countyTimeZones.zones.${county}: ${String(zone)} is not an IANA time zone`);
      }
    }
  }
  return problems;
}

/**
 * Validates a parsed JSON value as a rule pack. Unknown fields are refused, so a misspelt
 * field cannot silently fall back to a default.
 */
export function parseRulePack(raw: unknown, file: string): RulePack {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new RulePackError(file, ['(root): must be a JSON object']);
  }
  const dto = plainToInstance(RulePackDto, raw);
  const errors = validateSync(dto, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  const problems = flatten(errors);
  if (problems.length === 0) problems.push(...crossFieldProblems(dto));
  if (problems.length > 0) throw new RulePackError(file, problems);
  const expected = basename(file).replace(/\.json$/, '');
  if (/^[A-Z]{2}-\d{4}$/.test(expected) && expected !== dto.id) {
    throw new RulePackError(file, [`id: "${dto.id}" does not match the file name ${basename(file)}`]);
  }
  return deepFreeze(dto);
}

/** Reads and validates one pack file (a county's own or a court-ordered variant, say). */
export function loadRulePackFile(path: string): RulePack {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RulePackError(path, [`(file): cannot be read as JSON: ${reason}`]);
  }
  return parseRulePack(raw, path);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
