import { SYSTEM_ACTOR, type StaffActor } from '@app/domain';
import type { EntityManager } from 'typeorm';
import { BallotEntity, CountyEntity, ElectionEntity } from '../entities';
import type { SnapshotReads } from '../snapshot-reads';
import type { TransactionRunner } from '../transactions';
import { PortalStore } from './portal.store';
import { AccountsStore } from './accounts.store';
import { NoticeStore } from './notice.store';
import { AuditStore } from './audit.store';
import { BallotStore } from './ballot.store';
import { CountyStore } from './county.store';
import { CureDocumentStore } from './cure-document.store';
import { ElectionsStore } from './elections.store';
import { JurisdictionStore } from './jurisdiction.store';
import { OutboxStore } from './outbox.store';
import { ReportStore } from './report.store';
import { RulesStore } from './rules.store';
import { inCounty, requireStatewide, scopeOf, type StoreScope } from './scope';
import { VoterStore } from './voter.store';

/**
 * One election's data as one actor may reach it: every store's every query carries the election
 * and, for county staff, the county. Built only by `ActorStores.election`.
 */
export class ElectionStores {
  readonly ballots: BallotStore;
  readonly voters: VoterStore;
  readonly counties: CountyStore;
  readonly cureDocuments: CureDocumentStore;
  readonly reports: ReportStore;
  readonly audit: AuditStore;
  readonly outbox: OutboxStore;
  readonly rules: RulesStore;

  constructor(
    private readonly m: EntityManager,
    readonly scope: StoreScope,
    readonly electionId: string,
  ) {
    this.ballots = new BallotStore(m, scope, electionId);
    this.voters = new VoterStore(m, scope, electionId);
    this.counties = new CountyStore(m, scope, electionId);
    this.cureDocuments = new CureDocumentStore(m, scope, electionId);
    this.reports = new ReportStore(m, scope, electionId);
    this.audit = new AuditStore(m, scope, electionId);
    this.outbox = new OutboxStore(m, scope, electionId);
    this.rules = new RulesStore(m, scope, electionId);
  }

  /** The jurisdiction's writes: for staff who reach every county. */
  jurisdiction(): JurisdictionStore {
    return new JurisdictionStore(this.m, this.scope, this.electionId);
  }
}

/** What an actor reaches, across elections: a ballot by its id (then its election's stores), elections, and staff actions for the audit chain. */
export class ActorStores {
  readonly elections: ElectionsStore;
  /** The audit chain for what belongs to no election (signing in, accounts). */
  readonly audit: AuditStore;
  private readonly byElection = new Map<string, ElectionStores>();

  constructor(
    private readonly m: EntityManager,
    readonly scope: StoreScope,
  ) {
    this.elections = new ElectionsStore(m);
    this.audit = new AuditStore(m, scope, null);
  }

  get actor(): StaffActor {
    return this.scope.actor;
  }

  /** The election's stores, for this actor. */
  election(electionId: string): ElectionStores {
    let stores = this.byElection.get(electionId);
    if (stores === undefined) {
      stores = new ElectionStores(this.m, this.scope, electionId);
      this.byElection.set(electionId, stores);
    }
    return stores;
  }

  /**
   * A ballot by its id, within the actor's county (whatever the election; the id names it), with
   * its election's stores; null for another county's ballot as for none.
   */
  async ballot(id: string): Promise<{ readonly ballot: BallotEntity; readonly stores: ElectionStores } | null> {
    const ballot = await inCounty(this.m.getRepository(BallotEntity).createQueryBuilder('b').where('b.id = :id', { id }), this.scope, 'b').getOne();
    return ballot === null ? null : { ballot, stores: this.election(ballot.electionId) };
  }

  /**
   * The same ballot, with in the same query what a transition needs besides (issue 16: one read,
   * not three): its election's rules version, for the rules cache, and whether its county has
   * certified, read fresh.
   */
  async ballotForTransition(id: string): Promise<{ readonly ballot: BallotEntity; readonly stores: ElectionStores; readonly rulesVersion: number; readonly countyCertified: boolean } | null> {
    const query = this.m
      .getRepository(BallotEntity)
      .createQueryBuilder('b')
      .innerJoin(ElectionEntity, 'el', 'el.id = b.electionId')
      .leftJoin(CountyEntity, 'co', 'co.electionId = b.electionId AND co.code = b.countyCode')
      .addSelect('el.rulesVersion', 'transition_rules_version')
      .addSelect('co.certifiedAt', 'transition_county_certified_at')
      .where('b.id = :id', { id });
    const { entities, raw } = await inCounty(query, this.scope, 'b').getRawAndEntities<{ transition_rules_version: number | string; transition_county_certified_at: number | string | null }>();
    const [ballot, row] = [entities[0], raw[0]];
    if (ballot === undefined || row === undefined) return null;
    return { ballot, stores: this.election(ballot.electionId), rulesVersion: Number(row.transition_rules_version), countyCertified: row.transition_county_certified_at !== null };
  }

