import { sign, AUDIT_KEY_MIN_BYTES, type AuditKey } from '@app/audit';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { AuditChainHeadEntity, AuditEntryEntity } from './entities';

/** Where the audit key comes from: the `AUDIT_KEY` secret, or a file in the data folder. */
export type AuditKeySource = { readonly kind: 'env'; readonly key: AuditKey } | { readonly kind: 'file'; readonly path: string };

/** The key each open database signs and verifies with; kept off the DataSource's options, out of any log of them. */
const keys = new WeakMap<DataSource, AuditKey>();

export function useAuditKey(dataSource: DataSource, key: AuditKey): void {
  if (key.length < AUDIT_KEY_MIN_BYTES) throw new Error(`an audit key has at least ${AUDIT_KEY_MIN_BYTES} bytes`);
  keys.set(dataSource, key);
}

export function auditKeyOf(dataSource: DataSource): AuditKey | null {
  return keys.get(dataSource) ?? null;
}

export class AuditKeyMissing extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditKeyMissing';
  }
}

/** What opening the key did: whether it made the key file, and whether it sealed or started the chain. */
export interface AuditKeyOpened {
  readonly created: boolean;
  /** The chain had never been signed: its head (and, for an old chain, a seal over its last entry) is now. */
  readonly initialized: 'no' | 'empty_chain' | 'sealed';
  readonly sealedSeq: number | null;
}

/**
 * Loads the audit key for a migrated database, on the service's and the CLI's start. A missing key
 * file is made (random, mode 0600) only while nothing in the database was ever signed: once the
 * chain is signed, a lost key is an error to fix by restoring the key, never a new key that would
 * make every entry look forged. The first start with a key signs the head of a chain that has
 * none: an empty chain, or a chain written before there were keys, which is sealed (a signature
 * over its last entry) so that from then on its entries cannot be changed unseen.
 */
export async function openAuditKey(dataSource: DataSource, source: AuditKeySource): Promise<AuditKeyOpened> {
  const head = await dataSource.getRepository(AuditChainHeadEntity).findOneBy({ id: 1 });
  if (head === null) throw new Error('audit_chain_head row is missing: run the migrations');
  const everSigned =
    head.signature !== null ||
    head.sealSignature !== null ||
    (await dataSource.getRepository(AuditEntryEntity).createQueryBuilder('e').where('e.signature IS NOT NULL').getExists());
  let key: AuditKey;
  let created = false;
  if (source.kind === 'env') {
    key = source.key;
  } else {
    const text = readKeyFile(source.path);
    if (text !== null) {
      key = Buffer.from(text, 'utf8');
    } else if (everSigned) {
      throw new AuditKeyMissing(
        `the audit key is missing: ${source.path} does not exist and AUDIT_KEY is not set, but the audit chain in this database was signed with a key. Restore the key file from its backup (or set AUDIT_KEY to it); a new key would make every entry look forged.`,
      );
    } else {
      const made = randomBytes(32).toString('hex');
      try {
        writeFileSync(source.path, `${made}\n`, { mode: 0o600, flag: 'wx' });
        created = true;
      } catch (error) {
        // Another process on the same data folder made it first: use that one.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      key = Buffer.from(created ? made : (readKeyFile(source.path) ?? made), 'utf8');
    }
    if (key.length < AUDIT_KEY_MIN_BYTES) throw new Error(`${source.path} is not an audit key: it holds fewer than ${AUDIT_KEY_MIN_BYTES} characters`);
  }
  useAuditKey(dataSource, key);
  if (everSigned) return { created, initialized: 'no', sealedSeq: head.sealedSeq };
  const point = { seq: head.seq, hash: head.hash };
  // Conditional on the head being unchanged and unsigned: an append or another instance's start in between wins.
  const sealing = head.seq > 0;
  await dataSource
    .createQueryBuilder()
    .update(AuditChainHeadEntity)
    .set({ signature: sign(key, 'head', point), ...(sealing ? { sealedSeq: head.seq, sealSignature: sign(key, 'seal', point) } : {}) })
    .where('id = 1 AND seq = :seq AND hash = :hash AND signature IS NULL', point)
    .execute();
  return { created, initialized: sealing ? 'sealed' : 'empty_chain', sealedSeq: sealing ? head.seq : null };
}

function readKeyFile(path: string): string | null {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}
