import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical';
import { signatureValid, type AuditKey } from './signature';

/** The hash a chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** What one audit entry records (SPEC section 7), before it is chained. */
export interface AuditRecord {
  /** Null for what belongs to no election (a staff member signing in). */
  readonly electionId: string | null;
  readonly ballotId: string | null;
  readonly actorId: string;
  readonly actorRole: string;
  readonly event: string;
  readonly fromState: string | null;
  readonly toState: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
  /** ISO 8601 UTC with milliseconds. */
  readonly at: string;
}

export interface ChainedAuditEntry extends AuditRecord {
  /** 1, 2, 3, ... with no gaps: a deleted entry shows as a gap. */
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/** SHA-256 over the canonical serialization of everything in the entry but its own hash. */
export function entryHash(entry: Omit<ChainedAuditEntry, 'hash'>): string {
  const body = canonicalJson({
    seq: entry.seq,
    prevHash: entry.prevHash,
    electionId: entry.electionId,
    ballotId: entry.ballotId,
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    event: entry.event,
    fromState: entry.fromState,
    toState: entry.toState,
    payload: entry.payload,
    at: entry.at,
  });
  return createHash('sha256').update(body, 'utf8').digest('hex');
}

export interface ChainHead {
  readonly seq: number;
  readonly hash: string;
}

/** Chains a record after `head` (null for the first entry). */
export function chain(record: AuditRecord, head: ChainHead | null): ChainedAuditEntry {
  const seq = (head?.seq ?? 0) + 1;
  const prevHash = head?.hash ?? GENESIS_HASH;
  const unhashed = { ...record, seq, prevHash };
  return { ...unhashed, hash: entryHash(unhashed) };
}

/** An entry as stored: with its HMAC signature, or null for one written before there was a key. */
export interface SignedAuditEntry extends ChainedAuditEntry {
  readonly signature?: string | null;
}

export const CHAIN_BREAKS = [
  'sequence_gap',
  'previous_hash_mismatch',
  'hash_mismatch',
  'signature_mismatch',
  'seal_mismatch',
  'head_mismatch',
  'head_signature_mismatch',
  'published_head_mismatch',
  'key_missing',
] as const;
export type ChainBreak = (typeof CHAIN_BREAKS)[number];

/** How a signed chain is checked: the key, and the seal over entries written before the key existed. */
export interface ChainSigning {
  readonly key: AuditKey;
  /** Entries up to `seq` predate the key and carry no signature; the seal's signature vouches for them. */
  readonly seal: { readonly seq: number; readonly signature: string | null } | null;
}

/** The head as the database records it, with its signature. */
export interface RecordedHead extends ChainHead {
  readonly signature: string | null;
}

export type VerifyResult =
  | { readonly intact: true; readonly entries: number; readonly head: ChainHead | null }
  | {
      readonly intact: false;
      readonly entries: number;
      readonly brokenAt: number;
      readonly problem: ChainBreak;
      readonly message: string;
    };

/**
 * Walks a chain entry by entry (so millions of entries stream through in constant memory) and
 * names the first entry that breaks it.
 */
export class ChainVerifier {
  private head: ChainHead | null = null;
  private count = 0;
  private broken: Extract<VerifyResult, { intact: false }> | null = null;

  /** Without `signing`, only the hashes are checked (anyone can recompute those). */
  constructor(private readonly signing: ChainSigning | null = null) {}

