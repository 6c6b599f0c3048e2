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
}