  /**
   * Whether a ballot of this id exists outside the actor's county: a yes or a no, so that an
   * attempt to reach another county's ballot can be logged while the caller is told "not found".
   */
  async existsOutsideScope(id: string): Promise<boolean> {
    if (this.scope.county === null) return false;
    return (await this.m.getRepository(BallotEntity).createQueryBuilder('b').where('b.id = :id AND b.county_code <> :county', { id, county: this.scope.county }).getCount()) > 0;
  }

  /**
   * The service itself, in this same transaction: what the service does on its own behalf while a
   * staff member acts (intake's timeliness check proposes a rejection; a supervisor confirms).
   */
  asService(): ActorStores {
    return new ActorStores(this.m, scopeOf(SYSTEM_ACTOR));
  }

  /** Reaching across counties, asked for by name: for the roles that reach every county only. */
  statewide(): ActorStores {
    requireStatewide(this.scope);
    return this;
  }
}

/**
 * The one way to the data for the service's modules (issue 12): stores opened for an actor, whose
 * queries already carry the actor's scope, in a transaction (`write`) or not (`read`; on SQLite in
 * the writers' queue, since the connection is shared). No module outside `libs/persistence`
 * imports TypeORM.
 */
export class Stores {
  constructor(
    readonly tx: TransactionRunner,
    private readonly snapshots?: SnapshotReads,
  ) {}

  /** The voter notices, for the service itself (the dispatcher, the letter list): reads. */
  noticesRead<T>(work: (notices: NoticeStore) => Promise<T>): Promise<T> {
    return this.tx.read((m) => work(new NoticeStore(m)));
  }

  /** The voter notices: one transaction. */
  noticesWrite<T>(work: (notices: NoticeStore) => Promise<T>): Promise<T> {
    return this.tx.run((m) => work(new NoticeStore(m)));
  }

  /** Staff accounts and sessions: reads. */
  accountsRead<T>(work: (accounts: AccountsStore) => Promise<T>): Promise<T> {
    return this.tx.read((m) => work(new AccountsStore(m)));
  }

  /** Staff accounts and sessions: one transaction. */
  accountsWrite<T>(work: (accounts: AccountsStore) => Promise<T>): Promise<T> {
    return this.tx.run((m) => work(new AccountsStore(m)));
  }

  /** The voter portal's reads: on their own snapshot connections on SQLite, so a lookup never waits behind a write. */
  portalRead<T>(work: (portal: PortalStore) => Promise<T>): Promise<T> {
    return this.snapshots === undefined ? this.tx.read((m) => work(new PortalStore(m))) : this.snapshots.read((m) => work(new PortalStore(m)));
  }

  /** The voter portal's writes (an upload), in one transaction. */
  portalWrite<T>(work: (portal: PortalStore) => Promise<T>): Promise<T> {
    return this.tx.run((m) => work(new PortalStore(m)));
  }

  /** Work in the actor's scope that reads only. */
  read<T>(actor: StaffActor, work: (stores: ActorStores) => Promise<T>): Promise<T> {
    return this.tx.read((m) => work(new ActorStores(m, scopeOf(actor))));
  }

  /** Work in the actor's scope, in one transaction: all of it is written, or none. */
  write<T>(actor: StaffActor, work: (stores: ActorStores) => Promise<T>): Promise<T> {
    return this.tx.run((m) => work(new ActorStores(m, scopeOf(actor))));
  }

  /** The same, committed with other writes waiting at the same time on SQLite (`TransactionRunner.runGrouped`): for many small writes, such as transitions. */
  writeGrouped<T>(actor: StaffActor, work: (stores: ActorStores) => Promise<T>): Promise<T> {
    return this.tx.runGrouped((m) => work(new ActorStores(m, scopeOf(actor))));
  }
}
