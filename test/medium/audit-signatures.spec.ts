import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chain, GENESIS_HASH, sign, type AuditRecord, type ChainedAuditEntry } from '@app/audit';
import {
  appendAudit,
  AuditChainHeadEntity,
  AuditEntryEntity,
  AuditKeyMissing,
  createDataSource,
  openAuditKey,
  TransactionRunner,
  useAuditKey,
  verifyAuditChain,
} from '@app/persistence';
import { AUDIT_EVENT_CODE_LIST, rebuildSqliteAuditEntries } from '@app/persistence/migrations/1764320000000-audit-events';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import type { DataSource } from 'typeorm';
import { auditRecord } from '@test/fixtures/audit-record';

/**
 * Issue 13, section 6: the audit chain is signed with a key kept outside the database, so someone
 * who can write the database file, but has not the key, cannot rewrite it unseen. Each test plays
 * one such person: triggers dropped, rows changed, hashes recomputed as a careful forger would
 * (every step but the signatures is public), and the recorded head moved to match. The unkeyed
 * chain passed every one of these but the first.
 */
const record = auditRecord;

describe.each(testDatabases())('audit chain signed with a key outside the database, on %s', (kind) => {
  let db: TestDatabase;

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    const tx = new TransactionRunner(db.dataSource);
    for (let n = 1; n <= 6; n += 1) await tx.run((m) => appendAudit(m, record(n)));
  });
  afterEach(async () => {
    await db.destroy();
  });

  /** What someone with write access to the database can do: the append-only triggers are theirs to drop. */
  async function dropTriggers(): Promise<void> {
    if (kind === 'postgres') {
      await db.dataSource.query('DROP TRIGGER audit_entries_append_only ON audit_entries');
    } else {
      await db.dataSource.query('DROP TRIGGER audit_entries_no_update');
      await db.dataSource.query('DROP TRIGGER audit_entries_no_delete');
    }
  }

  async function stored(): Promise<(ChainedAuditEntry & { signature: string | null })[]> {
    const rows = await db.dataSource.getRepository(AuditEntryEntity).find({ order: { seq: 'ASC' } });
    return rows.map((r) => ({ ...r, payload: r.payload as Record<string, unknown> }));
  }

  /**
   * Replaces every entry from `from` on with `records`, chained and hashed exactly as the service
   * does, keeping whatever signatures were on the rows (the forger cannot make new ones), and moves
   * the recorded head to the new last entry. Without a key, this is a chain that verifies.
   */
  async function forge(from: number, records: readonly AuditRecord[], signWith: Buffer | null = null): Promise<void> {
    const before = await stored();
    await dropTriggers();
    await db.dataSource.query(`DELETE FROM audit_entries WHERE seq >= ${from}`);
    const kept = before.filter((e) => e.seq < from);
    let head: ChainedAuditEntry | null = kept[kept.length - 1] ?? null;
    for (const [i, r] of records.entries()) {
      const entry = chain(r, head);
      const oldSignature = before[from - 1 + i]?.signature ?? null;
      const signature = signWith === null ? oldSignature : sign(signWith, 'entry', entry);
      await db.dataSource.getRepository(AuditEntryEntity).insert({ ...entry, signature });
      head = entry;
    }
    const last = head ?? { seq: 0, hash: GENESIS_HASH };
    const headSignature = signWith === null ? ((await stored()).find((e) => e.seq === last.seq)?.signature ?? null) : sign(signWith, 'head', last);
    await db.dataSource.getRepository(AuditChainHeadEntity).update({ id: 1 }, { seq: last.seq, hash: last.hash, signature: headSignature });
  }

  const recordOf = (e: ChainedAuditEntry): AuditRecord => ({
    electionId: e.electionId,
    ballotId: e.ballotId,
    actorId: e.actorId,
    actorRole: e.actorRole,
    event: e.event,
    fromState: e.fromState,
    toState: e.toState,
    payload: e.payload,
    at: e.at,
  });

  it('an untouched chain verifies, every entry and the head signed', async () => {
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: true, entries: 6, total: 6, head: { seq: 6 }, sealedSeq: null });
    const rows = await stored();
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.signature ?? ''))).toBe(true);
  });

  it('an entry\'s payload edited in place: the hash names it', async () => {
    await dropTriggers();
    await db.dataSource.query(`UPDATE audit_entries SET payload = '{"n":99}' WHERE seq = 3`);
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: false, brokenAt: 3, problem: 'hash_mismatch' });
  });

  it('an entry edited and the chain re-hashed from it to the head, without the key: its signature names it', async () => {
    const rows = (await stored()).slice(2).map(recordOf);
    rows[0] = { ...rows[0]!, payload: { n: 99 }, actorRole: 'admin' };
    await forge(3, rows);
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: false, brokenAt: 3, problem: 'signature_mismatch' });
  });

  it('the last entries deleted and the head moved back (with the last kept entry\'s own signature): the head\'s signature does not fit', async () => {
    await dropTriggers();
    await db.dataSource.query('DELETE FROM audit_entries WHERE seq > 4');
    const fourth = (await stored())[3]!;
    await db.dataSource.getRepository(AuditChainHeadEntity).update({ id: 1 }, { seq: 4, hash: fourth.hash, signature: fourth.signature });
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: false, brokenAt: 5, problem: 'head_signature_mismatch' });
  });

  it('the last entries deleted and the head left alone: entries are missing', async () => {
    await dropTriggers();
    await db.dataSource.query('DELETE FROM audit_entries WHERE seq > 4');
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: false, brokenAt: 5, problem: 'sequence_gap' });
  });

  it('a middle entry deleted, the rest renumbered and re-hashed: the first renumbered entry is named', async () => {
    const rows = (await stored()).slice(3).map(recordOf);
    await forge(3, rows);
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: false, brokenAt: 3, problem: 'signature_mismatch' });
  });

  it('two entries swapped and re-hashed: the first moved entry is named', async () => {
    const rows = (await stored()).slice(2).map(recordOf);
    [rows[0], rows[1]] = [rows[1]!, rows[0]!];
    await forge(3, rows);
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: false, brokenAt: 3, problem: 'signature_mismatch' });
  });

  it('the whole chain rewritten and signed with a key of the forger\'s own: the real key refuses it from entry 1', async () => {
    const rows = (await stored()).map(recordOf);
    rows[1] = { ...rows[1]!, actorId: 'someone-else' };
    await forge(1, rows, randomBytes(32));
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: false, brokenAt: 1, problem: 'signature_mismatch' });
  });

  it('the key replaced: an untouched chain no longer verifies, and says the key may be the reason', async () => {
    const other = await db.reopen();
    useAuditKey(other, randomBytes(32));
    const result = await verifyAuditChain(other);
    expect(result).toMatchObject({ intact: false, brokenAt: 1, problem: 'signature_mismatch' });
    expect(result.intact ? '' : result.message).toMatch(/key was replaced/);
  });

  it('no key loaded: not a pass, and the message says why', async () => {
    const keyless = createDataSource(db.config);
    await keyless.initialize();
    try {
      const result = await verifyAuditChain(keyless);
      expect(result).toMatchObject({ intact: false, problem: 'key_missing' });
      expect(result.intact ? '' : result.message).toMatch(/audit key is not loaded/);
      await expect(new TransactionRunner(keyless).run((m) => appendAudit(m, record(7)))).rejects.toThrow(/audit key is not loaded/);
    } finally {
      await keyless.destroy();
    }
  });

  it('a published head proves the chain still holds it; after a rollback to an older signed state it does not', async () => {
    // The forger kept a copy of the head row from when entry 4 was the head, then, later, cuts the
    // chain back to it. Every signature in the database is genuine: only the published head tells.
    const published = await verifyAuditChain(db.dataSource);
    if (!published.intact || published.head === null) throw new Error('the chain should verify');
    // The head row as it was when entry 4 was the head (an HMAC is deterministic: the same key made the same bytes then).
    const rows = await stored();
    const headAt4 = { seq: 4, hash: rows[3]!.hash };
    const savedHeadRow = { ...headAt4, signature: sign(keyOf(db), 'head', headAt4) };
    await expect(verifyAuditChain(db.dataSource, { published: published.head })).resolves.toMatchObject({ intact: true, published: { found: true } });
    await dropTriggers();
    await db.dataSource.query('DELETE FROM audit_entries WHERE seq > 4');
    await db.dataSource.getRepository(AuditChainHeadEntity).update({ id: 1 }, savedHeadRow);
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: true, entries: 4 });
    const checked = await verifyAuditChain(db.dataSource, { published: published.head });
    expect(checked).toMatchObject({ intact: false, brokenAt: 6, problem: 'published_head_mismatch', published: { found: false } });
    expect(checked.intact ? '' : checked.message).toMatch(/no entry 6 \(it ends at entry 4\)/);
    const rewritten = await verifyAuditChain(db.dataSource, { published: { seq: 3, hash: 'f'.repeat(64) } });
    expect(rewritten).toMatchObject({ intact: false, brokenAt: 3, problem: 'published_head_mismatch' });
  });

  const keyOf = (d: TestDatabase): Buffer => Buffer.from(d.auditKey, 'utf8');
});

