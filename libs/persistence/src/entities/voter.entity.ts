import { BeforeInsert, BeforeUpdate, Column, Entity, PrimaryColumn } from 'typeorm';
import { nameKey, type RegistrationStatus } from '@app/domain';
import { epochMs } from '../columns';

/** A registration record as imported from the roll for an election. */
@Entity('voters')
export class VoterEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 64 })
  electionId!: string;

  @PrimaryColumn({ name: 'voter_id', type: 'varchar', length: 32 })
  voterId!: string;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName!: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName!: string;

  /** `nameKey` of each name (accents, case and punctuation folded): what the roll search compares. */
  @Column({ name: 'last_name_key', type: 'varchar', length: 100, default: '' })
  lastNameKey!: string;

  @Column({ name: 'first_name_key', type: 'varchar', length: 100, default: '' })
  firstNameKey!: string;

  @Column({ name: 'date_of_birth', type: 'varchar', length: 10 })
  dateOfBirth!: string;

  @Column({ name: 'county_code', type: 'varchar', length: 32 })
  countyCode!: string;

  @Column({ name: 'precinct_id', type: 'varchar', length: 64 })
  precinctId!: string;

  @Column({ type: 'varchar', length: 16 })
  status!: RegistrationStatus;

  @Column({ name: 'registration_date', type: 'varchar', length: 10 })
  registrationDate!: string;

  @Column({ name: 'id_on_file', type: 'boolean' })
  idOnFile!: boolean;

  @Column({ name: 'other_ballot_accepted', type: 'boolean', default: false })
  otherBallotAccepted!: boolean;

  /**
   * When a full roll import left this voter out: no longer on the list (the record is kept, ballots
   * reference it). Null while on the roll; cleared when a later roll lists the voter again.
   */
  @Column({ name: 'removed_at', type: 'bigint', nullable: true, transformer: epochMs })
  removedAt!: number | null;

  /** The voter import (`voter_imports.id`) that left this voter out; null with `removedAt`. */
  @Column({ name: 'removed_by_import', type: 'integer', nullable: true })
  removedByImport!: number | null;

  /** The search keys follow the names whenever an entity is written (the roll import writes them itself). */
  @BeforeInsert()
  @BeforeUpdate()
  keyNames(): void {
    this.lastNameKey = nameKey(this.lastName);
    this.firstNameKey = nameKey(this.firstName);
  }
}
