import { createHash } from 'node:crypto';
import { AuditEntryEntity } from '@app/persistence';
import { testDatabases } from '@test/support/database';
import { PASSWORD, startTestApp, type TestApp } from '@test/support/app';
import { intakeBodies } from '@test/fixtures/intake-body';

interface BallotBody { id: string; version: number; status: string }
interface ErrorBody { status: number; code: string; message: string; fields: { field: string; message: string }[]; details?: Record<string, unknown> }

const intakeBody = intakeBodies('E2E');

describe.each(testDatabases())('staff API end to end on %s', (kind) => {
  let t: TestApp;
  let clerk: string;
  let supervisor: string;
  let cobbClerk: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
    supervisor = await t.token('fulton.supervisor', 'supervisor', 'FULTON');
    cobbClerk = await t.token('cobb.clerk', 'clerk', 'COBB');
    admin = await t.token('state.admin', 'admin');
  }, 60_000);
  afterAll(async () => t.close());

  const intake = async (token: string, overrides: Record<string, unknown> = {}): Promise<BallotBody> =>
    (await t.http.post('/api/ballots').auth(token, { type: 'bearer' }).send(intakeBody(overrides)).expect(201)).body as BallotBody;

  describe('sign-in', () => {
    it('a wrong password and an unknown user get the same 401', async () => {
      const wrong = await t.http.post('/api/auth/login').send({ username: 'fulton.clerk', password: 'nope' }).expect(401);
      const unknown = await t.http.post('/api/auth/login').send({ username: 'nobody.here', password: 'nope' }).expect(401);
      expect(wrong.body).toEqual(unknown.body);
    });

    it('login also sets an HttpOnly, SameSite=Strict session cookie', async () => {
      const response = await t.http.post('/api/auth/login').send({ username: 'fulton.supervisor', password: PASSWORD }).expect(200);
      const cookie = String(response.headers['set-cookie']);
      expect(cookie).toMatch(/session=/);
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
    });

    it('a cookie session must send its CSRF token to change anything', async () => {
      const login = await t.http.post('/api/auth/login').send({ username: 'fulton.clerk', password: PASSWORD }).expect(200);
      const cookie = String(login.headers['set-cookie']).split(';')[0] ?? '';
      const csrf = (login.body as { csrfToken: string }).csrfToken;
      await t.http.post('/api/ballots').set('cookie', cookie).send(intakeBody()).expect(403);
      await t.http.post('/api/ballots').set('cookie', cookie).set('x-csrf-token', csrf).send(intakeBody()).expect(201);
      await t.http.get('/api/auth/me').set('cookie', cookie).expect(200);
    });

    it('every staff route needs a session', async () => {
      await t.http.get('/api/ballots?electionId=ga-2020-general').expect(401);
      await t.http.get('/api/audit/verify').expect(401);
    });

    it('logout ends the session', async () => {
      const login = await t.http.post('/api/auth/login').send({ username: 'fulton.clerk', password: PASSWORD }).expect(200);
      const token = (login.body as { token: string }).token;
      await t.http.post('/api/auth/logout').auth(token, { type: 'bearer' }).expect(204);
      await t.http.get('/api/auth/me').auth(token, { type: 'bearer' }).expect(401);
    });
  });

  describe('ballots', () => {
    it('intake, VERIFY, COUNT: counted in full, with its history and decision', async () => {
      const ballot = await intake(clerk);
      expect(ballot).toMatchObject({ status: 'received.pending', version: 1 });
      await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'VERIFY', expectedVersion: 1 }).expect(201);
      const counted = await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'COUNT', expectedVersion: 2 }).expect(201);
      expect(counted.body).toMatchObject({ status: 'counted', determination: 'full', version: 3 });
      const detail = await t.http.get(`/api/ballots/${ballot.id}`).auth(clerk, { type: 'bearer' }).expect(200);
      expect((detail.body as { history: { event: string }[] }).history.map((h) => h.event)).toEqual(['INTAKE', 'VERIFY', 'COUNT']);
      expect(detail.body).toMatchObject({ decision: { outcome: 'count', determination: 'full' }, availableEvents: [], deadlines: { provisionalCure: { display: 'Fri, Nov 6, 2020, 5:00 PM EST' } } });
    });

    it('twenty simultaneous events on one ballot: one success, nineteen 409s, one audit entry', async () => {
      const ballot = await intake(clerk);
      const before = await t.db.dataSource.getRepository(AuditEntryEntity).count();
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'VERIFY', expectedVersion: 1 })),
      );
      const statuses = responses.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(19);
      expect(await t.db.dataSource.getRepository(AuditEntryEntity).count()).toBe(before + 1);
    });

    it('an event the state refuses: 422 with the accepted events, nothing written', async () => {
      const ballot = await intake(clerk);
      const before = await t.db.dataSource.getRepository(AuditEntryEntity).count();
      const response = await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'COUNT', expectedVersion: 1 }).expect(422);
      expect((response.body as ErrorBody).details).toMatchObject({ acceptedEvents: ['VERIFY', 'REQUEST_CURE', 'PROPOSE_REJECTION', 'HOLD', 'MATCH_VOTER', 'UNMATCH_VOTER'] });
      expect(await t.db.dataSource.getRepository(AuditEntryEntity).count()).toBe(before);
    });

    it('a UOCAVA ballot taken in as a FWAB says so; fwab true on a provisional ballot, or not a boolean, is refused (400) naming the field', async () => {
      const uocava = { kind: 'uocava', precinctId: undefined, issuedReason: undefined, castAt: undefined, uocavaCategory: 'military_overseas', postmarkDate: '2020-11-02', receivedAt: '2020-11-04T10:00:00-05:00' };
      const fwab = await intake(clerk, { ...uocava, fwab: true });
      expect((await t.http.get(`/api/ballots/${fwab.id}`).auth(clerk, { type: 'bearer' }).expect(200)).body).toMatchObject({ ballot: { kind: 'uocava', fwab: true } });
      const plain = await intake(clerk, uocava);
      expect((await t.http.get(`/api/ballots/${plain.id}`).auth(clerk, { type: 'bearer' }).expect(200)).body).toMatchObject({ ballot: { kind: 'uocava', fwab: false } });
      const refused = await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(intakeBody({ fwab: true })).expect(400);
      expect((refused.body as ErrorBody).fields).toEqual([{ field: 'fwab', message: expect.stringMatching(/only for a UOCAVA ballot/) }]);
      const notBoolean = await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(intakeBody({ ...uocava, fwab: 'yes' })).expect(400);
      expect((notBoolean.body as ErrorBody).fields.map((f) => f.field)).toEqual(['fwab']);
      await intake(clerk, { fwab: false });
    });

    it('a clerk of another county can neither read nor change the ballot (404, as if it did not exist)', async () => {
      const ballot = await intake(clerk);
      await t.http.get(`/api/ballots/${ballot.id}`).auth(cobbClerk, { type: 'bearer' }).expect(404);
      await t.http.post(`/api/ballots/${ballot.id}/events`).auth(cobbClerk, { type: 'bearer' }).send({ type: 'VERIFY', expectedVersion: 1 }).expect(404);
      const list = await t.http.get('/api/ballots?electionId=ga-2020-general&limit=200').auth(cobbClerk, { type: 'bearer' }).expect(200);
      expect((list.body as { items: unknown[] }).items).toEqual([]);
      await t.http.post('/api/ballots').auth(cobbClerk, { type: 'bearer' }).send(intakeBody()).expect(403);
    });

    it('the list pages with a cursor and filters by sub-state and text', async () => {
      for (let i = 0; i < 3; i += 1) await intake(supervisor, { lastName: 'Pagingtest' });
      const first = await t.http.get('/api/ballots?electionId=ga-2020-general&text=pagingtest&limit=2').auth(clerk, { type: 'bearer' }).expect(200);
      const page1 = first.body as { items: BallotBody[]; nextCursor: string | null };
      expect(page1.items).toHaveLength(2);
      expect(page1.nextCursor).not.toBeNull();
      const second = await t.http.get(`/api/ballots?electionId=ga-2020-general&text=pagingtest&limit=2&cursor=${page1.nextCursor ?? ''}`).auth(clerk, { type: 'bearer' }).expect(200);
      const page2 = second.body as { items: BallotBody[]; nextCursor: string | null };
      expect(page2.items).toHaveLength(1);
      expect(page2.nextCursor).toBeNull();
      expect(new Set([...page1.items, ...page2.items].map((b) => b.id)).size).toBe(3);
      const pending = await t.http.get('/api/ballots?electionId=ga-2020-general&subState=received.pending&text=pagingtest').auth(clerk, { type: 'bearer' }).expect(200);
      expect((pending.body as { items: BallotBody[] }).items.every((b) => b.status === 'received.pending')).toBe(true);
    });

    it('a supervisor confirms a clerk\'s proposed rejection; the clerk cannot confirm their own', async () => {
      const ballot = await intake(clerk);
      await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'No record found', expectedVersion: 1 }).expect(201);
      const own = await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'CONFIRM_REJECTION', expectedVersion: 2 }).expect(422);
      expect((own.body as ErrorBody).details).toMatchObject({ refusal: 'role_not_permitted' });
      await t.http.post(`/api/ballots/${ballot.id}/events`).auth(supervisor, { type: 'bearer' }).send({ type: 'CONFIRM_REJECTION', expectedVersion: 2 }).expect(201);
    });
  });

  describe('reports and audit', () => {
    it('outstanding by county as JSON and CSV', async () => {
      const json = await t.http.get('/api/reports/outstanding?electionId=ga-2020-general').auth(admin, { type: 'bearer' }).expect(200);
      expect((json.body as { countyCode: string }[]).some((r) => r.countyCode === 'FULTON')).toBe(true);
      const csv = await t.http.get('/api/reports/outstanding?electionId=ga-2020-general&format=csv').auth(admin, { type: 'bearer' }).expect(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
      expect(csv.text.split('\r\n')[0]).toBe('countyCode,countyName,kind,status,cureDeadline,ballots');
    });

    it('the EAVS export of one county as CSV (a file named for it); a county the election does not have is not found; a county code that is not one is refused by field', async () => {
      const csv = await t.http.get('/api/reports/eavs?electionId=ga-2020-general&countyCode=FULTON&format=csv').auth(admin, { type: 'bearer' }).expect(200);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="eavs-ga-2020-general-FULTON.csv"');
      const lines = csv.text.trim().split('\r\n');
      expect(lines[0]).toBe('countyCode,countyName,instrument,section,item,label,description,value,confirmed,source,check');
      expect(lines.slice(1).every((l) => l.startsWith('FULTON,Fulton,EAVS 2020,'))).toBe(true);
      const json = await t.http.get('/api/reports/eavs?electionId=ga-2020-general&countyCode=FULTON').auth(admin, { type: 'bearer' }).expect(200);
      const rows = json.body as { item: string; value: number; check: string; confirmed: string }[];
      const figures = new Map(rows.filter((r) => r.item !== 'check').map((r) => [r.item, r.value]));
      // The election is of 2020: the 2020 instrument's numbers, and its sums checked (none fails on real ballots).
      expect(rows.find((r) => r.item === 'B9a')?.confirmed).toBe('yes');
      expect(rows.filter((r) => r.item === 'check').map((r) => r.check.split(':')[0]).filter((c) => c !== 'holds' && c !== 'open')).toEqual([]);
      expect(figures.get('E1a')).toBeGreaterThan(0);
      expect(figures.get('E1a')).toBe(['E1b', 'E1c', 'E1d', 'E1e'].reduce((n, item) => n + (figures.get(item) ?? 0), 0));
      await t.http.get('/api/reports/eavs?electionId=ga-2020-general&countyCode=NOWHERE').auth(admin, { type: 'bearer' }).expect(404);
      const bad = await t.http.get('/api/reports/eavs?electionId=ga-2020-general&countyCode=%27%3B--').auth(admin, { type: 'bearer' }).expect(400);
      expect((bad.body as ErrorBody).fields.map((f) => f.field)).toContain('countyCode');
    });

    it('certification readiness counts outstanding ballots per county', async () => {
      const response = await t.http.get('/api/reports/certification-readiness?electionId=ga-2020-general').auth(admin, { type: 'bearer' }).expect(200);
      const rows = response.body as { countyCode: string; outstanding: number; ready: boolean }[];
      expect(rows.find((r) => r.countyCode === 'COBB')).toMatchObject({ outstanding: 0, ready: true });
      expect(rows.find((r) => r.countyCode === 'FULTON')?.outstanding).toBeGreaterThan(0);
    });

    it('GET /api/audit/verify: intact, then names an altered row', async () => {
      await expect(t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' }).expect(200).then((r) => r.body as { intact: boolean })).resolves.toMatchObject({ intact: true });
      await t.http.get('/api/audit/verify').auth(clerk, { type: 'bearer' }).expect(403);
      await t.db.dataSource.query(kind === 'postgres' ? 'DROP TRIGGER audit_entries_append_only ON audit_entries' : 'DROP TRIGGER audit_entries_no_update');
      await t.db.dataSource.query(`UPDATE audit_entries SET actor_id = 'forger' WHERE seq = 2`);
      const total = await t.db.dataSource.getRepository(AuditEntryEntity).count();
      const broken = await t.http.get('/api/audit/verify').auth(admin, { type: 'bearer' }).expect(200);
      expect(broken.body).toMatchObject({ intact: false, brokenAt: 2, problem: 'hash_mismatch', total });
    });
  });

  describe('issue 12: staff actions in the audit chain, accounts, county scope', () => {
    const entries = async (event: string) => t.db.dataSource.getRepository(AuditEntryEntity).find({ where: { event }, order: { seq: 'ASC' } });

    it('a report downloaded as CSV is recorded with who took it, which report and county, and the file\'s SHA-256; JSON reads are not', async () => {
      const before = (await entries('REPORT_EXPORTED')).length;
      await t.http.get('/api/reports/outstanding?electionId=ga-2020-general').auth(clerk, { type: 'bearer' }).expect(200);
      const csv = await t.http.get('/api/reports/outstanding?electionId=ga-2020-general&countyCode=FULTON&format=csv').auth(clerk, { type: 'bearer' }).expect(200);
      const recorded = await entries('REPORT_EXPORTED');
      expect(recorded).toHaveLength(before + 1);
      expect(recorded[recorded.length - 1]).toMatchObject({ electionId: 'ga-2020-general', actorRole: 'clerk', payload: { report: 'outstanding', countyCode: 'FULTON', sha256: createHash('sha256').update(csv.text).digest('hex') } });
      const unknown = await t.http.get('/api/reports/turnout?electionId=ga-2020-general').auth(clerk, { type: 'bearer' }).expect(404);
      expect((unknown.body as ErrorBody).message).toMatch(/^no report turnout; there are: outstanding, /);
    });

    it('an administrator changes a role, locks and unlocks an account (PATCH /api/users/:id, POST /api/users/:id/lock, /unlock), each audited; a supervisor may not', async () => {
      const dekalbToken = await t.token('dekalb.clerk', 'clerk', 'DEKALB');
      const users = (await t.http.get('/api/users').auth(admin, { type: 'bearer' }).expect(200)).body as { id: string; username: string; role: string; locked: boolean }[];
      const dekalb = users.find((u) => u.username === 'dekalb.clerk');
      if (dekalb === undefined) throw new Error('no dekalb.clerk');
      await t.http.patch(`/api/users/${dekalb.id}`).auth(supervisor, { type: 'bearer' }).send({ role: 'supervisor', countyCode: 'DEKALB' }).expect(403);
      const refused = await t.http.patch(`/api/users/${dekalb.id}`).auth(admin, { type: 'bearer' }).send({ role: 'supervisor' }).expect(400);
      expect((refused.body as ErrorBody).fields.map((f) => f.field)).toEqual(['countyCode']);
      const changed = await t.http.patch(`/api/users/${dekalb.id}`).auth(admin, { type: 'bearer' }).send({ role: 'supervisor', countyCode: 'DEKALB' }).expect(200);
      expect(changed.body).toMatchObject({ username: 'dekalb.clerk', role: 'supervisor', countyCode: 'DEKALB', locked: false });
      // Wrong passwords lock nothing (issue 13): only an administrator does, on purpose.
      for (let i = 0; i < 3; i += 1) await t.http.post('/api/auth/login').send({ username: 'dekalb.clerk', password: `wrong ${i}` }).expect(401);
      const lockedState = async () => ((await t.http.get('/api/users').auth(admin, { type: 'bearer' }).expect(200)).body as { username: string; locked: boolean }[]).find((u) => u.username === 'dekalb.clerk')?.locked;
      expect(await lockedState()).toBe(false);
      await t.http.post(`/api/users/${dekalb.id}/lock`).auth(supervisor, { type: 'bearer' }).send({}).expect(403);
      const locked = await t.http.post(`/api/users/${dekalb.id}/lock`).auth(admin, { type: 'bearer' }).send({ reason: 'left the office' }).expect(200);
      expect(locked.body).toMatchObject({ username: 'dekalb.clerk', locked: true });
      expect(await lockedState()).toBe(true);
      // Locked: the right password gets what a wrong one gets, and the session in hand stops working.
      const right = await t.http.post('/api/auth/login').send({ username: 'dekalb.clerk', password: PASSWORD }).expect(401);
      const wrong = await t.http.post('/api/auth/login').send({ username: 'dekalb.clerk', password: 'wrong again' }).expect(401);
      expect(right.body).toEqual(wrong.body);
      await t.http.get('/api/auth/me').auth(dekalbToken, { type: 'bearer' }).expect(401);
      const unlocked = await t.http.post(`/api/users/${dekalb.id}/unlock`).auth(admin, { type: 'bearer' }).expect(200);
      expect(unlocked.body).toMatchObject({ locked: false });
      expect(await lockedState()).toBe(false);
      await t.http.post('/api/auth/login').send({ username: 'dekalb.clerk', password: PASSWORD }).expect(200);
      expect((await entries('ROLE_CHANGED')).map((e) => e.payload)).toEqual([{ userId: dekalb.id, username: 'dekalb.clerk', before: { role: 'clerk', countyCode: 'DEKALB' }, after: { role: 'supervisor', countyCode: 'DEKALB' } }]);
      expect((await entries('ACCOUNT_LOCKED')).map((e) => [e.actorRole, e.payload])).toEqual([['admin', { userId: dekalb.id, username: 'dekalb.clerk', by: 'administrator', reason: 'left the office', wasLocked: false }]]);
      expect((await entries('ACCOUNT_UNLOCKED')).map((e) => [e.actorRole, (e.payload as { username: string }).username])).toEqual([['admin', 'dekalb.clerk']]);
    }, 90_000);

    it('an election shows a county clerk their own county only; the list of elections is everyone\'s', async () => {
      const own = (await t.http.get('/api/elections/ga-2020-general').auth(cobbClerk, { type: 'bearer' }).expect(200)).body as { counties: { code: string }[] };
      expect(own.counties.map((c) => c.code)).toEqual(['COBB']);
      const all = (await t.http.get('/api/elections/ga-2020-general').auth(admin, { type: 'bearer' }).expect(200)).body as { counties: { code: string }[] };
      expect(all.counties.map((c) => c.code)).toEqual(['COBB', 'DEKALB', 'FULTON']);
      expect(((await t.http.get('/api/elections').auth(cobbClerk, { type: 'bearer' }).expect(200)).body as { id: string }[]).map((e) => e.id)).toContain('ga-2020-general');
    });

    it('creating an election is audited; a jurisdiction body is refused naming the field by its path', async () => {
      await t.http.post('/api/elections').auth(admin, { type: 'bearer' }).send({ id: 'ga-2020-audited', name: 'Audited', state: 'GA', electionDay: '2020-11-03' }).expect(201);
      expect((await entries('ELECTION_CREATED')).find((e) => e.electionId === 'ga-2020-audited')).toMatchObject({ actorRole: 'admin', payload: { rulePackId: 'GA-2020', timeZone: 'America/New_York' } });
      const bad = await t.http.post('/api/elections/ga-2020-audited/jurisdiction').auth(admin, { type: 'bearer' }).send({ counties: [{ code: 'X', name: 'X' }], districts: [{ id: 'd', kind: 'galactic', name: 'D' }], precincts: [], contests: [] }).expect(400);
      expect((bad.body as ErrorBody).fields.map((f) => f.field)).toEqual(['districts.0.kind']);
    });
  });

  describe('certification', () => {
    it('a county certifies only with nothing outstanding; then its ballots are locked until a court order reopens it', async () => {
      const cobbSupervisor = await t.token('cobb.supervisor', 'supervisor', 'COBB');
      const cobb = { countyCode: 'COBB', precinctId: 'COB-01', claimedVoterId: '2001', lastName: 'Voter2001' };
      const ballot = await intake(admin, cobb);
      const refused = await t.http.post('/api/elections/ga-2020-general/counties/COBB/certify').auth(cobbSupervisor, { type: 'bearer' }).expect(409);
      expect((refused.body as ErrorBody).message).toMatch(/1 outstanding ballot/);
      await t.http.post(`/api/ballots/${ballot.id}/events`).auth(cobbSupervisor, { type: 'bearer' }).send({ type: 'PROPOSE_REJECTION', reason: 'other', note: 'Envelope empty', expectedVersion: 1 }).expect(201);
      await t.http.post('/api/elections/ga-2020-general/counties/FULTON/certify').auth(cobbSupervisor, { type: 'bearer' }).expect(404);
      await t.http.post(`/api/ballots/${ballot.id}/events`).auth(admin, { type: 'bearer' }).send({ type: 'CONFIRM_REJECTION', expectedVersion: 2 }).expect(201);
      await t.http.post('/api/elections/ga-2020-general/counties/COBB/certify').auth(cobbClerk, { type: 'bearer' }).expect(403);
      await t.http.post('/api/elections/ga-2020-general/counties/COBB/certify').auth(cobbSupervisor, { type: 'bearer' }).expect(200);

      const locked = await t.http.post(`/api/ballots/${ballot.id}/events`).auth(cobbSupervisor, { type: 'bearer' }).send({ type: 'REINSTATE', courtOrder: 'Order', expectedVersion: 3 }).expect(422);
      expect((locked.body as ErrorBody).details).toMatchObject({ refusal: 'county_certified' });
      await t.http.post('/api/ballots').auth(admin, { type: 'bearer' }).send(intakeBody(cobb)).expect(409);

      await t.http.post('/api/elections/ga-2020-general/counties/COBB/reopen').auth(cobbSupervisor, { type: 'bearer' }).send({ courtOrder: 'Order' }).expect(403);
      await t.http.post('/api/elections/ga-2020-general/counties/COBB/reopen').auth(admin, { type: 'bearer' }).send({}).expect(400);
      await t.http.post('/api/elections/ga-2020-general/counties/COBB/reopen').auth(admin, { type: 'bearer' }).send({ courtOrder: 'In re Cobb County (illustrative)' }).expect(200);
      await t.http.post(`/api/ballots/${ballot.id}/events`).auth(cobbSupervisor, { type: 'bearer' }).send({ type: 'REINSTATE', courtOrder: 'In re Cobb County (illustrative)', expectedVersion: 3 }).expect(201);
      const events = await t.db.dataSource.query(`SELECT event FROM audit_entries WHERE ballot_id IS NULL AND event IN ('CERTIFY_COUNTY', 'REOPEN_COUNTY') ORDER BY seq`);
      expect((events as { event: string }[]).map((e) => e.event)).toEqual(['CERTIFY_COUNTY', 'REOPEN_COUNTY']);
    });
  });

  describe('restart', () => {
    it('a restart keeps every ballot and audit entry, and sessions', async () => {
      const ballot = await intake(clerk);
      const count = async () => ((await t.http.get('/api/reports/certification-readiness?electionId=ga-2020-general').auth(admin, { type: 'bearer' }).expect(200)).body as { total: number }[]).reduce((n, r) => n + r.total, 0);
      const ballotsBefore = await count();
      const entriesBefore = await t.db.dataSource.getRepository(AuditEntryEntity).count();
      await t.restart();
      expect(await count()).toBe(ballotsBefore);
      expect(await t.db.dataSource.getRepository(AuditEntryEntity).count()).toBe(entriesBefore);
      await t.http.get(`/api/ballots/${ballot.id}`).auth(clerk, { type: 'bearer' }).expect(200);
    });
  });

  describe('OpenAPI', () => {
    it('documents every staff endpoint with its request and response schemas', async () => {
      const doc = (await t.http.get('/api/docs-json').expect(200)).body as {
        paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, { content?: unknown }> }>>;
        components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
      };
      expect(Object.keys(doc.components.schemas['IntakeBallotDto']?.properties ?? {})).toEqual(expect.arrayContaining(['receiptNumber', 'kind', 'dateOfBirth', 'receivedAt']));
      expect(doc.components.schemas['IntakeBallotDto']?.required).toEqual(expect.arrayContaining(['receiptNumber', 'kind']));
      for (const path of ['/api/auth/login', '/api/ballots', '/api/ballots/{id}', '/api/ballots/{id}/events', '/api/reports/{name}', '/api/audit/verify', '/api/elections']) {
        expect(Object.keys(doc.paths)).toContain(path);
      }
      expect(doc.paths['/api/ballots']?.['post']?.requestBody).toBeDefined();
      expect(doc.paths['/api/ballots/{id}/events']?.['post']?.responses['201']?.content).toBeDefined();
      await t.http.get('/api/docs').expect(200);
    });
  });
});
