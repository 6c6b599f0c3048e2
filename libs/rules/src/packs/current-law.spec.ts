import { election } from '@test/fixtures/ballots';
import type { ElectionSchedule } from '../deadlines';
import type { DeadlineName } from '../codes';
import { loadBundledPacks } from '../packs';

/**
 * Current law in the packs (issue 11): Georgia after SB 202, Arizona after HB 2785 (Laws 2024,
 * ch. 1), Pennsylvania's county and state certification. Each case names the statute and the date.
 */

function local(packId: string, day: string, name: DeadlineName, schedule: Partial<ElectionSchedule> = {}): string | null {
  return election(packId, day, schedule).forCounty('FULTON').deadlines[name]?.local ?? null;
}

describe('Georgia after SB 202 (GA-2021)', () => {
  it('O.C.G.A. § 21-2-493(k): after the 5 Nov 2024 general, Monday 11 Nov is Veterans Day, so counties certify by Tue 12 Nov 2024, 5:00 PM EST', () => {
    const deadline = election('GA-2021', '2024-11-05').forCounty('FULTON').deadlines.countyCertification;
    expect(deadline.display).toBe('Tue, Nov 12, 2024, 5:00 PM EST');
    expect(deadline.source).toBe('O.C.G.A. § 21-2-493(k) (as amended by SB 202, 2021)');
  });

  it.each([
    ['2022-11-08', '2022-11-14T17:00:00.000-05:00', 'the Monday after the 8 Nov 2022 general'],
    ['2022-12-06', '2022-12-12T17:00:00.000-05:00', 'the Monday after the 6 Dec 2022 runoff'],
    ['2022-05-24', '2022-05-31T17:00:00.000-04:00', 'the Monday after the 24 May 2022 primary is Memorial Day (30 May): Tuesday 31 May'],
  ])('O.C.G.A. § 21-2-493(k): election %s, counties certify by %s (%s)', (day, expected) => {
    expect(local('GA-2021', day, 'countyCertification')).toBe(expected);
  });

  it('O.C.G.A. § 21-2-499(b): the Secretary of State certifies by 5:00 p.m. on the 14th day after the 5 Nov 2024 general, Tue 19 Nov 2024', () => {
    expect(local('GA-2021', '2024-11-05', 'stateCertification')).toBe('2024-11-19T17:00:00.000-05:00');
  });

  it('O.C.G.A. § 1-4-1: the Governor\'s 2024 list keeps Washington\'s Birthday on Tue 24 Dec and a state holiday on Good Friday, 29 Mar 2024', () => {
    const calendar = election('GA-2021', '2024-11-05');
    expect(calendar.isBusinessDay('2024-12-24')).toBe(false);
    expect(calendar.isBusinessDay('2024-03-29')).toBe(false);
  });
});

