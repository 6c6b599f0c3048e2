import { at, election, georgia2020, pack } from '@test/fixtures/ballots';
import { ElectionCalendar, type ElectionSchedule } from './deadlines';
import { nthWeekday } from './day-count';
import { parseRulePack } from './pack.loader';

/** GA-2020 as JSON with `mutate` applied, then validated: the variations these cases need. */
function gaPack(mutate: (raw: Record<string, any>) => void) {
  const raw = JSON.parse(JSON.stringify(pack('GA-2020'))) as Record<string, any>;
  mutate(raw);
  return parseRulePack(raw, 'GA-2020.json');
}

function calendarOf(mutate: (raw: Record<string, any>) => void, schedule: Partial<ElectionSchedule> = {}): ElectionCalendar {
  return new ElectionCalendar(gaPack(mutate), { electionDay: '2020-11-03', timeZone: 'America/New_York', ...schedule });
}

describe('weekday rules: "the Nth <weekday> after (or before) the anchor"', () => {
  it.each([
    ['2024-11-05', 'monday', 1, '2024-11-11', 'O.C.G.A. § 21-2-493(k): the Monday after Tue 5 Nov 2024'],
    ['2024-11-05', 'thursday', 3, '2024-11-21', 'A.R.S. § 16-642(A): the third Thursday after Tue 5 Nov 2024'],
    ['2024-07-30', 'monday', 2, '2024-08-12', 'A.R.S. § 16-642(A): the second Monday after the Tue 30 Jul 2024 primary'],
    ['2024-11-05', 'monday', 3, '2024-11-25', '25 P.S. § 2642(k): the third Monday after Tue 5 Nov 2024'],
    ['2024-11-05', 'monday', -4, '2024-10-14', 'O.C.G.A. § 21-2-385(d): the fourth Monday before Tue 5 Nov 2024'],
    ['2024-11-11', 'monday', 1, '2024-11-18', 'the anchor day itself never counts: the Monday after a Monday is a week on'],
    ['2024-11-11', 'monday', -1, '2024-11-04', 'nor before it: the Monday before a Monday is a week back'],
    ['2024-11-05', 'tuesday', 1, '2024-11-12', 'the Tuesday after a Tuesday is a week on'],
  ] as const)('from %s the %s number %i is %s (%s)', (anchor, weekday, nth, expected, _case) => {
    expect(nthWeekday(anchor, weekday, nth)).toBe(expected);
  });

  it('a county certification rule "the Monday after, rolled forward" lands on Tuesday when that Monday is a holiday (Veterans Day, Mon 11 Nov 2024)', () => {
    const calendar = new ElectionCalendar(
      gaPack((p) => {
        p.deadlines.countyCertification = { anchor: 'election_day', weekday: 'monday', nth: 1, rollForward: true, time: '17:00', source: 'O.C.G.A. § 21-2-493(k)' };
        p.holidays.dates.push({ date: '2024-11-11', name: 'Veterans Day' });
      }),
      { electionDay: '2024-11-05', timeZone: 'America/New_York' },
    );
    expect(calendar.forCounty('FULTON').deadlines.countyCertification.display).toBe('Tue, Nov 12, 2024, 5:00 PM EST');
  });
});

describe('variants: a deadline that differs by election type or federal office, first match governs', () => {
  const withVariants = (schedule: Partial<ElectionSchedule>): ElectionCalendar =>
    calendarOf((p) => {
      p.deadlines.provisionalCure.variants = [
        { when: { electionTypes: ['runoff'] }, anchor: 'election_day', offset: 1, unit: 'calendar', time: '17:00', source: 'O.C.G.A. § 21-2-419(b)' },
        { when: { federal: false }, anchor: 'election_day', offset: 2, unit: 'calendar', time: '17:00', source: 'O.C.G.A. § 21-2-419(b)' },
        { when: { electionTypes: ['runoff'], federal: false }, anchor: 'election_day', offset: 9, unit: 'calendar', time: '17:00', source: 'O.C.G.A. § 21-2-419(b)' },
      ];
    }, schedule);
  const cureDay = (schedule: Partial<ElectionSchedule>): string => withVariants(schedule).forCounty('FULTON').deadlines.provisionalCure.localDate;

  it('no electionType and no federal: a general election with a federal office, the base rule (Fri 6 Nov 2020, O.C.G.A. § 21-2-419(b))', () => {
    expect(cureDay({})).toBe('2020-11-06');
  });

  it('a runoff takes the first variant that matches (Wed 4 Nov), even without a federal office: the later one never governs', () => {
    expect(cureDay({ electionType: 'runoff' })).toBe('2020-11-04');
    expect(cureDay({ electionType: 'runoff', federal: false })).toBe('2020-11-04');
  });

  it('a general election without a federal office takes the federal: false variant (Thu 5 Nov)', () => {
    expect(cureDay({ electionType: 'general', federal: false })).toBe('2020-11-05');
  });

  it('refuses an election type it does not know', () => {
    expect(() => georgia2020({ electionType: 'recall' as never })).toThrow(/electionType recall/);
  });
});

