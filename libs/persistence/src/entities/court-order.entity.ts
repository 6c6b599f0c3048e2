import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs, jsonText } from '../columns';

/** A court order that sets a deadline anew for some counties (null: all) of an election. */
@Entity('court_orders')
export class CourtOrderEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'election_id', type: 'varchar', length: 64 })
  electionId!: string;

  @Column({ type: 'varchar', length: 500 })
  citation!: string;

  @Column({ type: 'varchar', length: 32 })
  deadline!: string;

  @Column({ name: 'county_codes', type: 'text', nullable: true, transformer: jsonText })
  countyCodes!: string[] | null;

  /** Local `YYYY-MM-DDTHH:MM` in the election's zone. */
  @Column({ name: 'extended_to', type: 'varchar', length: 16 })
  extendedTo!: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ name: 'recorded_at', type: 'bigint', transformer: epochMs })
  recordedAt!: number;
}
