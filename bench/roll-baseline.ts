/**
 * The baseline a voter-roll import is compared with: the database's own shell loads the same CSV
 * into a scratch table and copies it into the same voters table (same columns, keys, indexes and
 * foreign-key checks), in one transaction. No parsing in JavaScript, no validation, no batches.
 */

/** A script for the `sqlite3` shell, on a copy of the same empty schema. */
export function sqliteShellImport(csv: string, electionId: string): string {
  return [
    'PRAGMA foreign_keys = ON;',
    'PRAGMA journal_mode = WAL;',
    '.import --csv ' + csv + ' voters_csv',
    'BEGIN;',
    `INSERT OR IGNORE INTO voters (election_id, voter_id, first_name, last_name, date_of_birth, county_code, precinct_id, status, registration_date, id_on_file, other_ballot_accepted)
     SELECT '${electionId}', voter_id, first_name, last_name, date_of_birth, county_code, precinct_id, status, registration_date, id_on_file = 'true', 0 FROM voters_csv;`,
    'COMMIT;',
    'DROP TABLE voters_csv;',
  ].join('\n');
}

/** The same for `psql` (client-side `\copy`, so the file is streamed as the CLI streams it). */
export function psqlImport(csv: string, electionId: string): string {
  return [
    '\\set ON_ERROR_STOP on',
    'CREATE TEMP TABLE voters_csv (voter_id text, first_name text, last_name text, date_of_birth text, county_code text, precinct_id text, status text, registration_date text, id_on_file text);',
    `\\copy voters_csv FROM '${csv}' WITH (FORMAT csv, HEADER true)`,
    'BEGIN;',
    `INSERT INTO voters (election_id, voter_id, first_name, last_name, date_of_birth, county_code, precinct_id, status, registration_date, id_on_file, other_ballot_accepted)
     SELECT '${electionId}', voter_id, first_name, last_name, date_of_birth, county_code, precinct_id, status, registration_date, id_on_file = 'true', false FROM voters_csv ON CONFLICT DO NOTHING;`,
    'COMMIT;',
  ].join('\n');
}
