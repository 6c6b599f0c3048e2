import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Whether a UOCAVA ballot is a federal write-in absentee ballot (FWAB): recorded at intake, part of
 * what was received, counted into the EAVS FWAB items. False for every ballot already taken in
 * (nothing recorded it before), and never true for a provisional ballot: the database refuses it.
 * Plain `ALTER TABLE ... ADD COLUMN` on both dialects, as in 1764100000000: no rebuild of the
 * ballots table. SQLite cannot add a table constraint, so the CHECK rides on the column; a column's
 * CHECK may name any column of the row.
 */
export class BallotFwab1764310000000 implements MigrationInterface {
  name = 'BallotFwab1764310000000';

  async up(q: QueryRunner): Promise<void> {
    const check = "NOT fwab OR kind = 'uocava'";
    if (q.connection.options.type === 'postgres') {
      await q.query('ALTER TABLE ballots ADD COLUMN fwab boolean NOT NULL DEFAULT false');
      await q.query(`ALTER TABLE ballots ADD CONSTRAINT ballots_fwab_uocava CHECK (${check})`);
    } else {
      await q.query(`ALTER TABLE ballots ADD COLUMN fwab boolean NOT NULL DEFAULT 0 CONSTRAINT ballots_fwab_uocava CHECK (${check})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    if (q.connection.options.type === 'postgres') {
      await q.query('ALTER TABLE ballots DROP CONSTRAINT ballots_fwab_uocava');
      await q.query('ALTER TABLE ballots DROP COLUMN fwab');
    } else {
      // On SQLite a column with a CHECK cannot be dropped in place; TypeORM rebuilds the table.
      await q.dropColumn('ballots', 'fwab');
    }
  }
}
