import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The audit chain is signed with an HMAC key kept outside the database (issue 13, section 6).
 * - `audit_entries.signature`: each entry's signature; null for the entries written before this.
 * - `audit_chain_head.signature`: the head's signature, so cutting entries off the end and moving
 *   the head back is found.
 * - `audit_chain_head.sealed_seq` / `seal_signature`: a chain written before there was a key is
 *   sealed on the first start with the key (a signature over its last entry), not here: the
 *   migration never sees the key.
 * Plain `ALTER TABLE ... ADD COLUMN` on both engines: nullable columns, no table rebuild, and the
 * append-only triggers stay as they are.
 */
export class AuditSignatures1764330000000 implements MigrationInterface {
  name = 'AuditSignatures1764330000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE audit_entries ADD COLUMN signature varchar(64) NULL');
    await q.query('ALTER TABLE audit_chain_head ADD COLUMN signature varchar(64) NULL');
    await q.query('ALTER TABLE audit_chain_head ADD COLUMN sealed_seq bigint NULL');
    await q.query('ALTER TABLE audit_chain_head ADD COLUMN seal_signature varchar(64) NULL');
  }

  down(): Promise<void> {
    return Promise.reject(new Error('AuditSignatures1764330000000 cannot be reverted: its signatures are the audit trail'));
  }
}
