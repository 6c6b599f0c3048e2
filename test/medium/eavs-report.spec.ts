import { Readable } from 'node:stream';
import { type IntakeInput } from '@app/ballots';
import { importBallots } from '@app/imports';
import { BallotEntity, TransactionRunner, VoterEntity } from '@app/persistence';
import { GEORGIA_BUNDLE } from '@test/fixtures/jurisdiction';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { COBB_CLERK, FULTON_CLERK, FULTON_SUPERVISOR, OBSERVER, provisionalIntake, seedEmptyElection, services, type Services } from '@test/support/services';
import type { DataSource } from 'typeorm';
import { Reports, type EavsRow } from '@app/reports';

/**
 * The EAVS export in the numbers of the election's instrument: one known data set taken in for a
 * Georgia general election in 2020 (rule pack GA-2020) and again for 2024 (GA-2021), so the same
 * ballots show under each year's item numbers. Fulton: five provisional ballots (counted in full,
 * counted in part, rejected as not registered, rejected as already voted, one still under
 * research), each issued for a different reason; four UOCAVA ballots: two from overseas citizens
 * counted, a FWAB from an overseas citizen received late and rejected, a FWAB from a stateside
 * service member still undecided. Cobb: one provisional ballot under research and a FWAB from a
 * service member overseas, counted. DeKalb: none.
 */
const DAY = 86_400_000;
let receipts = 0;

async function seedElection(dataSource: DataSource, id: string, electionDay: string): Promise<void> {
  await seedEmptyElection(dataSource, id, GEORGIA_BUNDLE, `Georgia General Election ${electionDay.slice(0, 4)}`, electionDay);
  await new TransactionRunner(dataSource).run(async (manager) => {
    const voter = (voterId: string, precinctId: string, countyCode: string): VoterEntity =>
      Object.assign(new VoterEntity(), { electionId: id, voterId, firstName: 'Pat', lastName: `Voter${voterId}`, dateOfBirth: '1980-02-29', countyCode, precinctId, status: 'active', registrationDate: '2012-01-01', idOnFile: true, otherBallotAccepted: false });
    await manager.insert(VoterEntity, [voter('1001', 'FUL-01', 'FULTON'), voter('2001', 'COB-01', 'COBB')]);
  });
}

