import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DistrictKind } from '@app/domain';

@Entity('districts')
export class DistrictEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 64 })
  electionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: DistrictKind;

  @Column({ type: 'varchar', length: 200 })
  name!: string;
}

@Entity('precincts')
export class PrecinctEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 64 })
  electionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'county_code', type: 'varchar', length: 32 })
  countyCode!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;
}

/** Which districts a precinct lies in. */
@Entity('precinct_districts')
export class PrecinctDistrictEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 64 })
  electionId!: string;

  @PrimaryColumn({ name: 'precinct_id', type: 'varchar', length: 64 })
  precinctId!: string;

  @PrimaryColumn({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;
}

@Entity('contests')
export class ContestEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 64 })
  electionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  id!: string;

  @Column({ name: 'district_id', type: 'varchar', length: 64 })
  districtId!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** Position on the ballot; ballot styles list contests in this order. */
  @Column({ name: 'ballot_order', type: 'integer' })
  ballotOrder!: number;
}
