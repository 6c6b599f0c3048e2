import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { DateTime } from 'luxon';
import { RulePackDto, type DeadlineRuleDto } from './pack.schema';

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** A rule pack that passed validation. Immutable. */
export type RulePack = DeepReadonly<RulePackDto>;
export type DeadlineRule = DeepReadonly<DeadlineRuleDto>;

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

function isCalendarDate(value: string): boolean {
  return DateTime.fromISO(value, { zone: 'UTC' }).isValid;
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
    cite(`deadlines.${name}`, rule.source);
    const isCertification = name === 'countyCertification' || name === 'stateCertification';
    if (isCertification && rule.anchor !== 'election_day') {
      problems.push(`deadlines.${name}.anchor: a certification deadline must be anchored to election_day`);
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
