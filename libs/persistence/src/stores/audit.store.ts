import type { AuditEvent } from '@app/domain';
import type { ChainedAuditEntry } from '@app/audit';
import type { EntityManager } from 'typeorm';
import { appendAudit } from '../audit.store';
import { AuditEntryEntity, BallotEntity } from '../entities';
import { inCounty, reaches, type StoreScope } from './scope';

/** One action for the audit chain, as a store appends it: the actor comes from the store's scope. */
export interface AuditAction {
  readonly event: AuditEvent;
  /** The ballot it is about, read through a store of this scope: one the scope does not reach is refused. */
  readonly ballot?: Pick<BallotEntity, 'id' | 'electionId' | 'countyCode'> | null;
  readonly fromState?: string | null;
  readonly toState?: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  /** Epoch ms, from the service's clock. */
  readonly at: number;
  /** Who did it, when not the scope's actor (a voter through the portal is never a store's actor). */
  readonly as?: { readonly id: string; readonly role: string };
}

/**
 * The audit chain, for the scope's actor: appends inside the caller's transaction (so an entry
 * exists exactly when the change it records does), and reads a ballot's history within the scope.
 * `electionId` is the store's election, or null for what belongs to none (signing in).
 */
export class AuditStore {
  constructor(
    private readonly m: EntityManager,
    private readonly scope: StoreScope,
    readonly electionId: string | null,
  ) {}

  append(action: AuditAction): Promise<ChainedAuditEntry> {
    const ballot = action.ballot ?? null;
    if (ballot !== null && ((this.electionId !== null && ballot.electionId !== this.electionId) || !reaches(this.scope, ballot.countyCode))) {
      return Promise.reject(new Error('an audit entry about a ballot is appended only for a ballot of the store\'s scope'));
    }
    return appendAudit(this.m, {
      electionId: this.electionId,
      ballotId: ballot?.id ?? null,
      actorId: action.as?.id ?? this.scope.actor.id,
      actorRole: action.as?.role ?? this.scope.actor.role,
      event: action.event,
      fromState: action.fromState ?? null,
      toState: action.toState ?? null,
      payload: action.payload,
      at: new Date(action.at).toISOString(),
    });
  }

  /** A ballot's entries, oldest first, when the ballot is in the scope (none otherwise). */
  historyOf(ballotId: string): Promise<AuditEntryEntity[]> {
    const query = this.m.getRepository(AuditEntryEntity).createQueryBuilder('e')
      .innerJoin(BallotEntity, 'b', 'b.id = e.ballot_id')
      .where('e.ballot_id = :ballotId', { ballotId });
    if (this.electionId !== null) query.andWhere('b.election_id = :electionId', { electionId: this.electionId });
    return inCounty(query, this.scope, 'b').orderBy('e.seq', 'ASC').getMany();
  }

  /**
   * For each of these ballots (in the scope), the last of its entries whose event is one of
   * `events`, e.g. the last decision, to tell a ballot a supervisor returned.
   */
  async lastOf(ballotIds: readonly string[], events: readonly string[]): Promise<Map<string, string>> {
    if (ballotIds.length === 0 || events.length === 0) return new Map();
    const query = this.m.getRepository(AuditEntryEntity).createQueryBuilder('e').select('e.ballot_id', 'ballotId').addSelect('e.event', 'event')
      .innerJoin(BallotEntity, 'b', 'b.id = e.ballot_id')
      .where('e.ballot_id IN (:...ballotIds) AND e.event IN (:...events)', { ballotIds, events });
    const rows = await inCounty(query, this.scope, 'b').orderBy('e.seq', 'ASC').getRawMany<{ ballotId: string; event: string }>();
    return new Map(rows.map((r) => [r.ballotId, r.event]));
  }

  /**
   * The election's entries of one event about a county (their payload's `countyCode`, as
   * CERTIFY_COUNTY and REOPEN_COUNTY carry it), oldest first; none for a county out of the scope.
   */
  async countyEntries(event: AuditEvent, countyCode: string): Promise<AuditEntryEntity[]> {
    if (this.electionId === null || !reaches(this.scope, countyCode)) return [];
    const entries = await this.m.getRepository(AuditEntryEntity).createQueryBuilder('e').where('e.election_id = :electionId AND e.event = :event', { electionId: this.electionId, event }).orderBy('e.seq', 'ASC').getMany();
    return entries.filter((x) => (x.payload as { countyCode?: unknown }).countyCode === countyCode);
  }
}
