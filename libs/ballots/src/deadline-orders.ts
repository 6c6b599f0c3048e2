import { countyScopeOf, DomainError, forbiddenCharacter, isOneOf, notFound, requirePermission, type Clock, type FieldProblem, type StaffActor } from '@app/domain';
import type { VoterNotice } from '@app/lifecycle';
import type { CountyHoursEntity, CourtOrderEntity, ElectionStores, Stores } from '@app/persistence';
import { COURT_ORDER_TARGETS, ElectionCalendar, formatLocal, type CountyCalendar, type CourtOrderTarget } from '@app/rules';
import { DateTime } from 'luxon';
import { cureDeadlineInForce, scheduleOf, type ElectionRules, type ElectionRulesCache } from './election-rules';

/** A court order as a supervisor or an administrator records it. */
export interface CourtOrderInput {
  /** The court, the case and the date, as the order is cited. */
  readonly citation: string;
  /** What it orders, in a sentence; shown in the history. */
  readonly summary: string | null;
  readonly deadline: string;
  /** The counties it names; null: the whole election (administrators only). */
  readonly countyCodes: readonly string[] | null;
  /** The new local date and time, `YYYY-MM-DDTHH:MM`, in the election's zone. */
  readonly extendedTo: string;
}

/** A county's own close of business, with where it is set. */
export interface CountyHoursInput {
  readonly countyCode: string;
  /** `HH:MM`, or null to go back to the rule pack's. */
  readonly closeOfBusiness: string | null;
  readonly source: string;
}

/** What a change did besides being recorded: how many voters were told their cure deadline moved. */
export interface RulesChangeOutcome<T> {
  readonly recorded: T;
  readonly noticesQueued: number;
}

/** A court order in the history, with the later order that took its place for every county it names, if one did. */
export interface CourtOrderRecord {
  readonly order: CourtOrderEntity;
  readonly supersededBy: CourtOrderEntity | null;
}

export interface RulesHistory {
  /** Newest first. */
  readonly courtOrders: readonly CourtOrderRecord[];
  /** Newest first. */
  readonly countyHours: readonly CountyHoursEntity[];
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** How far from election day an order may set a deadline: a year covers every recount and contest. */
const MAX_DAYS_FROM_ELECTION_DAY = 366;

/**
 * Court orders and a county's own hours (issue 11): the law's instruments for moving a deadline,
 * recorded as history (never edited: a later record supersedes an earlier one), audited, and in
 * force at once everywhere, since each bumps the election's rules version in its transaction.
 * Voters awaiting a cure whose deadline in force moved are sent a notice with the new deadline.
 *
 * A supervisor records for their own county; an administrator for any counties or the whole
 * election. Clerks and observers do neither.
 */
export class DeadlineOrders {
  constructor(
    private readonly stores: Stores,
    private readonly rules: ElectionRulesCache,
    private readonly clock: Clock,
  ) {}

  recordCourtOrder(actor: StaffActor, electionId: string, input: CourtOrderInput): Promise<RulesChangeOutcome<CourtOrderEntity>> {
    return this.stores.write(actor, async (s) => {
      const e = s.election(electionId);
      const rules = await this.rules.get(e.rules);
      const counties = this.scopeFor(actor, rules, input.countyCodes);
      const problems = [...textProblems('citation', input.citation, 500), ...(input.summary === null ? [] : textProblems('summary', input.summary, 1000))];
      if (!isOneOf(COURT_ORDER_TARGETS, input.deadline)) problems.push({ field: 'deadline', message: `must be one of: ${COURT_ORDER_TARGETS.join(', ')}` });
      problems.push(...localTimeProblems(input.extendedTo, rules));
      if (problems.length > 0) throw invalid('the court order is not complete', problems);
      await refuseCertified(e, counties);
      const order = { citation: input.citation.trim(), deadline: input.deadline as CourtOrderTarget, countyCodes: counties, extendedTo: input.extendedTo };
      const after = calendarWith(rules, [...rules.courtOrders, order], rules.countyHours);
      const now = this.clock.now();
      const recorded = await e.rules.appendCourtOrder({
        ...order,
        summary: input.summary?.trim() ?? null,
        recordedBy: actor.id,
        recordedByRole: actor.role,
        recordedAt: now,
      });
      const moved = movedDeadlines(rules, after, counties);
      await e.audit.append({
        event: 'COURT_ORDER_RECORDED',
        payload: { orderId: recorded.id, rulesVersion: recorded.rulesVersion, citation: recorded.citation, summary: recorded.summary, deadline: recorded.deadline, countyCodes: recorded.countyCodes, extendedTo: recorded.extendedTo, moved },
        at: now,
      });
      const noticesQueued = await this.noticeMovedCures(e, rules, after, counties, recorded.citation, now);
      return { recorded, noticesQueued };
    });
  }

