import { createDataSource, TransactionRunner } from '@app/persistence';
import type { DataSource } from 'typeorm';
import { openTestDatabase, type TestDatabase } from '@test/support/database';
import { seedGeorgia2020 } from '@test/support/services';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Fails with a message instead of hanging the suite. */
function within<T>(ms: number, work: Promise<T>, what: string): Promise<T> {
  return Promise.race([work, sleep(ms).then(() => Promise.reject(new Error(`${what} did not finish within ${ms} ms`)))]);
}

/**
 * Two processes writing one SQLite file (the service and the CLI's roll import): each is a
 * DataSource of its own here. Found by issue 13's soak: a service transaction that read, then
 * wrote after the other process committed, hung for good.
 */
describe('two writers on one SQLite file', () => {
  let db: TestDatabase;
  let other: DataSource;
  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
    await seedGeorgia2020(db.dataSource);
    if (db.config.kind !== 'sqlite') throw new Error('SQLite only');
    other = createDataSource(db.config);
    await other.initialize();
  });
  afterAll(async () => {
    await other.destroy();
    await db.destroy();
  });

  it('a transaction that reads, then writes after the other process wrote, finishes; the other waits its turn', async () => {
    const service = new TransactionRunner(db.dataSource);
    const cli = new TransactionRunner(other);
    const order: string[] = [];
    let cliWrite: Promise<unknown> = Promise.resolve();
    await within(
      8_000,
      service.run(async (m) => {
        await m.query('SELECT name FROM elections');
        cliWrite = cli.run(async (c) => {
          await c.query("UPDATE elections SET name = name || ' (CLI)' WHERE id IS NOT NULL");
          order.push('cli wrote');
        });
        await sleep(300);
        await m.query("UPDATE elections SET name = name || ' (service)' WHERE id IS NOT NULL");
        order.push('service wrote');
      }),
      'the service transaction',
    );
    await within(8_000, cliWrite, 'the other process\'s write');
    expect(order).toEqual(['service wrote', 'cli wrote']);
    const [row] = await db.dataSource.query<{ name: string }[]>('SELECT name FROM elections LIMIT 1');
    expect(row?.name).toMatch(/ \(service\) \(CLI\)$/);
  });
});
