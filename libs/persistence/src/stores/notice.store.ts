import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CONTACT_CONFIRMATION } from './voter-contact.store';
import { BallotEntity, ContactChangeEntity, ContestEntity, CountyEntity, ElectionEntity, LetterBatchEntity, NoticeAttemptEntity, NoticeHoldEntity, OutboxEntity, SmsOptOutEntity, type DeliveryStatusCode, type NoticeChannel } from '../entities';

/** The kind of the outbox's voter notices. */
export const VOTER_NOTICE = 'voter_notice';

/**
 * The voter notices of every election, for the service itself (the dispatcher, the letter list):
 * notices are sent for every county, by the service, never by a staff member's scope. What a
 * county's staff see of them goes through their own stores.
 */
/** Excludes the notices of a county whose notices are held (`b` is the notice's ballot). */
const NOT_HELD = 'NOT EXISTS (SELECT 1 FROM notice_holds h WHERE h.election_id = b.election_id AND h.county_code = b.county_code)';

export class NoticeStore {
  constructor(private readonly m: EntityManager) {}

  /**
   * Notices due now, oldest first: pending ones whose time has come, and ones claimed (`sending`)
   * by a process that has not finished within the lease (it died, or lost its connection): their
   * claim ran out at `claimed_at + leaseMs` (a claim from before the lease existed has no time and
   * has run out). Notices of a county whose notices are held wait. Without a mail server
   * (`can.email` false), notices that would go by email (the voter gave an address, or a claim
   * was by email) are left for a dispatcher that has one, so texts and letters are not stuck
   * behind them.
   */
  due(now: number, limit: number, leaseMs: number, can: { readonly email: boolean } = { email: true }): Promise<OutboxEntity[]> {
    const query = this.m.getRepository(OutboxEntity).createQueryBuilder('o')
      .leftJoin(BallotEntity, 'b', 'b.id = o.ballot_id')
      .where('o.kind = :kind', { kind: VOTER_NOTICE })
      .andWhere(`(b.id IS NULL OR ${NOT_HELD})`);
    if (!can.email) query.andWhere("(o.channel IS NULL OR o.channel <> 'email')").andWhere("(b.id IS NULL OR b.contact_email IS NULL OR TRIM(b.contact_email) = '')");
    return query
      .andWhere("((o.status = 'pending' AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= :now)) OR (o.status = 'sending' AND (o.claimed_at IS NULL OR o.claimed_at <= :expired)))", { now, expired: now - leaseMs })
      .orderBy('o.created_at', 'ASC').addOrderBy('o.id', 'ASC').limit(limit).getMany();
  }

  ballot(id: string): Promise<BallotEntity | null> {
    return this.m.findOneBy(BallotEntity, { id });
  }

  /**
   * Codes to send to a voter's new address (`CONTACT_CONFIRMATION`), due now, oldest first, as
   * `due` reads voter notices. Not held with the county's notices: the voter is waiting for it.
   */
  dueConfirmations(now: number, limit: number, leaseMs: number): Promise<OutboxEntity[]> {
    return this.m.getRepository(OutboxEntity).createQueryBuilder('o')
      .where('o.kind = :kind', { kind: CONTACT_CONFIRMATION })
      .andWhere("((o.status = 'pending' AND (o.next_attempt_at IS NULL OR o.next_attempt_at <= :now)) OR (o.status = 'sending' AND (o.claimed_at IS NULL OR o.claimed_at <= :expired)))", { now, expired: now - leaseMs })
      .orderBy('o.created_at', 'ASC').addOrderBy('o.id', 'ASC').limit(limit).getMany();
  }

  /** The new address a confirmation code goes to. */
  contactChange(id: string): Promise<ContactChangeEntity | null> {
    return this.m.findOneBy(ContactChangeEntity, { id });
  }

  /**
   * A conditional update from `from`: false when the row was no longer as the caller read it
   * (someone else has it). `guard.claimedAt` is the claim the caller holds (null: a claim without
   * a time): a process whose lease ran out and was claimed again cannot finish the row any more.
   */
  async move(id: string, from: 'pending' | 'sending' | 'letter' | 'sent', changes: Partial<OutboxEntity>, guard: { readonly attempts?: number; readonly claimedAt?: number | null } = {}): Promise<boolean> {
    const update = this.m.createQueryBuilder().update(OutboxEntity).set(changes).where('id = :id AND status = :from', { id, from });
    if (guard.attempts !== undefined) update.andWhere('attempts = :attempts', { attempts: guard.attempts });
    if (guard.claimedAt === null) update.andWhere('claimed_at IS NULL');
    else if (guard.claimedAt !== undefined) update.andWhere('claimed_at = :claimedAt', { claimedAt: guard.claimedAt });
    return (await update.execute()).affected === 1;
  }

  async recordAttempt(outboxId: string, channel: NoticeChannel, at: number, outcome: 'sent' | 'failed', detail: string | null): Promise<void> {
    await this.m.insert(NoticeAttemptEntity, { id: randomUUID(), outboxId, channel, attemptedAt: at, outcome, detail });
  }