/** The data set, taken in and decided for the election held on `electionDay` (both days fall in EST). */
async function takeIn(s: Services, electionId: string, electionDay: string): Promise<void> {
  const local = (days: number, hour: number, minute = 0) => Date.parse(`${electionDay}T00:00:00Z`) + days * DAY + (hour + 5) * 3_600_000 + minute * 60_000;
  const noon = local(0, 12);
  // Taken in on the Friday evening after the election: every ballot has arrived by then.
  s.clock.current = local(3, 18);
  const ballot = (overrides: Partial<IntakeInput>): IntakeInput => provisionalIntake({ electionId, receiptNumber: `E-${String((receipts += 1)).padStart(4, '0')}`, receivedAt: noon, castAt: noon, ...overrides });
  const step = async (id: string, command: Parameters<Services['transitions']['apply']>[2], as = FULTON_CLERK) => {
    const current = await s.tx.read((m) => m.findOneByOrFail(BallotEntity, { id }));
    await s.transitions.apply(as, id, command, current.version);
  };
  const intake = (input: IntakeInput, as = FULTON_CLERK) => s.intake.intake(as, input);

  const full = await intake(ballot({ issuedReason: 'not_on_list' }));
  await step(full.id, { type: 'VERIFY' });
  await step(full.id, { type: 'COUNT' });
  // Cast in FUL-02 after 5 p.m. with the sworn statement: counted in part under both packs.
  const partial = await intake(ballot({ precinctId: 'FUL-02', issuedReason: 'not_resident', castAt: local(0, 18), receivedAt: local(0, 18), outOfPrecinctAffidavit: true }));
  await step(partial.id, { type: 'VERIFY' });
  await step(partial.id, { type: 'COUNT' });
  const notRegistered = await intake(ballot({ claimedVoterId: null, lastName: 'Unregistered', issuedReason: 'challenged_by_official' }));
  await step(notRegistered.id, { type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'No record' });
  await step(notRegistered.id, { type: 'CONFIRM_REJECTION' }, FULTON_SUPERVISOR);
  const votedTwice = await intake(ballot({ issuedReason: 'mail_ballot_not_surrendered' }));
  await step(votedTwice.id, { type: 'PROPOSE_REJECTION', reason: 'already_voted', note: 'Mail ballot already counted' });
  await step(votedTwice.id, { type: 'CONFIRM_REJECTION' }, FULTON_SUPERVISOR);
  await intake(ballot({ issuedReason: 'same_day_registration' }));
  await intake(ballot({ countyCode: 'COBB', precinctId: 'COB-01', claimedVoterId: '2001', lastName: 'Voter2001' }), COBB_CLERK);

  const uocava = { kind: 'uocava', precinctId: null, issuedReason: null, castAt: null, postmarkDate: electionDay, receivedAt: local(1, 10) } as const;
  for (let i = 0; i < 2; i += 1) {
    const overseas = await intake(ballot({ ...uocava, uocavaCategory: 'overseas_permanent' }));
    await step(overseas.id, { type: 'VERIFY' });
    await step(overseas.id, { type: 'COUNT' });
  }
  // Received at 5:01 p.m. on the Friday: late; the intake check proposes the rejection, a supervisor confirms.
  const late = await intake(ballot({ ...uocava, uocavaCategory: 'overseas_temporary', fwab: true, receivedAt: local(3, 17, 1) }));
  await step(late.id, { type: 'CONFIRM_REJECTION' }, FULTON_SUPERVISOR);
  await intake(ballot({ ...uocava, uocavaCategory: 'military_stateside', fwab: true }));
  const military = await intake(ballot({ ...uocava, countyCode: 'COBB', claimedVoterId: '2001', lastName: 'Voter2001', uocavaCategory: 'military_overseas', fwab: true }), COBB_CLERK);
  await step(military.id, { type: 'VERIFY' }, COBB_CLERK);
  await step(military.id, { type: 'COUNT' }, COBB_CLERK);
}

/** Each county's items as `item: value` (zeros left out), and its checks as `rule: outcome`. */
function byCounty(rows: readonly EavsRow[]) {
  const items: Record<string, Record<string, number>> = {};
  const checks: Record<string, string[]> = {};
  for (const r of rows) {
    if (r.item === 'check') checks[r.countyCode] = [...(checks[r.countyCode] ?? []), `${r.label}: ${r.check}`];
    else if (r.value !== 0) items[r.countyCode] = { ...items[r.countyCode], [r.item]: r.value };
  }
  return { items, checks };
}

