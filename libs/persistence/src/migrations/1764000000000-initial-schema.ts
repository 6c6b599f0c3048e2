import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { flag, inList, instant, int, nullableStr, str, text } from './schema-builders';

/*
 * The first schema. Runs unchanged on SQLite and PostgreSQL (TypeORM's schema builder writes
 * each dialect); only the append-only triggers differ. Code lists in CHECK constraints are
 * written out here, not imported: a migration must mean the same thing forever.
 * `schema-codes.spec.ts` checks they still match the code lists in the libraries.
 */

export const SCHEMA_CODE_LISTS = {
  ballotKinds: ['provisional', 'uocava'],
  ballotStates: [
    'received.pending',
    'received.awaitingCure',
    'received.rejectionProposed',
    'received.held',
    'verified',
    'cured',
    'counted',
    'rejected',
  ],
  issuedReasons: [
    'not_on_list',
    'no_id',
    'challenged_by_official',
    'challenged_by_other',
    'not_resident',
    'registration_not_updated',
    'mail_ballot_not_surrendered',
    'extended_hours',
    'same_day_registration',
    'other',
  ],
  uocavaCategories: ['military_overseas', 'military_stateside', 'overseas_temporary', 'overseas_permanent'],
  cureReasons: ['id_required', 'registration_unresolved', 'signature_missing', 'signature_mismatch', 'information_missing'],
  rejectionReasons: [
    'not_registered',
    'wrong_jurisdiction',
    'wrong_precinct',
    'no_id',
    'incomplete',
    'ballot_missing',
    'no_signature',
    'signature_mismatch',
    'already_voted',
    'late',
    'postmarked_late',
    'other',
  ],
  signatureStates: ['present', 'missing', 'mismatch'],
  registrationStatuses: ['active', 'inactive', 'pending', 'cancelled'],
  districtKinds: ['statewide', 'congressional', 'state_senate', 'state_house', 'county', 'municipal', 'school', 'special'],
  roles: ['clerk', 'supervisor', 'admin', 'observer'],
} as const;

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    const codes = SCHEMA_CODE_LISTS;
    await q.createTable(
      new Table({
        name: 'elections',
        columns: [
          str('id', 64, { isPrimary: true }),
          str('name', 200),
          str('state', 2),
          str('election_day', 10),
          str('time_zone', 64),
          str('rule_pack_id', 16),
          nullableStr('polls_close', 5),
          instant('created_at'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'counties',
        columns: [
          str('election_id', 64, { isPrimary: true }),
          str('code', 32, { isPrimary: true }),
          str('name', 100),
          nullableStr('close_of_business', 5),
          nullableStr('close_of_business_source', 300),
          instant('certified_at', true),
          nullableStr('certified_by', 64),
        ],
        foreignKeys: [{ columnNames: ['election_id'], referencedTableName: 'elections', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'court_orders',
        columns: [
          str('id', 36, { isPrimary: true }),
          str('election_id', 64),
          str('citation', 500),
          str('deadline', 32),
          text('county_codes', { isNullable: true }),
          str('extended_to', 16),
          str('recorded_by', 64),
          instant('recorded_at'),
        ],
        foreignKeys: [{ columnNames: ['election_id'], referencedTableName: 'elections', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'districts',
        columns: [str('election_id', 64, { isPrimary: true }), str('id', 64, { isPrimary: true }), str('kind', 16), str('name', 200)],
        checks: [{ name: 'districts_kind', expression: inList('kind', codes.districtKinds) }],
        foreignKeys: [{ columnNames: ['election_id'], referencedTableName: 'elections', referencedColumnNames: ['id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'precincts',
        columns: [str('election_id', 64, { isPrimary: true }), str('id', 64, { isPrimary: true }), str('county_code', 32), str('name', 200)],
        foreignKeys: [
          { columnNames: ['election_id', 'county_code'], referencedTableName: 'counties', referencedColumnNames: ['election_id', 'code'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'precinct_districts',
        columns: [
          str('election_id', 64, { isPrimary: true }),
          str('precinct_id', 64, { isPrimary: true }),
          str('district_id', 64, { isPrimary: true }),
        ],
        foreignKeys: [
          { columnNames: ['election_id', 'precinct_id'], referencedTableName: 'precincts', referencedColumnNames: ['election_id', 'id'] },
          { columnNames: ['election_id', 'district_id'], referencedTableName: 'districts', referencedColumnNames: ['election_id', 'id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'contests',
        columns: [
          str('election_id', 64, { isPrimary: true }),
          str('id', 64, { isPrimary: true }),
          str('district_id', 64),
          str('name', 200),
          int('ballot_order'),
        ],
        foreignKeys: [
          { columnNames: ['election_id', 'district_id'], referencedTableName: 'districts', referencedColumnNames: ['election_id', 'id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'voters',
        columns: [
          str('election_id', 64, { isPrimary: true }),
          str('voter_id', 32, { isPrimary: true }),
          str('first_name', 100),
          str('last_name', 100),
          str('date_of_birth', 10),
          str('county_code', 32),
          str('precinct_id', 64),
          str('status', 16),
          str('registration_date', 10),
          flag('id_on_file', false),
          flag('other_ballot_accepted', false),
        ],
        checks: [{ name: 'voters_status', expression: inList('status', codes.registrationStatuses) }],
        foreignKeys: [
          { columnNames: ['election_id', 'county_code'], referencedTableName: 'counties', referencedColumnNames: ['election_id', 'code'] },
          { columnNames: ['election_id', 'precinct_id'], referencedTableName: 'precincts', referencedColumnNames: ['election_id', 'id'] },
        ],
        indices: [
          { name: 'voters_by_name', columnNames: ['election_id', 'last_name', 'date_of_birth'] },
          { name: 'voters_by_precinct', columnNames: ['election_id', 'precinct_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'ballots',
        columns: [
          str('id', 36, { isPrimary: true }),
          str('election_id', 64),
          str('receipt_number', 32),
          str('kind', 16),
          str('county_code', 32),
          nullableStr('precinct_id', 64),
          str('first_name', 100),
          str('last_name', 100),
          str('date_of_birth', 10),
          str('address', 300),
          nullableStr('claimed_voter_id', 32),
          nullableStr('issued_reason', 32),
          nullableStr('uocava_category', 32),
          nullableStr('postmark_date', 10),
          nullableStr('signed_date', 10),
          instant('received_at'),
          instant('cast_at', true),
          flag('id_shown', false),
          flag('out_of_precinct_affidavit', false),
          str('signature', 16, { default: "'present'" }),
          nullableStr('matched_voter_id', 32),
          text('notes', { default: "''" }),
          str('status', 32),
          int('machine_version'),
          text('lifecycle'),
          nullableStr('cure_reason', 32),
          instant('cure_deadline', true),
          nullableStr('rejection_reason', 32),
          nullableStr('determination', 8),
          int('version'),
          instant('created_at'),
          str('created_by', 64),
          instant('updated_at'),
        ],
        uniques: [{ name: 'ballots_receipt_per_election', columnNames: ['election_id', 'receipt_number'] }],
        checks: [
          { name: 'ballots_kind', expression: inList('kind', codes.ballotKinds) },
          { name: 'ballots_status', expression: inList('status', codes.ballotStates) },
          { name: 'ballots_issued_reason', expression: inList('issued_reason', codes.issuedReasons, true) },
          { name: 'ballots_uocava_category', expression: inList('uocava_category', codes.uocavaCategories, true) },
          { name: 'ballots_cure_reason', expression: inList('cure_reason', codes.cureReasons, true) },
          { name: 'ballots_rejection_reason', expression: inList('rejection_reason', codes.rejectionReasons, true) },
          { name: 'ballots_signature', expression: inList('signature', codes.signatureStates) },
          { name: 'ballots_determination', expression: inList('determination', ['full', 'partial'], true) },
          {
            name: 'ballots_kind_fields',
            expression:
              "(kind = 'provisional' AND precinct_id IS NOT NULL AND cast_at IS NOT NULL AND issued_reason IS NOT NULL AND uocava_category IS NULL)" +
              " OR (kind = 'uocava' AND precinct_id IS NULL AND uocava_category IS NOT NULL)",
          },
          { name: 'ballots_version', expression: 'version >= 1' },
        ],
        foreignKeys: [
          { columnNames: ['election_id', 'county_code'], referencedTableName: 'counties', referencedColumnNames: ['election_id', 'code'] },
          { columnNames: ['election_id', 'precinct_id'], referencedTableName: 'precincts', referencedColumnNames: ['election_id', 'id'] },
          { columnNames: ['election_id', 'matched_voter_id'], referencedTableName: 'voters', referencedColumnNames: ['election_id', 'voter_id'] },
        ],
        indices: [
          { name: 'ballots_queue', columnNames: ['election_id', 'county_code', 'status', 'cure_deadline'] },
          { name: 'ballots_by_deadline', columnNames: ['election_id', 'status', 'cure_deadline'] },
          { name: 'ballots_by_precinct', columnNames: ['election_id', 'precinct_id'] },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          { name: 'seq', type: 'bigint', isPrimary: true },
          str('election_id', 64),
          nullableStr('ballot_id', 36),
          str('actor_id', 64),
          str('actor_role', 16),
          str('event', 48),
          nullableStr('from_state', 32),
          nullableStr('to_state', 32),
          text('payload'),
          str('at', 24),
          str('prev_hash', 64),
          str('hash', 64),
        ],
        indices: [{ name: 'audit_by_ballot', columnNames: ['ballot_id', 'seq'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_chain_head',
        columns: [int('id', { isPrimary: true }), { name: 'seq', type: 'bigint' }, str('hash', 64)],
        checks: [{ name: 'audit_chain_head_single_row', expression: 'id = 1' }],
      }),
    );
    await q.query(`INSERT INTO audit_chain_head (id, seq, hash) VALUES (1, 0, '${'0'.repeat(64)}')`);
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          str('id', 36, { isPrimary: true }),
          str('username', 64, { isUnique: true }),
          str('display_name', 200),
          str('password_hash', 200),
          str('role', 16),
          nullableStr('county_code', 32),
          int('failed_logins', { default: 0 }),
          instant('locked_until', true),
          flag('disabled', false),
          instant('created_at'),
        ],
        checks: [
          { name: 'users_role', expression: inList('role', codes.roles) },
          { name: 'users_county_scope', expression: "role IN ('admin', 'observer') OR county_code IS NOT NULL" },
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [
          str('token_hash', 64, { isPrimary: true }),
          str('user_id', 36),
          str('csrf_token', 64),
          instant('created_at'),
          instant('last_seen_at'),
          instant('expires_at'),
        ],
        foreignKeys: [{ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
        indices: [{ name: 'sessions_by_user', columnNames: ['user_id'] }],
      }),
    );
    await q.createTable(
      new Table({
        name: 'outbox',
        columns: [
          str('id', 36, { isPrimary: true }),
          str('kind', 32),
          nullableStr('ballot_id', 36),
          text('payload'),
          instant('created_at'),
          instant('processed_at', true),
          int('attempts', { default: 0 }),
        ],
        indices: [{ name: 'outbox_pending', columnNames: ['processed_at', 'created_at'] }],
      }),
    );

    // The audit trail is append-only: the database itself refuses to change or remove an entry.
    if (q.connection.options.type === 'postgres') {
      await q.query(
        `CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN RAISE EXCEPTION 'audit entries are append-only'; END $$`,
      );
      await q.query(
        `CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries
         FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`,
      );
    } else {
      await q.query(
        `CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
         BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END`,
      );
      await q.query(
        `CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
         BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query('DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries');
      await q.query('DROP FUNCTION IF EXISTS audit_entries_append_only()');
    }
    for (const table of [
      'outbox',
      'sessions',
      'users',
      'audit_chain_head',
      'audit_entries',
      'ballots',
      'voters',
      'contests',
      'precinct_districts',
      'precincts',
      'districts',
      'court_orders',
      'counties',
      'elections',
    ]) {
      await q.dropTable(table);
    }
  }
}

