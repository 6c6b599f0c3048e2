import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { inList, instant, int, nullableStr, str } from './schema-builders';

/*
 * Voter roll re-imports (issue 6): a roll imported again updates the voters it lists, and a full
 * roll marks removed (never deletes: ballots reference voters) the voters it leaves out.
 * - `voter_imports`: one row per import of a roll file, who ran it, on which file (its SHA-256),
 *   its mode and scope, and what it did (counts only, no voter data);
 * - `voters.removed_at` / `voters.removed_by_import`: when, and by which import, a voter was left
 *   out of a full roll; both cleared when a later roll lists the voter again;
 * - `voter_roll_seen`: staging for a full roll, the voter ids its file listed (with their line),
 *   emptied when the import ends.
 * Plain `ALTER TABLE ... ADD COLUMN` on both dialects, as in 1764100000000: no rebuild of a
 * table that holds millions of voters.
 */

export const VOTER_ROLL_CODE_LISTS = {
  voterImportModes: ['incremental', 'full_roll'],
  voterImportStatuses: ['running', 'completed', 'failed'],
  voterRollRemovals: ['not_requested', 'pending', 'done', 'skipped'],
} as const;

export class VoterRollUpdates1764200000000 implements MigrationInterface {
  name = 'VoterRollUpdates1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const codes = VOTER_ROLL_CODE_LISTS;
    const pg = q.connection.options.type === 'postgres';
    await q.createTable(
      new Table({
        name: 'voter_imports',
        columns: [
          // 1, 2, 3, ...: short enough to key the staging rows of a 7.6-million-voter roll.
          int('id', { isPrimary: true }),
          str('election_id', 64),
          str('mode', 16),
          /** The county whose roll the file is (every row must be in it); null: the whole election. */
          nullableStr('county_code', 32),
          /** The file's name as given, without its folder. */
          str('source', 300),
          nullableStr('sha256', 64),
          str('actor_id', 64),
          str('actor_role', 16),
          instant('started_at'),
          instant('finished_at', true),
          str('status', 16),
          str('removal', 16),
          int('rows_read', { default: 0 }),
          int('inserted', { default: 0 }),
          int('updated', { default: 0 }),
          int('unchanged', { default: 0 }),
          int('restored', { default: 0 }),
          int('removed', { default: 0 }),
          int('rejected', { default: 0 }),
          /** Why the removal was skipped, or why the import stopped; never voter data. */
          nullableStr('note', 500),
        ],
        checks: [
          { name: 'voter_imports_mode', expression: inList('mode', codes.voterImportModes) },
          { name: 'voter_imports_status', expression: inList('status', codes.voterImportStatuses) },
          { name: 'voter_imports_removal', expression: inList('removal', codes.voterRollRemovals) },
          { name: 'voter_imports_removal_mode', expression: "(mode = 'incremental') = (removal = 'not_requested')" },
          { name: 'voter_imports_finished', expression: "(status = 'running') = (finished_at IS NULL)" },
        ],
        foreignKeys: [
          { columnNames: ['election_id'], referencedTableName: 'elections', referencedColumnNames: ['id'] },
          { columnNames: ['election_id', 'county_code'], referencedTableName: 'counties', referencedColumnNames: ['election_id', 'code'] },
        ],
        indices: [{ name: 'voter_imports_by_election', columnNames: ['election_id', 'started_at'] }],
      }),
    );

    await q.query('ALTER TABLE voters ADD COLUMN removed_at bigint NULL');
    const removal = '(removed_at IS NULL) = (removed_by_import IS NULL)';
    if (pg) {
      await q.query('ALTER TABLE voters ADD COLUMN removed_by_import integer NULL REFERENCES voter_imports (id)');
      await q.query(`ALTER TABLE voters ADD CONSTRAINT voters_removal CHECK (${removal})`);
    } else {
      // SQLite cannot add a table constraint; a column's CHECK may name any column of the row.
      await q.query(`ALTER TABLE voters ADD COLUMN removed_by_import integer NULL REFERENCES voter_imports (id) CONSTRAINT voters_removal CHECK (${removal})`);
    }

    // Keyed by (import, voter): a second row of one voter in one file is found by the key.
    await q.query(
      `CREATE TABLE voter_roll_seen (import_id integer NOT NULL, voter_id varchar(32) NOT NULL, line integer NOT NULL, PRIMARY KEY (import_id, voter_id))${pg ? '' : ' WITHOUT ROWID'}`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE voter_roll_seen');
    if (q.connection.options.type === 'postgres') await q.query('ALTER TABLE voters DROP CONSTRAINT voters_removal');
    // On SQLite a column with a foreign key or CHECK cannot be dropped in place; TypeORM rebuilds the table.
    await q.dropColumn('voters', 'removed_by_import');
    await q.dropColumn('voters', 'removed_at');
    await q.dropTable('voter_imports');
  }
}
