import { at, election, georgia2020, MINUTE } from '@test/fixtures/ballots';

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
    expect(fulton[name].at).toBe(expected);
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
