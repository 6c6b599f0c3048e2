import request from 'supertest';
import { testDatabases } from '@test/support/database';
import { PASSWORD, startTestApp, type RunningService, type TestApp } from '@test/support/app';
import { intakeBodies } from '@test/fixtures/intake-body';

/**
 * Issue 13, section 7: two service processes on one PostgreSQL database draw on one count. Each
 * request goes to the other instance in turn, so per-process counts would allow twice the limit.
 */
// Several instances need PostgreSQL; jest.config.js leaves this file out when TEST_DATABASES excludes it.
const kinds = testDatabases().filter((k) => k === 'postgres');

const DOB = '1980-02-29';
const intakeBody = intakeBodies('TWOLIM');

describe.each(kinds)('limits across two instances on one %s database', (kind) => {
  let t: TestApp;
  let second: RunningService;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      CLOCK_AT: '2020-11-04T10:00:00-05:00',
      TRUST_PROXY: '1',
      SIGN_IN_FAILURES_PER_ACCOUNT_ADDRESS: '4',
      SIGN_IN_FIRST_DELAY_SECONDS: '60',
      PORTAL_LOOKUPS_PER_CLIENT: '6',
      PORTAL_FAILURES_PER_RECEIPT_CLIENT: '100',
      PORTAL_FAILURES_PER_RECEIPT: '4',
      PORTAL_RECEIPT_REST_SECONDS: '120',
    });
    second = await t.startAnother();
    await t.token('fulton.supervisor', 'supervisor', 'FULTON');
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await t?.close();
  });

  /** The first instance for even tries, the second for odd ones. */
  const via = (i: number) => (i % 2 === 0 ? t.http : request(second.url));

  it('the sign-in throttle: four free failures in all, not four per instance; then both instances make the stranger wait', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await via(i).post('/api/auth/login').set('X-Forwarded-For', '203.0.113.9').send({ username: 'fulton.supervisor', password: `guess ${i}` })).status);
    // Four free, the fifth let through by the first wait's gate, then every try waits, on either instance.
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    await via(1).post('/api/auth/login').set('X-Forwarded-For', '198.51.100.30').send({ username: 'fulton.supervisor', password: PASSWORD }).expect(200);
  }, 90_000);

  it('the portal\'s per-client limit: six lookups in all from one client, across both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i += 1) statuses.push((await via(i).post('/api/portal/lookup').set('X-Forwarded-For', '203.0.113.10').send({ receiptNumber: `NO-SUCH-${i}`, dateOfBirth: DOB })).status);
    expect(statuses).toEqual([404, 404, 404, 404, 404, 404, 429, 429]);
  });

  it('the portal\'s per-receipt count: failures through both instances add up to one rest', async () => {
    const clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
    const ballot = (await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(intakeBody({ dateOfBirth: DOB })).expect(201)).body as { receiptNumber: string };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await via(i).post('/api/portal/lookup').set('X-Forwarded-For', `203.0.113.${50 + i}`).send({ receiptNumber: ballot.receiptNumber, dateOfBirth: `1970-03-0${i + 1}` })).status);
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
    const resting = await via(1).post('/api/portal/lookup').set('X-Forwarded-For', '198.51.100.31').send({ receiptNumber: ballot.receiptNumber, dateOfBirth: DOB }).expect(429);
    expect(Number(resting.headers['retry-after'])).toBeLessThanOrEqual(120);
  });
});
