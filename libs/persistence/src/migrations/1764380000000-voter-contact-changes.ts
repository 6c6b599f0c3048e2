import type { MigrationInterface, QueryRunner } from 'typeorm';
import { setAuditEventList } from './1764320000000-audit-events';
import { NOTICE_DELIVERY_AUDIT_EVENTS } from './1764370000000-notice-delivery';
import { inList } from './schema-builders';

/*
 * Issue 15 item 5 and issue 14 item 6: a voter asks for updates on the portal; the county's office
 * in the voter's language.
 * - `contact_changes`: an email or phone a voter asked, after a lookup, to get updates on one
 *   ballot. Its code's hash (the code itself only ever in the outbox row that sends it), when it
 *   expires, how many wrong codes were tried, and whether it was confirmed. The ballot's own
 *   contact columns change only at confirmation.
 * - `counties.office_translations`: the office's name, address and hours in other languages, as
 *   the county gave them (JSON), so a Spanish page shows Spanish hours.
 * - The audit events VOTER_CONTACT_REQUESTED, VOTER_CONTACT_CONFIRMED and VOTER_CONTACT_REMOVED
 *   join the CHECK list (their payload names the channel, never the address).
 */

export const CONTACT_CHANGE_CODE_LISTS = {
  channels: ['email', 'sms'],
  statuses: ['pending', 'confirmed', 'replaced', 'withdrawn'],
} as const;

/** Every audit event name as of this migration (1764370000000's list and the three opt-in events). */
export const CONTACT_CHANGE_AUDIT_EVENTS = [...NOTICE_DELIVERY_AUDIT_EVENTS, 'VOTER_CONTACT_REQUESTED', 'VOTER_CONTACT_CONFIRMED', 'VOTER_CONTACT_REMOVED'] as const;

export class VoterContactChanges1764380000000 implements MigrationInterface {
  name = 'VoterContactChanges1764380000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE contact_changes (
      id varchar(36) PRIMARY KEY NOT NULL,
      ballot_id varchar(36) NOT NULL REFERENCES ballots (id),
      channel varchar(8) NOT NULL CONSTRAINT contact_changes_channel CHECK (${inList('channel', CONTACT_CHANGE_CODE_LISTS.channels)}),
      address varchar(254) NOT NULL,
      language varchar(2) NOT NULL CONSTRAINT contact_changes_language CHECK (language IN ('en', 'es')),
      code_hash varchar(64) NOT NULL,
      requested_at bigint NOT NULL,
      expires_at bigint NOT NULL,
      wrong_codes integer NOT NULL DEFAULT 0,
      status varchar(16) NOT NULL DEFAULT 'pending' CONSTRAINT contact_changes_status CHECK (${inList('status', CONTACT_CHANGE_CODE_LISTS.statuses)}),
      decided_at bigint NULL
    )`);
    await q.query('CREATE INDEX contact_changes_by_ballot ON contact_changes (ballot_id, status)');
    await q.query('ALTER TABLE counties ADD COLUMN office_translations text NULL');
    await setAuditEventList(q, CONTACT_CHANGE_AUDIT_EVENTS);
  }

  down(): Promise<void> {
    return Promise.reject(new Error('VoterContactChanges1764380000000 cannot be reverted: restore the backup taken before it'));
  }
}
