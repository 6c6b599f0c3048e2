import type { MigrationInterface, QueryRunner } from 'typeorm';
import { inList } from './schema-builders';

/*
 * Issue 13, uploads bounded and imports that end cleanly.
 * - `cure_submissions.upload_token`: the id of the portal upload token that sent the document,
 *   unique, so one token sends one document (null for documents recorded before this migration).
 * - `voter_imports.owner` / `heartbeat_at`: which process runs an import (host and pid) and when it
 *   last committed a batch, so a later import or start can tell an import whose process died.
 * - `voter_imports.status` may be `abandoned`: an import found `running` with no live process.
 * PostgreSQL alters in place. SQLite cannot change a table's CHECK, so `voter_imports` is made
 * again in the migration's transaction (a few rows: one per import). `voters.removed_by_import`
 * references it by name; the foreign keys are deferred to the commit, when the rebuilt table holds
 * every id again.
 */

export const UPLOADS_AND_IMPORTS_CODE_LISTS = {
  voterImportStatuses: ['running', 'completed', 'failed', 'abandoned'],
} as const;

export class UploadsAndImports1764350000000 implements MigrationInterface {
  name = 'UploadsAndImports1764350000000';

  async up(q: QueryRunner): Promise<void> {
    const statuses = inList('status', UPLOADS_AND_IMPORTS_CODE_LISTS.voterImportStatuses);
    await q.query('ALTER TABLE cure_submissions ADD COLUMN upload_token varchar(16) NULL');
    await q.query('CREATE UNIQUE INDEX cure_submissions_upload_token ON cure_submissions (upload_token)');
    await q.query('CREATE INDEX cure_submissions_by_ballot_status ON cure_submissions (ballot_id, status)');
    if (q.connection.options.type === 'postgres') {
      await q.query('ALTER TABLE voter_imports ADD COLUMN owner varchar(128) NULL');
      await q.query('ALTER TABLE voter_imports ADD COLUMN heartbeat_at bigint NULL');
      await q.query('ALTER TABLE voter_imports DROP CONSTRAINT voter_imports_status');
      await q.query(`ALTER TABLE voter_imports ADD CONSTRAINT voter_imports_status CHECK (${statuses})`);
      return;
    }
    await q.query('PRAGMA defer_foreign_keys = ON');
    await q.query(`CREATE TABLE voter_imports_next (
      id integer PRIMARY KEY NOT NULL,
      election_id varchar(64) NOT NULL REFERENCES elections (id),
      mode varchar(16) NOT NULL CONSTRAINT voter_imports_mode CHECK (mode IN ('incremental', 'full_roll')),
      county_code varchar(32) NULL,
      source varchar(300) NOT NULL,
      sha256 varchar(64) NULL,
      actor_id varchar(64) NOT NULL,
      actor_role varchar(16) NOT NULL,
      started_at bigint NOT NULL,
      finished_at bigint NULL,
      status varchar(16) NOT NULL CONSTRAINT voter_imports_status CHECK (${statuses}),
      removal varchar(16) NOT NULL CONSTRAINT voter_imports_removal CHECK (removal IN ('not_requested', 'pending', 'done', 'skipped')),
      rows_read integer NOT NULL DEFAULT 0,
      inserted integer NOT NULL DEFAULT 0,
      updated integer NOT NULL DEFAULT 0,
      unchanged integer NOT NULL DEFAULT 0,
      restored integer NOT NULL DEFAULT 0,
      removed integer NOT NULL DEFAULT 0,
      rejected integer NOT NULL DEFAULT 0,
      note varchar(500) NULL,
      owner varchar(128) NULL,
      heartbeat_at bigint NULL,
      CONSTRAINT voter_imports_removal_mode CHECK ((mode = 'incremental') = (removal = 'not_requested')),
      CONSTRAINT voter_imports_finished CHECK ((status = 'running') = (finished_at IS NULL)),
      FOREIGN KEY (election_id, county_code) REFERENCES counties (election_id, code)
    )`);
    await q.query(
      'INSERT INTO voter_imports_next (id, election_id, mode, county_code, source, sha256, actor_id, actor_role, started_at, finished_at, status, removal, rows_read, inserted, updated, unchanged, restored, removed, rejected, note) ' +
        'SELECT id, election_id, mode, county_code, source, sha256, actor_id, actor_role, started_at, finished_at, status, removal, rows_read, inserted, updated, unchanged, restored, removed, rejected, note FROM voter_imports',
    );
    await q.query('DROP TABLE voter_imports');
    await q.query('ALTER TABLE voter_imports_next RENAME TO voter_imports');
    await q.query('CREATE INDEX voter_imports_by_election ON voter_imports (election_id, started_at)');
  }

  down(): Promise<void> {
    return Promise.reject(new Error('UploadsAndImports1764350000000 cannot be reverted: restore the backup taken before it'));
  }
}
