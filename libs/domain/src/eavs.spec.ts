import { ISSUED_REASONS, REJECTION_REASONS, UOCAVA_CATEGORIES } from './codes';
import {
  EAVS_INSTRUMENT_YEARS,
  EAVS_INSTRUMENTS,
  EAVS_SOURCES,
  eavsCheckText,
  eavsChecks,
  eavsFigures,
  eavsInstrumentFor,
  eavsInstrumentText,
  type EavsFigure,
  type EavsGroup,
  type EavsInstrumentYear,
  type EavsRole,
} from './eavs';

const group = (overrides: Partial<EavsGroup>): EavsGroup => ({
  kind: 'provisional',
  uocavaCategory: null,
  issuedReason: 'not_on_list',
  fwab: false,
  status: 'received.pending',
  determination: null,
  rejectionReason: null,
  ballots: 1,
  ...overrides,
});
const uocava = (overrides: Partial<EavsGroup>): EavsGroup => group({ kind: 'uocava', issuedReason: null, uocavaCategory: 'overseas_permanent', ...overrides });
const valueOf = (year: EavsInstrumentYear, groups: readonly EavsGroup[]) => Object.fromEntries(eavsFigures(EAVS_INSTRUMENTS[year], groups).map((f) => [f.spec.item, f.value]));
const itemsOf = (year: EavsInstrumentYear, role: EavsRole) => EAVS_INSTRUMENTS[year].items.filter((i) => i.role === role).map((i) => i.item);
const checkTexts = (figures: readonly EavsFigure[]) => eavsChecks(figures).map((c) => `${c.rule}: ${eavsCheckText(c)}`);

