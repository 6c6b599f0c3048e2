import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { VoterLanguage } from '@app/domain';
import { epochMs } from '../columns';

export const CONTACT_CHANNELS = ['email', 'sms'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_CHANGE_STATUSES = ['pending', 'confirmed', 'replaced', 'withdrawn'] as const;
export type ContactChangeStatus = (typeof CONTACT_CHANGE_STATUSES)[number];

/**
 * An email address or phone a voter asked on the portal to get updates about one ballot (issue 15).
 * Used only once the code sent to it is typed back; until then the ballot's notices go where they
 * went before. The code is kept only as a hash.
 */
@Entity('contact_changes')
export class ContactChangeEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'ballot_id', type: 'varchar', length: 36 })
  ballotId!: string;

  @Column({ type: 'varchar', length: 8 })
  channel!: ContactChannel;

  /** An email address, or a phone in E.164. */
  @Column({ type: 'varchar', length: 254 })
  address!: string;

  @Column({ type: 'varchar', length: 2 })
  language!: VoterLanguage;

  /** SHA-256 of the change's id and the code, hex. */
  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash!: string;

  @Column({ name: 'requested_at', type: 'bigint', transformer: epochMs })
  requestedAt!: number;

  @Column({ name: 'expires_at', type: 'bigint', transformer: epochMs })
  expiresAt!: number;

  @Column({ name: 'wrong_codes', type: 'integer', default: 0 })
  wrongCodes!: number;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: ContactChangeStatus;

  @Column({ name: 'decided_at', type: 'bigint', nullable: true, transformer: epochMs })
  decidedAt!: number | null;
}
