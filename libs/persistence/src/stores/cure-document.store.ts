import type { EntityManager } from 'typeorm';
import { BallotEntity, CureSubmissionEntity } from '../entities';
import { inCounty, type StoreScope } from './scope';

/** A clerk's decision on an uploaded document. */
export type CureDecision = Pick<CureSubmissionEntity, 'status' | 'decidedBy' | 'decidedAt' | 'declineReason'>;

/**
 * The cure documents voters uploaded, for ballots of one election in the scope: each query joins
 * the document's ballot and carries its election and county.
 */
export class CureDocumentStore {
  constructor(
    private readonly m: EntityManager,
    private readonly scope: StoreScope,
    readonly electionId: string,
  ) {}

  private query() {
    return inCounty(
      this.m.getRepository(CureSubmissionEntity).createQueryBuilder('d').innerJoin(BallotEntity, 'b', 'b.id = d.ballot_id').where('b.election_id = :scopeElection', { scopeElection: this.electionId }),
      this.scope,
      'b',
    );
  }

  /** A ballot's documents, newest first. */
  forBallot(ballotId: string): Promise<CureSubmissionEntity[]> {
    return this.query().andWhere('d.ballot_id = :ballotId', { ballotId }).orderBy('d.submitted_at', 'DESC').addOrderBy('d.id', 'ASC').getMany();
  }

  get(ballotId: string, documentId: string): Promise<CureSubmissionEntity | null> {
    return this.query().andWhere('d.ballot_id = :ballotId AND d.id = :documentId', { ballotId, documentId }).getOne();
  }

  /** When the earliest document still awaiting a decision was submitted; null when none is pending. */
  async earliestPendingAt(ballotId: string): Promise<number | null> {
    const row = await this.query().select('MIN(d.submitted_at)', 'at').andWhere("d.ballot_id = :ballotId AND d.status = 'pending'", { ballotId }).getRawOne<{ at: string | number | null }>();
    return row?.at === null || row?.at === undefined ? null : Number(row.at);
  }

  /** Records a decision on a pending document; false when it was decided already or is not in the scope. */
  async decide(ballotId: string, documentId: string, decision: CureDecision): Promise<boolean> {
    if ((await this.get(ballotId, documentId)) === null) return false;
    const result = await this.m.createQueryBuilder().update(CureSubmissionEntity).set(decision)
      .where("id = :documentId AND ballot_id = :ballotId AND status = 'pending'", { documentId, ballotId }).execute();
    return result.affected === 1;
  }

  /** Documents still awaiting a clerk's decision, per ballot, for these ballots (absent: none). */
  async pendingByBallot(ballotIds: readonly string[]): Promise<Map<string, number>> {
    if (ballotIds.length === 0) return new Map();
    const rows = await this.query().select('d.ballot_id', 'ballotId').addSelect('COUNT(*)', 'n')
      .andWhere("d.status = 'pending' AND d.ballot_id IN (:...ballotIds)", { ballotIds }).groupBy('d.ballot_id').getRawMany<{ ballotId: string; n: string | number }>();
    return new Map(rows.map((r) => [r.ballotId, Number(r.n)]));
  }

  /** How many documents of a county's ballots still await a clerk's decision. */
  countPending(countyCode: string): Promise<number> {
    return this.query().andWhere("d.status = 'pending' AND b.county_code = :countyCode", { countyCode }).getCount();
  }
}
