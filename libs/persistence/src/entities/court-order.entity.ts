import { Column, Entity, PrimaryColumn } from 'typeorm';
import { epochMs, jsonText } from '../columns';

/**
 * A court order that sets a deadline (or the close of the polls) anew for some counties (null:
 * all) of an election. Never updated or deleted (a trigger refuses it): a later order supersedes
 * an earlier one, and both stay in the history.
 */
@Entity('court_orders')
export class CourtOrderEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'election_id', type: 'varchar', length: 64 })
  electionId!: string;

  /** The election's rules version this order made: the orders' order, the last one governing. */
  @Column({ name: 'rules_version', type: 'integer' })
  rulesVersion!: number;

  /** The court, the case and the date, as the order is cited. */
  @Column({ type: 'varchar', length: 500 })
  citation!: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  summary!: string | null;

  /** Which deadline it moves (`COURT_ORDER_TARGETS` of @app/rules). */
  @Column({ type: 'varchar', length: 32 })
  deadline!: string;

  @Column({ name: 'county_codes', type: 'text', nullable: true, transformer: jsonText })
  countyCodes!: string[] | null;

  /** Local `YYYY-MM-DDTHH:MM` in the election's zone. */
  @Column({ name: 'extended_to', type: 'varchar', length: 16 })
  extendedTo!: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ name: 'recorded_by_role', type: 'varchar', length: 16 })
  recordedByRole!: string;

  @Column({ name: 'recorded_at', type: 'bigint', transformer: epochMs })
  recordedAt!: number;
}

/**
 * A county's own close of business for an election, as a history: the latest row governs (null
 * sets the county back to the rule pack's). Never updated or deleted.
 */
@Entity('county_hours')
export class CountyHoursEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'election_id', type: 'varchar', length: 64 })
  electionId!: string;

  @Column({ name: 'county_code', type: 'varchar', length: 32 })
  countyCode!: string;

  @Column({ name: 'rules_version', type: 'integer' })
  rulesVersion!: number;

  /** `HH:MM`, or null for the rule pack's. */
  @Column({ name: 'close_of_business', type: 'varchar', length: 5, nullable: true })
  closeOfBusiness!: string | null;

  @Column({ type: 'varchar', length: 300 })
  source!: string;

  @Column({ name: 'recorded_by', type: 'varchar', length: 64 })
  recordedBy!: string;

  @Column({ name: 'recorded_by_role', type: 'varchar', length: 16 })
  recordedByRole!: string;

  @Column({ name: 'recorded_at', type: 'bigint', transformer: epochMs })
  recordedAt!: number;
}
