import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { GEORGIA_BUNDLE } from '@test/fixtures/jurisdiction';
import { intakeBodies, NEEDS_ID_CURE } from '@test/fixtures/intake-body';
import { startTestApp, type RunningService, type TestApp } from '@test/support/app';
import { cliEnv, runCli } from '@test/support/cli';
import { testDatabases } from '@test/support/database';

/**
 * Issue 12: rules that cannot go stale. Each service instance caches an election's rules and checks
 * their version on every use; a jurisdiction import, a court order or a county's hours bumps the
 * version in the same transaction. Three processes on one PostgreSQL database: two service
 * instances whose caches are warm, and the CLI. What one changes, the others show at once.
 */
const kinds = testDatabases().filter((k) => k === 'postgres');
const intakeBody = intakeBodies('VER');
const CLOCK_AT = '2020-11-05T10:00:00-05:00';

interface PortalView {
  action?: { deadline?: { at: string } };
  office?: { phone: string | null; name: string };
}

describe.each(kinds)('the rules version across processes on %s', (kind) => {
  let t: TestApp;
  let second: RunningService;
  let clerk: string;
  let admin: string;
  let receiptNumber: string;

  beforeAll(async () => {
    t = await startTestApp(kind, { CLOCK_AT, SWEEP_INTERVAL_SECONDS: '0' });
    second = await t.startAnother();
    clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
    admin = await t.token('state.admin', 'admin');
    const ballot = (await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(intakeBody(NEEDS_ID_CURE)).expect(201)).body as { id: string; receiptNumber: string };
    await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'REQUEST_CURE', cureReason: 'id_required', expectedVersion: 1 }).expect(201);
    receiptNumber = ballot.receiptNumber;
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await t?.close();
  });

  /** The voter's portal view, through each instance. */
  const views = async (): Promise<PortalView[]> =>
    Promise.all([t.http, request(second.url)].map(async (http) => (await http.post('/api/portal/lookup').send({ receiptNumber, dateOfBirth: '1980-02-29' }).expect(200)).body as PortalView));

  it('both caches warm; a jurisdiction import by the CLI is shown by both instances at once', async () => {
    expect((await views()).map((v) => v.office?.phone ?? null)).toEqual([null, null]);
    const dir = mkdtempSync(join(tmpdir(), 'rules-version-'));
    const bundle = { ...GEORGIA_BUNDLE, counties: GEORGIA_BUNDLE.counties.map((c) => (c.code === 'FULTON' ? { ...c, office: { name: 'Fulton County Registration and Elections', address: '5600 Campbellton Fairburn Rd, Fairburn, GA 30213', hours: 'Monday to Friday, 8:00 AM to 5:00 PM', phone: '(404) 555-0100' } } : c)) };
    writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
    const imported = await runCli(['import', 'jurisdiction', join(dir, 'bundle.json'), '--election', 'ga-2020-general'], cliEnv(t.db, { DATA_DIR: t.dataDir, CLOCK_AT: '' }));
    expect(imported.code).toBe(0);
    expect((await views()).map((v) => v.office?.phone ?? null)).toEqual(['(404) 555-0100', '(404) 555-0100']);
  });

  it('a court order recorded through one instance moves the deadline the other shows, at once', async () => {
    expect((await views()).map((v) => v.action?.deadline?.at)).toEqual(['2020-11-06T22:00:00.000Z', '2020-11-06T22:00:00.000Z']);
    const before = ((await t.http.get('/api/elections/ga-2020-general').auth(admin, { type: 'bearer' }).expect(200)).body as { rulesVersion: number }).rulesVersion;
    await request(second.url)
      .post('/api/elections/ga-2020-general/court-orders')
      .auth(admin, { type: 'bearer' })
      .send({ citation: 'Fulton County Superior Court, No. 2020CV000002', deadline: 'provisionalCure', extendedTo: '2020-11-09T17:00' })
      .expect(201);
    expect((await views()).map((v) => v.action?.deadline?.at)).toEqual(['2020-11-09T22:00:00.000Z', '2020-11-09T22:00:00.000Z']);
    const after = (await t.http.get('/api/elections/ga-2020-general').auth(admin, { type: 'bearer' }).expect(200)).body as { rulesVersion: number; counties: { code: string; deadlines: { name: string; courtOrder: string | null }[] }[] };
    expect(after.rulesVersion).toBe(before + 1);
    expect(after.counties.find((c) => c.code === 'FULTON')?.deadlines.find((d) => d.name === 'provisionalCure')?.courtOrder).toBe('Fulton County Superior Court, No. 2020CV000002');
  });
});
