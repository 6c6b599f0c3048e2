import { isOneOf, Jurisdiction, notFound, type JurisdictionBundle } from '@app/domain';
import type { CountyEntity, CountyHoursEntity, CourtOrderEntity, ElectionEntity, RulesStore } from '@app/persistence';
import { COURT_ORDER_TARGETS, ELECTION_TYPES, ElectionCalendar, type ElectionSchedule, type RulePack, type RulePackRegistry } from '@app/rules';

/** What adjudicating a ballot of an election needs besides the ballot: its pack, calendar and ballot styles. */
export interface ElectionRules {
  /** The election's rules version these were built from. */
  readonly version: number;
  readonly election: ElectionEntity;
  readonly pack: RulePack;
  readonly calendar: ElectionCalendar;
  readonly jurisdiction: Jurisdiction;
  /** The counties as loaded, for their names and offices (not their certification: read that fresh). */
  readonly counties: ReadonlyMap<string, CountyEntity>;
  /** Every court order of the election, in the order made (the last for a deadline and county governs). */
  readonly courtOrders: readonly CourtOrderEntity[];
  /** Every county-hours record, oldest first (per county, the last governs). */
  readonly countyHours: readonly CountyHoursEntity[];
}

/**
 * Builds, and keeps, each election's rules. Whatever changes them (a jurisdiction import, a court
 * order, a county's hours) bumps the election's rules version in its own transaction; every use
 * reads that version (one indexed read) and reloads on a change, so a change made by the CLI or by
 * another instance is seen at once.
 */
export class ElectionRulesCache {
  private readonly cache = new Map<string, { readonly version: number; readonly rules: Promise<ElectionRules> }>();

  constructor(private readonly packs: RulePackRegistry) {}

  /** The election's rules, as of its rules version now (read from the store before each use). */
  async get(store: RulesStore): Promise<ElectionRules> {
    const version = await store.version();
    if (version === null) throw notFound('election');
    return this.atVersion(store, version);
  }

  /** The rules at a version the caller has just read (in a query of its own): no second read. */
  atVersion(store: RulesStore, version: number): Promise<ElectionRules> {
    const electionId = store.electionId;
    const cached = this.cache.get(electionId);
    if (cached !== undefined && cached.version === version) return cached.rules;
    const rules = this.load(store);
    const entry = { version, rules };
    this.cache.set(electionId, entry);
    rules.catch(() => {
      if (this.cache.get(electionId) === entry) this.cache.delete(electionId);
    });
    return rules;
  }

  private async load(store: RulesStore): Promise<ElectionRules> {
    const stored = await store.load();
    if (stored === null) throw notFound('election');
    const { election, counties, courtOrders, countyHours, districts, precincts, links, contests } = stored;
    const pack = this.packs.get(election.rulePackId);
    if (pack === undefined) throw new Error(`election ${election.id} names rule pack ${election.rulePackId}, which is not loaded`);
    const calendar = new ElectionCalendar(pack, scheduleOf(election, countyHours, courtOrders));
    const districtsOf = new Map<string, string[]>();
    for (const link of links) {
      const list = districtsOf.get(link.precinctId) ?? [];
      list.push(link.districtId);
      districtsOf.set(link.precinctId, list);
    }
    const bundle: JurisdictionBundle = {
      counties: counties.map((c) => ({ code: c.code, name: c.name })),
      districts: districts.map((d) => ({ id: d.id, kind: d.kind, name: d.name })),
      precincts: precincts.map((p) => ({ id: p.id, countyCode: p.countyCode, districtIds: districtsOf.get(p.id) ?? [] })),
      contests: contests.map((c) => ({ id: c.id, districtId: c.districtId, name: c.name })),
    };
    return {
      version: election.rulesVersion,
      election,
      pack,
      calendar,
      jurisdiction: new Jurisdiction(bundle),
      counties: new Map(counties.map((c) => [c.code, c])),
      courtOrders,
      countyHours,
    };
  }
}

/**
 * The election's own facts its calendar is computed from: its day, zone, type, polls-close time,
 * the counties' own hours (the latest record of each) and the court orders (the last for a
 * deadline and county governs). The one place they are put together, for the cache and for a
 * change checked before it is recorded.
 */
export function scheduleOf(election: ElectionEntity, hours: readonly Pick<CountyHoursEntity, 'countyCode' | 'closeOfBusiness' | 'source'>[], orders: readonly Pick<CourtOrderEntity, 'citation' | 'deadline' | 'countyCodes' | 'extendedTo'>[]): ElectionSchedule {
  const currentHours = new Map<string, Pick<CountyHoursEntity, 'countyCode' | 'closeOfBusiness' | 'source'>>();
  for (const h of hours) currentHours.set(h.countyCode, h);
  return {
    electionDay: election.electionDay,
    timeZone: election.timeZone,
    pollsClose: election.pollsClose,
    electionType: isOneOf(ELECTION_TYPES, election.electionType) ? election.electionType : 'general',
    federal: election.federal,
    countyOverrides: [...currentHours.values()].flatMap((h) => (h.closeOfBusiness === null ? [] : [{ countyCode: h.countyCode, closeOfBusiness: h.closeOfBusiness, source: h.source }])),
    courtOrders: orders.flatMap((o) => (isOneOf(COURT_ORDER_TARGETS, o.deadline) ? [{ citation: o.citation, deadline: o.deadline, countyCodes: o.countyCodes, extendedTo: o.extendedTo }] : [])),
  };
}

/**
 * The cure deadline in force for a ballot now: the later of the one the voter was given (stored
 * when the cure was requested) and the one the rules set for the ballot's county today (a court
 * order may extend it, never shorten what the voter was told). Null when no cure was requested.
 * The one place this is worked out: the console, the portal, the notices, the reports and the
 * lifecycle's guards all read it from here or from the same rule in `effectiveCureDeadline`.
 */
export function cureDeadlineInForce(ballot: { readonly cureDeadline: number | null; readonly countyCode: string }, rules: Pick<ElectionRules, 'calendar'>): number | null {
  if (ballot.cureDeadline === null) return null;
  return Math.max(ballot.cureDeadline, rules.calendar.forCounty(ballot.countyCode).deadlines.provisionalCure.at);
}
