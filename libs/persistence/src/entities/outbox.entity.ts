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

  /** `pending`, then `sending` (claimed, so never sent twice), then `sent`, `failed` (gave up) or `letter` (to be mailed). */
  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: OutboxStatus;

  @Column({ type: 'varchar', length: 8, nullable: true })
  channel!: NoticeChannel | null;

  @Column({ name: 'next_attempt_at', type: 'bigint', nullable: true, transformer: epochMs })
  nextAttemptAt!: number | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError!: string | null;
}

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'letter';
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
