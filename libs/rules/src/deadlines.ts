import type { Instant, LocalDate } from '@app/domain';
import { throwIllegalValue } from '@app/domain';
import { DateTime } from 'luxon';
import type { CourtOrderTarget, DeadlineName, ElectionType, NamedTime } from './codes';
import type { DeadlineRule, RulePack } from './pack.loader';

/** A county's own close of business (SPEC section 2: per-county overrides). */
export interface CountyOverride {
  readonly countyCode: string;
  readonly closeOfBusiness: string;
  /** Where the county's hours are set (a board resolution, its posted hours). */
  readonly source: string;
}

/** A court order that sets a deadline anew, for some counties or (countyCodes null) all. */
export interface CourtOrder {
  readonly citation: string;
  readonly deadline: CourtOrderTarget;
  readonly countyCodes: readonly string[] | null;
  /** Local date and time in the election's zone, `YYYY-MM-DDTHH:MM`. */
  readonly extendedTo: string;
}

/** The election's own facts that deadlines are computed from. */
export interface ElectionSchedule {
  readonly electionDay: LocalDate;
  readonly timeZone: string;
  /** Polls-close time on election day, `HH:MM`; the pack's when absent. */
  readonly pollsClose?: string | null;
  readonly electionType?: ElectionType;
  readonly federal?: boolean;
  readonly countyOverrides?: readonly CountyOverride[];
  readonly courtOrders?: readonly CourtOrder[];
}

export interface Deadline {
  readonly name: DeadlineName;
  /** The last instant that is still in time: a thing done at or before it is timely. */
  readonly at: Instant;
  readonly localDate: LocalDate;
  /** ISO 8601 with the offset in force that day, e.g. `2020-11-06T17:00:00.000-05:00`. */
  readonly local: string;
  /** For people: local time with the zone, e.g. `Fri, Nov 6, 2020, 5:00 PM EST`. */
  readonly display: string;
  /** The rule pack citation this deadline encodes. */
  readonly source: string;
  /** The court order that set it, when one did. */
  readonly courtOrder: string | null;
}

export type DeadlineSet = { readonly [N in DeadlineName]: N extends 'uocavaPostmark' ? Deadline | null : Deadline };

export interface CountyCalendar {
  readonly countyCode: string;
  readonly timeZone: string;
  readonly electionDay: LocalDate;
  readonly pollsClose: Instant;
  /** `HH:MM`: the county's own, or the pack's. */
  readonly closeOfBusiness: string;
  readonly closeOfBusinessSource: string;
  readonly deadlines: DeadlineSet;
}

const DISPLAY_FORMAT = 'ccc, LLL d, yyyy, h:mm a ZZZZ';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Every deadline of one election, computed in the election's time zone from the rule pack,
 * the county's overrides and any court orders. Pure: the same inputs give the same instants.
 * Per-county results are memoized, so ballot-by-ballot callers only look them up.
 */