describe('votingOpens and uocavaTransmission: the first instant of the day, per county', () => {
  it('O.C.G.A. § 21-2-385(d): advance voting for the 5 Nov 2024 general opens Mon 14 Oct 2024, 12:00 AM EDT (Columbus Day: counties opened Tue 15 Oct, so the bound is a day early, never late)', () => {
    const county = election('GA-2021', '2024-11-05').forCounty('FULTON');
    expect(new Date(county.votingOpens).toISOString()).toBe('2024-10-14T04:00:00.000Z');
    expect(county.votingOpensSource).toBe('O.C.G.A. § 21-2-385(d)');
  });

  it('O.C.G.A. §§ 21-2-385(d), 21-2-501(a): before the 6 Dec 2022 runoff, voting can open no earlier than Wed 9 Nov 2022, the day after the 8 Nov general', () => {
    const county = election('GA-2021', '2022-12-06', { electionType: 'runoff' }).forCounty('FULTON');
    expect(new Date(county.votingOpens).toISOString()).toBe('2022-11-09T05:00:00.000Z');
  });

  it('52 U.S.C. § 20302(a)(8)(A): UOCAVA ballots for the 5 Nov 2024 general go out by Sat 21 Sep 2024', () => {
    const county = election('GA-2021', '2024-11-05').forCounty('FULTON');
    expect(new Date(county.uocavaTransmission).toISOString()).toBe('2024-09-21T04:00:00.000Z');
  });

  it('RCW 29A.40.070 / WAC 434-250-037: 45 days before the 8 Nov 2022 general (Sat 24 Sep), 30 days before an election without a federal office', () => {
    expect(new Date(election('WA-2019', '2022-11-08').forCounty('KING').uocavaTransmission).toISOString()).toBe('2022-09-24T07:00:00.000Z');
    expect(new Date(election('WA-2019', '2023-11-07', { federal: false }).forCounty('KING').uocavaTransmission).toISOString()).toBe(
      '2023-10-08T07:00:00.000Z',
    );
  });

  it('RCW 29A.40.160(1): voting centers open 18 days before the 8 Nov 2022 general, Fri 21 Oct 2022', () => {
    expect(new Date(election('WA-2019', '2022-11-08').forCounty('KING').votingOpens).toISOString()).toBe('2022-10-21T07:00:00.000Z');
  });
});

describe('court orders on polling hours (pollsClose)', () => {
  const order = 'Order extending polling hours at two Fulton precincts (illustrative)';

  it('an order on pollsClose moves the county\'s close of the polls and names the order; other counties keep 7:00 p.m. (O.C.G.A. § 21-2-403)', () => {
    const calendar = georgia2020({ courtOrders: [{ citation: order, deadline: 'pollsClose', countyCodes: ['FULTON'], extendedTo: '2020-11-03T20:30' }] });
    expect(calendar.forCounty('FULTON')).toMatchObject({ pollsClose: at(calendar, '2020-11-03T20:30'), pollsCloseCourtOrder: order });
    expect(calendar.forCounty('COBB')).toMatchObject({ pollsClose: at(calendar, '2020-11-03T19:00'), pollsCloseCourtOrder: null });
  });

  it('a deadline whose time is polls_close keeps the statutory time: an order on the polls does not move it unless it names it', () => {
    const calendar = calendarOf((p) => (p.deadlines.provisionalCure.time = 'polls_close'), {
      courtOrders: [{ citation: order, deadline: 'pollsClose', countyCodes: null, extendedTo: '2020-11-03T21:00' }],
    });
    expect(calendar.forCounty('FULTON').deadlines.provisionalCure.display).toBe('Fri, Nov 6, 2020, 7:00 PM EST');
  });

  it('the last order on pollsClose governs', () => {
    const calendar = georgia2020({
      courtOrders: [
        { citation: 'first', deadline: 'pollsClose', countyCodes: null, extendedTo: '2020-11-03T20:00' },
        { citation: 'second', deadline: 'pollsClose', countyCodes: null, extendedTo: '2020-11-03T19:45' },
      ],
    });
    expect(calendar.forCounty('FULTON')).toMatchObject({ pollsClose: at(calendar, '2020-11-03T19:45'), pollsCloseCourtOrder: 'second' });
  });

  it('refuses an order on pollsClose whose date is not election day (3 Nov 2020), and a target that is not a court-order target', () => {
    expect(() => georgia2020({ courtOrders: [{ citation: 'x', deadline: 'pollsClose', countyCodes: null, extendedTo: '2020-11-04T01:00' }] })).toThrow(
      /pollsClose order must be on election day, 2020-11-03/,
    );
    expect(() => georgia2020({ courtOrders: [{ citation: 'x', deadline: 'registration' as never, countyCodes: null, extendedTo: '2020-11-04T01:00' }] })).toThrow(
      /registration is not one of/,
    );
  });
});

describe('counties in another time zone (countyTimeZones)', () => {
  const split = calendarOf((p) => {
    p.sources.push({ citation: '49 C.F.R. § 71 (test)', title: 'Standard time zone boundaries (a made-up split county for this test)' });
    p.countyTimeZones = { source: '49 C.F.R. § 71 (test)', zones: { WESTERN: 'America/Chicago' } };
  });

  it('a county the pack puts in America/Chicago gets its deadlines at 5:00 p.m. CST, an hour after Fulton\'s 5:00 p.m. EST', () => {
    const western = split.forCounty('WESTERN');
    expect(western.timeZone).toBe('America/Chicago');
    expect(western.deadlines.provisionalCure.display).toBe('Fri, Nov 6, 2020, 5:00 PM CST');
    expect(western.deadlines.provisionalCure.at - split.forCounty('FULTON').deadlines.provisionalCure.at).toBe(3_600_000);
    expect(split.forCounty('FULTON').timeZone).toBe('America/New_York');
  });

  it('its polls close at 7:00 p.m. local, and voting opens at its own midnight', () => {
    const western = split.forCounty('WESTERN');
    expect(new Date(western.pollsClose).toISOString()).toBe('2020-11-04T01:00:00.000Z');
    expect(new Date(western.votingOpens).toISOString()).toBe('2020-10-12T05:00:00.000Z');
  });
});