describe('Arizona after HB 2785 (AZ-2024 for 2024, AZ-2025 after)', () => {
  it.each([
    ['AZ-2024', '2024-11-05', 'general', 'countyCertification', '2024-11-21T23:59:59.999-07:00', 'A.R.S. § 16-642(A) as amended: the third Thursday after the general'],
    ['AZ-2024', '2024-11-05', 'general', 'stateCertification', '2024-11-25T23:59:59.999-07:00', 'A.R.S. § 16-648(A) as amended: the third Monday; the state canvass was held 25 Nov 2024'],
    ['AZ-2024', '2024-11-05', 'general', 'provisionalCure', '2024-11-10T17:00:00.000-07:00', 'the cure deadline applied after the 2024 general: 5:00 p.m. Sun 10 Nov 2024'],
    ['AZ-2024', '2024-07-30', 'primary', 'countyCertification', '2024-08-12T23:59:59.999-07:00', 'A.R.S. § 16-642(A) as amended: the second Monday after the 30 Jul 2024 primary'],
    ['AZ-2024', '2024-07-30', 'primary', 'stateCertification', '2024-08-15T23:59:59.999-07:00', 'A.R.S. § 16-648(A) as amended: the third Thursday after a primary'],
    ['AZ-2024', '2024-07-30', 'primary', 'registration', '2024-07-01T23:59:59.999-07:00', 'A.R.S. § 16-120(A): the 29th day before the 2024 primary was 1 Jul 2024'],
    ['AZ-2025', '2026-11-03', 'general', 'provisionalCure', '2026-11-10T17:00:00.000-07:00', 'A.R.S. § 16-550(A): the fifth business day after the 3 Nov 2026 general'],
    ['AZ-2025', '2026-11-03', 'general', 'countyCertification', '2026-11-19T23:59:59.999-07:00', 'A.R.S. § 16-642(A) as amended: the third Thursday'],
  ] as const)('%s, %s %s: %s is %s (%s)', (packId, day, electionType, name, expected, _statute) => {
    expect(local(packId, day, name, { electionType })).toBe(expected);
  });

  it('A.R.S. § 16-550(A): an election without a federal office has three business days: after Tue 3 Nov 2026, Fri 6 Nov 2026, 5:00 PM MST', () => {
    expect(local('AZ-2025', '2026-11-03', 'provisionalCure', { federal: false })).toBe('2026-11-06T17:00:00.000-07:00');
  });

  it('A.R.S. §§ 16-550(A), 1-301: Veterans Day, Fri 11 Nov 2022, inside the business-day cure window after the 8 Nov 2022 general, moves the deadline from Tue 15 to Wed 16 Nov', () => {
    const calendar = election('AZ-2019', '2022-11-08');
    expect(calendar.isBusinessDay('2022-11-11')).toBe(false);
    expect(calendar.forCounty('MARICOPA').deadlines.provisionalCure.display).toBe('Wed, Nov 16, 2022, 5:00 PM MST');
  });

  it('A.R.S. §§ 16-550(A), 1-301: Veterans Day, Wed 11 Nov 2026, inside a three-business-day window after a non-federal election on Mon 9 Nov 2026 ends it on Fri 13 Nov', () => {
    expect(local('AZ-2025', '2026-11-09', 'provisionalCure', { federal: false })).toBe('2026-11-13T17:00:00.000-07:00');
  });

  it('A.R.S. § 16-542(C): early voting for the 30 Jul 2024 primary opened Wed 3 Jul 2024, the 27th day before', () => {
    expect(new Date(election('AZ-2024', '2024-07-30').forCounty('MARICOPA').votingOpens).toISOString()).toBe('2024-07-03T07:00:00.000Z');
  });
});

describe('Pennsylvania (PA-2020)', () => {
  it.each([
    ['2024-11-05', '2024-11-25T23:59:59.999-05:00', 'the third Monday after the 5 Nov 2024 general'],
    ['2024-04-23', '2024-05-13T23:59:59.999-04:00', 'the third Monday after the 23 Apr 2024 primary (WITF: the deadline was 13 May)'],
  ])('25 P.S. § 2642(k): election %s, counties certify by %s (%s)', (day, expected) => {
    expect(local('PA-2020', day, 'countyCertification')).toBe(expected);
  });

  it('25 P.S. § 3159 sets the Secretary of the Commonwealth no deadline: stateCertification is null', () => {
    expect(local('PA-2020', '2024-11-05', 'stateCertification')).toBeNull();
  });
});

describe('every pack lists its state\'s holidays for every year it can be used in, through 2028', () => {
  const packs = loadBundledPacks().packs;
  const thanksgiving = (year: number): string => {
    const first = new Date(Date.UTC(year, 10, 1)).getUTCDay(); // 0 = Sunday
    const day = 1 + ((4 - first + 7) % 7) + 21;
    return `${year}-11-${String(day).padStart(2, '0')}`;
  };
  const cases = packs.flatMap((p) => {
    const from = Number(p.effectiveFrom.slice(0, 4));
    const to = p.effectiveTo === null ? 2028 : Math.min(Number(p.effectiveTo.slice(0, 4)), 2028);
    const years: [string, number][] = [];
    for (let y = from; y <= to; y += 1) years.push([p.id, y]);
    return years;
  });

  it.each(cases)('%s lists %i\'s Thanksgiving (if in force that November) and New Year\'s Day (if in force that January, unless a Saturday)', (id, year) => {
    const p = packs.find((x) => x.id === id);
    if (p === undefined) throw new Error(id);
    const end = p.effectiveTo ?? '2028-12-31';
    const dates = new Set(p.holidays.dates.map((h) => h.date));
    const novemberInForce = `${year}-11-30` >= p.effectiveFrom && `${year}-11-01` <= end;
    // A Saturday New Year's Day is kept on the Friday before only where the state says so (AZ, GA).
    const saturday = new Date(`${year}-01-01T00:00:00Z`).getUTCDay() === 6;
    const januaryInForce = `${year}-01-01` >= p.effectiveFrom && `${year}-01-01` <= end && !saturday;
    const newYear = [`${year - 1}-12-31`, `${year}-01-01`, `${year}-01-02`].some((d) => dates.has(d));
    expect({ thanksgiving: !novemberInForce || dates.has(thanksgiving(year)), newYear: !januaryInForce || newYear }).toEqual({
      thanksgiving: true,
      newYear: true,
    });
  });
});
