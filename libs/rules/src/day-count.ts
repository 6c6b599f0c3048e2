import type { LocalDate } from '@app/domain';
import { throwIllegalValue } from '@app/domain';
import { DateTime } from 'luxon';
import { WEEKDAYS, type DayUnit, type ElectionType, type Weekday } from './codes';
import type { ElectionCondition } from './pack.loader';

/** How a rule counts its day from an anchor (see `DayCountDto` in pack.schema.ts). */
export interface DayCount {
  readonly offset?: number;
  readonly unit?: DayUnit;
  readonly weekday?: Weekday;
  readonly nth?: number;
  readonly rollForward?: boolean;
}

/** The election facts a variant's `when` is matched against. */
export interface ElectionKind {
  readonly electionType: ElectionType;
  readonly federal: boolean;
}

/** Calendar arithmetic on a local date, so a daylight-saving change never shifts the day. */
export function addDays(date: LocalDate, days: number): LocalDate {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;
}

/** 1 = Monday ... 7 = Sunday, for a local date (zone-free). */
export function isoWeekday(date: LocalDate): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

/**
 * The day a rule counts to from `anchor`, then rolled forward past weekends and holidays when the
 * rule says so. `isBusinessDay` knows the pack's holidays.
 */
export function countDay(anchor: LocalDate, rule: DayCount, isBusinessDay: (date: LocalDate) => boolean): LocalDate {
  let date: LocalDate;
  if (rule.weekday !== undefined && rule.nth !== undefined) {
    date = nthWeekday(anchor, rule.weekday, rule.nth);
  } else if (rule.offset !== undefined && rule.unit !== undefined) {
    date = shiftDays(anchor, rule.offset, rule.unit, isBusinessDay);
  } else {
    // The loader refuses a rule with neither form; reaching here is a bug.
    throw new Error('a day rule needs offset and unit, or weekday and nth');
  }
  if (rule.rollForward === true) {
    while (!isBusinessDay(date)) date = addDays(date, 1);
  }
  return date;
}

/** The nth `weekday` strictly after `anchor` (nth > 0) or strictly before it (nth < 0). */
export function nthWeekday(anchor: LocalDate, weekday: Weekday, nth: number): LocalDate {
  const target = WEEKDAYS.indexOf(weekday) + 1;
  const from = isoWeekday(anchor);
  if (nth > 0) {
    const ahead = (target - from + 7) % 7 || 7;
    return addDays(anchor, ahead + (nth - 1) * 7);
  }
  const back = (from - target + 7) % 7 || 7;
  return addDays(anchor, -(back + (-nth - 1) * 7));
}

/** Moves `days` days from `date`; business days skip weekends and holidays. */
function shiftDays(date: LocalDate, days: number, unit: DayUnit, isBusinessDay: (date: LocalDate) => boolean): LocalDate {
  switch (unit) {
    case 'calendar':
      return addDays(date, days);
    case 'business': {
      const step = days < 0 ? -1 : 1;
      let current = date;
      for (let remaining = Math.abs(days); remaining > 0; ) {
        current = addDays(current, step);
        if (isBusinessDay(current)) remaining -= 1;
      }
      return current;
    }
    default:
      return throwIllegalValue(unit, 'unit');
  }
}

/** The first variant whose conditions all hold for the election governs; else the rule itself. */
export function governing<T extends object>(
  rule: T & { readonly variants?: readonly (T & { readonly when: ElectionCondition })[] },
  election: ElectionKind,
): T {
  const variant = (rule.variants ?? []).find(
    (v) =>
      (v.when.electionTypes === undefined || v.when.electionTypes.includes(election.electionType)) &&
      (v.when.federal === undefined || v.when.federal === election.federal),
  );
  return variant ?? rule;
}
