import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';

/** The Nest token of the service's LimiterFactory (DatabaseModule provides it). */
export const RATE_LIMITERS = Symbol('RATE_LIMITERS');

/** One counter: its name (a key prefix), how many points a key holds, and for how long. */
export interface LimiterOptions {
  readonly name: string;
  readonly points: number;
  readonly durationSeconds: number;
}

/** Makes counters; where they are kept is the factory's business. */
export type LimiterFactory = (options: LimiterOptions) => RateLimiterAbstract;

/** Counters in this process's memory: for SQLite (one process) and for unit tests. */
export const memoryLimiters: LimiterFactory = ({ name, points, durationSeconds }) => new RateLimiterMemory({ keyPrefix: name, points, duration: durationSeconds });

/**
 * Counters that every instance of the service shares: on PostgreSQL, in the `rate_limits` table
 * (made by migration 1764340000000) through the DataSource's own connection pool; each update is
 * one atomic upsert, so two instances counting the same key never lose a point. On SQLite, which
 * is one process by design, in memory.
 */
export function sharedLimiters(dataSource: DataSource): LimiterFactory {
  if (dataSource.options.type !== 'postgres') return memoryLimiters;
  return ({ name, points, durationSeconds }) =>
    new RateLimiterPostgres({ storeClient: dataSource, storeType: 'typeorm', tableName: 'rate_limits', tableCreated: true, keyPrefix: name, points, duration: durationSeconds });
}
