import type { MigrationInterface, QueryRunner } from 'typeorm';
import { inList } from './schema-builders';

/*
 * Every staff action is audited (issue 12): signing in and out, accounts, elections, exports.
 * - `audit_entries.event` is one of a typed list (`AUDIT_EVENTS` of @app/domain), and the database
 *   refuses any other name: a CHECK on both engines.
 * - `audit_entries.election_id` may be null: signing in belongs to no election.
 * PostgreSQL alters the table in place. SQLite cannot add a CHECK to a table, so the table is
 * rebuilt in the migration's transaction: every entry copied as it is (the hashes cover the
 * values, not the table), then its index and its append-only triggers made again.
 */

export const AUDIT_EVENT_CODE_LIST = [
  'INTAKE',
  'VERIFY',
  'REQUEST_CURE',
  'RECORD_CURE',
  'PROPOSE_REJECTION',
  'CONFIRM_REJECTION',
  'RETURN',
  'COUNT',
  'DEADLINE_PASSED',
  'HOLD',
  'RELEASE',
  'REINSTATE',
  'MATCH_VOTER',
  'UNMATCH_VOTER',
  'CURE_UPLOADED',
  'CURE_DECLINED',
  'CERTIFY_COUNTY',
  'REOPEN_COUNTY',
  'JURISDICTION_IMPORTED',
  'VOTER_ROLL_IMPORT_STARTED',
  'VOTER_ROLL_IMPORTED',
  'VOTER_ROLL_IMPORT_FAILED',
  'VOTER_ROLL_IMPORT_ABANDONED',
  'COURT_ORDER_RECORDED',
  'CLOSE_OF_BUSINESS_SET',
  'SIGNED_IN',
  'SIGN_IN_FAILED',
  'SIGNED_OUT',
  'USER_CREATED',
  'ROLE_CHANGED',
  'ACCOUNT_LOCKED',
  'ACCOUNT_UNLOCKED',
  'ELECTION_CREATED',
  'REPORT_EXPORTED',
  'LETTERS_EXPORTED',
] as const;

/** Makes `audit_entries` again on SQLite with this event list and a nullable election id. */
export async function rebuildSqliteAuditEntries(q: QueryRunner, events: readonly string[]): Promise<void> {
  // A later migration that changes the event list keeps the signatures of 1764330000000.
  const existing = (await q.query('PRAGMA table_info(audit_entries)')) as { name: string }[];
  const signed = existing.some((column) => column.name === 'signature');
  await q.query(`CREATE TABLE audit_entries_next (
    seq bigint PRIMARY KEY NOT NULL,
    election_id varchar(64) NULL,
    ballot_id varchar(36) NULL,
    actor_id varchar(64) NOT NULL,
    actor_role varchar(16) NOT NULL,
    event varchar(48) NOT NULL CONSTRAINT audit_entries_event CHECK (${inList('event', events)}),
    from_state varchar(32) NULL,
    to_state varchar(32) NULL,
    payload text NOT NULL,
    at varchar(24) NOT NULL,
    prev_hash varchar(64) NOT NULL,
    hash varchar(64) NOT NULL${signed ? ',\n    signature varchar(64) NULL' : ''}
  )`);
  const columns = `seq, election_id, ballot_id, actor_id, actor_role, event, from_state, to_state, payload, at, prev_hash, hash${signed ? ', signature' : ''}`;
  await q.query(`INSERT INTO audit_entries_next (${columns}) SELECT ${columns} FROM audit_entries ORDER BY seq`);
  await q.query('DROP TABLE audit_entries');
  await q.query('ALTER TABLE audit_entries_next RENAME TO audit_entries');
  await q.query('CREATE INDEX audit_by_ballot ON audit_entries (ballot_id, seq)');
  await q.query("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END");
  await q.query("CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END");
}

/** Replaces the CHECK on `audit_entries.event` with this list, on either engine. */
export async function setAuditEventList(q: QueryRunner, events: readonly string[]): Promise<void> {
  if (q.connection.options.type === 'postgres') {
    await q.query('ALTER TABLE audit_entries DROP CONSTRAINT IF EXISTS audit_entries_event');
    await q.query(`ALTER TABLE audit_entries ADD CONSTRAINT audit_entries_event CHECK (${inList('event', events)})`);
  } else {
    await rebuildSqliteAuditEntries(q, events);
  }
}

export class AuditEvents1764320000000 implements MigrationInterface {
  name = 'AuditEvents1764320000000';

  async up(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') await q.query('ALTER TABLE audit_entries ALTER COLUMN election_id DROP NOT NULL');
    await setAuditEventList(q, AUDIT_EVENT_CODE_LIST);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('AuditEvents1764320000000 cannot be reverted: restore the backup taken before it'));
  }
}