  setCloseOfBusiness(actor: StaffActor, electionId: string, input: CountyHoursInput): Promise<RulesChangeOutcome<CountyHoursEntity>> {
    return this.stores.write(actor, async (s) => {
      const e = s.election(electionId);
      const rules = await this.rules.get(e.rules);
      const [countyCode] = this.scopeFor(actor, rules, [input.countyCode]) ?? [];
      if (countyCode === undefined) throw notFound('county');
      const problems = textProblems('source', input.source, 300);
      if (input.closeOfBusiness !== null && !LOCAL_TIME.test(input.closeOfBusiness)) problems.push({ field: 'closeOfBusiness', message: 'must be a time of day, HH:MM (24-hour), e.g. 16:30' });
      if (problems.length > 0) throw invalid('the county\'s hours are not complete', problems);
      await refuseCertified(e, [countyCode]);
      const now = this.clock.now();
      const hours = { countyCode, closeOfBusiness: input.closeOfBusiness, source: input.source.trim() };
      const after = calendarWith(rules, rules.courtOrders, [...rules.countyHours, hours]);
      const before = rules.calendar.forCounty(countyCode);
      const recorded = await e.rules.appendCountyHours({ ...hours, recordedBy: actor.id, recordedByRole: actor.role, recordedAt: now });
      await e.audit.append({
        event: 'CLOSE_OF_BUSINESS_SET',
        payload: {
          countyCode,
          rulesVersion: recorded.rulesVersion,
          before: { closeOfBusiness: before.closeOfBusiness, source: before.closeOfBusinessSource },
          after: { closeOfBusiness: after.forCounty(countyCode).closeOfBusiness, source: hours.source },
          moved: movedDeadlines(rules, after, [countyCode]),
        },
        at: now,
      });
      const noticesQueued = await this.noticeMovedCures(e, rules, after, [countyCode], null, now);
      return { recorded, noticesQueued };
    });
  }

  /** The election's court orders and county hours, newest first, as far as the actor may see them. */
  history(actor: StaffActor, electionId: string): Promise<RulesHistory> {
    requirePermission(actor, 'read_ballots');
    return this.stores.read(actor, async (s) => {
      const rules = await this.rules.get(s.election(electionId).rules);
      const own = countyOf(actor);
      const visible = (codes: readonly string[] | null) => own === null || codes === null || codes.includes(own);
      const orders = rules.courtOrders;
      const courtOrders = orders
        .map((order, i) => ({ order, supersededBy: orders.slice(i + 1).find((later) => later.deadline === order.deadline && covers(later.countyCodes, order.countyCodes)) ?? null }))
        .filter((r) => visible(r.order.countyCodes))
        .reverse();
      const countyHours = rules.countyHours.filter((h) => visible([h.countyCode])).reverse();
      return { courtOrders, countyHours };
    });
  }

  /**
   * The counties the actor may name: a supervisor their own (and only it); an administrator any of
   * the election's, or the whole election (null). Another county looks like one that is not there.
   */
  private scopeFor(actor: StaffActor, rules: ElectionRules, wanted: readonly string[] | null): string[] | null {
    requirePermission(actor, 'record_deadline_change');
    const scope = countyScopeOf(actor);
    if (scope.county === undefined) throw new DomainError('forbidden', 'a county role acts for its own county, and this account has none');
    if (scope.county !== null) {
      if (wanted !== null && wanted.some((c) => c !== scope.county)) throw notFound('county');
      return [scope.county];
    }
    if (wanted === null) return null;
    const unknown = wanted.filter((c) => !rules.counties.has(c));
    if (wanted.length === 0 || unknown.length > 0) {
      throw invalid('name the counties the order applies to, or none for the whole election', [{ field: 'countyCodes', message: unknown.length > 0 ? `not counties of this election: ${unknown.join(', ')}` : 'name at least one county, or leave it out for the whole election' }]);
    }
    return [...new Set(wanted)].sort();
  }

