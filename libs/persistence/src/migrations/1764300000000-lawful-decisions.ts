import { randomUUID } from 'node:crypto';
import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';
import { inList, instant, int, nullableStr, str } from './schema-builders';

/*
 * Decisions the law would uphold (issue 11):
 * - `voters.last_name_key` / `first_name_key`: names as the roll search compares them (accents,
 *   case and punctuation folded, `nameKey` of @app/domain), indexed for a prefix search in place
 *   of `voters_by_name`, which nothing read;
 * - the ballot lifecycle's version 2: the registration research matched is a lifecycle fact
 *   (`match` in the context); every stored version 1 lifecycle gets the match its
 *   `matched_voter_id` recorded;
 * - `elections.rules_version`: bumped in the same transaction as anything that changes the
 *   election's rules (a jurisdiction import, a court order, a county's hours), so every process's
 *   cache sees the change at its next use; `election_type` and `federal`, which some statutes
 *   vary a deadline by;
 * - `court_orders`: what the order says and who recorded it, which target it moves (CHECK), and
 *   the rules version it made (its place in the order of orders); never updated or deleted;
 * - `county_hours`: a county's own close of business, as a history (the latest governs), in place
 *   of the two `counties` columns that could only be overwritten;
 * - `service_clock`: the service's clock in demo or CLOCK_AT mode, so the CLI reads the same
 *   minute as the console.
 */

export const LAWFUL_DECISIONS_CODE_LISTS = {
  electionTypes: ['general', 'primary', 'special', 'runoff'],
  courtOrderTargets: ['provisionalCure', 'uocavaReceipt', 'uocavaPostmark', 'pollsClose', 'countyCertification'],
} as const;

/** A query's rows: QueryRunner.query is untyped. */
async function select<T>(q: QueryRunner, sql: string, params: unknown[] = []): Promise<T> {
  return (await q.query(sql, params)) as T;
}

/** Rows per statement when keys are computed for voters already stored. */
const KEY_BATCH = 2_000;

/** The same rule as `nameKey` in @app/domain, written out: a migration must mean the same thing forever. */
const keyOf = (name: string): string =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

export class LawfulDecisions1764300000000 implements MigrationInterface {
  name = 'LawfulDecisions1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const pg = q.connection.options.type === 'postgres';
    const codes = LAWFUL_DECISIONS_CODE_LISTS;
    const TRUE = pg ? 'TRUE' : '1';

    // The roll search.
    await q.query("ALTER TABLE voters ADD COLUMN last_name_key varchar(100) NOT NULL DEFAULT ''");
    await q.query("ALTER TABLE voters ADD COLUMN first_name_key varchar(100) NOT NULL DEFAULT ''");
    await this.fillNameKeys(q, pg);
    await q.query('DROP INDEX voters_by_name');
    // Compared code unit by code unit on both engines (SQLite's BINARY; "C" on PostgreSQL), so a
    // prefix is an index range whatever the database's own collation.
    await q.query(
      pg
        ? 'CREATE INDEX voters_by_name_key ON voters (election_id, last_name_key COLLATE "C", first_name_key COLLATE "C")'
        : 'CREATE INDEX voters_by_name_key ON voters (election_id, last_name_key, first_name_key)',
    );

    // The lifecycle's version 2.
    for (;;) {
      const rows = await select<{ id: string; lifecycle: string; matched_voter_id: string | null; created_by: string; created_at: string | number }[]>(q, 
        `SELECT id, lifecycle, matched_voter_id, created_by, created_at FROM ballots WHERE machine_version = 1 ORDER BY id LIMIT ${KEY_BATCH}`,
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const context = JSON.parse(row.lifecycle) as Record<string, unknown>;
        const match = row.matched_voter_id === null ? null : { voterId: row.matched_voter_id, by: row.created_by, at: Number(row.created_at), note: 'Matched at intake (before lifecycle version 2).' };
        await q.query(`UPDATE ballots SET lifecycle = ${pg ? '$1' : '?'}, machine_version = 2 WHERE id = ${pg ? '$2' : '?'}`, [JSON.stringify({ match, ...context }), row.id]);
      }
    }

