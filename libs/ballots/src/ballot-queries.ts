import { availableEvents, type EventType } from '@app/lifecycle';
import { AuditEntryEntity, BallotEntity, CountyEntity, VoterEntity, type TransactionRunner } from '@app/persistence';
import type { Deadline, EligibilityDecision } from '@app/rules';
import { Brackets, type EntityManager } from 'typeorm';
import { countyFilter } from './scope';
import { pendingCureSubmittedAt, type BallotTransitions } from './ballot-transitions';
import { cureDeadlineInForce, type ElectionRulesCache } from './election-rules';
import { type StaffActor, type Clock, DomainError } from '@app/domain';

export interface BallotListFilter {
  readonly electionId: string;
  readonly countyCode?: string;
  readonly kind?: string;
  /** Top-level state: received, verified, cured, counted, rejected. */
  readonly status?: string;
  /** A full state such as received.awaitingCure. */
  readonly subState?: string;
  /** Any reason code the ballot carries: issued, cure or rejection. */
  readonly reason?: string;
  readonly precinctId?: string;
  /** Epoch ms: cure deadline before this instant. */
  readonly deadlineBefore?: number;
  /** Receipt number prefix, or part of the voter's last name. */
  readonly text?: string;
  readonly cursor?: string;
  readonly limit: number;
}

export interface BallotPage {
  readonly items: BallotEntity[];
  readonly nextCursor: string | null;
  /** Each item's cure deadline in force (a court order or the county's hours may have moved the recorded one). */
  readonly cureDeadlinesInForce: ReadonlyMap<string, number | null>;
}

export interface BallotDetail {
  readonly ballot: BallotEntity;
  readonly voter: VoterEntity | null;
  readonly decision: EligibilityDecision;
  readonly deadlines: { readonly provisionalCure: Deadline; readonly uocavaReceipt: Deadline; readonly countyCertification: Deadline };
  readonly history: AuditEntryEntity[];
  readonly availableEvents: readonly EventType[];
  readonly countyCertified: boolean;
  /** The cure deadline in force for this ballot, when a cure was requested. */
  readonly cureDeadlineInForce: number | null;
}

/** Sorts "no deadline" after every deadline. */
const NO_DEADLINE = Number.MAX_SAFE_INTEGER;

function encodeCursor(ballot: BallotEntity): string {
  return Buffer.from(JSON.stringify([ballot.cureDeadline ?? NO_DEADLINE, ballot.id])).toString('base64url');
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') return [value[0], value[1]];
  } catch {
    // fall through
  }
  throw new DomainError('invalid_input', 'the cursor is not one this service gave out', {}, [{ field: 'cursor', message: 'is not valid' }]);
}

