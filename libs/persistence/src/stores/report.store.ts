import type { EntityManager } from 'typeorm';
import { BallotEntity } from '../entities';
import { awaitedDeadlineSql, outstandingSql } from './ballot.store';
import { inCounty, reaches, type StoreScope } from './scope';

/** What ballots can be counted by, for a report. */
const GROUP_COLUMNS = {
  countyCode: 'b.county_code',
  kind: 'b.kind',
  status: 'b.status',
  cureDeadline: 'b.cure_deadline',
  awaitedDeadline: awaitedDeadlineSql('b'),
  rejectionReason: 'b.rejection_reason',
  cureReason: 'b.cure_reason',
  issuedReason: 'b.issued_reason',
  uocavaCategory: 'b.uocava_category',
  determination: 'b.determination',
  fwab: 'b.fwab',
} as const;
export type BallotGroupColumn = keyof typeof GROUP_COLUMNS;

/** Which ballots a count takes; every field optional. */
export interface BallotCountFilter {
  /** One county; one outside the scope counts nothing. */
  readonly countyCode?: string;
  readonly kind?: string;
  readonly status?: string;
  /** Only ballots not yet counted or rejected. */
  readonly outstanding?: boolean;
  /** Only ballots a cure was requested for. */
  readonly cureRequested?: boolean;
  readonly determination?: string;
}

/** One group: its columns' values (as the database returns them) and how many ballots. */
export type BallotGroup<K extends BallotGroupColumn> = { readonly [C in K]: string | number | boolean | null } & { readonly ballots: number };

/**
 * What reports read of one election's ballots, in the scope: grouped counts (every report is a
 * shaping of some), and the partially counted ballots with their contests. The shaping, zeros
 * for counties without ballots and sums for the whole state, is the reports' own (libs/reports).
 */
export class ReportStore {
  constructor(
    private readonly m: EntityManager,
    private readonly scope: StoreScope,
    readonly electionId: string,
  ) {}

  private ballots(filter: BallotCountFilter) {
    const query = inCounty(this.m.getRepository(BallotEntity).createQueryBuilder('b').where('b.election_id = :scopeElection', { scopeElection: this.electionId }), this.scope, 'b');
    if (filter.countyCode !== undefined) {
      if (!reaches(this.scope, filter.countyCode)) query.andWhere('1 = 0');
      else query.andWhere('b.county_code = :county', { county: filter.countyCode });
    }
    if (filter.kind !== undefined) query.andWhere('b.kind = :kind', { kind: filter.kind });
    if (filter.status !== undefined) query.andWhere('b.status = :status', { status: filter.status });
    if (filter.determination !== undefined) query.andWhere('b.determination = :determination', { determination: filter.determination });
    if (filter.outstanding === true) query.andWhere(outstandingSql('b'));
    if (filter.cureRequested === true) query.andWhere('b.cure_reason IS NOT NULL');
    return query;
  }

  /** Ballots counted by the columns asked for, one row a group, in the columns' order. */
  async countBallots<K extends BallotGroupColumn>(by: readonly K[], filter: BallotCountFilter = {}): Promise<BallotGroup<K>[]> {
    const query = this.ballots(filter).select([]);
    by.forEach((column, i) => {
      query.addSelect(GROUP_COLUMNS[column], column);
      if (i === 0) query.groupBy(GROUP_COLUMNS[column]);
      else query.addGroupBy(GROUP_COLUMNS[column]);
      query.addOrderBy(GROUP_COLUMNS[column]);
    });
    const rows = await query.addSelect('COUNT(*)', 'ballots').getRawMany<Record<string, string | number | boolean | null>>();
    return rows.map((r) => ({ ...r, ballots: Number(r['ballots']) }) as BallotGroup<K>);
  }

  /** Every partially counted ballot, by county, precinct and receipt number, with its lifecycle (the contests counted). */
  partiallyCounted(countyCode?: string): Promise<Pick<BallotEntity, 'id' | 'countyCode' | 'precinctId' | 'receiptNumber' | 'lifecycle'>[]> {
    return this.ballots({ countyCode, status: 'counted', determination: 'partial' })
      .select(['b.id', 'b.countyCode', 'b.precinctId', 'b.receiptNumber', 'b.lifecycle'])
      .orderBy('b.county_code').addOrderBy('b.precinct_id').addOrderBy('b.receipt_number').getMany();
  }
}
