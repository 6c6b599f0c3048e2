import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs, jsonText } from '../columns';

/** One link of the append-only audit chain (SPEC section 7). Never updated, never deleted. */
@Entity('audit_entries')
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'bigint', transformer: epochMs })
  seq!: number;

  /** Null for a staff action that belongs to no election (signing in). */
  @Column({ name: 'election_id', type: 'varchar', length: 64, nullable: true })
  electionId!: string | null;

  @Column({ name: 'ballot_id', type: 'varchar', length: 36, nullable: true })
  ballotId!: string | null;

  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole!: string;

  @Column({ type: 'varchar', length: 48 })
  event!: string;

  @Column({ name: 'from_state', type: 'varchar', length: 32, nullable: true })
  fromState!: string | null;

  @Column({ name: 'to_state', type: 'varchar', length: 32, nullable: true })
  toState!: string | null;

  @Column({ type: 'text', transformer: jsonText })
  payload!: object;

  /** ISO 8601 UTC, as hashed. */
  @Column({ type: 'varchar', length: 24 })
  at!: string;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  /** HMAC-SHA256 of (seq, hash) with the audit key; null for an entry written before there was a key. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  signature!: string | null;
}

/** The chain's head, one row: appends lock it (PostgreSQL `FOR UPDATE`) so two never share a parent. */
@Entity('audit_chain_head')
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ type: 'bigint', transformer: epochMs })
  seq!: number;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;

  /** HMAC-SHA256 of the head with the audit key: a head moved back after entries were cut off has none that fits. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  signature!: string | null;

  /** The last entry written before the audit key existed (null: every entry is signed). */
  @Column({ name: 'sealed_seq', type: 'bigint', nullable: true, transformer: epochMs })
  sealedSeq!: number | null;

  /** The key's signature over that entry, made once, on the first start with the key. */
  @Column({ name: 'seal_signature', type: 'varchar', length: 64, nullable: true })
  sealSignature!: string | null;
}
