import { AuditEntryEntity } from '@app/persistence';
import { intakeBodies, NEEDS_ID_CURE } from '@test/fixtures/intake-body';
import { startTestApp, type TestApp } from '@test/support/app';
import { cliEnv, runCli } from '@test/support/cli';
import { testDatabases } from '@test/support/database';

interface BallotBody { id: string; version: number; status: string; matchedVoterId: string | null }
interface ErrorBody { status: number; code: string; fields: { field: string; message: string }[] }

const intakeBody = intakeBodies('LAW');
/** The service runs on the demo's kind of clock: Thursday of election week, 10:00 EST. */
const CLOCK_AT = '2020-11-05T10:00:00-05:00';

describe.each(testDatabases())('issue 11 end to end on %s: research, court orders, trusted times, one clock', (kind) => {
  let t: TestApp;
  let clerk: string;
  let supervisor: string;
  let admin: string;

  beforeAll(async () => {
    // The service's own sweep is left out: the test sweeps with the CLI, at the service's clock.
    t = await startTestApp(kind, { CLOCK_AT, SWEEP_INTERVAL_SECONDS: '0' });
    clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
    supervisor = await t.token('fulton.supervisor', 'supervisor', 'FULTON');
    admin = await t.token('state.admin', 'admin');
  }, 60_000);
  afterAll(async () => t.close());

  const intake = async (overrides: Record<string, unknown> = {}): Promise<BallotBody> =>
    (await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(intakeBody(overrides)).expect(201)).body as BallotBody;
  const refused = async (overrides: Record<string, unknown>): Promise<ErrorBody> =>
    (await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(intakeBody(overrides)).expect(400)).body as ErrorBody;

  it('a clerk searches the roll from a ballot and matches the voter: audited, the decision recomputed', async () => {
    // Intake finds no record with this first name: research does, by the last name alone.
    const ballot = await intake({ claimedVoterId: undefined, firstName: 'Patricia', lastName: 'Vöter-1001' });
    expect(ballot.matchedVoterId).toBeNull();
    const search = await t.http.get(`/api/ballots/${ballot.id}/roll-search?lastName=voter1001`).auth(clerk, { type: 'bearer' }).expect(200);
    expect(search.body).toMatchObject({ candidates: [{ voterId: '1001', dateOfBirthMatches: true, matched: false }], more: false });
    const matched = await t.http
      .post(`/api/ballots/${ballot.id}/events`)
      .auth(clerk, { type: 'bearer' })
      .send({ type: 'MATCH_VOTER', voterId: '1001', note: 'Same person: the umlaut is the envelope\u2019s', expectedVersion: 1 })
      .expect(201);
    expect(matched.body).toMatchObject({ matchedVoterId: '1001', status: 'received.pending', version: 2 });
    const detail = await t.http.get(`/api/ballots/${ballot.id}`).auth(clerk, { type: 'bearer' }).expect(200);
    expect(detail.body).toMatchObject({ voter: { voterId: '1001' }, decision: { outcome: 'count' }, history: [{ event: 'INTAKE' }, { event: 'MATCH_VOTER' }] });
    const unknown = await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'MATCH_VOTER', voterId: '424242', note: 'n', expectedVersion: 2 }).expect(400);
    expect((unknown.body as ErrorBody).fields).toEqual([{ field: 'voterId', message: 'is not on this election\'s roll' }]);
  });

  it.each([
    ['an offset beyond +14:00', { receivedAt: '2020-11-05T10:00:00+25:00' }, 'receivedAt'],
    ['an offset of +99:99', { receivedAt: '2020-11-04T10:00:00+99:99' }, 'receivedAt'],
    ['hour 24', { castAt: '2020-11-03T24:00:00-05:00' }, 'castAt'],
    ['a receipt after the service\'s clock', { receivedAt: '2020-11-06T10:00:00-05:00' }, 'receivedAt'],
    ['a vote cast in 2010', { castAt: '2010-11-02T12:00:00-05:00' }, 'castAt'],
    ['a date of birth of 9999-12-31', { dateOfBirth: '9999-12-31' }, 'dateOfBirth'],
    ['a last name of spaces only', { lastName: '    ' }, 'lastName'],
    ['a name with a NUL', { firstName: 'Pat\u0000' }, 'firstName'],
    ['a name with a line break', { lastName: 'Voter\r\n1001' }, 'lastName'],
    ['a name with a right-to-left override', { lastName: 'Voter\u202e1001' }, 'lastName'],
    ['an email with a lone surrogate', { contactEmail: 'pat\ud800@example.org' }, 'contactEmail'],
  ])('intake refuses %s with 400 naming the field', async (_name, overrides, field) => {
    const body = await refused(overrides);
    expect(body.fields.map((f) => f.field)).toContain(field);
  });

  it('a supervisor records a court order for their county through the API: the deadlines follow, the history shows it, a clerk may not', async () => {
    const order = { citation: 'Fulton County Superior Court, No. 2020CV000002 (Nov. 5, 2020)', deadline: 'provisionalCure', extendedTo: '2020-11-09T17:00' };
    await t.http.post('/api/elections/ga-2020-general/court-orders').auth(clerk, { type: 'bearer' }).send(order).expect(403);
    const bad = await t.http.post('/api/elections/ga-2020-general/court-orders').auth(supervisor, { type: 'bearer' }).send({ ...order, extendedTo: '9 Nov 2020' }).expect(400);
    expect((bad.body as ErrorBody).fields.map((f) => f.field)).toEqual(['extendedTo']);
    const recorded = await t.http.post('/api/elections/ga-2020-general/court-orders').auth(supervisor, { type: 'bearer' }).send(order).expect(201);
    expect(recorded.body).toMatchObject({ courtOrder: { countyCodes: ['FULTON'], deadline: 'provisionalCure' } });
    const election = await t.http.get('/api/elections/ga-2020-general').auth(clerk, { type: 'bearer' }).expect(200);
    const fulton = (election.body as { counties: { code: string; deadlines: { name: string; display: string; courtOrder: string | null }[] }[] }).counties.find((c) => c.code === 'FULTON');
    expect(fulton?.deadlines.find((d) => d.name === 'provisionalCure')).toMatchObject({ display: 'Mon, Nov 9, 2020, 5:00 PM EST', courtOrder: order.citation });
    const history = await t.http.get('/api/elections/ga-2020-general/deadline-changes').auth(clerk, { type: 'bearer' }).expect(200);
    expect(history.body).toMatchObject({ courtOrders: [{ citation: order.citation, supersededBy: null }], countyHours: [] });
    const hours = await t.http.post('/api/elections/ga-2020-general/counties/COBB/close-of-business').auth(admin, { type: 'bearer' }).send({ closeOfBusiness: '16:30', source: 'Cobb County Board of Elections, resolution 2020-14' }).expect(200);
    expect(hours.body).toMatchObject({ countyHours: { countyCode: 'COBB', closeOfBusiness: '16:30' } });
    expect(await t.db.dataSource.getRepository(AuditEntryEntity).countBy({ event: 'COURT_ORDER_RECORDED' })).toBe(1);
  });

  it('a court order recorded with the CLI is in force at once in the running service: the portal shows a voter the new deadline', async () => {
    const ballot = await intake({ ...NEEDS_ID_CURE, countyCode: 'FULTON' });
    await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'REQUEST_CURE', cureReason: 'id_required', expectedVersion: 1 }).expect(201);
    const receipt = (await t.http.get(`/api/ballots/${ballot.id}`).auth(clerk, { type: 'bearer' }).expect(200)).body as { ballot: { receiptNumber: string } };
    const env = cliEnv(t.db, { DATA_DIR: t.dataDir, CLOCK_AT: '' });
    const refused = await runCli(['court-order', 'record', '--election', 'ga-2020-general', '--citation', 'Order', '--deadline', 'provisionalCure', '--to', '2020-11-10T17:00'], env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: say who records it with --as/);
    const recorded = await runCli(['court-order', 'record', '--election', 'ga-2020-general', '--citation', 'Georgia Supreme Court, No. S21A0001 (Nov. 5, 2020)', '--deadline', 'provisionalCure', '--to', '2020-11-10T17:00', '--as', 'state.admin'], env);
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toMatch(/provisionalCure moved to 2020-11-10 17:00 local time for the whole election; \d+ voters? awaiting a cure will be sent the new deadline/);
    const listed = await runCli(['court-order', 'list', '--election', 'ga-2020-general'], env);
    expect(listed.stdout).toMatch(/Georgia Supreme Court, No. S21A0001/);
    const view = await t.http.post('/api/portal/lookup').send({ receiptNumber: receipt.ballot.receiptNumber, dateOfBirth: '1980-02-29' }).expect(200);
    expect(view.body).toMatchObject({ status: 'action_needed', action: { deadline: { at: '2020-11-10T22:00:00.000Z', local: 'Tuesday, November 10, 2020 at 5:00 PM EST' } } });
  });

  it('an election is created only under the pack in force on its day, in its zone', async () => {
    const create = (body: Record<string, unknown>) => t.http.post('/api/elections').auth(admin, { type: 'bearer' }).send({ id: 'ga-2020-x', name: 'x', state: 'GA', electionDay: '2020-11-03', ...body });
    expect(((await create({ rulePackId: 'GA-2021' }).expect(400)).body as ErrorBody).fields.map((f) => f.field)).toEqual(['rulePackId']);
    expect(((await create({ timeZone: 'America/Denver' }).expect(400)).body as ErrorBody).fields.map((f) => f.field)).toEqual(['timeZone']);
  });

  it('the CLI sweeps at the service\'s clock: a cure window still open at the service\'s time is left open', async () => {
    const ballot = await intake(NEEDS_ID_CURE);
    await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'REQUEST_CURE', cureReason: 'id_required', expectedVersion: 1 }).expect(201);
    // No CLOCK_AT for the CLI: the real clock says 2026, long after the cure deadline; the service's says Thursday.
    const env = cliEnv(t.db, { DATA_DIR: t.dataDir, CLOCK_AT: '' });
    const swept = await runCli(['sweep-deadlines', '--election', 'ga-2020-general'], env);
    expect(swept.code).toBe(0);
    expect(swept.stdout).toMatch(/sweep at 2020-11-05T15:0\d.*the service's clock/);
    expect(swept.stdout).toMatch(/0 past their recorded cure deadline, 0 rejected/);
    const after = await t.http.get(`/api/ballots/${ballot.id}`).auth(clerk, { type: 'bearer' }).expect(200);
    expect((after.body as { ballot: BallotBody }).ballot.status).toBe('received.awaitingCure');
  });
});
