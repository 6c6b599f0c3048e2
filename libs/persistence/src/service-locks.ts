import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { isPostgres } from './data-source';
import type { TransactionRunner } from './transactions';

export type LockResult = { readonly acquired: true; readonly release: () => Promise<void> } | { readonly acquired: false; readonly heldBy: string; readonly since: number };

/**
 * Named locks that hold across processes and machines sharing one database (issue 6: "one
 * deadline sweep at a time, a database lock, not a timer race"). A lock is a row in
 * `service_locks`: taking it is an insert that only one caller can make; a lease lets a lock whose
 * holder died expire. The same on SQLite and PostgreSQL.
 */
export class ServiceLocks {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: { now(): number },
  ) {}

  async acquire(name: string, holder: string, leaseMs: number): Promise<LockResult> {
    const now = this.clock.now();
    const token = `${holder}#${randomUUID()}`;
    const p = (m: EntityManager, i: number) => (isPostgres(m.connection) ? `$${i}` : '?');
    // One transaction (on SQLite, in the writers' queue): an expired lease is given up, then the
    // name is inserted if nobody holds it, and whoever's token is in the row holds the lock.
    const row = await this.tx.run(async (m) => {
      await m.query(`DELETE FROM service_locks WHERE name = ${p(m, 1)} AND expires_at < ${p(m, 2)}`, [name, now]);
      await m.query(
        isPostgres(m.connection)
          ? 'INSERT INTO service_locks (name, holder, acquired_at, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING'
          : 'INSERT OR IGNORE INTO service_locks (name, holder, acquired_at, expires_at) VALUES (?, ?, ?, ?)',
        [name, token, now, now + leaseMs],
      );
      const rows = await m.query<{ holder: string; acquired_at: string | number }[]>(`SELECT holder, acquired_at FROM service_locks WHERE name = ${p(m, 1)}`, [name]);
      return rows[0];
    });
    if (row?.holder === token) {
      return {
        acquired: true,
        release: async () => {
          await this.tx.run((m) => m.query(`DELETE FROM service_locks WHERE name = ${p(m, 1)} AND holder = ${p(m, 2)}`, [name, token]));
        },
      };
    }
    return { acquired: false, heldBy: row?.holder.split('#')[0] ?? 'unknown', since: Number(row?.acquired_at ?? now) };
  }
}
