import { randomBytes } from 'node:crypto';
import { chain, GENESIS_HASH, verifySignedChain, type AuditRecord, type SignedAuditEntry } from './chain';
import { formatHead, parseHead, sign, signatureValid } from './signature';
import { auditRecord } from '@test/fixtures/audit-record';

const record = (n: number): AuditRecord => auditRecord(n);

describe('audit chain signatures (issue 13, section 6)', () => {
  const key = randomBytes(32);

  function signed(count: number): { entries: SignedAuditEntry[]; head: { seq: number; hash: string; signature: string } } {
    const entries: SignedAuditEntry[] = [];
    for (let n = 1; n <= count; n += 1) {
      const entry = chain(record(n), entries[entries.length - 1] ?? null);
      entries.push({ ...entry, signature: sign(key, 'entry', entry) });
    }
    const last = entries[entries.length - 1] ?? { seq: 0, hash: GENESIS_HASH };
    return { entries, head: { seq: last.seq, hash: last.hash, signature: sign(key, 'head', last) } };
  }

  it('an entry\'s signature is not a head\'s or a seal\'s: a forger cannot move the head onto a kept entry with its signature', () => {
    const { entries } = signed(3);
    const second = entries[1]!;
    expect(signatureValid(key, 'entry', second, second.signature)).toBe(true);
    expect(signatureValid(key, 'head', second, second.signature)).toBe(false);
    expect(signatureValid(key, 'seal', second, second.signature)).toBe(false);
    expect(verifySignedChain(entries.slice(0, 2), { key, seal: null }, { seq: 2, hash: second.hash, signature: second.signature ?? null })).toMatchObject({
      intact: false,
      brokenAt: 3,
      problem: 'head_signature_mismatch',
    });
  });

  it('a signed chain verifies with its key, and not with another', () => {
    const { entries, head } = signed(4);
    expect(verifySignedChain(entries, { key, seal: null }, head)).toEqual({ intact: true, entries: 4, head: { seq: 4, hash: head.hash } });
    expect(verifySignedChain(entries, { key: randomBytes(32), seal: null }, head)).toMatchObject({ intact: false, brokenAt: 1, problem: 'signature_mismatch' });
  });

  it('an empty chain needs its signed head too: an unsigned empty head is a wiped chain', () => {
    const empty = { seq: 0, hash: GENESIS_HASH };
    expect(verifySignedChain([], { key, seal: null }, { ...empty, signature: sign(key, 'head', empty) })).toMatchObject({ intact: true, entries: 0 });
    expect(verifySignedChain([], { key, seal: null }, { ...empty, signature: null })).toMatchObject({ intact: false, problem: 'head_signature_mismatch' });
  });

  it('malformed signatures are simply invalid, never an exception', () => {
    const point = { seq: 1, hash: 'a'.repeat(64) };
    for (const bad of [null, undefined, '', 'zz', 'A'.repeat(64), 'a'.repeat(63)]) expect(signatureValid(key, 'entry', point, bad)).toBe(false);
  });

  it('a published head is SEQ:HASH both ways; anything else is not one', () => {
    const head = { seq: 42, hash: 'b'.repeat(64) };
    expect(parseHead(formatHead(head))).toEqual(head);
    for (const bad of ['', '42', `0:${'b'.repeat(64)}`, `42:${'b'.repeat(63)}`, `42:${'B'.repeat(64)}`, `-1:${'b'.repeat(64)}`, `x:${'b'.repeat(64)}`]) expect(parseHead(bad)).toBeNull();
  });
});