  election(id: string): Promise<ElectionEntity> {
    return this.m.findOneByOrFail(ElectionEntity, { id });
  }

  county(electionId: string, code: string): Promise<CountyEntity> {
    return this.m.findOneByOrFail(CountyEntity, { electionId, code });
  }

  async contestNames(electionId: string): Promise<Readonly<Record<string, string>>> {
    const rows = await this.m.find(ContestEntity, { where: { electionId }, select: { id: true, name: true } });
    return Object.fromEntries(rows.map((c) => [c.id, c.name]));
  }

  /** Pending notices of the election whose voter gave neither an email address nor a phone: the letters to mail. */
  pendingWithoutContact(electionId: string): Promise<OutboxEntity[]> {
    return this.m.getRepository(OutboxEntity).createQueryBuilder('o')
      .innerJoin(BallotEntity, 'b', 'b.id = o.ballot_id')
      .where('o.kind = :kind', { kind: VOTER_NOTICE })
      .andWhere("o.status = 'pending'")
      .andWhere('b.election_id = :electionId', { electionId })
      .andWhere("(b.contact_email IS NULL OR TRIM(b.contact_email) = '')")
      .andWhere("(b.contact_phone IS NULL OR TRIM(b.contact_phone) = '')")
      .andWhere(NOT_HELD)
      .getMany();
  }

