import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { VoterImportMode, VoterImportStatus, VoterRollRemoval } from '@app/domain';
import { epochMs } from '../columns';

/**
 * One import of a voter roll file: who ran it, on which file, in which mode and scope, and what
 * it did to the roll, as counts (never voter data). Voters a full roll left out name it in
 * `voters.removed_by_import`.
 */
@Entity('voter_imports')
export class VoterImportEntity {
  /** 1, 2, 3, ... across the database. */
  @PrimaryColumn({ type: 'integer' })
  id!: number;

  @Column({ name: 'election_id', type: 'varchar', length: 64 })
  electionId!: string;

  @Column({ type: 'varchar', length: 16 })
  mode!: VoterImportMode;

  /** The county whose roll the file is; null: the whole election's. */
  @Column({ name: 'county_code', type: 'varchar', length: 32, nullable: true })
  countyCode!: string | null;

  /** The file's name, without its folder. */
  @Column({ type: 'varchar', length: 300 })
  source!: string;

  /** SHA-256 of the bytes read, once the whole file was read. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  sha256!: string | null;

  @Column({ name: 'actor_id', type: 'varchar', length: 64 })
  actorId!: string;

  @Column({ name: 'actor_role', type: 'varchar', length: 16 })
  actorRole!: string;

  @Column({ name: 'started_at', type: 'bigint', transformer: epochMs })
  startedAt!: number;

  @Column({ name: 'finished_at', type: 'bigint', nullable: true, transformer: epochMs })
  finishedAt!: number | null;

  @Column({ type: 'varchar', length: 16 })
  status!: VoterImportStatus;

  @Column({ type: 'varchar', length: 16 })
  removal!: VoterRollRemoval;

  @Column({ name: 'rows_read', type: 'integer', default: 0 })
  rowsRead!: number;

  @Column({ type: 'integer', default: 0 })
  inserted!: number;

  @Column({ type: 'integer', default: 0 })
  updated!: number;

  @Column({ type: 'integer', default: 0 })
  unchanged!: number;

  /** Voters a full roll had removed, listed again by this file. */
  @Column({ type: 'integer', default: 0 })
  restored!: number;

  @Column({ type: 'integer', default: 0 })
  removed!: number;

  @Column({ type: 'integer', default: 0 })
  rejected!: number;

  /** Why the removal was skipped or the import stopped; never voter data. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  note!: string | null;

  /** The process running it, `host:pid`, so a later run can tell an import whose process died. */
  @Column({ type: 'varchar', length: 128, nullable: true })
  owner!: string | null;

  /** When it last committed a batch, on the service's clock. */
  @Column({ name: 'heartbeat_at', type: 'bigint', nullable: true, transformer: epochMs })
  heartbeatAt!: number | null;
}
