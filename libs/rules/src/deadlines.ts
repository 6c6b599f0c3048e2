import type { Instant, LocalDate } from '@app/domain';
import { throwIllegalValue } from '@app/domain';
import { DateTime } from 'luxon';
import {
  COURT_ORDER_TARGETS,
  ELECTION_TYPES,
  type CourtOrderTarget,
  type DeadlineName,
  type NamedTime,
} from './codes';
import { countDay, governing, isoWeekday, type ElectionKind } from './day-count';
import type { DeadlineRule, DeadlineTiming, ElectionDayRule, ElectionDayTiming, RulePack } from './pack.loader';
import type { CountyCalendar, CourtOrder, Deadline, DeadlineSet, ElectionSchedule } from './schedule';

export type { CountyCalendar, CountyOverride, CourtOrder, Deadline, DeadlineSet, ElectionSchedule } from './schedule';

const DISPLAY_FORMAT = 'ccc, LLL d, yyyy, h:mm a ZZZZ';
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;

/**
 * Every deadline of one election, computed from the rule pack (the variants for the election's type),
 * the county's overrides and any court orders, each county in its own zone. Pure: the same inputs
 * give the same instants. Per-county results are memoized, so ballot-by-ballot callers only look them up.
 */
export class ElectionCalendar {
  readonly election: ElectionKind;
  private readonly holidays: ReadonlySet<string>;
  private readonly counties = new Map<string, CountyCalendar>();

  constructor(
    readonly pack: RulePack,
    readonly schedule: ElectionSchedule,
  ) {
    if (!DateTime.fromISO('2000-01-01', { zone: schedule.timeZone }).isValid) {
      throw new Error(`timeZone ${schedule.timeZone} is not an IANA time zone`);
    }
    if (!ISO_DATE.test(schedule.electionDay) || !DateTime.fromISO(schedule.electionDay).isValid) {
      throw new Error(`electionDay ${schedule.electionDay} is not a YYYY-MM-DD date`);
    }
    const electionType = schedule.electionType ?? 'general';
    if (!(ELECTION_TYPES as readonly string[]).includes(electionType)) {
      throw new Error(`electionType ${electionType} is not one of ${ELECTION_TYPES.join(', ')}`);
    }
    this.election = { electionType, federal: schedule.federal ?? true };
    for (const order of schedule.courtOrders ?? []) {
      if (!(COURT_ORDER_TARGETS as readonly string[]).includes(order.deadline)) {
        throw new Error(`court order ${order.citation}: ${order.deadline} is not one of ${COURT_ORDER_TARGETS.join(', ')}`);
      }
      if (!LOCAL_DATE_TIME.test(order.extendedTo)) {
        throw new Error(`court order ${order.citation}: extendedTo must be YYYY-MM-DDTHH:MM`);
      }
      if (order.deadline === 'pollsClose' && !order.extendedTo.startsWith(`${schedule.electionDay}T`)) {
        throw new Error(`court order ${order.citation}: a pollsClose order must be on election day, ${schedule.electionDay}`);
      }
    }
    this.holidays = new Set(pack.holidays.dates.map((h) => h.date));
  }

  /** The election's zone (a county may keep its own: see `zoneOf`). */
  get timeZone(): string {
    return this.schedule.timeZone;
  }

  /** The zone a county's deadlines are computed in: the pack's `countyTimeZones` entry, else the election's. */
  zoneOf(countyCode: string): string {
    return this.pack.countyTimeZones?.zones[countyCode] ?? this.timeZone;
  }

  forCounty(countyCode: string): CountyCalendar {
    let calendar = this.counties.get(countyCode);
    if (calendar === undefined) {
      calendar = this.computeCounty(countyCode);
      this.counties.set(countyCode, calendar);
    }
    return calendar;
  }

  /** The instant of a local wall-clock time (`HH:MM`) on a local date, in `zone` (the election's by default). */
  instantAt(date: LocalDate, time: string, zone: string = this.timeZone): Instant {
    const [hour, minute] = time.split(':').map(Number);
    return DateTime.fromISO(date, { zone }).set({ hour: hour ?? 0, minute: minute ?? 0 }).toMillis();
  }

  /** The local calendar date of an instant, in `zone` (the election's by default). */
  localDateOf(instant: Instant, zone: string = this.timeZone): LocalDate {
    return DateTime.fromMillis(instant, { zone }).toISODate() ?? '';
  }

  display(instant: Instant, zone: string = this.timeZone): string {
    return formatLocal(instant, zone);
  }

  isBusinessDay(date: LocalDate): boolean {
    return isoWeekday(date) <= 5 && !this.holidays.has(date);
  }

