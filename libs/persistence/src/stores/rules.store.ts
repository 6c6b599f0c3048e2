import type { EntityManager } from 'typeorm';
import { ContestEntity, CountyEntity, DistrictEntity, ElectionEntity, PrecinctDistrictEntity, PrecinctEntity, type CountyHoursEntity, type CourtOrderEntity } from '../entities';
import { appendCountyHours, appendCourtOrder, countyHoursOf, courtOrdersOf, readRulesVersion, type NewCountyHours, type NewCourtOrder } from '../rules-history.store';
import { reaches, type StoreScope } from './scope';

/** Everything an election's rules are built from, as stored. */
export interface StoredRules {
  readonly election: ElectionEntity;
  readonly counties: readonly CountyEntity[];
  readonly courtOrders: readonly CourtOrderEntity[];
  readonly countyHours: readonly CountyHoursEntity[];
  readonly districts: readonly DistrictEntity[];
  readonly precincts: readonly PrecinctEntity[];
  readonly links: readonly PrecinctDistrictEntity[];
  /** In ballot order. */
  readonly contests: readonly ContestEntity[];
}

/**
 * One election's rules as stored: the election, its jurisdiction, court orders and county hours.
 * The rules are the same for every county (the law applies statewide), so reading them is not
 * narrowed to the scope; recording an order or hours is, to the counties the scope reaches.
 */
export class RulesStore {
  constructor(
    private readonly m: EntityManager,
    private readonly scope: StoreScope,
    readonly electionId: string,
  ) {}

  /** The rules version stored now: one indexed read, a cache's check before each use. */
  version(): Promise<number | null> {
    return readRulesVersion(this.m, this.electionId);
  }

  /** Everything the rules are built from; null when the election is not stored. */
  async load(): Promise<StoredRules | null> {
    const electionId = this.electionId;
    const election = await this.m.findOneBy(ElectionEntity, { id: electionId });
    if (election === null) return null;
    // One after another: inside a transaction they share one connection, and a PostgreSQL client
    // must not be sent a query while it is still running another.
    const counties = await this.m.findBy(CountyEntity, { electionId });
    const courtOrders = await courtOrdersOf(this.m, electionId);
    const countyHours = await countyHoursOf(this.m, electionId);
    const districts = await this.m.findBy(DistrictEntity, { electionId });
    const precincts = await this.m.findBy(PrecinctEntity, { electionId });
    const links = await this.m.findBy(PrecinctDistrictEntity, { electionId });
    const contests = await this.m.find(ContestEntity, { where: { electionId }, order: { ballotOrder: 'ASC' } });
    return { election, counties, courtOrders, countyHours, districts, precincts, links, contests };
  }

  /** Records a court order for counties the scope reaches (every county: state staff only); bumps the rules version. */
  async appendCourtOrder(order: Omit<NewCourtOrder, 'electionId'>): Promise<CourtOrderEntity> {
    if (this.scope.county !== null && (order.countyCodes === null || order.countyCodes.some((c) => !reaches(this.scope, c)))) throw new Error('a court order is recorded only for counties of the store\'s scope');
    return appendCourtOrder(this.m, { ...order, electionId: this.electionId });
  }

  /** Records a county's hours, for a county the scope reaches; bumps the rules version. */
  async appendCountyHours(hours: Omit<NewCountyHours, 'electionId'>): Promise<CountyHoursEntity> {
    if (!reaches(this.scope, hours.countyCode)) throw new Error('county hours are recorded only for a county of the store\'s scope');
    return appendCountyHours(this.m, { ...hours, electionId: this.electionId });
  }
}
