import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChainHead } from './chain';

/**
 * HMAC-SHA256 signatures over the audit chain, with a key kept outside the database (issue 13,
 * section 6). A hash chain alone proves nothing against someone who can write the file: they can
 * recompute every hash after an edit, or cut entries from the end and move the head back. A
 * signature needs the key, which that person does not have.
 *
 * Each entry is signed, not only checkpoints: one HMAC per append costs microseconds, and the walk
 * can then name the first entry that was forged rather than a range. The entry's hash already
 * covers everything before it, so the signature over (seq, hash) vouches for the whole prefix.
 * Three kinds of statement are signed, each with its own label, so a signature made for one can
 * never be passed off as another: an entry, the head (the last entry, or the empty chain), and
 * the seal over a chain written before there was a key.
 */
export type SignedStatement = 'entry' | 'head' | 'seal';

/** At least 32 bytes of secret. */
export type AuditKey = Buffer;

export const AUDIT_KEY_MIN_BYTES = 32;

export function sign(key: AuditKey, statement: SignedStatement, point: ChainHead): string {
  return createHmac('sha256', key).update(`audit-chain/${statement}/${point.seq}/${point.hash}`, 'utf8').digest('hex');
}

/** Compares in constant time; a missing or malformed signature is simply not valid. */
export function signatureValid(key: AuditKey, statement: SignedStatement, point: ChainHead, signature: string | null | undefined): boolean {
  if (typeof signature !== 'string' || !/^[0-9a-f]{64}$/.test(signature)) return false;
  return timingSafeEqual(Buffer.from(sign(key, statement, point), 'hex'), Buffer.from(signature, 'hex'));
}

/** `SEQ:HASH`, as a head is published with a report and given back to `verify-audit --head`. */
export function formatHead(head: ChainHead): string {
  return `${head.seq}:${head.hash}`;
}

/** Reads `SEQ:HASH`; null when it is not one. */
export function parseHead(text: string): ChainHead | null {
  const match = /^(\d{1,15}):([0-9a-f]{64})$/.exec(text.trim());
  if (match === null) return null;
  const seq = Number(match[1]);
  return seq >= 1 ? { seq, hash: match[2]! } : null;
}
