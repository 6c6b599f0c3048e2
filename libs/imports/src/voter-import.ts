import type { Readable } from 'node:stream';
import { isOneOf, REGISTRATION_STATUSES } from '@app/domain';
import { isPostgres, PrecinctEntity, type TransactionRunner } from '@app/persistence';
import { csvRows, isCalendarDate, isProblem, type RowProblem } from './csv-rows';

export const VOTER_COLUMNS = ['voter_id', 'first_name', 'last_name', 'date_of_birth', 'county_code', 'precinct_id', 'status', 'registration_date', 'id_on_file'] as const;

const DB_COLUMNS = ['election_id', 'voter_id', 'first_name', 'last_name', 'date_of_birth', 'county_code', 'precinct_id', 'status', 'registration_date', 'id_on_file', 'other_ballot_accepted'];
const VOTER_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Rows per transaction by default: whole batches survive a kill; memory stays flat (about 25 MB a batch). */
export const VOTER_BATCH_ROWS = 25_000;

export interface ImportProgress {
  readonly read: number;
  readonly inserted: number;
  readonly rejected: number;
}

export interface ImportReport extends ImportProgress {
  readonly alreadyPresent: number;
  readonly problems: readonly RowProblem[];
  readonly seconds: number;
}

export interface VoterImportOptions {
  /** Rows per transaction: a kill leaves whole batches only. */
  readonly batchRows?: number;
  /** Called after each committed batch. */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Problems kept in the report (all are counted); the rest are only counted. */
  readonly keepProblems?: number;
}

/**
 * Imports a voter roll from CSV for an election: streamed, each row checked (dates, status, the
 * county and precinct known for the election, the precinct in that county), bad rows reported with
 * their line and skipped, good rows written in batches of multi-row INSERTs, each batch its own
 * transaction. Rows already present are left alone, so a second run changes nothing and a run cut
 * short can simply be run again.
 */
export async function importVoters(tx: TransactionRunner, electionId: string, input: Readable, options: VoterImportOptions = {}): Promise<ImportReport> {
  const started = process.hrtime.bigint();
  const batchRows = options.batchRows ?? VOTER_BATCH_ROWS;
  const keep = options.keepProblems ?? 1_000;
  const pg = isPostgres(tx.dataSource);
  // Bound parameters per statement: SQLite allows 32,766, PostgreSQL 65,535.
  const statementRows = Math.floor((pg ? 65_535 : 32_766) / DB_COLUMNS.length);
  const precincts = new Map((await tx.read((m) => m.findBy(PrecinctEntity, { electionId }))).map((p) => [p.id, p.countyCode]));

  let read = 0;
  let inserted = 0;
  let rejected = 0;
  const problems: RowProblem[] = [];
  const reject = (problem: RowProblem) => {
    rejected += 1;
    if (problems.length < keep) problems.push(problem);
  };
  let batch: unknown[][] = [];

  const flush = async () => {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    inserted += await tx.run(async (m) => {
      let count = 0;
      for (let i = 0; i < rows.length; i += statementRows) {
        const chunk = rows.slice(i, i + statementRows);
        const params = chunk.flat();
        let n = 0;
        const tuples = chunk.map(() => `(${DB_COLUMNS.map(() => (pg ? `$${++n}` : '?')).join(',')})`).join(',');
        const sql = pg
          ? `INSERT INTO voters (${DB_COLUMNS.join(',')}) VALUES ${tuples} ON CONFLICT DO NOTHING`
          : `INSERT OR IGNORE INTO voters (${DB_COLUMNS.join(',')}) VALUES ${tuples}`;
        const runner = m.queryRunner;
        if (runner === undefined) throw new Error('an import batch must run in a transaction');
        const result = await runner.query(sql, params, true);
        count += result.affected ?? 0;
      }
      return count;
    });
    options.onProgress?.({ read, inserted, rejected });
  };

  for await (const item of csvRows(input, VOTER_COLUMNS)) {
    if (isProblem(item)) {
      read += 1;
      reject(item);
      continue;
    }
    read += 1;
    const v = item.values;
    const line = item.line;
    const problem = (field: string, message: string) => reject({ line, field, message });
    const county = precincts.get(v['precinct_id'] ?? '');
    if (!VOTER_ID.test(v['voter_id'] ?? '')) problem('voter_id', 'must be 1-32 letters, digits, dashes or underscores');
    else if ((v['first_name'] ?? '') === '' || (v['first_name'] ?? '').length > 100) problem('first_name', 'must be 1-100 characters');
    else if ((v['last_name'] ?? '') === '' || (v['last_name'] ?? '').length > 100) problem('last_name', 'must be 1-100 characters');
    else if (!isCalendarDate(v['date_of_birth'] ?? '')) problem('date_of_birth', 'must be a date, YYYY-MM-DD');
    else if (county === undefined) problem('precinct_id', `${v['precinct_id'] ?? ''} is not a precinct of this election`);
    else if (county !== v['county_code']) problem('county_code', `precinct ${v['precinct_id'] ?? ''} is in county ${county}, not ${v['county_code'] ?? ''}`);
    else if (!isOneOf(REGISTRATION_STATUSES, v['status'])) problem('status', `must be one of: ${REGISTRATION_STATUSES.join(', ')}`);
    else if (!isCalendarDate(v['registration_date'] ?? '')) problem('registration_date', 'must be a date, YYYY-MM-DD');
    else if (v['id_on_file'] !== 'true' && v['id_on_file'] !== 'false') problem('id_on_file', 'must be true or false');
    else {
      batch.push([electionId, v['voter_id'], v['first_name'], v['last_name'], v['date_of_birth'], county, v['precinct_id'], v['status'], v['registration_date'], pg ? v['id_on_file'] === 'true' : v['id_on_file'] === 'true' ? 1 : 0, pg ? false : 0]);
      if (batch.length >= batchRows) await flush();
    }
  }
  await flush();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { read, inserted, alreadyPresent: read - rejected - inserted, rejected, problems, seconds };
}
