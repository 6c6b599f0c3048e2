import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { COBB_CLERK, FULTON_CLERK, FULTON_SUPERVISOR, GA_2020_ELECTION, OBSERVER, provisionalIntake, seedGeorgia2020, services, type Services } from '@test/support/services';
import { Reports } from '@app/reports';

/**
 * Issue 6: the state's reports on a data set whose answers are known. Fulton: one ballot counted in
 * full, one counted in part (voter of FUL-01 voting in FUL-02), one rejected, one awaiting an ID
 * cure, one cured and counted, one still under research, and a UOCAVA ballot from an overseas
 * citizen received after the deadline and rejected as late; Cobb: one provisional under research
 * and a UOCAVA ballot from a voter in the military, counted; DeKalb: none.
 */
const THURSDAY = Date.UTC(2020, 10, 5, 15); // Thu 5 Nov 2020, 10:00 EST

describe.each(testDatabases())('state reports on %s', (kind) => {
  let db: TestDatabase;
  let s: Services;
  let reports: Reports;
  let partialReceipt = '';

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedGeorgia2020(db.dataSource);
    s = services(db.dataSource, THURSDAY);
    reports = new Reports(s.stores, s.rules);
    const apply = (id: string, version: number, command: Parameters<Services['transitions']['apply']>[2], as = FULTON_CLERK) => s.transitions.apply(as, id, command, version);

    const full = await s.intake.intake(FULTON_CLERK, provisionalIntake());
    await apply(full.id, 1, { type: 'VERIFY' });
    await apply(full.id, 2, { type: 'COUNT' });
    const partial = await s.intake.intake(FULTON_CLERK, provisionalIntake({ precinctId: 'FUL-02' }));
    partialReceipt = partial.receiptNumber;
    await apply(partial.id, 1, { type: 'VERIFY' });
    await apply(partial.id, 2, { type: 'COUNT' });
    const rejected = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: null, lastName: 'Unregistered' }));
    await apply(rejected.id, 1, { type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'No record' });
    await apply(rejected.id, 2, { type: 'CONFIRM_REJECTION' }, FULTON_SUPERVISOR);
    const awaiting = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: '1002', lastName: 'Voter1002', idShown: false, issuedReason: 'no_id' }));
    await apply(awaiting.id, 1, { type: 'REQUEST_CURE', cureReason: 'id_required' });
    const cured = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: '1002', lastName: 'Voter1002', idShown: false, issuedReason: 'no_id' }));
    await apply(cured.id, 1, { type: 'REQUEST_CURE', cureReason: 'id_required' });
    await apply(cured.id, 2, { type: 'RECORD_CURE', evidence: 'Driver licence shown at the office' });
    await apply(cured.id, 3, { type: 'VERIFY' });
    await apply(cured.id, 4, { type: 'COUNT' });
    await s.intake.intake(FULTON_CLERK, provisionalIntake());
    await s.intake.intake(COBB_CLERK, provisionalIntake({ countyCode: 'COBB', precinctId: 'COB-01', claimedVoterId: '2001', lastName: 'Voter2001' }));
    const uocava = { kind: 'uocava', precinctId: null, issuedReason: null, castAt: null, postmarkDate: '2020-11-02' } as const;
    const military = await s.intake.intake(COBB_CLERK, provisionalIntake({ ...uocava, countyCode: 'COBB', claimedVoterId: '2001', lastName: 'Voter2001', uocavaCategory: 'military_overseas', receivedAt: Date.UTC(2020, 10, 4, 15) }));
    await apply(military.id, 1, { type: 'VERIFY' }, COBB_CLERK);
    await apply(military.id, 2, { type: 'COUNT' }, COBB_CLERK);
    const clock = s.clock.current;
    s.clock.current = Date.UTC(2020, 10, 6, 22, 30); // taken in after it arrived, one minute late
    const late = await s.intake.intake(FULTON_CLERK, provisionalIntake({ ...uocava, uocavaCategory: 'overseas_permanent', receivedAt: Date.UTC(2020, 10, 6, 22, 1) }));
    s.clock.current = clock;
    await apply(late.id, late.version, { type: 'CONFIRM_REJECTION' }, FULTON_SUPERVISOR);
  }, 60_000);
  afterAll(async () => db.destroy());

  it('the state roll-up: each county, then the whole state', async () => {
    expect(await reports.stateRollup(OBSERVER, GA_2020_ELECTION)).toEqual([
      { countyCode: 'COBB', countyName: 'Cobb', ballots: 2, countedFull: 1, countedPartial: 0, rejected: 0, outstanding: 1 },
      { countyCode: 'DEKALB', countyName: 'DeKalb', ballots: 0, countedFull: 0, countedPartial: 0, rejected: 0, outstanding: 0 },
      { countyCode: 'FULTON', countyName: 'Fulton', ballots: 7, countedFull: 2, countedPartial: 1, rejected: 2, outstanding: 2 },
      { countyCode: 'ALL', countyName: 'All counties', ballots: 9, countedFull: 3, countedPartial: 1, rejected: 2, outstanding: 3 },
    ]);
  });

  it('outstanding in Fulton by kind, state and deadline: the ballot awaiting its ID cure is due by the cure deadline, close of business Friday 6 Nov (5 p.m. EST); the one under research has no deadline of its own', async () => {
    expect(await reports.outstanding(OBSERVER, GA_2020_ELECTION, 'FULTON')).toEqual([
      { countyCode: 'FULTON', countyName: 'Fulton', kind: 'provisional', status: 'received.awaitingCure', cureDeadline: '2020-11-06T22:00:00.000Z', ballots: 1 },
      { countyCode: 'FULTON', countyName: 'Fulton', kind: 'provisional', status: 'received.pending', cureDeadline: null, ballots: 1 },
    ]);
  });

  it('a county clerk\u2019s roll-up holds their county only', async () => {
    const rows = await reports.stateRollup(COBB_CLERK, GA_2020_ELECTION);
    expect(rows.map((r) => [r.countyCode, r.ballots])).toEqual([['COBB', 2], ['ALL', 2]]);
  });

  it('partial counts: the ballot, its precinct, and the contests on both ballot styles (FUL-02 cast, FUL-01 registered), in ballot order', async () => {
    expect(await reports.partialCounts(OBSERVER, GA_2020_ELECTION)).toEqual([
      {
        countyCode: 'FULTON',
        precinctId: 'FUL-02',
        receiptNumber: partialReceipt,
        contestsToCount: 'President of the United States; United States Senate; Public Service Commission, District 4; Fulton County Commission',
        contestIds: 'president us-senate psc-4 fulton-commission',
      },
    ]);
  });

  it('cure reasons by county and how they stand: one awaited, one made', async () => {
    expect(await reports.cureReasons(OBSERVER, GA_2020_ELECTION)).toEqual([
      { countyCode: 'FULTON', cureReason: 'id_required', outcome: 'awaiting', ballots: 1 },
      { countyCode: 'FULTON', cureReason: 'id_required', outcome: 'cured', ballots: 1 },
    ]);
  });

  /** The EAVS figures of one county as `item: value`, zeros and the sum checks left out. */
  const eavsOf = async (actor: Parameters<Reports['eavs']>[0], countyCode?: string) => {
    const rows = await reports.eavs(actor, GA_2020_ELECTION, countyCode);
    const byCounty: Record<string, Record<string, number>> = {};
    for (const r of rows) if (r.value !== 0 && r.item !== 'check') byCounty[r.countyCode] = { ...byCounty[r.countyCode], [r.item]: r.value };
    return { rows, byCounty };
  };

  it('EAVS for Fulton: six provisional ballots (E1a), two counted in full, one in part, one rejected as not registered (E2b), two undecided; one UOCAVA ballot from an overseas citizen, rejected (B18c); the 2020 instrument\u2019s numbers', async () => {
    const { rows, byCounty } = await eavsOf(OBSERVER, 'FULTON');
    expect(byCounty).toEqual({
      FULTON: { E1a: 6, E1b: 2, E1c: 1, E1d: 1, E1e: 2, E2a: 1, E2b: 1, B9a: 1, B9c: 1, B18a: 1, B18c: 1 },
    });
    expect(rows.every((r) => r.countyCode === 'FULTON')).toBe(true);
    expect(rows.map((r) => r.item).slice(0, 6)).toEqual(['E1a', 'E1b', 'E1c', 'E1d', 'E1e', 'E2a']);
    expect(new Set(rows.map((r) => r.instrument))).toEqual(new Set(['EAVS 2020']));
    expect(rows.filter((r) => r.item === 'check').map((r) => r.check.split(':')[0])).toEqual(['open', 'holds', 'holds', 'holds', 'holds', 'holds']);
  });

  it('EAVS for the state: each county (zeros included, DeKalb has none) and all counties together; the late UOCAVA rejection is not a provisional E2 reason', async () => {
    const { rows, byCounty } = await eavsOf(OBSERVER);
    expect(byCounty).toEqual({
      COBB: { E1a: 1, E1e: 1, B9a: 1, B9b: 1, B14a: 1, B14b: 1 },
      FULTON: { E1a: 6, E1b: 2, E1c: 1, E1d: 1, E1e: 2, E2a: 1, E2b: 1, B9a: 1, B9c: 1, B18a: 1, B18c: 1 },
      ALL: { E1a: 7, E1b: 2, E1c: 1, E1d: 1, E1e: 3, E2a: 1, E2b: 1, B9a: 2, B9b: 1, B9c: 1, B14a: 1, B14b: 1, B18a: 1, B18c: 1 },
    });
    expect(new Set(rows.map((r) => r.countyCode))).toEqual(new Set(['COBB', 'DEKALB', 'FULTON', 'ALL']));
    expect(rows.filter((r) => r.countyCode === 'DEKALB').every((r) => r.value === 0)).toBe(true);
  });

  it('EAVS for a county clerk: their own county; another county asked for gives no rows; a county the election does not have is not found', async () => {
    expect((await eavsOf(COBB_CLERK)).byCounty).toEqual({ COBB: { E1a: 1, E1e: 1, B9a: 1, B9b: 1, B14a: 1, B14b: 1 } });
    expect((await eavsOf(COBB_CLERK, 'FULTON')).rows).toEqual([]);
    await expect(reports.eavs(OBSERVER, GA_2020_ELECTION, 'NOWHERE')).rejects.toMatchObject({ code: 'not_found', message: 'no county NOWHERE in ga-2020-general' });
  });
});
