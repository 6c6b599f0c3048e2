import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { RegistrationStatus } from '@app/domain';

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
}
