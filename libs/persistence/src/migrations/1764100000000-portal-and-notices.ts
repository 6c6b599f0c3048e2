import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { inList, instant, int, nullableStr, str } from './schema-builders';

/*
 * The voter portal and voter notices (issue 5): how to reach the voter, the county office a voter
 * is sent to, the outbox's delivery state and its attempts, and cure documents uploaded online;
 * and named locks across service processes (issue 6).
 * Plain `ALTER TABLE ... ADD COLUMN` on both dialects: TypeORM's SQLite `addColumn` rebuilds the
 * whole table, which a migration of a live ballots table should not do.
 */

export const PORTAL_CODE_LISTS = {
  languages: ['en', 'es'],
  outboxStatuses: ['pending', 'sending', 'sent', 'failed', 'letter'],
  noticeChannels: ['email', 'sms', 'letter'],
  cureDocumentKinds: ['id_document', 'cure_affidavit'],
  cureSubmissionStatuses: ['pending', 'accepted', 'declined'],
  declineReasons: ['unreadable', 'not_an_accepted_id', 'name_does_not_match', 'affidavit_not_signed', 'other'],
  mediaTypes: ['image/jpeg', 'image/png', 'application/pdf'],
} as const;

export class PortalAndNotices1764100000000 implements MigrationInterface {
  name = 'PortalAndNotices1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const codes = PORTAL_CODE_LISTS;
    // How the voter asked to be told (given at intake; part of what was received, never rewritten).
    await q.query('ALTER TABLE ballots ADD COLUMN contact_email varchar(254) NULL');
    await q.query('ALTER TABLE ballots ADD COLUMN contact_phone varchar(32) NULL');
    await q.query(`ALTER TABLE ballots ADD COLUMN language varchar(2) NOT NULL DEFAULT 'en' CONSTRAINT ballots_language CHECK (${inList('language', codes.languages)})`);
    // The portal finds a ballot by its receipt number and date of birth, whatever the election. Both
    // in the index, so a failed lookup is one index probe whether or not the receipt exists.
    await q.query('CREATE INDEX ballots_portal_lookup ON ballots (receipt_number, date_of_birth)');

    // Where a voter goes to cure in person, and whom to call.
    for (const [column, length] of [
      ['office_name', 200],
      ['office_address', 300],
      ['office_hours', 200],
      ['office_phone', 32],
      ['office_email', 254],
    ] as const) {
      await q.query(`ALTER TABLE counties ADD COLUMN ${column} varchar(${length}) NULL`);
    }

    // Delivery state of each notice: claimed (`sending`) before it is sent, so it is never sent twice.
    await q.query(`ALTER TABLE outbox ADD COLUMN status varchar(16) NOT NULL DEFAULT 'pending' CONSTRAINT outbox_status CHECK (${inList('status', codes.outboxStatuses)})`);
    await q.query(`ALTER TABLE outbox ADD COLUMN channel varchar(8) NULL CONSTRAINT outbox_channel CHECK (${inList('channel', codes.noticeChannels, true)})`);
    await q.query('ALTER TABLE outbox ADD COLUMN next_attempt_at bigint NULL');
    await q.query('ALTER TABLE outbox ADD COLUMN last_error varchar(500) NULL');
    await q.query('CREATE INDEX outbox_due ON outbox (status, next_attempt_at)');

    await q.createTable(
      new Table({
        name: 'notice_attempts',
        columns: [
          str('id', 36, { isPrimary: true }),
          str('outbox_id', 36),
          str('channel', 8),
          instant('attempted_at'),
          str('outcome', 16),
          nullableStr('detail', 500),
        ],
        checks: [
          { name: 'notice_attempts_channel', expression: inList('channel', codes.noticeChannels) },
          { name: 'notice_attempts_outcome', expression: inList('outcome', ['sent', 'failed']) },
        ],
        foreignKeys: [{ columnNames: ['outbox_id'], referencedTableName: 'outbox', referencedColumnNames: ['id'] }],
        indices: [{ name: 'notice_attempts_by_outbox', columnNames: ['outbox_id', 'attempted_at'] }],
      }),
    );

    // Named locks across processes (one deadline sweep at a time), with a lease a dead holder loses.
    await q.createTable(
      new Table({
        name: 'service_locks',
        columns: [str('name', 64, { isPrimary: true }), str('holder', 200), instant('acquired_at'), instant('expires_at')],
      }),
    );

    await q.createTable(
      new Table({
        name: 'cure_submissions',
        columns: [
          str('id', 36, { isPrimary: true }),
          str('ballot_id', 36),
          str('kind', 16),
          str('media_type', 32),
          int('size_bytes'),
          str('sha256', 64),
          /** A random name under the data folder's `uploads/`, never served as a static file. */
          str('stored_name', 64),
          instant('submitted_at'),
          str('status', 16, { default: "'pending'" }),
          nullableStr('decided_by', 64),
          instant('decided_at', true),
          nullableStr('decline_reason', 32),
        ],
        checks: [
          { name: 'cure_submissions_kind', expression: inList('kind', codes.cureDocumentKinds) },
          { name: 'cure_submissions_media_type', expression: inList('media_type', codes.mediaTypes) },
          { name: 'cure_submissions_status', expression: inList('status', codes.cureSubmissionStatuses) },
          { name: 'cure_submissions_decline_reason', expression: inList('decline_reason', codes.declineReasons, true) },
          { name: 'cure_submissions_size', expression: 'size_bytes > 0 AND size_bytes <= 5242880' },
          {
            name: 'cure_submissions_decision',
            expression:
              "(status = 'pending' AND decided_at IS NULL AND decline_reason IS NULL)" +
              " OR (status = 'accepted' AND decided_at IS NOT NULL AND decline_reason IS NULL)" +
              " OR (status = 'declined' AND decided_at IS NOT NULL AND decline_reason IS NOT NULL)",
          },
        ],
        foreignKeys: [{ columnNames: ['ballot_id'], referencedTableName: 'ballots', referencedColumnNames: ['id'] }],
        indices: [{ name: 'cure_submissions_by_ballot', columnNames: ['ballot_id', 'submitted_at'] }],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('cure_submissions');
    await q.dropTable('service_locks');
    await q.dropTable('notice_attempts');
    await q.query('DROP INDEX outbox_due');
    await q.query('DROP INDEX ballots_portal_lookup');
    for (const column of ['status', 'channel', 'next_attempt_at', 'last_error']) await q.query(`ALTER TABLE outbox DROP COLUMN ${column}`);
    for (const column of ['office_name', 'office_address', 'office_hours', 'office_phone', 'office_email']) await q.query(`ALTER TABLE counties DROP COLUMN ${column}`);
    for (const column of ['contact_email', 'contact_phone', 'language']) await q.query(`ALTER TABLE ballots DROP COLUMN ${column}`);
  }
}
