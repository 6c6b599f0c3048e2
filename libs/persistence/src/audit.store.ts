import {
  chain,
  ChainVerifier,
  GENESIS_HASH,
  sign,
  type AuditKey,
  type AuditRecord,
  type ChainHead,
  type ChainedAuditEntry,
  type VerifyResult,
} from '@app/audit';
import type { DataSource, EntityManager } from 'typeorm';
import { auditKeyOf } from './audit-key';
import { isPostgres } from './data-source';
import { AuditChainHeadEntity, AuditEntryEntity } from './entities';

const HEAD_ID = 1;

/**
 * The head each open database last wrote, held by its one writer (issue 16: no read of the head
 * per append). Only a hint: an append checks it in the same statement that moves the head (the
 * UPDATE matches only while the head is still at that sequence and hash), and reads the head
 * afresh when another process (the CLI, a second instance) or a rolled-back transaction moved it.
 */
const lastHeads = new WeakMap<DataSource, ChainHead>();

/**
 * Appends to the audit chain inside the caller's transaction, so an entry exists exactly when the
 * change it records does, signed with the audit key together with the new head. Appends are
 * serialized on the chain head: the conditional UPDATE of the head row locks it on PostgreSQL (a
 * concurrent append waits, then finds the head moved), as does the fallback's `FOR UPDATE`; on
 * SQLite the transaction queue already admits one writer at a time.
 */
export async function appendAudit(manager: EntityManager, record: AuditRecord): Promise<ChainedAuditEntry> {
  const key = auditKeyOf(manager.connection);
  if (key === null) throw new Error('the audit key is not loaded: an audit entry cannot be signed (set AUDIT_KEY or keep DATA_DIR/audit.key)');
  const cached = lastHeads.get(manager.connection);
  let entry = cached === undefined ? null : await moveHead(manager, key, record, cached);
  if (entry === null) {
    const query = manager.getRepository(AuditChainHeadEntity).createQueryBuilder('head').where('head.id = :id', { id: HEAD_ID });
    if (isPostgres(manager.connection)) query.setLock('pessimistic_write');
    const head = await query.getOne();
    if (head === null) throw new Error('audit_chain_head row is missing: run the migrations');
    entry = await moveHead(manager, key, record, { seq: head.seq, hash: head.hash });
    if (entry === null) throw new Error('the audit chain head moved while locked');
  }
  const point = { seq: entry.seq, hash: entry.hash };
  await manager.insert(AuditEntryEntity, { ...entry, signature: sign(key, 'entry', point) });
  lastHeads.set(manager.connection, point);
  return entry;
}

/** Chains the record after `head` and moves the recorded head to it, if the head is still `head`; null when it is not. */
async function moveHead(manager: EntityManager, key: AuditKey, record: AuditRecord, head: ChainHead): Promise<ChainedAuditEntry | null> {
  const entry = chain(record, head.seq === 0 ? null : head);
  const point = { seq: entry.seq, hash: entry.hash };
  const moved = await manager
    .createQueryBuilder()
    .update(AuditChainHeadEntity)
    .set({ ...point, signature: sign(key, 'head', point) })
    .where('id = :id AND seq = :seq AND hash = :hash', { id: HEAD_ID, seq: head.seq, hash: head.hash })
    .execute();
  return moved.affected === 1 ? entry : null;
}

/** The chain's head as recorded now (`seq` 0 and the genesis hash for an empty chain), to publish with a report. */
export async function auditChainHead(manager: EntityManager): Promise<ChainHead> {
  const head = await manager.getRepository(AuditChainHeadEntity).findOneBy({ id: HEAD_ID });
  return head === null ? { seq: 0, hash: GENESIS_HASH } : { seq: head.seq, hash: head.hash };
}

/** A head published earlier (with a report), and whether the chain still holds it. */
export interface PublishedHeadCheck {
  readonly seq: number;
  readonly hash: string;
  readonly found: boolean;
  readonly message: string;
}

export type AuditVerification = VerifyResult & {
  /** Every entry in the table, however far the walk got. */
  readonly total: number;
  readonly recordedHead: { seq: number; hash: string } | null;
  /** Entries up to this one were written before the audit key existed and are vouched for by its seal. */
  readonly sealedSeq: number | null;
  readonly published?: PublishedHeadCheck;
};

/**
 * Walks the whole chain in pages, in constant memory, checks every hash and every signature with
 * the audit key, then the recorded head and its signature; names the first broken entry, and says
 * how many entries there are in all (`total`) beside how many the walk checked (`entries`). With
 * `published`, also proves that a head published earlier is still in the chain: the entry at its
 * sequence has its hash, and the chain from there on verifies.
 */
export async function verifyAuditChain(dataSource: DataSource, options: { published?: ChainHead; pageSize?: number } = {}): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 5_000;
  const head = await dataSource.getRepository(AuditChainHeadEntity).findOneBy({ id: HEAD_ID });
  const total = await dataSource.getRepository(AuditEntryEntity).count();
  const recordedHead = head === null || head.seq === 0 ? null : { seq: head.seq, hash: head.hash };
  const sealedSeq = head?.sealedSeq ?? null;
  const key: AuditKey | null = auditKeyOf(dataSource);
  const published = options.published === undefined ? undefined : await checkPublished(dataSource, options.published);
  const extra = { total, recordedHead, sealedSeq, ...(published === undefined ? {} : { published }) };
  if (key === null) {
    const message = 'the audit key is not loaded (AUDIT_KEY, or audit.key in DATA_DIR): without it the signatures cannot be checked, so the chain is not verified';
    return { intact: false, entries: 0, brokenAt: 1, problem: 'key_missing', message, ...extra };
  }
  const verifier = new ChainVerifier({ key, seal: sealedSeq === null ? null : { seq: sealedSeq, signature: head?.sealSignature ?? null } });
  let after = 0;
  for (;;) {
    const page = await dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('e')
      .where('e.seq > :after', { after })
      .orderBy('e.seq', 'ASC')
      .limit(pageSize)
      .getMany();
    let ok = true;
    for (const entry of page) {
      ok = verifier.push({ ...entry, payload: entry.payload as Record<string, unknown> });
      if (!ok) break;
    }
    const last = page[page.length - 1];
    if (!ok || last === undefined) break;
    after = last.seq;
  }
  const result = verifier.finish(head === null ? null : { seq: head.seq, hash: head.hash, signature: head.signature });
  if (result.intact && published !== undefined && !published.found) {
    return { intact: false, entries: result.entries, brokenAt: published.seq, problem: 'published_head_mismatch', message: published.message, ...extra };
  }
  return { ...result, ...extra };
}

async function checkPublished(dataSource: DataSource, published: ChainHead): Promise<PublishedHeadCheck> {
  const entry = await dataSource.getRepository(AuditEntryEntity).findOneBy({ seq: published.seq });
  if (entry === null) {
    const last = await dataSource.getRepository(AuditEntryEntity).createQueryBuilder('e').select('MAX(e.seq)', 'seq').getRawOne<{ seq: string | number | null }>();
    const end = last?.seq === null || last?.seq === undefined ? 0 : Number(last.seq);
    return { ...published, found: false, message: `the published head ${published.seq}:${published.hash} is not in the chain: it has no entry ${published.seq} (it ends at entry ${end}), so entries were removed after the head was published` };
  }
  if (entry.hash !== published.hash) {
    return { ...published, found: false, message: `the published head ${published.seq}:${published.hash} is not in the chain: entry ${published.seq} now has hash ${entry.hash}, so the chain was rewritten after the head was published` };
  }
  return { ...published, found: true, message: `entry ${published.seq} still has the published hash` };
}