    // The election's rules version, type and whether it has a federal office on the ballot.
    await q.query('ALTER TABLE elections ADD COLUMN rules_version integer NOT NULL DEFAULT 1');
    await q.query(`ALTER TABLE elections ADD COLUMN election_type varchar(16) NOT NULL DEFAULT 'general' CONSTRAINT elections_election_type CHECK (${inList('election_type', codes.electionTypes)})`);
    await q.query(`ALTER TABLE elections ADD COLUMN federal boolean NOT NULL DEFAULT ${TRUE}`);

    // Court orders, rebuilt (nothing refers to them) with their CHECK and their new columns.
    await q.createTable(
      new Table({
        name: 'court_orders_v2',
        columns: [
          str('id', 36, { isPrimary: true }),
          str('election_id', 64),
          /** The rules version this order made: orders of an election are ordered by it, the last governing. */
          int('rules_version'),
          str('citation', 500),
          /** What the order says, in a sentence, for the history and the voter notices. */
          nullableStr('summary', 1000),
          str('deadline', 32),
          { name: 'county_codes', type: 'text', isNullable: true },
          str('extended_to', 16),
          str('recorded_by', 64),
          str('recorded_by_role', 16),
          instant('recorded_at'),
        ],
        checks: [
          { name: 'court_orders_deadline', expression: inList('deadline', codes.courtOrderTargets) },
          { name: 'court_orders_extended_to', expression: pg ? "extended_to ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}$'" : "extended_to GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'" },
        ],
        uniques: [{ name: 'court_orders_one_per_version', columnNames: ['election_id', 'rules_version'] }],
        foreignKeys: [{ columnNames: ['election_id'], referencedTableName: 'elections', referencedColumnNames: ['id'] }],
      }),
    );
    const old = await select<{ id: string; election_id: string; citation: string; deadline: string; county_codes: string | null; extended_to: string; recorded_by: string; recorded_at: string | number }[]>(q, 
      'SELECT id, election_id, citation, deadline, county_codes, extended_to, recorded_by, recorded_at FROM court_orders ORDER BY recorded_at, id',
    );
    const versions = new Map<string, number>();
    for (const o of old) {
      const version = (versions.get(o.election_id) ?? 1) + 1;
      versions.set(o.election_id, version);
      const p = (i: number) => (pg ? `$${i}` : '?');
      await q.query(
        `INSERT INTO court_orders_v2 (id, election_id, rules_version, citation, summary, deadline, county_codes, extended_to, recorded_by, recorded_by_role, recorded_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map(p).join(', ')})`,
        [o.id, o.election_id, version, o.citation, null, o.deadline, o.county_codes, o.extended_to, o.recorded_by, 'admin', o.recorded_at],
      );
    }
    for (const [electionId, version] of versions) await q.query(`UPDATE elections SET rules_version = ${pg ? '$1' : '?'} WHERE id = ${pg ? '$2' : '?'}`, [version, electionId]);
    await q.query('DROP TABLE court_orders');
    await q.query('ALTER TABLE court_orders_v2 RENAME TO court_orders');

    // A county's own close of business, as a history.
    await q.createTable(
      new Table({
        name: 'county_hours',
        columns: [
          str('id', 36, { isPrimary: true }),
          str('election_id', 64),
          str('county_code', 32),
          int('rules_version'),
          /** `HH:MM`; null sets the county back to the rule pack's close of business. */
          nullableStr('close_of_business', 5),
          /** Where the hours are set: a board resolution, the county's posted hours. */
          str('source', 300),
          str('recorded_by', 64),
          str('recorded_by_role', 16),
          instant('recorded_at'),
        ],
        checks: [{ name: 'county_hours_time', expression: pg ? "close_of_business IS NULL OR close_of_business ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'" : "close_of_business IS NULL OR (close_of_business GLOB '[0-2][0-9]:[0-5][0-9]' AND close_of_business < '24:00')" }],
        uniques: [{ name: 'county_hours_one_per_version', columnNames: ['election_id', 'rules_version'] }],
        foreignKeys: [{ columnNames: ['election_id', 'county_code'], referencedTableName: 'counties', referencedColumnNames: ['election_id', 'code'] }],
      }),
    );
    const hours = await select<{ election_id: string; code: string; close_of_business: string; close_of_business_source: string | null }[]>(q, 
      'SELECT election_id, code, close_of_business, close_of_business_source FROM counties WHERE close_of_business IS NOT NULL ORDER BY election_id, code',
    );
    for (const h of hours) {
      const version = await this.bumpRulesVersion(q, pg, h.election_id);
      const p = (i: number) => (pg ? `$${i}` : '?');
      await q.query(
        `INSERT INTO county_hours (id, election_id, county_code, rules_version, close_of_business, source, recorded_by, recorded_by_role, recorded_at) VALUES (${[1, 2, 3, 4, 5, 6, 7, 8, 9].map(p).join(', ')})`,
        [randomUUID(), h.election_id, h.code, version, h.close_of_business, h.close_of_business_source ?? 'County override', 'system', 'system', 0],
      );
    }
    await q.query('ALTER TABLE counties DROP COLUMN close_of_business');
    await q.query('ALTER TABLE counties DROP COLUMN close_of_business_source');