  /** Feeds the next entry in sequence order; returns false once the chain is broken. */
  push(entry: SignedAuditEntry): boolean {
    if (this.broken !== null) return false;
    this.count += 1;
    const expectedSeq = (this.head?.seq ?? 0) + 1;
    const expectedPrev = this.head?.hash ?? GENESIS_HASH;
    if (entry.seq !== expectedSeq) {
      return this.fail(entry.seq, 'sequence_gap', `entry ${entry.seq} follows entry ${expectedSeq - 1}: entries are missing`);
    }
    if (entry.prevHash !== expectedPrev) {
      return this.fail(entry.seq, 'previous_hash_mismatch', `entry ${entry.seq} does not point at the hash of entry ${expectedSeq - 1}`);
    }
    const { hash, signature, ...unhashed } = entry;
    if (entryHash(unhashed) !== hash) {
      return this.fail(entry.seq, 'hash_mismatch', `entry ${entry.seq} was altered after it was written`);
    }
    if (this.signing !== null) {
      const { key, seal } = this.signing;
      const point = { seq: entry.seq, hash };
      if (seal !== null && entry.seq <= seal.seq) {
        if (entry.seq === seal.seq && !signatureValid(key, 'seal', point, seal.signature)) {
          return this.fail(entry.seq, 'seal_mismatch', `the seal over the entries written before the audit key existed (1 to ${seal.seq}) does not match them with this key: they were rewritten, or this is not the key that sealed them`);
        }
      } else if (!signatureValid(key, 'entry', point, signature)) {
        return this.fail(entry.seq, 'signature_mismatch', `entry ${entry.seq} is not signed with the audit key: it was written or rewritten without the key, or the key was replaced`);
      }
    }
    this.head = { seq: entry.seq, hash };
    return true;
  }

  /**
   * The result once every entry was fed, checked against the head the database records: a chain
   * cut short ends before it, and with a key, a head moved back after a cut has no valid signature.
   */
  finish(recorded: RecordedHead | null): VerifyResult {
    if (this.broken !== null) return this.broken;
    const walked = this.head ?? { seq: 0, hash: GENESIS_HASH };
    if (recorded === null) return this.failed(walked.seq + 1, 'head_mismatch', 'the chain head record is missing');
    if (recorded.seq > walked.seq) {
      return this.failed(walked.seq + 1, 'sequence_gap', `the chain ends at entry ${walked.seq} but its recorded head is entry ${recorded.seq}: entries are missing`);
    }
    if (recorded.seq !== walked.seq || recorded.hash !== walked.hash) {
      return this.failed(Math.min(recorded.seq, walked.seq) + 1, 'head_mismatch', `the recorded head (entry ${recorded.seq}) is not the last entry of the chain (entry ${walked.seq})`);
    }
    if (this.signing !== null) {
      const seal = this.signing.seal;
      if (seal !== null && seal.seq > walked.seq) {
        return this.failed(walked.seq + 1, 'sequence_gap', `the chain ends at entry ${walked.seq} but entries up to ${seal.seq} were sealed: entries are missing`);
      }
      if (!signatureValid(this.signing.key, 'head', recorded, recorded.signature)) {
        return this.failed(recorded.seq + 1, 'head_signature_mismatch', `the recorded head (entry ${recorded.seq}) is not signed with the audit key: entries after it may have been cut off and the head moved back, or the key was replaced`);
      }
    }
    return this.result();
  }

  result(): VerifyResult {
    return this.broken ?? { intact: true, entries: this.count, head: this.head };
  }

  private failed(brokenAt: number, problem: ChainBreak, message: string): VerifyResult {
    this.fail(brokenAt, problem, message);
    return this.result();
  }

  private fail(brokenAt: number, problem: ChainBreak, message: string): false {
    this.broken = { intact: false, entries: this.count, brokenAt, problem, message };
    return false;
  }
}

export function verifyChain(entries: Iterable<ChainedAuditEntry>): VerifyResult {
  const verifier = new ChainVerifier();
  for (const entry of entries) {
    if (!verifier.push(entry)) break;
  }
  return verifier.result();
}

/** Walks a signed chain and checks it against its recorded head. */
export function verifySignedChain(entries: Iterable<SignedAuditEntry>, signing: ChainSigning, recorded: RecordedHead | null): VerifyResult {
  const verifier = new ChainVerifier(signing);
  for (const entry of entries) {
    if (!verifier.push(entry)) break;
  }
  return verifier.finish(recorded);
}
