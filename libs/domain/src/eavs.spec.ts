import { REJECTION_REASONS, UOCAVA_CATEGORIES } from './codes';
import { EAVS_ITEMS, eavsFigures, type EavsGroup } from './eavs';

const group = (overrides: Partial<EavsGroup>): EavsGroup => ({ kind: 'provisional', uocavaCategory: null, status: 'received.pending', determination: null, rejectionReason: null, ballots: 1, ...overrides });
const valueOf = (groups: readonly EavsGroup[]) => Object.fromEntries(eavsFigures(groups).map((f) => [f.item, f.value]));

describe('EAVS items (sections E and B of the EAC survey)', () => {
  it('item numbers are unique and in survey order within each section', () => {
    const items = EAVS_ITEMS.map((i) => i.item);
    expect(new Set(items).size).toBe(items.length);
    expect(items.filter((i) => i.startsWith('E'))).toEqual(['E1a', 'E1b', 'E1c', 'E1d', 'E1e', 'E2a', 'E2b', 'E2c', 'E2d', 'E2e', 'E2f', 'E2g', 'E2h', 'E2i', 'E2j', 'E2k', 'E2l', 'E2m']);
  });

  it('every rejection code of the SPEC lands in exactly one E2 reason item (b to m), so E2a is their sum', () => {
    for (const reason of REJECTION_REASONS) {
      const items = EAVS_ITEMS.filter((i) => i.section === 'E' && i.reasons?.includes(reason));
      expect([reason, items.length]).toEqual([reason, 1]);
    }
  });

  it('every UOCAVA category is either a uniformed-services voter or an overseas citizen (B8b + B8c = B8a)', () => {
    const groups = UOCAVA_CATEGORIES.map((c, i) => group({ kind: 'uocava', uocavaCategory: c, ballots: 10 ** i }));
    const v = valueOf(groups);
    expect(v['B8a']).toBe(1111);
    expect(v['B8b']! + v['B8c']!).toBe(1111);
    expect([v['B8b'], v['B8c']]).toEqual([11, 1100]);
  });

  it('provisional dispositions: counted in full (E1b), in part (E1c), rejected (E1d), undecided (E1e) add up to E1a', () => {
    const v = valueOf([
      group({ status: 'counted', determination: 'full', ballots: 5 }),
      group({ status: 'counted', determination: 'partial', ballots: 2 }),
      group({ status: 'rejected', determination: 'none', rejectionReason: 'wrong_precinct', ballots: 3 }),
      group({ status: 'rejected', determination: 'none', rejectionReason: 'postmarked_late', ballots: 1 }),
      group({ status: 'received.awaitingCure', ballots: 4 }),
      group({ status: 'verified', ballots: 6 }),
    ]);
    expect([v['E1a'], v['E1b'], v['E1c'], v['E1d'], v['E1e']]).toEqual([21, 5, 2, 4, 10]);
    expect([v['E2a'], v['E2d'], v['E2l'], v['E2b']]).toEqual([4, 3, 1, 0]);
  });

  it('UOCAVA ballots count only in section B, and a partial count is counted (B14)', () => {
    const v = valueOf([
      group({ kind: 'uocava', uocavaCategory: 'military_stateside', status: 'counted', determination: 'partial', ballots: 2 }),
      group({ kind: 'uocava', uocavaCategory: 'overseas_temporary', status: 'rejected', determination: 'none', rejectionReason: 'late', ballots: 1 }),
      group({ kind: 'uocava', uocavaCategory: 'overseas_temporary', status: 'received.pending', ballots: 7 }),
    ]);
    expect([v['B8a'], v['B14a'], v['B14b'], v['B18a'], v['B18c'], v['B-undecided']]).toEqual([10, 2, 2, 1, 1, 7]);
    expect([v['E1a'], v['E2a'], v['E2k']]).toEqual([0, 0, 0]);
  });
});