  private computeCounty(countyCode: string): CountyCalendar {
    const zone = this.zoneOf(countyCode);
    const electionDay = this.schedule.electionDay;
    const override = this.schedule.countyOverrides?.find((o) => o.countyCode === countyCode);
    const closeOfBusiness = override?.closeOfBusiness ?? this.pack.closeOfBusiness.time;
    const closeOfBusinessSource = override?.source ?? this.pack.closeOfBusiness.source;
    const pollsCloseTime = this.schedule.pollsClose ?? this.pack.pollsClose.time;
    const pollsCloseOrder = this.lastOrder(countyCode, 'pollsClose');
    const pollsClose =
      pollsCloseOrder === undefined ? this.instantAt(electionDay, pollsCloseTime, zone) : this.orderedInstant(pollsCloseOrder, zone);
    // A deadline whose time is `polls_close` keeps the statutory (or the election's) time: an order
    // that extends voting hours does not by itself extend other deadlines; it must name them.
    const times: Record<NamedTime, string> = {
      close_of_business: closeOfBusiness,
      end_of_day: '23:59',
      polls_close: pollsCloseTime,
    };
    const rules = this.pack.deadlines;
    const compute = (name: DeadlineName, rule: DeadlineRule, anchorDate: LocalDate): Deadline =>
      this.applyCourtOrder(countyCode, zone, this.fromRule(name, rule, anchorDate, times, zone));

    // Certification first: the other deadlines may be anchored to it (the loader forbids the reverse).
    const countyCertification = compute('countyCertification', rules.countyCertification, electionDay);
    const anchorOf = (rule: DeadlineRule): LocalDate => {
      const anchor = governing<DeadlineTiming>(rule, this.election).anchor;
      switch (anchor) {
        case 'election_day':
          return electionDay;
        case 'certification':
          return countyCertification.localDate;
        default:
          return throwIllegalValue(anchor, 'anchor');
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
      stateCertification:
        rules.stateCertification === null ? null : compute('stateCertification', rules.stateCertification, electionDay),
    };
    const votingOpens = this.startOfCountedDay(this.pack.votingOpens, zone);
    const uocavaTransmission = this.startOfCountedDay(this.pack.uocavaTransmission, zone);
    return {
      countyCode,
      timeZone: zone,
      electionDay,
      pollsClose,
      pollsCloseCourtOrder: pollsCloseOrder?.citation ?? null,
      votingOpens: votingOpens.at,
      votingOpensSource: votingOpens.source,
      uocavaTransmission: uocavaTransmission.at,
      uocavaTransmissionSource: uocavaTransmission.source,
      closeOfBusiness,
      closeOfBusinessSource,
      deadlines,
    };
  }

  /** The first instant of a day counted from election day, and the citation of the rule that counted it. */
  private startOfCountedDay(rule: ElectionDayRule, zone: string): { at: Instant; source: string } {
    const governs = governing<ElectionDayTiming>(rule, this.election);
    const date = countDay(this.schedule.electionDay, governs, (d) => this.isBusinessDay(d));
    return { at: DateTime.fromISO(date, { zone }).startOf('day').toMillis(), source: governs.source };
  }

  private fromRule(
    name: DeadlineName,
    rule: DeadlineRule,
    anchorDate: LocalDate,
    times: Record<NamedTime, string>,
    zone: string,
  ): Deadline {
    const governs = governing<DeadlineTiming>(rule, this.election);
    const date = countDay(anchorDate, governs, (d) => this.isBusinessDay(d));
    const named = times[governs.time as NamedTime] as string | undefined;
    const time = named ?? governs.time;
    // end_of_day is the whole last minute of the day: 23:59:59.999 is still in time.
    const at = this.instantAt(date, time, zone) + (governs.time === 'end_of_day' ? 59_999 : 0);
    return this.deadline(name, at, governs.source, null, zone);
  }

  /** The last order naming this target for the county (a later order supersedes an earlier one). */
  private lastOrder(countyCode: string, target: CourtOrderTarget): CourtOrder | undefined {
    const orders = (this.schedule.courtOrders ?? []).filter(
      (o) => o.deadline === target && (o.countyCodes === null || o.countyCodes.includes(countyCode)),
    );
    return orders[orders.length - 1];
  }

  private orderedInstant(order: CourtOrder, zone: string): Instant {
    const [date, time] = order.extendedTo.split('T') as [string, string];
    return this.instantAt(date, time, zone);
  }

  private applyCourtOrder(countyCode: string, zone: string, computed: Deadline): Deadline {
    const target = courtOrderTarget(computed.name);
    const order = target === null ? undefined : this.lastOrder(countyCode, target);
    if (order === undefined) return computed;
    return this.deadline(computed.name, this.orderedInstant(order, zone), computed.source, order.citation, zone);
  }

  private deadline(name: DeadlineName, at: Instant, source: string, courtOrder: string | null, zone: string): Deadline {
    const local = DateTime.fromMillis(at, { zone });
    return {
      name,
      at,
      localDate: local.toISODate() ?? '',
      local: local.toISO() ?? '',
      display: formatLocal(at, zone),
      source,
      courtOrder,
    };
  }
}

/** The court-order target a deadline answers to; registration and state certification have none. */
function courtOrderTarget(name: DeadlineName): CourtOrderTarget | null {
  switch (name) {
    case 'provisionalCure':
    case 'uocavaReceipt':
    case 'uocavaPostmark':
    case 'countyCertification':
      return name;
    case 'registration':
    case 'stateCertification':
      return null;
    default:
      return throwIllegalValue(name, 'deadline');
  }
}

export function formatLocal(instant: Instant, timeZone: string): string {
  return DateTime.fromMillis(instant, { zone: timeZone }).setLocale('en-US').toFormat(DISPLAY_FORMAT);
}

