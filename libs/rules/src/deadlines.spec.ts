import { at, election, georgia2020, MINUTE, pack } from '@test/fixtures/ballots';
import { ElectionCalendar } from './deadlines';
import { parseRulePack, type DeadlineRule } from './pack.loader';

describe('deadline calculator: Georgia 2020 general election (seed facts, SPEC section 4)', () => {
  const calendar = georgia2020();
  const fulton = calendar.forCounty('FULTON').deadlines;

  it.each([
    // [deadline, local time it falls at, citation]
    ['provisionalCure', '2020-11-06T17:00', 'O.C.G.A. § 21-2-419(b): provisional cure by Friday 6 Nov'],
    ['uocavaReceipt', '2020-11-06T17:00', 'O.C.G.A. § 21-2-386(a)(1)(G): UOCAVA received by close of business Friday 6 Nov'],
    ['countyCertification', '2020-11-13T17:00', 'O.C.G.A. § 21-2-493(k): counties certify by 5 p.m. 13 Nov'],
    ['stateCertification', '2020-11-20T17:00', 'O.C.G.A. § 21-2-499(b): the state certifies by 20 Nov'],
    ['registration', '2020-10-05T23:59', 'O.C.G.A. § 21-2-224(a): registration closes Monday 5 Oct'],
  ] as const)('%s falls at %s (%s)', (name, local, _citation) => {
    const expected = at(calendar, local) + (name === 'registration' ? 59_999 : 0);
    expect(fulton[name]?.at).toBe(expected);
  });

  it('the UOCAVA postmark deadline is election day itself (O.C.G.A. § 21-2-386(a)(1)(G))', () => {
    expect(fulton.uocavaPostmark?.localDate).toBe('2020-11-03');
  });

  it('shows deadlines in local time with the zone', () => {
    expect(fulton.uocavaReceipt.display).toBe('Fri, Nov 6, 2020, 5:00 PM EST');
    expect(fulton.uocavaReceipt.local).toBe('2020-11-06T17:00:00.000-05:00');
  });

  it('each deadline cites the pack rule it encodes', () => {
    expect(fulton.uocavaReceipt.source).toBe('O.C.G.A. § 21-2-386(a)(1)(G)');
    expect(fulton.provisionalCure.source).toBe('O.C.G.A. § 21-2-419(b)');
  });

  it('a county close-of-business override of 16:30 moves its close-of-business deadlines, not fixed-time ones', () => {
    const withOverride = georgia2020({
      countyOverrides: [{ countyCode: 'DEKALB', closeOfBusiness: '16:30', source: 'DeKalb County posted office hours' }],
    });
    const dekalb = withOverride.forCounty('DEKALB');
    expect(dekalb.deadlines.uocavaReceipt.at).toBe(at(withOverride, '2020-11-06T16:30'));
    expect(dekalb.deadlines.provisionalCure.at).toBe(at(withOverride, '2020-11-06T16:30'));
    expect(dekalb.deadlines.countyCertification.at).toBe(at(withOverride, '2020-11-13T17:00'));
    expect(dekalb.closeOfBusinessSource).toBe('DeKalb County posted office hours');
    // Other counties keep the pack's 17:00.
    expect(withOverride.forCounty('FULTON').deadlines.uocavaReceipt.at).toBe(at(withOverride, '2020-11-06T17:00'));
  });

  it('a court order extending a deadline replaces it for the counties it names, and cites the order', () => {
    const order = 'In re Fulton County Elections, No. 2020CV000000 (Fulton Super. Ct. Nov. 5, 2020) (illustrative)';
    const extended = georgia2020({
      courtOrders: [{ citation: order, deadline: 'provisionalCure', countyCodes: ['FULTON'], extendedTo: '2020-11-09T17:00' }],
    });
    expect(extended.forCounty('FULTON').deadlines.provisionalCure).toMatchObject({
      at: at(extended, '2020-11-09T17:00'),
      courtOrder: order,
      source: 'O.C.G.A. § 21-2-419(b)',
    });
    expect(extended.forCounty('COBB').deadlines.provisionalCure.at).toBe(at(extended, '2020-11-06T17:00'));
    expect(extended.forCounty('COBB').deadlines.provisionalCure.courtOrder).toBeNull();
  });

  it('a statewide court order (no counties named) applies to every county', () => {
    const extended = georgia2020({
      courtOrders: [{ citation: 'Statewide order', deadline: 'uocavaReceipt', countyCodes: null, extendedTo: '2020-11-10T17:00' }],
    });
    expect(extended.forCounty('COBB').deadlines.uocavaReceipt.at).toBe(at(extended, '2020-11-10T17:00'));
  });

  it('uses the later of two orders on the same deadline: the last one governs', () => {
    const extended = georgia2020({
      courtOrders: [
        { citation: 'first', deadline: 'provisionalCure', countyCodes: null, extendedTo: '2020-11-09T17:00' },
        { citation: 'second', deadline: 'provisionalCure', countyCodes: null, extendedTo: '2020-11-10T12:00' },
      ],
    });
    expect(extended.forCounty('COBB').deadlines.provisionalCure.courtOrder).toBe('second');
  });

  it('refuses an election day that is not a date and a zone that is not IANA', () => {
    expect(() => georgia2020({ electionDay: '2020-13-03' })).toThrow(/electionDay/);
    expect(() => georgia2020({ timeZone: 'Mars/Olympus' })).toThrow(/timeZone/);
    expect(() =>
      georgia2020({ courtOrders: [{ citation: 'x', deadline: 'provisionalCure', countyCodes: null, extendedTo: 'soon' }] }),
    ).toThrow(/extendedTo/);
  });
});

