import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDataSource, openAuditKey, useAuditKey, type DatabaseConfig } from '@app/persistence';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

export type TestDatabaseKind = 'sqlite' | 'postgres';

/**
 * The databases the medium and end-to-end suites run on: both by default, as CI does.
 * `TEST_DATABASES=sqlite` narrows a local run; it never silently drops one.
 */
export function testDatabases(): TestDatabaseKind[] {
  const wanted = (process.env['TEST_DATABASES'] ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  return wanted.filter((k): k is TestDatabaseKind => k === 'sqlite' || k === 'postgres');
}

/** The server the PostgreSQL tests create their own databases on (trust auth on this machine). */
export const PG_ADMIN_URL = process.env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly kind: TestDatabaseKind;
  readonly config: DatabaseConfig;
  readonly dataSource: DataSource;
  /** The audit key the database's chain is signed with (what the service and the CLI get as AUDIT_KEY). */
  readonly auditKey: string;
  /** Opens another DataSource on the same database (a restart, a second instance). */
  reopen(): Promise<DataSource>;
  destroy(): Promise<void>;
}

/** A fresh, empty database of the given kind, built by the real migrations. */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  let config: DatabaseConfig;
  let cleanup: () => Promise<void>;
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'adjudication-'));
    config = { kind: 'sqlite', path: join(dir, 'adjudication.sqlite') };
    cleanup = () => Promise.resolve(rmSync(dir, { recursive: true, force: true }));
  } else {
    const name = `adjudication_test_${randomBytes(6).toString('hex')}`;
    const admin = new Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    config = { kind: 'postgres', url: url.toString() };
    cleanup = async () => {
      const dropper = new Client({ connectionString: PG_ADMIN_URL });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    };
  }
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'all' });
  // As the service's start does: the key from AUDIT_KEY, and the empty chain's head signed with it.
  const auditKey = randomBytes(32).toString('hex');
  await openAuditKey(dataSource, { kind: 'env', key: Buffer.from(auditKey, 'utf8') });
  const opened: DataSource[] = [dataSource];
  return {
    kind,
    config,
    dataSource,
    auditKey,
    async reopen() {
      const again = createDataSource(config);
      await again.initialize();
      useAuditKey(again, Buffer.from(auditKey, 'utf8'));
      opened.push(again);
      return again;
    },
    async destroy() {
      for (const ds of opened) if (ds.isInitialized) await ds.destroy();
      await cleanup();
    },
  };
}