    // Orders and hours are history: the database refuses to change or remove one.
    for (const table of ['court_orders', 'county_hours']) await this.appendOnly(q, pg, table);

    // The service's clock in demo or CLOCK_AT mode: the instant it read, and the real time it read it.
    await q.createTable(
      new Table({
        name: 'service_clock',
        columns: [int('id', { isPrimary: true }), instant('clock_at'), instant('real_at'), str('set_by', 200)],
        checks: [{ name: 'service_clock_one_row', expression: 'id = 1' }],
      }),
    );
  }

  private async bumpRulesVersion(q: QueryRunner, pg: boolean, electionId: string): Promise<number> {
    await q.query(`UPDATE elections SET rules_version = rules_version + 1 WHERE id = ${pg ? '$1' : '?'}`, [electionId]);
    const rows = await select<{ rules_version: number }[]>(q, `SELECT rules_version FROM elections WHERE id = ${pg ? '$1' : '?'}`, [electionId]);
    return Number(rows[0]?.rules_version ?? 1);
  }

  /** Name keys for the voters already stored, a batch at a time through a scratch table and one UPDATE ... FROM. */
  private async fillNameKeys(q: QueryRunner, pg: boolean): Promise<void> {
    await q.query('CREATE TEMPORARY TABLE voter_name_keys (election_id varchar(64) NOT NULL, voter_id varchar(32) NOT NULL, last_key varchar(100) NOT NULL, first_key varchar(100) NOT NULL, PRIMARY KEY (election_id, voter_id))');
    let after: [string, string] = ['', ''];
    for (;;) {
      const rows = await select<{ election_id: string; voter_id: string; first_name: string; last_name: string }[]>(q, 
        pg
          ? `SELECT election_id, voter_id, first_name, last_name FROM voters WHERE (election_id, voter_id) > ($1, $2) ORDER BY election_id, voter_id LIMIT ${KEY_BATCH}`
          : `SELECT election_id, voter_id, first_name, last_name FROM voters WHERE election_id > ? OR (election_id = ? AND voter_id > ?) ORDER BY election_id, voter_id LIMIT ${KEY_BATCH}`,
        pg ? after : [after[0], after[0], after[1]],
      );
      if (rows.length === 0) break;
      let n = 0;
      const tuples = rows.map(() => `(${[1, 2, 3, 4].map(() => (pg ? `$${++n}` : '?')).join(', ')})`).join(', ');
      await q.query(`INSERT INTO voter_name_keys (election_id, voter_id, last_key, first_key) VALUES ${tuples}`, rows.flatMap((r) => [r.election_id, r.voter_id, keyOf(r.last_name), keyOf(r.first_name)]));
      const last = rows[rows.length - 1];
      if (last === undefined) break;
      after = [last.election_id, last.voter_id];
    }
    await q.query(
      'UPDATE voters SET last_name_key = k.last_key, first_name_key = k.first_key FROM voter_name_keys k WHERE k.election_id = voters.election_id AND k.voter_id = voters.voter_id',
    );
    await q.query('DROP TABLE voter_name_keys');
  }

  private async appendOnly(q: QueryRunner, pg: boolean, table: string): Promise<void> {
    if (pg) {
      await q.query(`CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '${table} is append-only: record a new row instead'; END $$`);
      await q.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`);
    } else {
      await q.query(`CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only: record a new row instead'); END`);
      await q.query(`CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table} BEGIN SELECT RAISE(ABORT, '${table} is append-only: record a new row instead'); END`);
    }
  }

  down(): Promise<void> {
    // A migration that folded two counties columns into a history and rewrote stored lifecycles is
    // not undone by a script: restore the backup taken before it.
    return Promise.reject(new Error('LawfulDecisions1764300000000 cannot be reverted: restore the backup taken before it'));
  }
}
