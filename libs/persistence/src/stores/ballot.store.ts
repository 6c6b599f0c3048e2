import { DomainError } from '@app/domain';
import { FINAL_STATES } from '@app/lifecycle';
import { Brackets, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { BallotEntity } from '../entities';
import { inCounty, reaches, type StoreScope } from './scope';

/** What "outstanding" means, in SQL: not yet counted or rejected (the lifecycle's final states). */
export function outstandingSql(alias: string): string {
  return `${alias}.status NOT IN (${FINAL_STATES.map((s) => `'${s}'`).join(', ')})`;
}

/** A ballot's recorded cure deadline while it still awaits the cure (a made cure's no longer binds). */
export function awaitedDeadlineSql(alias: string): string {
  return `CASE WHEN ${alias}.status = 'received.awaitingCure' THEN ${alias}.cure_deadline END`;
}

export interface BallotQueueFilter {
  readonly countyCode?: string;
  /** Only ballots not yet counted or rejected: the queue's to-do view. */
  readonly outstanding?: boolean;
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

export interface BallotQueuePage {
  readonly items: BallotEntity[];
  readonly nextCursor: string | null;
  /** How many ballots the filter matches, on every page. */
  readonly total: number;
}

/** The lifecycle columns a transition writes, in one statement. */
export type LifecycleChanges = Pick<BallotEntity, 'status' | 'machineVersion' | 'lifecycle' | 'matchedVoterId' | 'cureReason' | 'cureDeadline' | 'rejectionReason' | 'determination' | 'version' | 'updatedAt'>;

/** Sorts "no deadline" after every deadline. */
const NO_DEADLINE = Number.MAX_SAFE_INTEGER;
const SORT_KEY = `COALESCE(b.cure_deadline, ${NO_DEADLINE})`;

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

/** A county that has certified changes no more: every write of a ballot carries this condition. */
const COUNTY_OPEN = 'NOT EXISTS (SELECT 1 FROM counties c WHERE c.election_id = ballots.election_id AND c.code = ballots.county_code AND c.certified_at IS NOT NULL)';

/**
 * The ballots of one election, as far as the scope reaches: every query carries the election and,
 * for county staff, the county. A ballot of another county is as absent as one that does not exist.
 */
export class BallotStore {
  constructor(
    private readonly m: EntityManager,
    private readonly scope: StoreScope,
    readonly electionId: string,
  ) {}

  private query(alias = 'b'): SelectQueryBuilder<BallotEntity> {
    return inCounty(this.m.getRepository(BallotEntity).createQueryBuilder(alias).where(`${alias}.election_id = :scopeElection`, { scopeElection: this.electionId }), this.scope, alias);
  }

  get(id: string): Promise<BallotEntity | null> {
    return this.query().andWhere('b.id = :id', { id }).getOne();
  }

  /**
   * Whether a receipt number is taken in this election, whatever the county: receipt numbers are
   * unique per election, so a clerk must hear of a clash. A yes or a no, nothing of the ballot.
   */
  async receiptTaken(receiptNumber: string): Promise<boolean> {
    return (await this.m.getRepository(BallotEntity).countBy({ electionId: this.electionId, receiptNumber })) > 0;
  }

  /** A ballot as taken in, for a county in the scope. */
  async insert(ballot: BallotEntity): Promise<void> {
    if (ballot.electionId !== this.electionId || !reaches(this.scope, ballot.countyCode)) {
      throw new DomainError('forbidden', 'you can take in ballots only for your own county', {}, [{ field: 'countyCode', message: 'must be your own county' }]);
    }
    // Every column is given: nothing to read back (TypeORM would SELECT the defaults after the INSERT).
    await this.m.createQueryBuilder().insert().into(BallotEntity).values(ballot).updateEntity(false).execute();
  }

  /**
   * A transition's write: the lifecycle columns, only if the ballot is still at the version the
   * transition read, in the scope, and its county has not certified. False when it changed nothing.
   */
  async updateLifecycle(id: string, expectedVersion: number, changes: LifecycleChanges): Promise<boolean> {
    const update = this.m.createQueryBuilder().update(BallotEntity).set(changes)
      .where('id = :id AND version = :version AND election_id = :electionId', { id, version: expectedVersion, electionId: this.electionId })
      .andWhere(COUNTY_OPEN);
    if (this.scope.county !== null) update.andWhere('county_code = :county', { county: this.scope.county });
    return (await update.execute()).affected === 1;
  }

  /** The work queue: deadline first, then id; cursor-paged; every filter optional. */
  async queue(filter: BallotQueueFilter): Promise<BallotQueuePage> {
    const query = this.query();
    if (filter.countyCode !== undefined) query.andWhere('b.county_code = :county', { county: filter.countyCode });
    if (filter.outstanding === true) query.andWhere(outstandingSql('b'));
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
    const total = await query.getCount();
    if (filter.cursor !== undefined) {
      const [key, id] = decodeCursor(filter.cursor);
      query.andWhere(new Brackets((w) => w.where(`${SORT_KEY} > :key`, { key }).orWhere(new Brackets((x) => x.where(`${SORT_KEY} = :key`, { key }).andWhere('b.id > :id', { id })))));
    }
    const rows = await query.orderBy(SORT_KEY, 'ASC').addOrderBy('b.id', 'ASC').limit(filter.limit + 1).getMany();
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last !== undefined ? encodeCursor(last) : null, total };
  }

  /** Ballots awaiting a cure in these counties (all in the scope when null): who to tell that a deadline moved. */
  awaitingCure(counties: readonly string[] | null): Promise<Pick<BallotEntity, 'id' | 'countyCode' | 'cureReason' | 'cureDeadline'>[]> {
    const query = this.query().select(['b.id', 'b.countyCode', 'b.cureReason', 'b.cureDeadline']).andWhere("b.status = 'received.awaitingCure'");
    if (counties !== null) query.andWhere(counties.length === 0 ? '1 = 0' : 'b.county_code IN (:...counties)', { counties });
    return query.getMany();
  }

  /** Ballots still awaiting a cure whose recorded deadline is before `before`: the sweep's candidates. */
  dueForSweep(before: number): Promise<Pick<BallotEntity, 'id' | 'receiptNumber' | 'version'>[]> {
    return this.query().select(['b.id', 'b.receiptNumber', 'b.version']).andWhere("b.status = 'received.awaitingCure'").andWhere('b.cure_deadline < :before', { before }).orderBy('b.cure_deadline').addOrderBy('b.id').getMany();
  }

  /** How many of a county's ballots wait for the voter to cure. */
  countAwaitingCure(countyCode: string): Promise<number> {
    return this.query().andWhere('b.county_code = :countyCode', { countyCode }).andWhere("b.status = 'received.awaitingCure'").getCount();
  }

  /** How many of a county's ballots are not yet counted or rejected. */
  countOutstanding(countyCode: string): Promise<number> {
    return this.query().andWhere('b.county_code = :countyCode', { countyCode }).andWhere(outstandingSql('b')).getCount();
  }
}