  /** Moves pending notices to the letter list; returns how many moved. */
  async markLetters(ids: readonly string[], now: number): Promise<number> {
    let moved = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const result = await this.m.createQueryBuilder().update(OutboxEntity).set({ status: 'letter', channel: 'letter', processedAt: now }).where("id IN (:...chunk) AND status = 'pending'", { chunk }).execute();
      moved += result.affected ?? 0;
    }
    return moved;
  }

  /**
   * The election's (and county's) letters, oldest first, with their ballots: those on the list and
   * not yet printed, or, given a batch number, the letters printed in that batch.
   */
  async letters(electionId: string, countyCode: string | undefined, batch?: number): Promise<{ readonly outbox: OutboxEntity[]; readonly ballots: ReadonlyMap<string, BallotEntity> }> {
    const query = this.m.getRepository(OutboxEntity).createQueryBuilder('o')
      .innerJoin(BallotEntity, 'b', 'b.id = o.ballot_id')
      .where('o.kind = :kind', { kind: VOTER_NOTICE })
      .andWhere('b.election_id = :electionId', { electionId });
    if (batch === undefined) query.andWhere("o.status = 'letter'").andWhere(NOT_HELD);
    else query.andWhere("o.status = 'printed' AND o.letter_batch = :batch", { batch });
    if (countyCode !== undefined) query.andWhere('b.county_code = :countyCode', { countyCode });
    const outbox = await query.orderBy('o.created_at', 'ASC').addOrderBy('o.id', 'ASC').getMany();
    const ballots = new Map<string, BallotEntity>();
    const ids = [...new Set(outbox.map((o) => o.ballotId).filter((id): id is string => id !== null))];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      for (const b of await this.m.getRepository(BallotEntity).createQueryBuilder('b').where('b.id IN (:...chunk)', { chunk }).getMany()) ballots.set(b.id, b);
    }
    return { outbox, ballots };
  }

  letterBatch(electionId: string, number: number): Promise<LetterBatchEntity | null> {
    return this.m.findOneBy(LetterBatchEntity, { electionId, number });
  }

  /**
   * Records a new batch (the election's next number) and marks its letters printed, each only if
   * it is still on the list: two exports at once never print one letter twice (on PostgreSQL the
   * second takes the same number and fails on the key).
   */
  async printLetters(electionId: string, countyCode: string | null, ids: readonly string[], actorId: string, now: number): Promise<LetterBatchEntity> {
    const last = await this.m.getRepository(LetterBatchEntity).createQueryBuilder('l').select('MAX(l.number)', 'last').where('l.election_id = :electionId', { electionId }).getRawOne<{ last: number | string | null }>();
    const number = Number(last?.last ?? 0) + 1;
    const batch: LetterBatchEntity = { electionId, number, countyCode, exportedAt: now, actorId, letters: ids.length };
    await this.m.insert(LetterBatchEntity, batch);
    let printed = 0;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const result = await this.m.createQueryBuilder().update(OutboxEntity).set({ status: 'printed', letterBatch: number }).where("id IN (:...chunk) AND status = 'letter'", { chunk }).execute();
      printed += result.affected ?? 0;
    }
    if (printed !== ids.length) throw new Error(`letter batch ${number}: ${ids.length - printed} of its letters were printed by another export at the same time; export again`);
    return batch;
  }

  /** Whether the voter of this number (E.164) replied STOP and has not replied START since. */
  async optedOut(phone: string): Promise<boolean> {
    return (await this.m.countBy(SmsOptOutEntity, { phone })) > 0;
  }

  /** Records a STOP (again: the latest keyword and time). */
  async optOut(phone: string, keyword: string, at: number): Promise<void> {
    await this.m.delete(SmsOptOutEntity, { phone });
    await this.m.insert(SmsOptOutEntity, { phone, keyword, optedOutAt: at });
  }

  /** Records a START: the number may be texted again. True when it had opted out. */
  async optIn(phone: string): Promise<boolean> {
    return ((await this.m.delete(SmsOptOutEntity, { phone })).affected ?? 0) > 0;
  }

  /**
   * A delivery-status callback for a text: its status recorded; a text that did not arrive (failed
   * or undelivered) goes onto the mailed-letter list with the reason. Null when no notice has that id.
   */
  async recordDelivery(providerMessageId: string, outcome: DeliveryStatusCode, reason: string, at: number): Promise<{ readonly outboxId: string; readonly movedToLetters: boolean } | null> {
    const row = await this.m.findOneBy(OutboxEntity, { providerMessageId });
    if (row === null) return null;
    const lost = outcome === 'failed' || outcome === 'undelivered';
    // A late "in transit" never overwrites what came before it; a final answer does.
    if (outcome === 'in_transit' && row.deliveryStatus !== null && row.deliveryStatus !== 'in_transit') return { outboxId: row.id, movedToLetters: false };
    if (lost && row.status === 'sent') {
      const moved = await this.move(row.id, 'sent', { deliveryStatus: outcome, status: 'letter', channel: 'letter', endReason: reason, processedAt: at });
      if (moved) return { outboxId: row.id, movedToLetters: true };
    }
    await this.m.update(OutboxEntity, { id: row.id }, { deliveryStatus: outcome });
    return { outboxId: row.id, movedToLetters: false };
  }

  /** The holds of an election, by county. */
  holds(electionId: string): Promise<NoticeHoldEntity[]> {
    return this.m.find(NoticeHoldEntity, { where: { electionId }, order: { countyCode: 'ASC' } });
  }

  /** Holds a county's notices; false when they were held already. */
  async hold(hold: NoticeHoldEntity): Promise<boolean> {
    if ((await this.m.countBy(NoticeHoldEntity, { electionId: hold.electionId, countyCode: hold.countyCode })) > 0) return false;
    await this.m.insert(NoticeHoldEntity, hold);
    return true;
  }

  /** Releases a county's notices; the hold it lifted, or null when none was in place. */
  async release(electionId: string, countyCode: string): Promise<NoticeHoldEntity | null> {
    const found = await this.m.findOneBy(NoticeHoldEntity, { electionId, countyCode });
    if (found !== null) await this.m.delete(NoticeHoldEntity, { electionId, countyCode });
    return found;
  }

  /** How many notices of the county wait to go out (pending, or on the letter list not yet printed). */
  async waiting(electionId: string, countyCode: string): Promise<number> {
    return this.m.getRepository(OutboxEntity).createQueryBuilder('o')
      .innerJoin(BallotEntity, 'b', 'b.id = o.ballot_id')
      .where('o.kind = :kind', { kind: VOTER_NOTICE })
      .andWhere("o.status IN ('pending', 'letter')")
      .andWhere('b.election_id = :electionId AND b.county_code = :countyCode', { electionId, countyCode })
      .getCount();
  }

  /** The election's voter notices counted by county, status and delivery status (for the console). */
  async countsByCounty(electionId: string): Promise<{ readonly countyCode: string; readonly status: string; readonly deliveryStatus: string | null; readonly n: number }[]> {
    const rows = await this.m.getRepository(OutboxEntity).createQueryBuilder('o')
      .innerJoin(BallotEntity, 'b', 'b.id = o.ballot_id')
      .select('b.county_code', 'countyCode').addSelect('o.status', 'status').addSelect('o.delivery_status', 'deliveryStatus').addSelect('COUNT(*)', 'n')
      .where('o.kind = :kind', { kind: VOTER_NOTICE })
      .andWhere('b.election_id = :electionId', { electionId })
      .groupBy('b.county_code').addGroupBy('o.status').addGroupBy('o.delivery_status')
      .getRawMany<{ countyCode: string; status: string; deliveryStatus: string | null; n: number | string }>();
    return rows.map((r) => ({ countyCode: r.countyCode, status: r.status, deliveryStatus: r.deliveryStatus, n: Number(r.n) }));
  }

  /** Notices left in `sending` by a run that stopped. */
  /** Pending voter notices that go by email (the voter gave an address): what waits for a mail server. */
  countWaitingForEmail(): Promise<number> {
    return this.m.getRepository(OutboxEntity).createQueryBuilder('o')
      .innerJoin(BallotEntity, 'b', 'b.id = o.ballot_id')
      .where('o.kind = :kind', { kind: VOTER_NOTICE })
      .andWhere("o.status = 'pending'")
      .andWhere("(o.channel = 'email' OR (b.contact_email IS NOT NULL AND TRIM(b.contact_email) <> ''))")
      .getCount();
  }

  countSending(): Promise<number> {
    return this.m.getRepository(OutboxEntity).countBy({ status: 'sending' });
  }
}
