import { randomUUID } from 'node:crypto';
import { chain, sign, type AuditKey, type ChainHead } from '@app/audit';
import { Client } from 'pg';
import sqlite3 from 'sqlite3';

/**
 * The baselines of issue 16: the bare drivers (`sqlite3`, `pg`) running the statements an audited
 * ballot write needs, with no service around them, on a copy of the same schema. The audit entry
 * is chained and signed (hash + HMAC) exactly as the service does, and the signed chain head is
 * kept, so `verify-audit` would accept what the baseline writes; the previous hash is held in
 * memory, as one writer may. What the baseline does not do is the service's own work: scope,
 * rules, the lifecycle, validation.
 */
export interface RawDb {
  query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
  /** `?` placeholders become `$1..$n` on PostgreSQL. */
  readonly postgres: boolean;
}

export async function rawSqlite(path: string): Promise<RawDb> {
  const db = await new Promise<sqlite3.Database>((resolve, reject) => {
    const opened: sqlite3.Database = new sqlite3.Database(path, (error) => (error === null ? resolve(opened) : reject(error)));
  });
  const run = (sql: string, params: readonly unknown[] = []): Promise<Record<string, unknown>[]> =>
    new Promise((resolve, reject) => db.all(sql, params, (error: Error | null, rows: Record<string, unknown>[]) => (error === null ? resolve(rows) : reject(error))));
  await run('PRAGMA journal_mode = WAL');
  await run('PRAGMA busy_timeout = 10000');
  await run('PRAGMA foreign_keys = ON');
  return { postgres: false, query: run, close: () => new Promise((resolve, reject) => db.close((error) => (error === null ? resolve() : reject(error)))) };
}

export async function rawPostgres(url: string): Promise<RawDb> {
  const client = new Client({ connectionString: url });
  await client.connect();
  return {
    postgres: true,
    query: async (sql, params = []) => {
      let n = 0;
      const text = sql.replace(/\?/g, () => `$${(n += 1)}`);
      return (await client.query(text, [...params])).rows as Record<string, unknown>[];
    },
    close: () => client.end(),
  };
}

/** One writer's audit chain, its head held in memory after one read. */
export class RawAudit {
  private head: ChainHead | null = null;

  constructor(
    private readonly db: RawDb,
    private readonly key: AuditKey,
  ) {}

  async append(entry: { electionId: string; ballotId: string; actorId: string; event: string; fromState: string | null; toState: string; payload: Record<string, unknown>; at: number }): Promise<void> {
    if (this.head === null) {
      const [row] = await this.db.query('SELECT seq, hash FROM audit_chain_head WHERE id = 1');
      this.head = { seq: Number(row?.['seq'] ?? 0), hash: String(row?.['hash']) };
    }
    const chained = chain({ ...entry, actorRole: 'admin', at: new Date(entry.at).toISOString() }, this.head.seq === 0 ? null : this.head);
    const point = { seq: chained.seq, hash: chained.hash };
    await this.db.query(
      'INSERT INTO audit_entries (seq, election_id, ballot_id, actor_id, actor_role, event, from_state, to_state, payload, at, prev_hash, hash, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [chained.seq, chained.electionId, chained.ballotId, chained.actorId, chained.actorRole, chained.event, chained.fromState, chained.toState, JSON.stringify(chained.payload), chained.at, chained.prevHash, chained.hash, sign(this.key, 'entry', point)],
    );
    await this.db.query('UPDATE audit_chain_head SET seq = ?, hash = ?, signature = ? WHERE id = 1', [point.seq, point.hash, sign(this.key, 'head', point)]);
    this.head = point;
  }
}

/** BEGIN (IMMEDIATE on SQLite, as the service takes the write lock first), the work, COMMIT. */
export async function rawTransaction(db: RawDb, work: () => Promise<void>): Promise<void> {
  await db.query(db.postgres ? 'BEGIN' : 'BEGIN IMMEDIATE');
  try {
    await work();
    await db.query('COMMIT');
  } catch (error) {
    await db.query('ROLLBACK');
    throw error;
  }
}

/** Intake at its barest: the voter lookup the service makes, the ballot row, its audit entry. */
export async function rawIntake(db: RawDb, audit: RawAudit, ballot: { id: string; electionId: string; receiptNumber: string; countyCode: string; precinctId: string; lastName: string }, now: number): Promise<void> {
  await rawTransaction(db, async () => {
    await db.query('SELECT voter_id FROM voters WHERE election_id = ? AND last_name_key = ? AND first_name_key = ? AND date_of_birth = ? AND removed_at IS NULL LIMIT 2', [ballot.electionId, ballot.lastName.toLowerCase(), 'pat', '1980-02-29']);
    const lifecycle = JSON.stringify({ match: null, cure: null, curedReasons: [], proposal: null, rejection: null, count: null, hold: null });
    await db.query(
      `INSERT INTO ballots (id, election_id, receipt_number, kind, county_code, precinct_id, first_name, last_name, date_of_birth, address, issued_reason, received_at, cast_at, id_shown, out_of_precinct_affidavit, signature, notes, status, machine_version, lifecycle, version, created_at, created_by, updated_at, language, fwab)
       VALUES (?, ?, ?, 'provisional', ?, ?, 'Pat', ?, '1980-02-29', '1 Main St', 'not_on_list', ?, ?, ?, ?, 'present', '', 'received.pending', 2, ?, 1, ?, 'bench', ?, 'en', ?)`,
      [ballot.id, ballot.electionId, ballot.receiptNumber, ballot.countyCode, ballot.precinctId, ballot.lastName, now, now, true, false, lifecycle, now, now, false],
    );
    await audit.append({ electionId: ballot.electionId, ballotId: ballot.id, actorId: 'bench-clerk', event: 'INTAKE', fromState: null, toState: 'received.pending', payload: { receiptNumber: ballot.receiptNumber }, at: now });
  });
}

/** One audited transition at its barest: read the ballot, the conditional update, the entry, the notice when there is one. */
export async function rawTransition(db: RawDb, audit: RawAudit, ballotId: string, event: string, to: string, notice: boolean, now: number): Promise<void> {
  await rawTransaction(db, async () => {
    const [row] = await db.query('SELECT * FROM ballots WHERE id = ?', [ballotId]);
    if (row === undefined) throw new Error(`no ballot ${ballotId}`);
    const version = Number(row['version']);
    const lifecycle = { ...(JSON.parse(String(row['lifecycle'])) as Record<string, unknown>), lastEvent: event };
    const [updated] = await db.query(`UPDATE ballots SET status = ?, lifecycle = ?, version = ?, updated_at = ? WHERE id = ? AND version = ? RETURNING version`, [to, JSON.stringify(lifecycle), version + 1, now, ballotId, version]);
    if (updated === undefined) throw new Error('stale version');
    await audit.append({ electionId: String(row['election_id']), ballotId, actorId: 'bench-clerk', event, fromState: String(row['status']), toState: to, payload: { version: version + 1 }, at: now });
    if (notice) await db.query('INSERT INTO outbox (id, kind, ballot_id, payload, created_at, processed_at, attempts) VALUES (?, ?, ?, ?, ?, NULL, 0)', [randomUUID(), 'voter_notice', ballotId, JSON.stringify({ type: 'rejected' }), now]);
  });
}
