import { appendAudit, AuditEntryEntity, TransactionRunner, verifyAuditChain } from '@app/persistence';
import { auditRecord } from '@test/fixtures/audit-record';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';

/**
 * Issue 16: each writer holds the audit head it last wrote instead of reading it per append. The
 * head is only a hint: another process (a second instance, the CLI) or a rolled-back transaction
 * moves the recorded head under it, and the next append must still chain onto the real one.
 */
describe.each(testDatabases())('the audit head a writer holds, on %s', (kind) => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
  });
  afterEach(async () => {
    await db.destroy();
  });

  const seqs = async (): Promise<number[]> => (await db.dataSource.getRepository(AuditEntryEntity).find({ order: { seq: 'ASC' } })).map((e) => Number(e.seq));

  it('two connections to one database taking turns append one unbroken chain', async () => {
    const one = new TransactionRunner(db.dataSource);
    const two = new TransactionRunner(await db.reopen());
    for (let n = 1; n <= 6; n += 1) await (n % 3 === 0 ? two : one).run((m) => appendAudit(m, auditRecord(n)));
    expect(await seqs()).toEqual([1, 2, 3, 4, 5, 6]);
    const verified = await verifyAuditChain(db.dataSource);
    expect({ intact: verified.intact, entries: verified.entries, head: verified.recordedHead?.seq }).toEqual({ intact: true, entries: 6, head: 6 });
  });

  it('an append rolled back with its transaction leaves no gap and no fork', async () => {
    const tx = new TransactionRunner(db.dataSource);
    await tx.run((m) => appendAudit(m, auditRecord(1)));
    await expect(
      tx.run(async (m) => {
        await appendAudit(m, auditRecord(2));
        throw new Error('the change it recorded failed');
      }),
    ).rejects.toThrow('the change it recorded failed');
    await tx.run((m) => appendAudit(m, auditRecord(3)));
    expect(await seqs()).toEqual([1, 2]);
    const verified = await verifyAuditChain(db.dataSource);
    expect({ intact: verified.intact, entries: verified.entries }).toEqual({ intact: true, entries: 2 });
  });

  it('concurrent appends through separate connections never share a previous hash', async () => {
    const writers = [new TransactionRunner(db.dataSource), new TransactionRunner(await db.reopen()), new TransactionRunner(await db.reopen())];
    await Promise.all(writers.map(async (w, i) => {
      for (let n = 0; n < 5; n += 1) await w.run((m) => appendAudit(m, auditRecord(i * 10 + n)));
    }));
    expect(await seqs()).toEqual(Array.from({ length: 15 }, (_, i) => i + 1));
    expect((await verifyAuditChain(db.dataSource)).intact).toBe(true);
  });
});