describe('the EAVS crosswalk (2020, 2022, 2024 instruments)', () => {
  it.each(EAVS_INSTRUMENT_YEARS)('%s: item numbers are unique, and every item names its sources or says it is unconfirmed', (year) => {
    const items = EAVS_INSTRUMENTS[year].items;
    expect(new Set(items.map((i) => i.item)).size).toBe(items.length);
    expect(items.flatMap((i) => i.confirmedBy).filter((source) => !Object.hasOwn(EAVS_SOURCES, source))).toEqual([]);
    expect(items.filter((i) => i.confirmedBy.length === 0 && !/^(Unconfirmed|Not an item)/.test(i.note)).map((i) => i.item)).toEqual([]);
  });

  it.each(EAVS_INSTRUMENT_YEARS)('%s: every rejection code lands in exactly one reason item, and one rejected provisional ballot of each is counted there once', (year) => {
    for (const reason of REJECTION_REASONS) {
      const items = EAVS_INSTRUMENTS[year].items.filter((i) => i.role === 'provisional_rejected_reason' && i.measure.rejectionReason === reason);
      expect([reason, items.length]).toEqual([reason, 1]);
      const v = valueOf(year, [group({ status: 'rejected', determination: 'none', rejectionReason: reason })]);
      const hits = itemsOf(year, 'provisional_rejected_reason').filter((item) => v[item] === 1);
      expect([reason, hits]).toEqual([reason, [items[0]?.item]]);
    }
  });

  it('from 2022 every issued-reason code lands in exactly one E2 item; 2020 has no such block (its E2 is the rejection reasons)', () => {
    expect(itemsOf(2020, 'provisional_cast_reason')).toEqual([]);
    for (const year of [2022, 2024] as const) {
      for (const reason of ISSUED_REASONS) {
        const items = EAVS_INSTRUMENTS[year].items.filter((i) => i.role === 'provisional_cast_reason' && i.measure.issuedReason === reason);
        expect([year, reason, items.length]).toEqual([year, reason, 1]);
      }
      expect(itemsOf(year, 'provisional_cast_reason')).toEqual(['E2a', 'E2b', 'E2c', 'E2d', 'E2e', 'E2f', 'E2g', 'E2h', 'E2i', 'E2j']);
    }
  });

  it('each year\u2019s numbers: section E', () => {
    expect(EAVS_INSTRUMENTS[2020].items.filter((i) => i.section === 'E').map((i) => i.item)).toEqual([
      'E1a', 'E1b', 'E1c', 'E1d', 'E1e', 'E2a', 'E2b', 'E2c', 'E2d', 'E2e', 'E2f', 'E2g', 'E2h', 'E2i', 'E2j', 'E2k', 'E2l', 'E2m',
    ]);
    for (const year of [2022, 2024] as const) {
      expect(itemsOf(year, 'provisional_rejected_total')).toEqual(['E3a']);
      expect(itemsOf(year, 'provisional_rejected_reason')).toEqual(['E3b', 'E3c', 'E3d', 'E3e', 'E3f', 'E3g', 'E3h', 'E3i', 'E3j', 'E3k', 'E3l', 'E3m']);
    }
    expect(itemsOf(2020, 'provisional_rejected_total')).toEqual(['E2a']);
  });

  it('each year\u2019s numbers: UOCAVA returned / counted / rejected B9a / B14a / B18a in 2020 and 2022, B11a / B18a / B24a in 2024; FWABs B23a / B24a, then B29a / B30a', () => {
    const b = (year: EavsInstrumentYear) => (['uocava_returned', 'uocava_counted', 'uocava_rejected', 'fwab_returned', 'fwab_counted'] as const).map((role) => itemsOf(year, role)[0]);
    expect(b(2020)).toEqual(['B9a', 'B14a', 'B18a', 'B23a', 'B24a']);
    expect(b(2022)).toEqual(['B9a', 'B14a', 'B18a', 'B23a', 'B24a']);
    expect(b(2024)).toEqual(['B11a', 'B18a', 'B24a', 'B29a', 'B30a']);
  });

  it('which numbers a source confirmed, year by year (the rest are marked unconfirmed in the data and the export)', () => {
    const confirmed = (year: EavsInstrumentYear) => EAVS_INSTRUMENTS[year].items.filter((i) => i.confirmedBy.length > 0).map((i) => i.item);
    expect(confirmed(2020)).toEqual(['E1a', 'E1b', 'E1c', 'E1d', 'E2a', 'E2b', 'E2c', 'E2d', 'E2e', 'E2f', 'E2g', 'E2h', 'E2i', 'E2j', 'B9a', 'B14a', 'B18a', 'B23a', 'B24a']);
    expect(confirmed(2022)).toEqual(['E1a', 'E1b', 'E1c', 'E1d', 'E2a', 'E2b', 'E2d', 'E2e', 'E3a', 'E3b', 'E3c', 'E3d', 'E3e', 'E3f', 'E3g', 'E3h', 'E3i', 'E3j', 'B9a', 'B14a', 'B18a', 'B23a', 'B24a']);
    expect(confirmed(2024)).toEqual([
      'E1a', 'E1b', 'E1c', 'E1d', 'E2a', 'E2b', 'E2c', 'E2d', 'E2e', 'E2f', 'E2g', 'E2h', 'E2i',
      'E3a', 'E3b', 'E3c', 'E3d', 'E3e', 'E3f', 'E3g', 'E3h', 'E3i', 'E3j',
      'B11a', 'B11b', 'B18a', 'B18b', 'B24a', 'B24b', 'B29a', 'B30a',
    ]);
    expect(EAVS_INSTRUMENTS[2024].items.find((i) => i.item === 'B24a')?.confirmedBy).toEqual(['tidyeavs', 'vrl2024', 'schema2024']);
    expect(EAVS_INSTRUMENTS[2020].items.find((i) => i.item === 'E2k')).toMatchObject({ confirmedBy: [], counts: 'Other (describe as): received after the deadline' });
  });

  it('a ballot of every UOCAVA category is a uniformed-services voter (b) or an overseas citizen (c), so b + c = a; a FWAB counts in the UOCAVA and the FWAB items', () => {
    const groups = UOCAVA_CATEGORIES.map((c, i) => uocava({ uocavaCategory: c, fwab: i === 0, ballots: 10 ** i }));
    const v = valueOf(2020, groups);
    expect([v['B9a'], v['B9b'], v['B9c']]).toEqual([1111, 11, 1100]);
    expect([v['B23a'], v['B23b'], v['B23c'], v['B-undecided']]).toEqual([1, 1, 0, 1111]);
    const v24 = valueOf(2024, groups.map((g) => ({ ...g, status: 'counted', determination: 'full' as const })));
    expect([v24['B11a'], v24['B18a'], v24['B18b'], v24['B30a'], v24['B24a']]).toEqual([1111, 1111, 11, 1, 0]);
  });
});

describe('the instrument of an election\u2019s year', () => {
  it.each([
    ['2020-11-03', 2020, 'EAVS 2020'],
    ['2021-11-02', 2020, 'EAVS 2020 (no 2021 instrument here: the latest before 2021)'],
    ['2022-11-08', 2022, 'EAVS 2022'],
    ['2023-11-07', 2022, 'EAVS 2022 (no 2023 instrument here: the latest before 2023)'],
    ['2024-11-05', 2024, 'EAVS 2024'],
    ['2026-11-03', 2024, 'EAVS 2024 (no 2026 instrument here: the latest before 2026)'],
    ['2018-11-06', 2020, 'EAVS 2020 (the earliest here; the election, 2018, is older)'],
  ] as const)('%s: the %s instrument, "%s"', (day, year, text) => {
    const choice = eavsInstrumentFor(day);
    expect(choice.instrument.year).toBe(year);
    expect(eavsInstrumentText(choice)).toBe(text);
  });
});

