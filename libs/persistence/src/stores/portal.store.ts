import type { ChainedAuditEntry } from '@app/audit';
import type { EntityManager } from 'typeorm';
import { appendAudit } from '../audit.store';
import { isPostgres } from '../data-source';
import { AuditEntryEntity, BallotEntity, CureSubmissionEntity } from '../entities';
import { RulesStore } from './rules.store';
import { Params, scopeOf, type StoreScope } from './scope';
import { VoterContactStore } from './voter-contact.store';

/** The voter, as the audit trail names them: no name, no contact, only that it came through the portal. */
export const PORTAL_ACTOR = { id: 'voter-portal', role: 'voter' } as const;

/** The portal reads rules as anyone may (they are public law) and writes none: a scope that reaches no county. */
const PORTAL_SCOPE: StoreScope = scopeOf({ id: PORTAL_ACTOR.id, username: PORTAL_ACTOR.id, role: 'clerk', countyCode: null });

/** The columns of a ballot the portal reads, as the index probe returns them. */
export interface PortalBallotRow {
  readonly id: string;
  readonly election_id: string;
  readonly receipt_number: string;
  readonly kind: BallotEntity['kind'];
  readonly county_code: string;
  readonly status: BallotEntity['status'];
  readonly lifecycle: string;
  readonly cure_reason: BallotEntity['cureReason'];
  readonly cure_deadline: string | number | null;
  readonly rejection_reason: BallotEntity['rejectionReason'];
  readonly determination: BallotEntity['determination'];
}

/**
 * The voter portal's data (HAVA's free access system). A ballot is found only by its receipt
 * number and the date of birth on its envelope, or by the id a lookup's signed token carries: no
 * actor, no county, and nothing else of the roll or of other ballots.
 */
export class PortalStore {
  constructor(private readonly m: EntityManager) {}

  /**
   * One probe of the (receipt number, date of birth) index, for exactly the columns the view
   * needs, written out (the portal is the service's hottest path). A receipt that does not exist
   * and a wrong date of birth do the same work. Newest election first when a receipt is reused.
   */
  async find(receiptCandidates: readonly string[], dateOfBirth: string): Promise<PortalBallotRow | null> {
    const p = new Params(this.m);
    const rows = await this.m.query<PortalBallotRow[]>(
      `SELECT id, election_id, receipt_number, kind, county_code, status, lifecycle, cure_reason, cure_deadline, rejection_reason, determination
         FROM ballots WHERE receipt_number IN ${p.list(receiptCandidates)} AND date_of_birth = ${p.add(dateOfBirth)}
         ORDER BY created_at DESC LIMIT 1`,
      p.values,
    );
    return rows[0] ?? null;
  }

  /** The ballot a lookup's signed token names. */
  ballot(id: string): Promise<BallotEntity | null> {
    return this.m.findOneBy(BallotEntity, { id });
  }

  /**
   * The ballot a lookup's token names, held for this transaction's upload: on PostgreSQL its row
   * is locked, so two uploads for one ballot count its pending documents one after the other
   * (SQLite's single writer already runs them one at a time).
   */
  ballotForUpload(id: string): Promise<BallotEntity | null> {
    return isPostgres(this.m.connection) ? this.m.findOne(BallotEntity, { where: { id }, lock: { mode: 'pessimistic_write' } }) : this.ballot(id);
  }

  /** How many of the ballot's documents wait for a clerk's decision. */
  pendingUploads(ballotId: string): Promise<number> {
    return this.m.countBy(CureSubmissionEntity, { ballotId, status: 'pending' });
  }

  /** Whether an upload token has already sent its document. */
  async uploadTokenSpent(tokenId: string): Promise<boolean> {
    return (await this.m.countBy(CureSubmissionEntity, { uploadToken: tokenId })) > 0;
  }

  /** The ballot's latest upload, if any. */
  latestUpload(ballotId: string): Promise<CureSubmissionEntity | null> {
    return this.m.findOne(CureSubmissionEntity, { where: { ballotId }, order: { submittedAt: 'DESC' } });
  }

  /**
   * The ballot's history as the voter's timeline reads it: each audit entry's event and time, oldest
   * first (the `audit_by_ballot` index), never its actor or payload.
   */
  history(ballotId: string): Promise<Pick<AuditEntryEntity, 'event' | 'at'>[]> {
    return this.m.find(AuditEntryEntity, { where: { ballotId }, select: { event: true, at: true, seq: true }, order: { seq: 'ASC' } });
  }

  /** Where the ballot's notices go, as its voter changes it. */
  contacts(): VoterContactStore {
    return new VoterContactStore(this.m, PORTAL_ACTOR);
  }

  /** The election's rules, to read. */
  rules(electionId: string): RulesStore {
    return new RulesStore(this.m, PORTAL_SCOPE, electionId);
  }

  /** Records an upload and its audit entry (`CURE_UPLOADED`, the voter through the portal), in the caller's transaction. */
  async addSubmission(ballot: Pick<BallotEntity, 'id' | 'electionId' | 'status'>, submission: CureSubmissionEntity): Promise<ChainedAuditEntry> {
    await this.m.insert(CureSubmissionEntity, submission);
    return appendAudit(this.m, {
      electionId: ballot.electionId,
      ballotId: ballot.id,
      actorId: PORTAL_ACTOR.id,
      actorRole: PORTAL_ACTOR.role,
      event: 'CURE_UPLOADED',
      fromState: ballot.status,
      toState: ballot.status,
      payload: { submissionId: submission.id, kind: submission.kind, mediaType: submission.mediaType, sizeBytes: submission.sizeBytes, sha256: submission.sha256 },
      at: new Date(submission.submittedAt).toISOString(),
    });
  }
}