describe.each(testDatabases())('the audit key on start, on %s', (kind) => {
  let db: TestDatabase;
  let dir: string;
  let others: DataSource[];

  beforeEach(async () => {
    db = await openTestDatabase(kind);
    dir = mkdtempSync(join(tmpdir(), 'audit-key-'));
    others = [];
  });
  afterEach(async () => {
    for (const o of others) if (o.isInitialized) await o.destroy();
    await db.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function fresh(): Promise<DataSource> {
    const ds = createDataSource(db.config);
    await ds.initialize();
    others.push(ds);
    return ds;
  }

  /** A chain as the service wrote it before there were keys: hashed, unsigned, head unsigned. */
  async function legacyChain(count: number): Promise<void> {
    await db.dataSource.getRepository(AuditChainHeadEntity).update({ id: 1 }, { signature: null });
    let head: ChainedAuditEntry | null = null;
    for (let n = 1; n <= count; n += 1) {
      head = chain(record(n), head);
      await db.dataSource.getRepository(AuditEntryEntity).insert({ ...head, signature: null });
    }
    await db.dataSource.getRepository(AuditChainHeadEntity).update({ id: 1 }, { seq: head!.seq, hash: head!.hash });
  }

  it('the first start makes DATA_DIR/audit.key (mode 0600); the next start reads the same key', async () => {
    const path = join(dir, 'audit.key');
    await db.dataSource.getRepository(AuditChainHeadEntity).update({ id: 1 }, { signature: null });
    const first = await fresh();
    await expect(openAuditKey(first, { kind: 'file', path })).resolves.toMatchObject({ created: true, initialized: 'empty_chain' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await new TransactionRunner(first).run((m) => appendAudit(m, record(1)));
    const second = await fresh();
    await expect(openAuditKey(second, { kind: 'file', path })).resolves.toMatchObject({ created: false, initialized: 'no' });
    await expect(verifyAuditChain(second)).resolves.toMatchObject({ intact: true, entries: 1 });
  });

  it('a signed chain whose key file is gone: the start refuses with a clear message instead of making a new key', async () => {
    await new TransactionRunner(db.dataSource).run((m) => appendAudit(m, record(1)));
    const path = join(dir, 'audit.key');
    const next = await fresh();
    await expect(openAuditKey(next, { kind: 'file', path })).rejects.toThrow(AuditKeyMissing);
    await expect(openAuditKey(next, { kind: 'file', path })).rejects.toThrow(/audit key is missing: .*audit\.key does not exist and AUDIT_KEY is not set.*Restore the key file/);
  });

  it('a chain written before there was a key is sealed on the first start with one; then an edit under the seal is found', async () => {
    await legacyChain(5);
    const path = join(dir, 'audit.key');
    const started = await fresh();
    await expect(openAuditKey(started, { kind: 'file', path })).resolves.toMatchObject({ created: true, initialized: 'sealed', sealedSeq: 5 });
    await new TransactionRunner(started).run((m) => appendAudit(m, record(6)));
    await expect(verifyAuditChain(started)).resolves.toMatchObject({ intact: true, entries: 6, sealedSeq: 5 });
    // A later start does not seal again.
    const restarted = await fresh();
    await expect(openAuditKey(restarted, { kind: 'file', path })).resolves.toMatchObject({ initialized: 'no', sealedSeq: 5 });
    // Rewriting an old entry and re-hashing the old part of the chain breaks the seal.
    if (kind === 'postgres') await db.dataSource.query('DROP TRIGGER audit_entries_append_only ON audit_entries');
    else await db.dataSource.query('DROP TRIGGER audit_entries_no_delete');
    await db.dataSource.query('DELETE FROM audit_entries');
    let head: ChainedAuditEntry | null = null;
    for (let n = 1; n <= 5; n += 1) {
      head = chain(record(n, n === 2 ? { actorId: 'someone-else' } : {}), head);
      await db.dataSource.getRepository(AuditEntryEntity).insert({ ...head, signature: null });
    }
    await expect(verifyAuditChain(restarted)).resolves.toMatchObject({ intact: false, problem: 'seal_mismatch', brokenAt: 5 });
  });

  it('a key file too short to be a key is refused', async () => {
    writeFileSync(join(dir, 'audit.key'), 'short\n');
    const next = await fresh();
    await expect(openAuditKey(next, { kind: 'file', path: join(dir, 'audit.key') })).rejects.toThrow(/is not an audit key/);
  });
});

describe.each(testDatabases().filter((k) => k === 'sqlite'))('a later migration that rebuilds the audit table on %s', (kind) => {
  it('keeps every signature (rebuildSqliteAuditEntries copies the column when it is there)', async () => {
    const db = await openTestDatabase(kind);
    try {
      const tx = new TransactionRunner(db.dataSource);
      for (let n = 1; n <= 3; n += 1) await tx.run((m) => appendAudit(m, record(n)));
      const q = db.dataSource.createQueryRunner();
      try {
        await rebuildSqliteAuditEntries(q, AUDIT_EVENT_CODE_LIST);
      } finally {
        await q.release();
      }
      await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: true, entries: 3 });
      await expect(db.dataSource.query('DELETE FROM audit_entries')).rejects.toThrow(/append-only/);
    } finally {
      await db.destroy();
    }
  });
});
