import type { EntityManager } from 'typeorm';
import { isPostgres } from './data-source';

/**
 * The service's clock when it does not run on the real one (the demo, training with CLOCK_AT):
 * the instant it stood at and the real time it was read, so any process on the same database
 * (the CLI, a second instance) reads the same minute.
 */
export interface StoredClock {
  readonly clockAt: number;
  readonly realAt: number;
  readonly setBy: string;
}

export async function readServiceClock(m: EntityManager): Promise<StoredClock | null> {
  const rows = await m.query<{ clock_at: number | string; real_at: number | string; set_by: string }[]>('SELECT clock_at, real_at, set_by FROM service_clock WHERE id = 1');
  const row = rows[0];
  return row === undefined ? null : { clockAt: Number(row.clock_at), realAt: Number(row.real_at), setBy: row.set_by };
}

export async function writeServiceClock(m: EntityManager, clock: StoredClock): Promise<void> {
  const pg = isPostgres(m.connection);
  await m.query(
    pg
      ? 'INSERT INTO service_clock (id, clock_at, real_at, set_by) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO UPDATE SET clock_at = excluded.clock_at, real_at = excluded.real_at, set_by = excluded.set_by'
      : 'INSERT INTO service_clock (id, clock_at, real_at, set_by) VALUES (1, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET clock_at = excluded.clock_at, real_at = excluded.real_at, set_by = excluded.set_by',
    [clock.clockAt, clock.realAt, clock.setBy],
  );
}

/** Back to the real clock for every process on this database. */
export async function clearServiceClock(m: EntityManager): Promise<void> {
  await m.query('DELETE FROM service_clock WHERE id = 1');
}
