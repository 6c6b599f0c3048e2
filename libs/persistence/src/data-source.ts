import sqlite3 from 'sqlite3';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { InitialSchema1764000000000 } from './migrations/1764000000000-initial-schema';
import { PortalAndNotices1764100000000 } from './migrations/1764100000000-portal-and-notices';
import { VoterRollUpdates1764200000000 } from './migrations/1764200000000-voter-roll-updates';
import { LawfulDecisions1764300000000 } from './migrations/1764300000000-lawful-decisions';
import { BallotFwab1764310000000 } from './migrations/1764310000000-ballot-fwab';
import { AuditEvents1764320000000 } from './migrations/1764320000000-audit-events';
import { AuditSignatures1764330000000 } from './migrations/1764330000000-audit-signatures';
import { RateLimits1764340000000 } from './migrations/1764340000000-rate-limits';
import { UploadsAndImports1764350000000 } from './migrations/1764350000000-uploads-and-imports';
import { NoticeDelivery1764370000000 } from './migrations/1764370000000-notice-delivery';
import { VoterContactChanges1764380000000 } from './migrations/1764380000000-voter-contact-changes';

export const MIGRATIONS = [
  InitialSchema1764000000000,
  PortalAndNotices1764100000000,
  VoterRollUpdates1764200000000,
  LawfulDecisions1764300000000,
  BallotFwab1764310000000,
  AuditEvents1764320000000,
  AuditSignatures1764330000000,
  RateLimits1764340000000,
  UploadsAndImports1764350000000,
  NoticeDelivery1764370000000,
  VoterContactChanges1764380000000,
];

export type DatabaseConfig =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string };

/** `DATABASE_URL` (postgres://...) when set, else the SQLite file. */
export function databaseConfigFrom(env: NodeJS.ProcessEnv, sqlitePath: string): DatabaseConfig {
  const url = env['DATABASE_URL'];
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new Error('DATABASE_URL must be a postgres:// URL');
    return { kind: 'postgres', url };
  }
  return { kind: 'sqlite', path: sqlitePath };
}

/**
 * One DataSource for the app, the CLI and the tests. Never `synchronize`: the schema is what the
 * migrations build, on both databases.
 */
export function createDataSource(config: DatabaseConfig): DataSource {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, synchronize: false, migrationsRun: false, logging: false } as const;
  const options: DataSourceOptions =
    config.kind === 'sqlite'
      ? {
          ...common,
          type: 'sqlite',
          database: config.path,
          // TypeORM calls the driver's verbose(), which wraps every call of the sqlite3 module to
          // capture a stack trace: a large share of each query's CPU time. The module without it.
          driver: { ...sqlite3, verbose: () => sqlite3 },
          enableWAL: true,
          busyTimeout: 10_000,
          busyErrorRetry: 100,
          // TypeORM turns PRAGMA foreign_keys on for every sqlite connection it opens.
        }
      : { ...common, type: 'postgres', url: config.url, extra: { max: 10 } };
  return new DataSource(options);
}

export function isPostgres(dataSource: DataSource): boolean {
  return dataSource.options.type === 'postgres';
}
