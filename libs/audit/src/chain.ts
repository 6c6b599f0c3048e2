import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical';

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

export type ChainBreak = 'sequence_gap' | 'previous_hash_mismatch' | 'hash_mismatch';

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

  /** Feeds the next entry in sequence order; returns false once the chain is broken. */
  push(entry: ChainedAuditEntry): boolean {
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
    const { hash, ...unhashed } = entry;
    if (entryHash(unhashed) !== hash) {
      return this.fail(entry.seq, 'hash_mismatch', `entry ${entry.seq} was altered after it was written`);
    }
    this.head = { seq: entry.seq, hash };
    return true;
  }

  result(): VerifyResult {
    return this.broken ?? { intact: true, entries: this.count, head: this.head };
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