  /** A voter awaiting a cure whose deadline in force moved is told the new one: one outbox row each, in this transaction. */
  private async noticeMovedCures(e: ElectionStores, before: ElectionRules, after: ElectionCalendar, counties: readonly string[] | null, courtOrder: string | null, now: number): Promise<number> {
    let queued = 0;
    for (const ballot of await e.ballots.awaitingCure(counties)) {
      const was = cureDeadlineInForce(ballot, before);
      const is = cureDeadlineInForce(ballot, { calendar: after });
      if (was === null || is === null || was === is || ballot.cureReason === null) continue;
      const notice: VoterNotice = { type: 'cure_deadline_moved', cureReason: ballot.cureReason, deadline: is, courtOrder };
      await e.outbox.queueNotice({ ...ballot, electionId: e.electionId }, notice, now);
      queued += 1;
    }
    return queued;
  }
}

/** The county the actor sees (null: all); a county role without a county sees none. */
function countyOf(actor: StaffActor): string | null {
  const scope = countyScopeOf(actor);
  return scope.county === undefined ? 'no county: sees none' : scope.county;
}

/** Whether an order naming `later` counties (null: all) covers every county `earlier` names. */
function covers(later: readonly string[] | null, earlier: readonly string[] | null): boolean {
  if (later === null) return true;
  if (earlier === null) return false;
  return earlier.every((c) => later.includes(c));
}

function textProblems(field: string, value: unknown, max: number): FieldProblem[] {
  if (typeof value !== 'string' || value.trim() === '') return [{ field, message: 'is required' }];
  if (value.length > max) return [{ field, message: `must be at most ${max} characters` }];
  const bad = forbiddenCharacter(value);
  return bad === null ? [] : [{ field, message: `must not contain ${bad}` }];
}

/** A local date and time that exists in the election's zone (not in a daylight-saving gap), within a year of election day. */
function localTimeProblems(value: string, rules: ElectionRules): FieldProblem[] {
  if (!LOCAL_DATE_TIME.test(value)) return [{ field: 'extendedTo', message: 'must be a local date and time, YYYY-MM-DDTHH:MM, e.g. 2020-11-09T17:00' }];
  const zone = rules.calendar.timeZone;
  const local = DateTime.fromISO(value, { zone });
  if (!local.isValid || local.toFormat("yyyy-MM-dd'T'HH:mm") !== value) return [{ field: 'extendedTo', message: `is not a time that exists in ${zone} (a daylight-saving change skips it)` }];
  const days = Math.abs(local.startOf('day').diff(DateTime.fromISO(rules.election.electionDay, { zone }), 'days').days);
  if (days > MAX_DAYS_FROM_ELECTION_DAY) return [{ field: 'extendedTo', message: `is more than a year from election day (${rules.election.electionDay})` }];
  return [];
}

function invalid(message: string, problems: FieldProblem[]): DomainError {
  return new DomainError('invalid_input', `${message}: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {}, problems);
}

/** Nothing about a certified county changes: its deadlines are spent (the counties' one refusal). */
async function refuseCertified(e: ElectionStores, counties: readonly string[] | null): Promise<void> {
  for (const code of counties ?? []) await e.counties.requireOpen(code);
}

/** The calendar as it will be with these orders and hours; a combination the rules refuse is refused here, naming the field. */
function calendarWith(rules: ElectionRules, orders: Parameters<typeof scheduleOf>[2], hours: Parameters<typeof scheduleOf>[1]): ElectionCalendar {
  try {
    const calendar = new ElectionCalendar(rules.pack, scheduleOf(rules.election, hours, orders));
    for (const code of rules.counties.keys()) calendar.forCounty(code);
    return calendar;
  } catch (error) {
    throw invalid('the rules cannot take this change', [{ field: 'extendedTo', message: error instanceof Error ? error.message : String(error) }]);
  }
}

/** For the audit entry: every deadline of the named counties (all when null) that the change moves, before and after, in local time. */
function movedDeadlines(before: ElectionRules, after: ElectionCalendar, counties: readonly string[] | null): Record<string, Record<string, { before: string; after: string }>> {
  const moved: Record<string, Record<string, { before: string; after: string }>> = {};
  for (const code of counties ?? [...before.counties.keys()]) {
    const was = before.calendar.forCounty(code);
    const is = after.forCounty(code);
    const changes: Record<string, { before: string; after: string }> = {};
    const note = (name: string, a: number | null | undefined, b: number | null | undefined, zone: string) => {
      if (a !== b) changes[name] = { before: a == null ? 'none' : formatLocal(a, zone), after: b == null ? 'none' : formatLocal(b, zone) };
    };
    for (const name of Object.keys(was.deadlines) as (keyof CountyCalendar['deadlines'])[]) note(name, was.deadlines[name]?.at, is.deadlines[name]?.at, is.timeZone);
    note('pollsClose', was.pollsClose, is.pollsClose, is.timeZone);
    if (Object.keys(changes).length > 0) moved[code] = changes;
  }
  return moved;
}
