import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CureDeclineReason, CureDocumentKind, CureMediaType } from '@app/domain';
import { epochMs } from '../columns';

/**
 * A cure document a voter uploaded through the portal. The file itself lives under the data
 * folder's `uploads/` with a random name; this row says what it is and what the clerk decided.
 */
@Entity('cure_submissions')
export class CureSubmissionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id!: string;

  @Column({ name: 'ballot_id', type: 'varchar', length: 36 })
  ballotId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: CureDocumentKind;

  /** From the file's content, never from its name or the browser's claim. */
  @Column({ name: 'media_type', type: 'varchar', length: 32 })
  mediaType!: CureMediaType;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'varchar', length: 64 })
  sha256!: string;

  @Column({ name: 'stored_name', type: 'varchar', length: 64 })
  storedName!: string;

  @Column({ name: 'submitted_at', type: 'bigint', transformer: epochMs })
  submittedAt!: number;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status!: 'pending' | 'accepted' | 'declined';

  @Column({ name: 'decided_by', type: 'varchar', length: 64, nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'bigint', nullable: true, transformer: epochMs })
  decidedAt!: number | null;

  @Column({ name: 'decline_reason', type: 'varchar', length: 32, nullable: true })
  declineReason!: CureDeclineReason | null;

  /** The portal upload token that sent it (each sends one document); null for documents from before issue 13. */
  @Column({ name: 'upload_token', type: 'varchar', length: 16, nullable: true })
  uploadToken!: string | null;
}
