import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';

/** The Nest token of the service's LimiterFactory (DatabaseModule provides it). */
export const RATE_LIMITERS = Symbol('RATE_LIMITERS');

/**
 * A limiter's key for the parts it counts by (an address, a username and an address, a receipt):
 * their SHA-256, so the store, in memory or the `rate_limits` table, never holds an address, a
 * username or a receipt number as written.
 */
export function limitKey(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

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
