import { Jurisdiction, type JurisdictionBundle } from '@app/domain';
import {
  ContestEntity,
  CountyEntity,
  CourtOrderEntity,
  DistrictEntity,
  ElectionEntity,
  PrecinctDistrictEntity,
  PrecinctEntity,
} from '@app/persistence';
import { ElectionCalendar, type CourtOrderTarget, type RulePack, type RulePackRegistry } from '@app/rules';
import type { EntityManager } from 'typeorm';
import { notFound } from './errors';

/** What adjudicating a ballot of an election needs besides the ballot: its pack, calendar and ballot styles. */
export interface ElectionRules {
  readonly election: ElectionEntity;
  readonly pack: RulePack;
  readonly calendar: ElectionCalendar;
  readonly jurisdiction: Jurisdiction;
  /** The counties as loaded, for their names and offices (not their certification: read that fresh). */
  readonly counties: ReadonlyMap<string, CountyEntity>;
}

/**
 * Builds, and keeps, each election's rules. Deadlines and ballot styles change only when an
 * import, a county override or a court order changes them; those call `invalidate`.
 */
export class ElectionRulesCache {
  private readonly cache = new Map<string, Promise<ElectionRules>>();

  constructor(private readonly packs: RulePackRegistry) {}

  get(manager: EntityManager, electionId: string): Promise<ElectionRules> {
    let rules = this.cache.get(electionId);
    if (rules === undefined) {
      rules = this.load(manager, electionId);
      this.cache.set(electionId, rules);
      rules.catch(() => this.cache.delete(electionId));
    }
    return rules;
  }

  invalidate(electionId: string): void {
    this.cache.delete(electionId);
  }

  private async load(manager: EntityManager, electionId: string): Promise<ElectionRules> {
    const election = await manager.findOneBy(ElectionEntity, { id: electionId });
    if (election === null) throw notFound('election');
    const pack = this.packs.get(election.rulePackId);
    if (pack === undefined) throw new Error(`election ${election.id} names rule pack ${election.rulePackId}, which is not loaded`);
    // One after another: inside a transaction they share one connection, and a PostgreSQL client
    // must not be sent a query while it is still running another.
    const counties = await manager.findBy(CountyEntity, { electionId });
    const orders = await manager.find(CourtOrderEntity, { where: { electionId }, order: { recordedAt: 'ASC' } });
    const districts = await manager.findBy(DistrictEntity, { electionId });
    const precincts = await manager.findBy(PrecinctEntity, { electionId });
    const links = await manager.findBy(PrecinctDistrictEntity, { electionId });
    const contests = await manager.find(ContestEntity, { where: { electionId }, order: { ballotOrder: 'ASC' } });
    const calendar = new ElectionCalendar(pack, {
      electionDay: election.electionDay,
      timeZone: election.timeZone,
      pollsClose: election.pollsClose,
      countyOverrides: counties.flatMap((c) =>
        c.closeOfBusiness === null ? [] : [{ countyCode: c.code, closeOfBusiness: c.closeOfBusiness, source: c.closeOfBusinessSource ?? 'County override' }],
      ),
      courtOrders: orders.map((o) => ({
        citation: o.citation,
        deadline: o.deadline as CourtOrderTarget,
        countyCodes: o.countyCodes,
        extendedTo: o.extendedTo,
      })),
    });
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
    return { election, pack, calendar, jurisdiction: new Jurisdiction(bundle), counties: new Map(counties.map((c) => [c.code, c])) };
  }
}