describe('daylight saving time', () => {
  it('a deadline in the week the clocks fall back keeps its wall-clock time (EDT before, EST after)', () => {
    // A hypothetical election on Friday 30 Oct 2020 under GA-2020: the cure deadline, three days on,
    // is Monday 2 Nov, after the change on Sunday 1 Nov. 5:00 p.m. EST is 22:00 UTC, not 21:00.
    const calendar = election('GA-2020', '2020-10-30');
    const cure = calendar.forCounty('FULTON').deadlines.provisionalCure;
    expect(new Date(cure.at).toISOString()).toBe('2020-11-02T22:00:00.000Z');
    expect(cure.display).toBe('Mon, Nov 2, 2020, 5:00 PM EST');
    const pollsClose = calendar.forCounty('FULTON').pollsClose;
    expect(new Date(pollsClose).toISOString()).toBe('2020-10-30T23:00:00.000Z'); // 7 p.m. EDT
  });

  it('the minute after a deadline that falls across the change is one minute, not an hour', () => {
    const calendar = election('GA-2020', '2020-10-30');
    const cure = calendar.forCounty('FULTON').deadlines.provisionalCure.at;
    expect(at(calendar, '2020-11-02T17:01') - cure).toBe(MINUTE);
  });
});

describe('business days, holidays and rolling forward', () => {
  /** GA-2020 with its provisional cure rule replaced: the variations these cases need. */
  const withCure = (rule: Partial<DeadlineRule>): ElectionCalendar => {
    const base = pack('GA-2020');
    const raw = JSON.parse(JSON.stringify(base)) as { deadlines: { provisionalCure: Record<string, unknown> } };
    Object.assign(raw.deadlines.provisionalCure, rule);
    return new ElectionCalendar(parseRulePack(raw, 'GA-2020.json'), { electionDay: '2020-11-03', timeZone: 'America/New_York' });
  };
  const cureDay = (calendar: ElectionCalendar): string => calendar.forCounty('FULTON').deadlines.provisionalCure.localDate;

  it('six business days after Tue 3 Nov 2020 skip the weekend and Veterans Day (Wed 11 Nov, O.C.G.A. § 1-4-1): Thu 12 Nov', () => {
    expect(cureDay(withCure({ offset: 6, unit: 'business' }))).toBe('2020-11-12');
  });

  it('six calendar days after Tue 3 Nov 2020 is Mon 9 Nov: calendar days count weekends and holidays', () => {
    expect(cureDay(withCure({ offset: 6, unit: 'calendar' }))).toBe('2020-11-09');
  });

  it('negative business days count back over the weekend: three business days before Tue 3 Nov is Thu 29 Oct', () => {
    expect(cureDay(withCure({ offset: -3, unit: 'business' }))).toBe('2020-10-29');
  });

  it('zero business days is the anchor day itself', () => {
    expect(cureDay(withCure({ offset: 0, unit: 'business' }))).toBe('2020-11-03');
  });

  it('rollForward moves a deadline that lands on a holiday or weekend to the next business day', () => {
    // Eight calendar days after 3 Nov is Wed 11 Nov, Veterans Day: rolled to Thu 12 Nov.
    expect(cureDay(withCure({ offset: 8, unit: 'calendar', rollForward: true }))).toBe('2020-11-12');
    expect(cureDay(withCure({ offset: 8, unit: 'calendar' }))).toBe('2020-11-11');
    // Four calendar days is Saturday 7 Nov: rolled to Monday 9 Nov.
    expect(cureDay(withCure({ offset: 4, unit: 'calendar', rollForward: true }))).toBe('2020-11-09');
  });

  it('a deadline anchored to certification is counted from the county certification date', () => {
    const calendar = withCure({ anchor: 'certification', offset: -1, unit: 'calendar', time: 'end_of_day' });
    const cure = calendar.forCounty('FULTON').deadlines.provisionalCure;
    expect(cure.localDate).toBe('2020-11-12');
    expect(cure.display).toBe('Thu, Nov 12, 2020, 11:59 PM EST');
  });

  it('polls_close as a time of day is the election\'s polls-close time, which the election may set', () => {
    expect(withCure({ time: 'polls_close' }).forCounty('FULTON').deadlines.provisionalCure.display).toBe('Fri, Nov 6, 2020, 7:00 PM EST');
    const late = new ElectionCalendar(pack('GA-2020'), { electionDay: '2020-11-03', timeZone: 'America/New_York', pollsClose: '20:00' });
    expect(late.forCounty('FULTON').pollsClose).toBe(at(late, '2020-11-03T20:00'));
  });

  it('isBusinessDay: weekdays that are not holidays', () => {
    const calendar = georgia2020();
    expect(calendar.isBusinessDay('2020-11-06')).toBe(true);
    expect(calendar.isBusinessDay('2020-11-07')).toBe(false);
    expect(calendar.isBusinessDay('2020-11-11')).toBe(false);
    expect(calendar.isBusinessDay('2020-11-26')).toBe(false);
  });
});
