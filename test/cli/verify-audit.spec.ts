import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chain, sign, type ChainedAuditEntry } from '@app/audit';
import { appendAudit, AuditChainHeadEntity, AuditEntryEntity, TransactionRunner } from '@app/persistence';
import { cliEnv, runCli } from '@test/support/cli';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { auditRecord } from '@test/fixtures/audit-record';

jest.setTimeout(120_000);

const record = auditRecord;

/**
 * Issue 13, section 6: `verify-audit` checks the chain's signatures with the audit key, and
 * `--head SEQ:HASH` proves that a head published earlier (with a report) is still in the chain.
 */
describe.each(testDatabases())('verify-audit with the audit key on %s', (kind) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase(kind);
    const tx = new TransactionRunner(db.dataSource);
    for (let n = 1; n <= 6; n += 1) await tx.run((m) => appendAudit(m, record(n)));
  });
  afterEach(async () => db.destroy());

  async function dropTriggers(): Promise<void> {
    if (kind === 'postgres') {
      await db.dataSource.query('DROP TRIGGER audit_entries_append_only ON audit_entries');
    } else {
      await db.dataSource.query('DROP TRIGGER audit_entries_no_delete');
    }
  }

  async function hashOf(seq: number): Promise<string> {
    return (await db.dataSource.getRepository(AuditEntryEntity).findOneByOrFail({ seq })).hash;
  }

  it('--head with the head printed earlier: exit 0; a malformed --head is refused naming the option', async () => {
    const ok = await runCli(['verify-audit'], cliEnv(db));
    expect(ok.code).toBe(0);
    const head = `6:${await hashOf(6)}`;
    expect(ok.stdout).toContain(`audit chain intact: 6 entries, hashes and signatures checked with the audit key; head ${head}`);
    const proved = await runCli(['verify-audit', '--head', head], cliEnv(db));
    expect(proved.code).toBe(0);
    expect(proved.stdout).toContain(`published head ${head} is in the chain`);
    const malformed = await runCli(['verify-audit', '--head', '6-abc'], cliEnv(db));
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/--head must be SEQ:HASH/);
  });

  it('--head against a chain cut back to an older signed state: every signature holds, but the published head is gone (exit 1)', async () => {
    const published = `6:${await hashOf(6)}`;
    const fourth = { seq: 4, hash: await hashOf(4) };
    await dropTriggers();
    await db.dataSource.query('DELETE FROM audit_entries WHERE seq > 4');
    // The head row as it was when entry 4 was the head, kept by whoever cut the chain.
    await db.dataSource.getRepository(AuditChainHeadEntity).update({ id: 1 }, { ...fourth, signature: sign(Buffer.from(db.auditKey, 'utf8'), 'head', fourth) });
    const plain = await runCli(['verify-audit'], cliEnv(db));
    expect(plain.code).toBe(0);
    const checked = await runCli(['verify-audit', '--head', published], cliEnv(db));
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/published head NOT IN THE CHAIN: .*no entry 6 \(it ends at entry 4\)/);
  });

  it('the last entries deleted and the head moved back without the key: exit 1 naming the first missing entry', async () => {
    const fourth = await db.dataSource.getRepository(AuditEntryEntity).findOneByOrFail({ seq: 4 });
    await dropTriggers();
    await db.dataSource.query('DELETE FROM audit_entries WHERE seq > 4');
    await db.dataSource.getRepository(AuditChainHeadEntity).update({ id: 1 }, { seq: 4, hash: fourth.hash, signature: fourth.signature });
    const broken = await runCli(['verify-audit'], cliEnv(db));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/audit chain BROKEN at entry 5 .*not signed with the audit key/);
  });

  it('no key (neither AUDIT_KEY nor DATA_DIR/audit.key) for a signed chain: exit 1 with a message saying so, never a pass', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'no-key-'));
    try {
      const env = cliEnv(db, { AUDIT_KEY: '' });
      const result = await runCli(['verify-audit'], { ...env, DATA_DIR: kind === 'sqlite' ? env['DATA_DIR'] : empty });
      expect(result.code).not.toBe(0);
      expect(`${result.stdout}${result.stderr}`).toMatch(/the audit key is missing: .*audit\.key does not exist and AUDIT_KEY is not set/);
      expect(result.stdout).not.toMatch(/intact/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe.each(testDatabases())('upgrading a chain written before there was a key, on %s', (kind) => {
  let db: TestDatabase;
  let dataDir: string;
  beforeEach(async () => {
    db = await openTestDatabase(kind);
    // The database as the service left it before this change: entries hashed, nothing signed.
    await db.dataSource.getRepository(AuditChainHeadEntity).update({ id: 1 }, { signature: null });
    let head: ChainedAuditEntry | null = null;
    for (let n = 1; n <= 3; n += 1) {
      head = chain(record(n), head);
      await db.dataSource.getRepository(AuditEntryEntity).insert({ ...head, signature: null });
    }
    await db.dataSource.getRepository(AuditChainHeadEntity).update({ id: 1 }, { seq: head!.seq, hash: head!.hash });
    dataDir = kind === 'sqlite' ? (cliEnv(db)['DATA_DIR'] ?? '') : mkdtempSync(join(tmpdir(), 'upgrade-'));
  });
  afterEach(async () => {
    await db.destroy();
    if (kind === 'postgres') rmSync(dataDir, { recursive: true, force: true });
  });

  it('the first start without AUDIT_KEY makes DATA_DIR/audit.key (0600) and seals the old chain; verify-audit passes and says so', async () => {
    const env = { ...cliEnv(db, { AUDIT_KEY: '' }), DATA_DIR: dataDir };
    const first = await runCli(['verify-audit'], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/audit chain intact: 3 entries.*entries 1 to 3 were written before the audit key and are covered by its seal/);
    const keyFile = join(dataDir, 'audit.key');
    expect(existsSync(keyFile)).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    await expect(db.dataSource.getRepository(AuditChainHeadEntity).findOneByOrFail({ id: 1 })).resolves.toMatchObject({ sealedSeq: 3, sealSignature: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Now the chain is signed: without the file, the next start refuses rather than make a new key.
    rmSync(keyFile);
    const lost = await runCli(['verify-audit'], env);
    expect(lost.code).not.toBe(0);
    expect(lost.stderr).toMatch(/the audit key is missing/);
  }, 240_000);
});