/** Reads of ballots, always within the actor's county scope (applied here, once, for every query). */
export class BallotQueries {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly rules: ElectionRulesCache,
    private readonly transitions: BallotTransitions,
    private readonly clock: Clock,
  ) {}

  /** Deadline first (the work queue's order), then id; cursor-paged. */
  list(actor: StaffActor, filter: BallotListFilter): Promise<BallotPage> {
    return this.tx.read(async (manager) => {
      const sortKey = `COALESCE(b.cure_deadline, ${NO_DEADLINE})`;
      const query = manager.getRepository(BallotEntity).createQueryBuilder('b').where('b.election_id = :electionId', { electionId: filter.electionId });
      const scope = countyFilter(actor);
      if (scope !== null) query.andWhere('b.county_code = :scope', { scope });
      if (filter.countyCode !== undefined) query.andWhere('b.county_code = :county', { county: filter.countyCode });
      if (filter.kind !== undefined) query.andWhere('b.kind = :kind', { kind: filter.kind });
      if (filter.subState !== undefined) query.andWhere('b.status = :subState', { subState: filter.subState });
      if (filter.status !== undefined) {
        query.andWhere(new Brackets((w) => w.where('b.status = :status', { status: filter.status }).orWhere('b.status LIKE :statusPrefix', { statusPrefix: `${filter.status}.%` })));
      }
      if (filter.reason !== undefined) {
        query.andWhere(new Brackets((w) => w.where('b.issued_reason = :reason').orWhere('b.cure_reason = :reason').orWhere('b.rejection_reason = :reason')), { reason: filter.reason });
      }
      if (filter.precinctId !== undefined) query.andWhere('b.precinct_id = :precinct', { precinct: filter.precinctId });
      if (filter.deadlineBefore !== undefined) query.andWhere('b.cure_deadline < :before', { before: filter.deadlineBefore });
      if (filter.text !== undefined && filter.text !== '') {
        const like = filter.text.replace(/[\\%_]/g, (c) => `\\${c}`);
        query.andWhere(
          new Brackets((w) =>
            w.where("b.receipt_number LIKE :prefix ESCAPE '\\'", { prefix: `${like}%` }).orWhere("LOWER(b.last_name) LIKE :name ESCAPE '\\'", { name: `%${like.toLowerCase()}%` }),
          ),
        );
      }
      if (filter.cursor !== undefined) {
        const [key, id] = decodeCursor(filter.cursor);
        query.andWhere(new Brackets((w) => w.where(`${sortKey} > :key`, { key }).orWhere(new Brackets((x) => x.where(`${sortKey} = :key`, { key }).andWhere('b.id > :id', { id })))));
      }
      const rows = await query.orderBy(sortKey, 'ASC').addOrderBy('b.id', 'ASC').limit(filter.limit + 1).getMany();
      const items = rows.slice(0, filter.limit);
      const last = items[items.length - 1];
      const rules = await this.rules.get(manager, filter.electionId);
      const cureDeadlinesInForce = new Map(items.map((b) => [b.id, cureDeadlineInForce(b, rules)]));
      return { items, nextCursor: rows.length > filter.limit && last !== undefined ? encodeCursor(last) : null, cureDeadlinesInForce };
    });
  }

  detail(actor: StaffActor, ballotId: string): Promise<BallotDetail> {
    return this.tx.read((manager) => this.detailIn(manager, actor, ballotId));
  }

  private async detailIn(manager: EntityManager, actor: StaffActor, ballotId: string): Promise<BallotDetail> {
    const now = this.clock.now();
    const ballot = await this.transitions.loadInScope(manager, actor, ballotId);
    const rules = await this.rules.get(manager, ballot.electionId);
    const voter = ballot.matchedVoterId === null ? null : await manager.findOneBy(VoterEntity, { electionId: ballot.electionId, voterId: ballot.matchedVoterId });
    const county = await manager.findOneBy(CountyEntity, { electionId: ballot.electionId, code: ballot.countyCode });
    const decision = await this.transitions.decide(manager, ballot, now);
    const history = await manager.find(AuditEntryEntity, { where: { ballotId: ballot.id }, order: { seq: 'ASC' } });
    const deadlines = rules.calendar.forCounty(ballot.countyCode).deadlines;
    const countyCertified = county?.certifiedAt !== null && county?.certifiedAt !== undefined;
    const events = availableEvents(
      { machineVersion: ballot.machineVersion, state: ballot.status, context: ballot.lifecycle },
      { actor: { id: actor.id, role: actor.role }, now, countyCertified, eligibility: decision, cureDeadline: deadlines.provisionalCure.at, pendingCureSubmittedAt: await pendingCureSubmittedAt(manager, ballot.id) },
    );
    return {
      ballot,
      voter,
      decision,
      deadlines: { provisionalCure: deadlines.provisionalCure, uocavaReceipt: deadlines.uocavaReceipt, countyCertification: deadlines.countyCertification },
      history,
      availableEvents: events,
      countyCertified,
      cureDeadlineInForce: cureDeadlineInForce(ballot, rules),
    };
  }
}
