import { Column, Entity, PrimaryColumn } from 'typeorm';
import type {
  BallotKind,
  CureReason,
  IssuedReason,
  RejectionReason,
  SignatureState,
  UocavaCategory,
  VoterLanguage,
} from '@app/domain';
import type { BallotState, LifecycleContext } from '@app/lifecycle';
import { epochMs, jsonText } from '../columns';

/**
 * A ballot: what was received (never overwritten after intake) and, on top of it, the
 * lifecycle owned by the state machine. `status`, `machine_version` and `lifecycle` are written
 * only by a transition; `cure_deadline`, `rejection_reason` and `determination` are copies of
 * the lifecycle context kept for indexes and reports, written in the same statement.
 */
@Entity('ballots')
export class BallotEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'election_id', type: 'varchar', length: 64 })
  electionId!: string;

  @Column({ name: 'receipt_number', type: 'varchar', length: 32 })
  receiptNumber!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: BallotKind;

  @Column({ name: 'county_code', type: 'varchar', length: 32 })
  countyCode!: string;

  /** Where cast (provisional); null for UOCAVA. */
  @Column({ name: 'precinct_id', type: 'varchar', length: 64, nullable: true })
  precinctId!: string | null;

  // The voter's affirmation, as written on the envelope.
  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName!: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName!: string;

  @Column({ name: 'date_of_birth', type: 'varchar', length: 10 })
  dateOfBirth!: string;

  @Column({ type: 'varchar', length: 300 })
  address!: string;

  @Column({ name: 'claimed_voter_id', type: 'varchar', length: 32, nullable: true })
  claimedVoterId!: string | null;

  @Column({ name: 'issued_reason', type: 'varchar', length: 32, nullable: true })
  issuedReason!: IssuedReason | null;

  @Column({ name: 'uocava_category', type: 'varchar', length: 32, nullable: true })
  uocavaCategory!: UocavaCategory | null;

  @Column({ name: 'postmark_date', type: 'varchar', length: 10, nullable: true })
  postmarkDate!: string | null;

  @Column({ name: 'signed_date', type: 'varchar', length: 10, nullable: true })
  signedDate!: string | null;

  @Column({ name: 'received_at', type: 'bigint', transformer: epochMs })
  receivedAt!: number;

  @Column({ name: 'cast_at', type: 'bigint', nullable: true, transformer: epochMs })
  castAt!: number | null;

  @Column({ name: 'id_shown', type: 'boolean', default: false })
  idShown!: boolean;

  @Column({ name: 'out_of_precinct_affidavit', type: 'boolean', default: false })
  outOfPrecinctAffidavit!: boolean;

  @Column({ type: 'varchar', length: 16, default: 'present' })
  signature!: SignatureState;

  /** A UOCAVA ballot returned on the federal write-in absentee ballot (FWAB); always false for a provisional ballot. */
  @Column({ type: 'boolean', default: false })
  fwab!: boolean;

  // How the voter asked to be told about the ballot (issue 5); given at intake.
  @Column({ name: 'contact_email', type: 'varchar', length: 254, nullable: true })
  contactEmail!: string | null;

  @Column({ name: 'contact_phone', type: 'varchar', length: 32, nullable: true })
  contactPhone!: string | null;

  @Column({ type: 'varchar', length: 2, default: 'en' })
  language!: VoterLanguage;

  /** The registration record research matched, if any. */
  @Column({ name: 'matched_voter_id', type: 'varchar', length: 32, nullable: true })
  matchedVoterId!: string | null;

  @Column({ type: 'text', default: '' })
  notes!: string;

  // The lifecycle, owned by the state machine.
  @Column({ type: 'varchar', length: 32 })
  status!: BallotState;

  @Column({ name: 'machine_version', type: 'integer' })
  machineVersion!: number;

  @Column({ type: 'text', transformer: jsonText })
  lifecycle!: LifecycleContext;

  @Column({ name: 'cure_reason', type: 'varchar', length: 32, nullable: true })
  cureReason!: CureReason | null;

  @Column({ name: 'cure_deadline', type: 'bigint', nullable: true, transformer: epochMs })
  cureDeadline!: number | null;

  @Column({ name: 'rejection_reason', type: 'varchar', length: 32, nullable: true })
  rejectionReason!: RejectionReason | null;

  @Column({ type: 'varchar', length: 8, nullable: true })
  determination!: 'full' | 'partial' | null;

  /** Optimistic concurrency: every transition is `UPDATE ... WHERE id = ? AND version = ?`. */
  @Column({ type: 'integer' })
  version!: number;

  @Column({ name: 'created_at', type: 'bigint', transformer: epochMs })
  createdAt!: number;

  @Column({ name: 'created_by', type: 'varchar', length: 64 })
  createdBy!: string;

  @Column({ name: 'updated_at', type: 'bigint', transformer: epochMs })
  updatedAt!: number;
}
