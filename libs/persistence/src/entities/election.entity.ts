import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs } from '../columns';

@Entity('elections')
export class ElectionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'varchar', length: 2 })
  state!: string;

  @Column({ name: 'election_day', type: 'varchar', length: 10 })
  electionDay!: string;

  @Column({ name: 'time_zone', type: 'varchar', length: 64 })
  timeZone!: string;

  @Column({ name: 'rule_pack_id', type: 'varchar', length: 16 })
  rulePackId!: string;

  @Column({ name: 'polls_close', type: 'varchar', length: 5, nullable: true })
  pollsClose!: string | null;

  /** `general`, `primary`, `special` or `runoff`: some statutes set a deadline by the kind of election. */
  @Column({ name: 'election_type', type: 'varchar', length: 16, default: 'general' })
  electionType!: string;

  /** A federal office is on the ballot: some statutes set a deadline by it (Arizona's signature cure). */
  @Column({ type: 'boolean', default: true })
  federal!: boolean;

  /**
   * Bumped in the same transaction as anything that changes the election's rules (a jurisdiction
   * import, a court order, a county's hours): a cache that holds an older version reloads.
   */
  @Column({ name: 'rules_version', type: 'integer', default: 1 })
  rulesVersion!: number;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;
}
