import { chain, ChainVerifier, type AuditRecord, type ChainedAuditEntry, type VerifyResult } from '@app/audit';
import type { DataSource, EntityManager } from 'typeorm';
import { isPostgres } from './data-source';
import { AuditChainHeadEntity, AuditEntryEntity } from './entities';

const HEAD_ID = 1;

/**
 * Appends to the audit chain inside the caller's transaction, so an entry exists exactly when the
 * change it records does. Appends are serialized on the chain head: PostgreSQL locks its row
 * `FOR UPDATE`; on SQLite the transaction queue already admits one writer at a time.
 */
export async function appendAudit(manager: EntityManager, record: AuditRecord): Promise<ChainedAuditEntry> {
  const query = manager.getRepository(AuditChainHeadEntity).createQueryBuilder('head').where('head.id = :id', { id: HEAD_ID });
  if (isPostgres(manager.connection)) query.setLock('pessimistic_write');
  const head = await query.getOne();
  if (head === null) throw new Error('audit_chain_head row is missing: run the migrations');
  const entry = chain(record, head.seq === 0 ? null : { seq: head.seq, hash: head.hash });
  await manager.insert(AuditEntryEntity, entry);
  await manager.update(AuditChainHeadEntity, { id: HEAD_ID }, { seq: entry.seq, hash: entry.hash });
  return entry;
}

export type AuditVerification = VerifyResult & {
  /** Every entry in the table, however far the walk got. */
  readonly total: number;
  readonly recordedHead: { seq: number; hash: string } | null;
};

/**
 * Walks the whole chain in pages, in constant memory, and names the first broken entry; says how
 * many entries there are in all (`total`) beside how many the walk checked (`entries`).
 */
export async function verifyAuditChain(dataSource: DataSource, pageSize = 5_000): Promise<AuditVerification> {
  const verifier = new ChainVerifier();
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
  const head = await dataSource.getRepository(AuditChainHeadEntity).findOneBy({ id: HEAD_ID });
  const total = await dataSource.getRepository(AuditEntryEntity).count();
  const result = verifier.result();
  const recordedHead = head === null || head.seq === 0 ? null : { seq: head.seq, hash: head.hash };
  // Entries cut from the end leave an intact but shorter chain: the recorded head shows it.
  if (result.intact && recordedHead !== null && (result.head?.seq !== recordedHead.seq || result.head.hash !== recordedHead.hash)) {
    return {
      intact: false,
      entries: result.entries,
      total,
      brokenAt: (result.head?.seq ?? 0) + 1,
      problem: 'sequence_gap',
      message: `the chain ends at entry ${result.head?.seq ?? 0} but its recorded head is entry ${recordedHead.seq}: entries are missing`,
      recordedHead,
    };
  }
  return { ...result, total, recordedHead };
}
