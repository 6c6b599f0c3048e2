import { testDatabases } from '@test/support/database';
import { startTestApp, type TestApp } from '@test/support/app';
import { intakeBodies } from '@test/fixtures/intake-body';

/**
 * Issue 13, section 7: a stranger's wrong dates of birth cannot keep a voter from their own ballot
 * for long. Failures count per (receipt, client) for the whole window and per receipt only up to
 * a short rest (2 s here). Behind one trusted proxy, each request says its address.
 */
const DOB = '1980-02-29';
const intakeBody = intakeBodies('LIMITS');

describe.each(testDatabases())('portal limits on %s', (kind) => {
  let t: TestApp;
  let clerk: string;

  beforeAll(async () => {
    t = await startTestApp(kind, {
      CLOCK_AT: '2020-11-04T10:00:00-05:00',
      TRUST_PROXY: '1',
      PORTAL_LOOKUPS_PER_CLIENT: '100',
      PORTAL_FAILURES_PER_RECEIPT_CLIENT: '3',
      PORTAL_FAILURES_PER_RECEIPT: '6',
      PORTAL_RECEIPT_REST_SECONDS: '2',
    });
    clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
  }, 90_000);
  afterAll(async () => t.close());

  const receipt = async () => ((await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(intakeBody({ dateOfBirth: DOB })).expect(201)).body as { receiptNumber: string }).receiptNumber;
  const lookup = (from: string, receiptNumber: string, dateOfBirth: string) => t.http.post('/api/portal/lookup').set('X-Forwarded-For', from).send({ receiptNumber, dateOfBirth });

  it('one stranger\'s failures stop that stranger for the window; the voter, elsewhere, is not stopped at all', async () => {
    const mine = await receipt();
    for (const day of ['01', '02', '03']) await lookup('203.0.113.5', mine, `1970-01-${day}`).expect(404);
    const stopped = await lookup('203.0.113.5', mine, DOB).expect(429);
    expect(Number(stopped.headers['retry-after'])).toBeGreaterThan(60);
    await lookup('198.51.100.20', mine, DOB).expect(200);
  });

  it('strangers at many addresses rest the receipt for everyone, but only for the short rest; then the voter gets in', async () => {
    const mine = await receipt();
    for (let i = 0; i < 6; i += 1) await lookup(`203.0.113.${100 + i}`, mine, `1970-02-0${i + 1}`).expect(404);
    const resting = await lookup('198.51.100.21', mine, DOB).expect(429);
    expect(Number(resting.headers['retry-after'])).toBeLessThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 2_200));
    await lookup('198.51.100.21', mine, DOB).expect(200);
  });
});
