import { createDataSource, ServiceLocks, TransactionRunner } from '@app/persistence';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import type { DataSource } from 'typeorm';

/**
 * Issue 6: one deadline sweep at a time across processes. Each "process" here has its own
 * connection (its own DataSource) to the same database, as two service instances would.
 */
describe.each(testDatabases())('named locks across connections on %s', (kind) => {
  let db: TestDatabase;
  let other: DataSource;
  const time = { now: Date.UTC(2020, 10, 6, 22) };
  const clock = { now: () => time.now };
  const advance = (ms: number) => {
    time.now += ms;
  };
  let a: ServiceLocks;
  let b: ServiceLocks;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    other = createDataSource(db.config);
    await other.initialize();
    a = new ServiceLocks(new TransactionRunner(db.dataSource), clock);
    b = new ServiceLocks(new TransactionRunner(other), clock);
  });
  afterAll(async () => {
    await other.destroy();
    await db.destroy();
  });

  it('two processes asking at once: exactly one gets the lock; the other is told who holds it', async () => {
    const results = await Promise.all([a.acquire('deadline-sweep', 'instance A', 60_000), b.acquire('deadline-sweep', 'instance B', 60_000)]);
    expect(results.filter((r) => r.acquired)).toHaveLength(1);
    const refused = results.find((r) => !r.acquired);
    expect(refused).toMatchObject({ acquired: false, heldBy: expect.stringMatching(/^instance [AB]$/) });
    const held = results.find((r) => r.acquired);
    if (held?.acquired !== true) throw new Error('no holder');
    await held.release();
    const next = await b.acquire('deadline-sweep', 'instance B', 60_000);
    expect(next.acquired).toBe(true);
    if (next.acquired) await next.release();
  });

  it('a holder that died loses the lock when its lease runs out, not before', async () => {
    const first = await a.acquire('deadline-sweep', 'instance A', 60_000);
    expect(first.acquired).toBe(true);
    advance(59_000);
    expect((await b.acquire('deadline-sweep', 'instance B', 60_000)).acquired).toBe(false);
    advance(2_000);
    const taken = await b.acquire('deadline-sweep', 'instance B', 60_000);
    expect(taken.acquired).toBe(true);
    // The dead holder's late release does not free the lock someone else now holds.
    if (first.acquired) await first.release();
    expect((await a.acquire('deadline-sweep', 'instance A', 60_000)).acquired).toBe(false);
    if (taken.acquired) await taken.release();
  });

  it('different names do not block each other', async () => {
    const one = await a.acquire('deadline-sweep', 'A', 60_000);
    const two = await b.acquire('notice-dispatch', 'B', 60_000);
    expect([one.acquired, two.acquired]).toEqual([true, true]);
    if (one.acquired) await one.release();
    if (two.acquired) await two.release();
  });
});
