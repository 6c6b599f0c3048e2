import type { MigrationInterface, QueryRunner } from 'typeorm';
import { setAuditEventList } from './1764320000000-audit-events';
import { inList } from './schema-builders';

/*
 * Issue 15, notices that reach every voter, once, saying only what is final.
 * - `outbox.status` may also be `printed` (a letter exported in a numbered batch) and `superseded`
 *   (the transition that queued it was reversed before it went out: never sent).
 * - `outbox.claimed_at`: when a dispatcher claimed the row (`sending`); after the lease a row whose
 *   process died is claimed again.
 * - `outbox.end_reason`: why a notice ended where it did (a failed email or text moved to the
 *   letter list, a notice that no longer stands), in words without the voter's address or phone.
 * - `outbox.letter_batch` and `letter_batches`: each `export letters` is a numbered batch per
 *   election; its letters are marked `printed` and can be exported again by the number.
 * - `outbox.provider_message_id` / `delivery_status`: the SMS provider's id for a text and what its
 *   delivery-status callbacks said of it (`in_transit`, `delivered`, `undelivered`, `failed`).
 * - `sms_opt_outs`: numbers whose voter replied STOP (until they reply START): never texted.
 * - `notice_holds`: a county's outgoing notices held by a supervisor (while a data load is
 *   checked); the audit events NOTICES_HELD and NOTICES_RELEASED join the CHECK list, written out
 *   in full below.
 * PostgreSQL alters in place. SQLite cannot change a CHECK, so `outbox` is made again in the
 * migration's transaction; `notice_attempts` references it by name, its foreign key checked at commit.
 */

export const NOTICE_DELIVERY_CODE_LISTS = {
  outboxStatuses: ['pending', 'sending', 'sent', 'failed', 'letter', 'printed', 'superseded'],
  deliveryStatuses: ['delivered', 'undelivered', 'failed', 'in_transit'],
} as const;

/** Every audit event name as of this migration (1764320000000's list and the two holds). */
export const NOTICE_DELIVERY_AUDIT_EVENTS = [
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
  'NOTICES_HELD',
  'NOTICES_RELEASED',
] as const;

export class NoticeDelivery1764370000000 implements MigrationInterface {
  name = 'NoticeDelivery1764370000000';

  async up(q: QueryRunner): Promise<void> {
    const statuses = inList('status', NOTICE_DELIVERY_CODE_LISTS.outboxStatuses);
    const delivery = inList('delivery_status', NOTICE_DELIVERY_CODE_LISTS.deliveryStatuses, true);
    if (q.connection.options.type === 'postgres') {
      await q.query('ALTER TABLE outbox DROP CONSTRAINT outbox_status');
      await q.query(`ALTER TABLE outbox ADD CONSTRAINT outbox_status CHECK (${statuses})`);
      await q.query('ALTER TABLE outbox ADD COLUMN claimed_at bigint NULL');
      await q.query('ALTER TABLE outbox ADD COLUMN end_reason varchar(500) NULL');
      await q.query('ALTER TABLE outbox ADD COLUMN letter_batch integer NULL');
      await q.query('ALTER TABLE outbox ADD COLUMN provider_message_id varchar(64) NULL');
      await q.query(`ALTER TABLE outbox ADD COLUMN delivery_status varchar(16) NULL CONSTRAINT outbox_delivery_status CHECK (${delivery})`);
    } else {
      await q.query('PRAGMA defer_foreign_keys = ON');
      await q.query(`CREATE TABLE outbox_next (
        id varchar(36) PRIMARY KEY NOT NULL,
        kind varchar(32) NOT NULL,
        ballot_id varchar(36) NULL,
        payload text NOT NULL,
        created_at bigint NOT NULL,
        processed_at bigint NULL,
        attempts integer NOT NULL DEFAULT (0),
        status varchar(16) NOT NULL DEFAULT 'pending' CONSTRAINT outbox_status CHECK (${statuses}),
        channel varchar(8) NULL CONSTRAINT outbox_channel CHECK (channel IS NULL OR channel IN ('email', 'sms', 'letter')),
        next_attempt_at bigint NULL,
        last_error varchar(500) NULL,
        claimed_at bigint NULL,
        end_reason varchar(500) NULL,
        letter_batch integer NULL,
        provider_message_id varchar(64) NULL,
        delivery_status varchar(16) NULL CONSTRAINT outbox_delivery_status CHECK (${delivery})
      )`);
      await q.query(
        'INSERT INTO outbox_next (id, kind, ballot_id, payload, created_at, processed_at, attempts, status, channel, next_attempt_at, last_error) ' +
          'SELECT id, kind, ballot_id, payload, created_at, processed_at, attempts, status, channel, next_attempt_at, last_error FROM outbox',
      );
      await q.query('DROP TABLE outbox');
      await q.query('ALTER TABLE outbox_next RENAME TO outbox');
      await q.query('CREATE INDEX outbox_pending ON outbox (processed_at, created_at)');
      await q.query('CREATE INDEX outbox_due ON outbox (status, next_attempt_at)');
    }
    await q.query('CREATE INDEX outbox_by_letter_batch ON outbox (letter_batch)');
    await q.query('CREATE INDEX outbox_by_provider_message ON outbox (provider_message_id)');
    await q.query(`CREATE TABLE notice_holds (
      election_id varchar(64) NOT NULL,
      county_code varchar(32) NOT NULL,
      held_at bigint NOT NULL,
      held_by varchar(64) NOT NULL,
      reason varchar(500) NOT NULL,
      PRIMARY KEY (election_id, county_code),
      FOREIGN KEY (election_id, county_code) REFERENCES counties (election_id, code)
    )`);
    await setAuditEventList(q, NOTICE_DELIVERY_AUDIT_EVENTS);
    await q.query(`CREATE TABLE sms_opt_outs (
      phone varchar(16) PRIMARY KEY NOT NULL,
      keyword varchar(16) NOT NULL,
      opted_out_at bigint NOT NULL
    )`);
    await q.query(`CREATE TABLE letter_batches (
      election_id varchar(64) NOT NULL REFERENCES elections (id),
      number integer NOT NULL,
      county_code varchar(32) NULL,
      exported_at bigint NOT NULL,
      actor_id varchar(64) NOT NULL,
      letters integer NOT NULL,
      PRIMARY KEY (election_id, number)
    )`);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('NoticeDelivery1764370000000 cannot be reverted: restore the backup taken before it'));
  }
}