describe.each(testDatabases())('the EAVS export by instrument year on %s', (kind) => {
  let db: TestDatabase;
  let reports: Reports;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedElection(db.dataSource, 'ga-eavs-2020', '2020-11-03');
    await seedElection(db.dataSource, 'ga-eavs-2024', '2024-11-05');
    // Thursday after each election day, 10:00 EST: before every deadline still to come.
    await takeIn(services(db.dataSource, Date.UTC(2020, 10, 5, 15)), 'ga-eavs-2020', '2020-11-03');
    const later = services(db.dataSource, Date.UTC(2024, 10, 7, 15));
    await takeIn(later, 'ga-eavs-2024', '2024-11-05');
    reports = new Reports(later.stores, later.rules);
  }, 120_000);
  afterAll(async () => db.destroy());

  it('the FWAB flag is stored as taken in: three UOCAVA ballots of each election, no provisional one', async () => {
    const rows = await db.dataSource.query<{ electionId: string; kind: string; fwab: boolean | number }[]>(
      'SELECT election_id AS "electionId", kind, fwab FROM ballots WHERE fwab = true ORDER BY election_id',
    );
    expect(rows.map((r) => [r.electionId, r.kind])).toEqual([...Array<string[]>(3).fill(['ga-eavs-2020', 'uocava']), ...Array<string[]>(3).fill(['ga-eavs-2024', 'uocava'])]);
  });

  it('2020 (the 2020 instrument): rejection reasons in E2, UOCAVA returned / counted / rejected in B9 / B14 / B18, FWABs in B23 / B24', async () => {
    const rows = await reports.eavs(OBSERVER, 'ga-eavs-2020');
    expect(new Set(rows.map((r) => r.instrument))).toEqual(new Set(['EAVS 2020']));
    const { items, checks } = byCounty(rows);
    expect(items).toEqual({
      COBB: { E1a: 1, E1e: 1, B9a: 1, B9b: 1, B14a: 1, B14b: 1, B23a: 1, B23b: 1, B24a: 1, B24b: 1 },
      FULTON: {
        E1a: 5, E1b: 1, E1c: 1, E1d: 2, E1e: 1, E2a: 2, E2b: 1, E2j: 1,
        B9a: 4, B9b: 1, B9c: 3, B14a: 2, B14c: 2, B18a: 1, B18c: 1, 'B-undecided': 1, B23a: 2, B23b: 1, B23c: 1,
      },
      ALL: {
        E1a: 6, E1b: 1, E1c: 1, E1d: 2, E1e: 2, E2a: 2, E2b: 1, E2j: 1,
        B9a: 5, B9b: 2, B9c: 3, B14a: 3, B14b: 1, B14c: 2, B18a: 1, B18c: 1, 'B-undecided': 1, B23a: 3, B23b: 2, B23c: 1, B24a: 1, B24b: 1,
      },
    });
    expect(checks['FULTON']).toEqual([
      'E1b + E1c + E1d = E1a (E1e undecided): open: 4 of 5; 1 not yet decided, so it holds only once every ballot is decided',
      'E2b + ... + E2m = E1d: holds: 2 = 2',
      'E2a = E1d: holds: 2 = 2',
      'B14a + B18a = B9a (B-undecided undecided): open: 3 of 4; 1 not yet decided, so it holds only once every ballot is decided',
      'B24a <= B23a: holds: 0 <= 2',
      'B23a <= B9a: holds: 2 <= 4',
    ]);
    expect(checks['DEKALB']?.every((c) => c.includes('holds: 0'))).toBe(true);
  });

  it('2024 (the 2024 instrument), same ballots: why each provisional was cast in E2, rejection reasons in E3, UOCAVA in B11 / B18 / B24, FWABs in B29 / B30', async () => {
    const rows = await reports.eavs(OBSERVER, 'ga-eavs-2024', 'FULTON');
    expect(new Set(rows.map((r) => r.instrument))).toEqual(new Set(['EAVS 2024']));
    const { items, checks } = byCounty(rows);
    expect(items).toEqual({
      FULTON: {
        E1a: 5, E1b: 1, E1c: 1, E1d: 2, E1e: 1,
        E2a: 1, E2c: 1, E2e: 1, E2g: 1, E2i: 1,
        E3a: 2, E3b: 1, E3j: 1,
        B11a: 4, B11b: 1, B11c: 3, B18a: 2, B18c: 2, B24a: 1, B24c: 1, 'B-undecided': 1, B29a: 2, B29b: 1, B29c: 1,
      },
    });
    expect(checks['FULTON']).toEqual([
      'E1b + E1c + E1d = E1a (E1e undecided): open: 4 of 5; 1 not yet decided, so it holds only once every ballot is decided',
      'E3b + ... + E3m = E1d: holds: 2 = 2',
      'E3a = E1d: holds: 2 = 2',
      'E2a + ... + E2j = E1a: holds: 5 = 5',
      'B18a + B24a = B11a (B-undecided undecided): open: 3 of 4; 1 not yet decided, so it holds only once every ballot is decided',
      'B30a <= B29a: holds: 0 <= 2',
      'B29a <= B11a: holds: 2 <= 4',
    ]);
    const row = (item: string) => rows.find((r) => r.item === item);
    expect(row('B18a')).toMatchObject({ label: 'UOCAVA Counted Total', confirmed: 'yes', value: 2 });
    expect(row('B11c')).toMatchObject({ confirmed: 'UNCONFIRMED', value: 3 });
    expect(row('E3k')).toMatchObject({ confirmed: 'UNCONFIRMED', description: 'Other (describe as): received after the deadline' });
    expect(row('B18a')?.source).toContain('tidyeavs: https://github.com/zaynesember/tidyeavs/');
  });

  it('a rejected ballot whose reason is lost shows as a mismatch of the reasons against E1d, by how much', async () => {
    const param = kind === 'postgres' ? '$1' : '?';
    const [target] = await db.dataSource.query<{ id: string }[]>("SELECT id FROM ballots WHERE election_id = 'ga-eavs-2024' AND rejection_reason = 'already_voted'");
    await db.dataSource.query(`UPDATE ballots SET rejection_reason = NULL WHERE id = ${param}`, [target?.id]);
    try {
      const { checks } = byCounty(await reports.eavs(OBSERVER, 'ga-eavs-2024', 'FULTON'));
      expect(checks['FULTON']?.[1]).toBe('E3b + ... + E3m = E1d: MISMATCH: the parts come to 1, the total is 2 (-1)');
    } finally {
      await db.dataSource.query(`UPDATE ballots SET rejection_reason = 'already_voted' WHERE id = ${param}`, [target?.id]);
    }
  });

  it('the database refuses a provisional ballot marked FWAB, whatever the way in', async () => {
    const param = kind === 'postgres' ? '$1' : '?';
    const [target] = await db.dataSource.query<{ id: string }[]>("SELECT id FROM ballots WHERE election_id = 'ga-eavs-2020' AND kind = 'provisional'");
    await expect(db.dataSource.query(`UPDATE ballots SET fwab = true WHERE id = ${param}`, [target?.id])).rejects.toThrow(/ballots_fwab_uocava|CHECK constraint failed/);
  });

  it('bulk intake (the API\u2019s file import and the CLI\u2019s `import ballots`) reads an optional fwab column, true or false, and refuses it on a provisional ballot by line and field', async () => {
    const s = services(db.dataSource, Date.UTC(2024, 10, 7, 15));
    const csv = [
      'receipt_number,kind,county_code,first_name,last_name,date_of_birth,address,received_at,precinct_id,issued_reason,cast_at,uocava_category,postmark_date,fwab',
      'CSV-1,uocava,FULTON,Pat,Voter1001,1980-02-29,Abroad,2024-11-06T10:00:00-05:00,,,,overseas_permanent,2024-11-04,true',
      'CSV-2,uocava,FULTON,Pat,Voter1001,1980-02-29,Abroad,2024-11-06T10:00:00-05:00,,,,overseas_permanent,2024-11-04,false',
      'CSV-3,uocava,FULTON,Pat,Voter1001,1980-02-29,Abroad,2024-11-06T10:00:00-05:00,,,,overseas_permanent,2024-11-04,',
      'CSV-4,provisional,FULTON,Pat,Voter1001,1980-02-29,1 Peachtree St,2024-11-05T12:00:00-05:00,FUL-01,not_on_list,2024-11-05T12:00:00-05:00,,,true',
      'CSV-5,uocava,FULTON,Pat,Voter1001,1980-02-29,Abroad,2024-11-06T10:00:00-05:00,,,,overseas_permanent,2024-11-04,yes',
    ].join('\n');
    const report = await importBallots(s.intake, FULTON_CLERK, 'ga-eavs-2024', Readable.from([csv]));
    expect({ inserted: report.inserted, rejected: report.rejected, problems: report.problems.map((p) => [p.line, p.field]) }).toEqual({ inserted: 3, rejected: 2, problems: [[5, 'fwab'], [6, 'fwab']] });
    expect(report.problems[0]?.message).toMatch(/only for a UOCAVA ballot/);
    const stored = await db.dataSource.query<{ receipt: string; fwab: boolean | number }[]>("SELECT receipt_number AS receipt, fwab FROM ballots WHERE receipt_number LIKE 'CSV-%' ORDER BY receipt_number");
    expect(stored.map((r) => [r.receipt, Boolean(r.fwab)])).toEqual([['CSV-1', true], ['CSV-2', false], ['CSV-3', false]]);
  });
});
