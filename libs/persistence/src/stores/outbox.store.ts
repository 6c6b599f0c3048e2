import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { OutboxEntity, type BallotEntity } from '../entities';
import { reaches, type StoreScope } from './scope';

/** What the transition or the change that decided a notice writes: the ballot it is about and the notice itself. */
export type QueuedNotice = Readonly<Record<string, unknown>> & { readonly type: string };

/**
 * The outbox of one election, in the scope: side effects decided in a transaction (a voter notice)
 * and run after it commits. A notice is queued for a ballot the scope reaches, in the caller's
 * transaction.
 */
export class OutboxStore {
  constructor(
    private readonly m: EntityManager,
    private readonly scope: StoreScope,
    readonly electionId: string,
  ) {}

  /** Queues a voter notice about a ballot (read through a store of this scope). */
  async queueNotice(ballot: Pick<BallotEntity, 'id' | 'electionId' | 'countyCode'>, notice: QueuedNotice, now: number): Promise<void> {
    if (ballot.electionId !== this.electionId || !reaches(this.scope, ballot.countyCode)) throw new Error('a notice is queued only for a ballot of the store\'s scope');
    // updateEntity(false): the row's defaults are not read back (a second round trip for nothing).
    await this.m
      .createQueryBuilder()
      .insert()
      .into(OutboxEntity)
      .values({ id: randomUUID(), kind: 'voter_notice', ballotId: ballot.id, payload: notice, createdAt: now, processedAt: null, attempts: 0 })
      .updateEntity(false)
      .execute();
  }

}