export class ElectionCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly counties = new Map<string, CountyCalendar>();

  constructor(
    readonly pack: RulePack,
    readonly schedule: ElectionSchedule,
  ) {
    if (!DateTime.now().setZone(schedule.timeZone).isValid) {
      throw new Error(`timeZone ${schedule.timeZone} is not an IANA time zone`);
    }
    if (!ISO_DATE.test(schedule.electionDay) || !this.day(schedule.electionDay).isValid) {
      throw new Error(`electionDay ${schedule.electionDay} is not a YYYY-MM-DD date`);
    }
    for (const order of schedule.courtOrders ?? []) {
      if (!LOCAL_DATE_TIME.test(order.extendedTo)) {
        throw new Error(`court order ${order.citation}: extendedTo must be YYYY-MM-DDTHH:MM`);
      }
    }
    this.holidays = new Set(pack.holidays.dates.map((h) => h.date));
  }

  get timeZone(): string {
    return this.schedule.timeZone;
  }

  forCounty(countyCode: string): CountyCalendar {
    let calendar = this.counties.get(countyCode);
    if (calendar === undefined) {
      calendar = this.computeCounty(countyCode);
      this.counties.set(countyCode, calendar);
    }
    return calendar;
  }

  /** The instant of a local wall-clock time (`HH:MM`) on a local date, in the election's zone. */
  instantAt(date: LocalDate, time: string): Instant {
    const [hour, minute] = time.split(':').map(Number);
    return this.day(date).set({ hour: hour ?? 0, minute: minute ?? 0 }).toMillis();
  }

  /** The local calendar date of an instant, in the election's zone. */
  localDateOf(instant: Instant): LocalDate {
    return DateTime.fromMillis(instant, { zone: this.timeZone }).toISODate() ?? '';
  }

  display(instant: Instant): string {
    return formatLocal(instant, this.timeZone);
  }

  isBusinessDay(date: LocalDate): boolean {
    const weekday = this.day(date).weekday; // 1 = Monday ... 7 = Sunday
    return weekday <= 5 && !this.holidays.has(date);
  }

  private day(date: LocalDate): DateTime {
    return DateTime.fromISO(date, { zone: this.schedule.timeZone });
  }

  private computeCounty(countyCode: string): CountyCalendar {
    const override = this.schedule.countyOverrides?.find((o) => o.countyCode === countyCode);
    const closeOfBusiness = override?.closeOfBusiness ?? this.pack.closeOfBusiness.time;
    const closeOfBusinessSource = override?.source ?? this.pack.closeOfBusiness.source;
    const pollsCloseTime = this.schedule.pollsClose ?? this.pack.pollsClose.time;
    const pollsClose = this.instantAt(this.schedule.electionDay, pollsCloseTime);
    const times: Record<NamedTime, string> = {
      close_of_business: closeOfBusiness,
      end_of_day: '23:59',
      polls_close: pollsCloseTime,
    };
    const rules = this.pack.deadlines;
    const compute = (name: DeadlineName, rule: DeadlineRule, anchorDate: LocalDate): Deadline =>
      this.applyCourtOrder(countyCode, this.fromRule(name, rule, anchorDate, times));

    // Certification first: the other deadlines may be anchored to it (the loader forbids the reverse).
    const countyCertification = compute('countyCertification', rules.countyCertification, this.schedule.electionDay);
    const anchorOf = (rule: DeadlineRule): LocalDate => {
      switch (rule.anchor) {
        case 'election_day':
          return this.schedule.electionDay;
        case 'certification':
          return countyCertification.localDate;
        default:
          return throwIllegalValue(rule.anchor, 'anchor');
      }
    };
    const deadlines: DeadlineSet = {
      registration: compute('registration', rules.registration, anchorOf(rules.registration)),
      provisionalCure: compute('provisionalCure', rules.provisionalCure, anchorOf(rules.provisionalCure)),
      uocavaPostmark:
        rules.uocavaPostmark === null
          ? null
          : compute('uocavaPostmark', rules.uocavaPostmark, anchorOf(rules.uocavaPostmark)),
      uocavaReceipt: compute('uocavaReceipt', rules.uocavaReceipt, anchorOf(rules.uocavaReceipt)),
      countyCertification,
      stateCertification: compute('stateCertification', rules.stateCertification, this.schedule.electionDay),
    };
    return {
      countyCode,
      timeZone: this.timeZone,
      electionDay: this.schedule.electionDay,
      pollsClose,
      closeOfBusiness,
      closeOfBusinessSource,
      deadlines,
    };
  }

  private fromRule(
    name: DeadlineName,
    rule: DeadlineRule,
    anchorDate: LocalDate,
    times: Record<NamedTime, string>,
  ): Deadline {
    let date = this.shiftDays(anchorDate, rule.offset, rule.unit === 'business');
    if (rule.rollForward === true) {
      while (!this.isBusinessDay(date)) date = this.nextDate(date, 1);
    }
    const named = times[rule.time as NamedTime] as string | undefined;
    const time = named ?? rule.time;
    // end_of_day is the whole last minute of the day: 23:59:59.999 is still in time.
    const at = this.instantAt(date, time) + (rule.time === 'end_of_day' ? 59_999 : 0);
    return this.deadline(name, at, rule.source, null);
  }

  private applyCourtOrder(countyCode: string, computed: Deadline): Deadline {
    // The last matching order governs: a later order supersedes an earlier one.
    const orders = (this.schedule.courtOrders ?? []).filter(
      (o) => o.deadline === computed.name && (o.countyCodes === null || o.countyCodes.includes(countyCode)),
    );
    const order = orders[orders.length - 1];
    if (order === undefined) return computed;
    const [date, time] = order.extendedTo.split('T') as [string, string];
    return this.deadline(computed.name, this.instantAt(date, time), computed.source, order.citation);
  }

  private deadline(name: DeadlineName, at: Instant, source: string, courtOrder: string | null): Deadline {
    const local = DateTime.fromMillis(at, { zone: this.timeZone });
    return {
      name,
      at,
      localDate: local.toISODate() ?? '',
      local: local.toISO() ?? '',
      display: formatLocal(at, this.timeZone),
      source,
      courtOrder,
    };
  }

  /** Moves `days` days from `date`; business days skip weekends and the pack's holidays. */
  private shiftDays(date: LocalDate, days: number, businessOnly: boolean): LocalDate {
    if (!businessOnly) return this.nextDate(date, days);
    const step = days < 0 ? -1 : 1;
    let current = date;
    for (let remaining = Math.abs(days); remaining > 0; ) {
      current = this.nextDate(current, step);
      if (this.isBusinessDay(current)) remaining -= 1;
    }
    return current;
  }

  private nextDate(date: LocalDate, days: number): LocalDate {
    // Calendar arithmetic on the local date, so a daylight-saving change never shifts the day.
    return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate() ?? date;
  }
}

export function formatLocal(instant: Instant, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).setLocale('en-US').toFormat(DISPLAY_FORMAT);
}