describe('the survey\u2019s sums, checked', () => {
  const provisional = [
    group({ status: 'counted', determination: 'full', ballots: 5 }),
    group({ status: 'counted', determination: 'partial', issuedReason: 'no_id', ballots: 2 }),
    group({ status: 'rejected', determination: 'none', rejectionReason: 'wrong_precinct', ballots: 3 }),
    group({ status: 'rejected', determination: 'none', rejectionReason: 'postmarked_late', issuedReason: 'other', ballots: 1 }),
  ];

  it('everything decided: every check holds, in the year\u2019s own numbers', () => {
    expect(checkTexts(eavsFigures(EAVS_INSTRUMENTS[2020], provisional))).toEqual([
      'E1b + E1c + E1d = E1a (E1e undecided): holds: 11 = 11',
      'E2b + ... + E2m = E1d: holds: 4 = 4',
      'E2a = E1d: holds: 4 = 4',
      'B14a + B18a = B9a (B-undecided undecided): holds: 0 = 0',
      'B24a <= B23a: holds: 0 <= 0',
      'B23a <= B9a: holds: 0 <= 0',
    ]);
    expect(checkTexts(eavsFigures(EAVS_INSTRUMENTS[2024], provisional)).slice(0, 4)).toEqual([
      'E1b + E1c + E1d = E1a (E1e undecided): holds: 11 = 11',
      'E3b + ... + E3m = E1d: holds: 4 = 4',
      'E3a = E1d: holds: 4 = 4',
      'E2a + ... + E2j = E1a: holds: 11 = 11',
    ]);
  });

  it('undecided ballots: the dispositions and the UOCAVA check are open, by how many, not failed', () => {
    const figures = eavsFigures(EAVS_INSTRUMENTS[2022], [
      ...provisional,
      group({ status: 'received.awaitingCure', ballots: 4 }),
      uocava({ status: 'counted', determination: 'full', ballots: 2 }),
      uocava({ status: 'received.pending', fwab: true, ballots: 3 }),
    ]);
    const checks = eavsChecks(figures);
    expect(checks[0]).toMatchObject({ rule: 'E1b + E1c + E1d = E1a (E1e undecided)', parts: 11, undecided: 4, total: 15, outcome: { status: 'open', undecided: 4 } });
    expect(eavsCheckText(checks[0]!)).toBe('open: 11 of 15; 4 not yet decided, so it holds only once every ballot is decided');
    expect(checks.find((c) => c.section === 'B')).toMatchObject({ rule: 'B14a + B18a = B9a (B-undecided undecided)', parts: 2, undecided: 3, total: 5, outcome: { status: 'open', undecided: 3 } });
    expect(checks.every((c) => c.outcome.status !== 'mismatch')).toBe(true);
  });

  it('broken input: a rejected ballot with no reason recorded leaves the reasons one short of E1d, and the check says so and by how much', () => {
    const figures = eavsFigures(EAVS_INSTRUMENTS[2020], [...provisional, group({ status: 'rejected', determination: 'none', rejectionReason: null })]);
    const reasons = eavsChecks(figures)[1];
    expect(reasons).toMatchObject({ rule: 'E2b + ... + E2m = E1d', parts: 4, total: 5, outcome: { status: 'mismatch', difference: -1 } });
    expect(eavsCheckText(reasons!)).toBe('MISMATCH: the parts come to 4, the total is 5 (-1)');
  });

  it('broken figures: a total that does not match its parts is a mismatch, even with undecided ballots to spare; more FWABs counted than returned too', () => {
    const figures = eavsFigures(EAVS_INSTRUMENTS[2024], [...provisional, group({ status: 'verified', ballots: 2 })]);
    const tampered = figures.map((f) => (f.spec.item === 'E1a' ? { ...f, value: f.value + 7 } : f.spec.item === 'B30a' ? { ...f, value: 2 } : f));
    const checks = eavsChecks(tampered);
    expect(checks[0]).toMatchObject({ outcome: { status: 'mismatch', difference: -7 } });
    expect(eavsCheckText(checks[0]!)).toBe('MISMATCH: the parts with 2 undecided come to 13, the total is 20 (-7)');
    expect(checks.find((c) => c.rule === 'B30a <= B29a')).toMatchObject({ parts: 2, total: 0, outcome: { status: 'mismatch', difference: 2 } });
    expect(checks.find((c) => c.rule === 'E2a + ... + E2j = E1a')).toMatchObject({ outcome: { status: 'mismatch', difference: -7 } });
  });
});
