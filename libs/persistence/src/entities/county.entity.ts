import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OfficeTranslations } from '@app/domain';
import { epochMs, jsonText } from '../columns';

/** A county taking part in an election, with its office and its certification (its own hours: `county_hours`). */
@Entity('counties')
export class CountyEntity {
  @PrimaryColumn({ name: 'election_id', type: 'varchar', length: 64 })
  electionId!: string;

  @PrimaryColumn({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'varchar', length: 100 })
  name!: string;

  // The office a voter is sent to (the portal and notices show it): name, street address, hours, phone, email.
  @Column({ name: 'office_name', type: 'varchar', length: 200, nullable: true })
  officeName!: string | null;

  @Column({ name: 'office_address', type: 'varchar', length: 300, nullable: true })
  officeAddress!: string | null;

  @Column({ name: 'office_hours', type: 'varchar', length: 200, nullable: true })
  officeHours!: string | null;

  @Column({ name: 'office_phone', type: 'varchar', length: 32, nullable: true })
  officePhone!: string | null;

  @Column({ name: 'office_email', type: 'varchar', length: 254, nullable: true })
  officeEmail!: string | null;

  /** The office's name, address and hours in other languages, as the county gave them. */
  @Column({ name: 'office_translations', type: 'text', nullable: true, transformer: jsonText })
  officeTranslations!: OfficeTranslations | null;

  @Column({ name: 'certified_at', type: 'bigint', nullable: true, transformer: epochMs })
  certifiedAt!: number | null;

  @Column({ name: 'certified_by', type: 'varchar', length: 64, nullable: true })
  certifiedBy!: string | null;
}
