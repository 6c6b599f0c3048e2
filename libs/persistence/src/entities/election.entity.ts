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

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;
}
