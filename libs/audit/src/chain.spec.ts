import { canonicalJson } from './canonical';
import { chain, GENESIS_HASH, verifyChain, type AuditRecord, type ChainedAuditEntry } from './chain';

const record = (n: number, overrides: Partial<AuditRecord> = {}): AuditRecord => ({
  electionId: 'GA-2020-general',
  ballotId: `ballot-${n}`,
  actorId: 'clerk-1',
  actorRole: 'clerk',
  event: 'VERIFY',
  fromState: 'received.pending',
  toState: 'verified',
  payload: { n },
  at: new Date(Date.UTC(2020, 10, 4, 12, n)).toISOString(),
  ...overrides,
});

function build(count: number): ChainedAuditEntry[] {
  const entries: ChainedAuditEntry[] = [];
  for (let i = 1; i <= count; i += 1) entries.push(chain(record(i), entries[entries.length - 1] ?? null));
  return entries;
}

describe('canonical JSON', () => {
  it('sorts keys at every depth and drops undefined members, so key order never changes the bytes', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(/function/);
  });
});

describe('audit chain (SPEC section 7)', () => {
  it('starts from the genesis hash and links each entry to the one before', () => {
    const entries = build(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]?.prevHash).toBe(entries[0]?.hash);
    expect(entries[2]?.prevHash).toBe(entries[1]?.hash);
    expect(entries[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('an intact chain verifies, and reports its head', () => {
    const entries = build(5);
    expect(verifyChain(entries)).toEqual({ intact: true, entries: 5, head: { seq: 5, hash: entries[4]?.hash } });
    expect(verifyChain([])).toEqual({ intact: true, entries: 0, head: null });
  });

  it('names the first altered entry: a changed payload', () => {
    const entries = build(5);
    entries[2] = { ...entries[2]!, payload: { n: 99 } };
    expect(verifyChain(entries)).toMatchObject({ intact: false, brokenAt: 3, problem: 'hash_mismatch' });
  });

  it('names an entry whose state change was rewritten, even with its hash recomputed', () => {
    const entries = build(5);
    const forged = chain(record(3, { toState: 'rejected' }), { seq: 2, hash: entries[1]!.hash });
    entries[2] = forged;
    // The forger recomputed entry 3's hash, but entry 4 still points at the old one.
    expect(verifyChain(entries)).toMatchObject({ intact: false, brokenAt: 4, problem: 'previous_hash_mismatch' });
  });

  it('names a deletion as a gap in the sequence', () => {
    const entries = build(5);
    entries.splice(1, 1);
    expect(verifyChain(entries)).toMatchObject({ intact: false, brokenAt: 3, problem: 'sequence_gap' });
  });

  it('changing any single field breaks the hash', () => {
    const [entry] = build(1);
    const fields: (keyof AuditRecord)[] = ['electionId', 'ballotId', 'actorId', 'actorRole', 'event', 'fromState', 'toState', 'at'];
    for (const field of fields) {
      const altered = { ...entry!, [field]: 'x' };
      expect(verifyChain([altered])).toMatchObject({ intact: false, brokenAt: 1, problem: 'hash_mismatch' });
    }
  });
});
