import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs, jsonText } from '../columns';

/** Side effects decided in a transaction (a voter notice, say), run after it commits. */
@Entity('outbox')
export class OutboxEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: string;

  @Column({ name: 'ballot_id', type: 'varchar', length: 36, nullable: true })
  ballotId!: string | null;

  @Column({ type: 'text', transformer: jsonText })
  payload!: object;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'processed_at', type: 'bigint', nullable: true, transformer: epochMs })
  processedAt!: number | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /**
   * `pending`, then `sending` (claimed until `claimedAt` + the lease), then `sent`; `letter` (to be
   * mailed: no contact, or email or text failed for good) and `printed` (exported in a letter
   * batch); `superseded` (no longer true when it was due: never sent); `failed` (not a notice this
   * version can write, or its ballot is gone).
   */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: OutboxStatus;

  @Column({ type: 'varchar', length: 8, nullable: true })
  channel!: NoticeChannel | null;

  @Column({ name: 'next_attempt_at', type: 'bigint', nullable: true, transformer: epochMs })
  nextAttemptAt!: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;

  /** When a dispatcher claimed it: another may claim it again once the lease has run from here. */
  @Column({ name: 'claimed_at', type: 'bigint', nullable: true, transformer: epochMs })
  claimedAt!: number | null;

  /** Why it ended where it did (moved to the letter list, superseded): never an address or a phone. */
  @Column({ name: 'end_reason', type: 'varchar', length: 500, nullable: true })
  endReason!: string | null;

  /** The letter batch (per election) it was exported in. */
  @Column({ name: 'letter_batch', type: 'integer', nullable: true })
  letterBatch!: number | null;

  /** The SMS provider's id for the text: its delivery-status callbacks name it. */
  @Column({ name: 'provider_message_id', type: 'varchar', length: 64, nullable: true })
  providerMessageId!: string | null;

  /** What the provider's last delivery-status callback said of the text. */
  @Column({ name: 'delivery_status', type: 'varchar', length: 16, nullable: true })
  deliveryStatus!: DeliveryStatusCode | null;
}

export const DELIVERY_STATUS_CODES = ['delivered', 'undelivered', 'failed', 'in_transit'] as const;
export type DeliveryStatusCode = (typeof DELIVERY_STATUS_CODES)[number];

/** A number whose voter replied STOP: no text goes to it until they reply START. */
@Entity('sms_opt_outs')
export class SmsOptOutEntity {
  /** E.164. */
  @PrimaryColumn({ type: 'varchar', length: 16 })
  phone!: string;

  @Column({ type: 'varchar', length: 16 })
  keyword!: string;

  @Column({ name: 'opted_out_at', type: 'bigint', transformer: epochMs })
  optedOutAt!: number;
}

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed', 'letter', 'printed', 'superseded'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
export type NoticeChannel = 'email' | 'sms' | 'letter';

/** One try at delivering an outbox row, whatever its outcome (issue 5: "records each attempt"). */
@Entity('notice_attempts')
export class NoticeAttemptEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'outbox_id', type: 'varchar', length: 36 })
  outboxId!: string;

  @Column({ type: 'varchar', length: 8 })
  channel!: NoticeChannel;

  @Column({ name: 'attempted_at', type: 'bigint', transformer: epochMs })
  attemptedAt!: number;

  @Column({ type: 'varchar', length: 16 })
  outcome!: 'sent' | 'failed';

  /** The transport's answer or error, without the message's content or the voter's address. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  detail!: string | null;
}

/** One `export letters`: a numbered batch of an election's letters, marked printed. */
@Entity('letter_batches')
export class LetterBatchEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 64 })
  electionId!: string;

  @PrimaryColumn({ type: 'integer' })
  number!: number;

  @Column({ name: 'county_code', type: 'varchar', length: 32, nullable: true })
  countyCode!: string | null;

  @Column({ name: 'exported_at', type: 'bigint', transformer: epochMs })
  exportedAt!: number;

  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ type: 'integer' })
  letters!: number;
}

/** A county's outgoing voter notices held by a supervisor: none is sent, mailed or listed until released. */
@Entity('notice_holds')
export class NoticeHoldEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 64 })
  electionId!: string;

  @PrimaryColumn({ name: 'county_code', type: 'varchar', length: 32 })
  countyCode!: string;

  @Column({ name: 'held_at', type: 'bigint', transformer: epochMs })
  heldAt!: number;

  @Column({ name: 'held_by', type: 'varchar', length: 64 })
  heldBy!: string;

  @Column({ type: 'varchar', length: 500 })
  reason!: string;
}
