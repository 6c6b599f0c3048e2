import { OutboxEntity, SmsOptOutEntity } from '@app/persistence';
import { webhookSignature } from '@app/notices';
import { startTestApp, type TestApp } from '@test/support/app';
import { testDatabases } from '@test/support/database';
import { startFakeSmsProvider, type FakeSmsProvider } from '@test/support/fake-sms';
import { startSmtpServer, type TestSmtpServer } from '@test/support/smtp';
import { intakeBodies } from '@test/fixtures/intake-body';

interface BallotBody { id: string; version: number; receiptNumber: string }

const intakeBody = intakeBodies('SMSHOOK');
const PUBLIC_URL = 'https://vote.example.gov';

async function until(condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(testDatabases())('notice delivery wired into the service (SMS provider, webhooks, holds), on %s', (kind) => {
  let smtp: TestSmtpServer;
  let fake: FakeSmsProvider;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    fake = await startFakeSmsProvider();
    t = await startTestApp(kind, {
      SMTP_URL: smtp.url,
      NOTICE_FROM: 'notices@fulton.example.gov',
      NOTICE_INTERVAL_SECONDS: '1',
      PUBLIC_URL,
      CLOCK_AT: '2020-11-05T10:00:00-05:00',
      SMS_API_URL: fake.url,
      SMS_ACCOUNT_ID: fake.accountId,
      SMS_AUTH_TOKEN: fake.authToken,
      SMS_FROM: '+14045550100',
    });
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await fake?.close();
    await smtp?.close();
  });

  const post = (path: string, form: Record<string, string>, signature?: string) => {
    const call = t.http.post(path).type('form').send(form);
    return signature === undefined ? call : call.set('X-Twilio-Signature', signature);
  };
  const sign = (path: string, form: Record<string, string>) => webhookSignature(fake.authToken, `${PUBLIC_URL}${path}`, form, 'sha1');

  it('texts through the provider, takes its signed delivery status, refuses unsigned callbacks, and honours STOP', async () => {
    const clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
    const ballot = (await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(intakeBody({ contactPhone: '404-555-0142' })).expect(201)).body as BallotBody;
    await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'VERIFY', expectedVersion: 1 }).expect(201);
    await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'COUNT', expectedVersion: 2 }).expect(201);
    await until(() => fake.messages.length >= 1);
    const outbox = t.db.dataSource.getRepository(OutboxEntity);
    await until(async () => (await outbox.findOneByOrFail({ ballotId: ballot.id })).status === 'sent');
    const row = await outbox.findOneByOrFail({ ballotId: ballot.id });
    expect(fake.messages[0]).toMatchObject({ to: '+14045550142', idempotencyKey: row.id });
    expect(row.providerMessageId).toBe(fake.messages[0]?.id);

    const status = '/api/notices/sms/status';
    const delivered = { MessageSid: row.providerMessageId ?? '', MessageStatus: 'delivered' };
    await post(status, delivered).expect(403);
    await post(status, delivered, 'bm90IHRoZSBzaWduYXR1cmU=').expect(403);
    await post(status, delivered, sign(status, delivered)).expect(204);
    await expect(outbox.findOneByOrFail({ ballotId: ballot.id })).resolves.toMatchObject({ deliveryStatus: 'delivered' });
    const noSid = { MessageStatus: 'delivered' };
    const bad = await post(status, noSid, sign(status, noSid)).expect(400);
    expect(JSON.stringify(bad.body)).toContain('MessageSid');

    const inbound = '/api/notices/sms/inbound';
    const stop = { From: '+14045550142', To: '+14045550100', Body: 'STOP' };
    await post(inbound, stop).expect(403);
    await post(inbound, stop, sign(inbound, stop)).expect(204);
    await expect(t.db.dataSource.getRepository(SmsOptOutEntity).findOneByOrFail({ phone: '+14045550142' })).resolves.toMatchObject({ keyword: 'STOP' });
    expect(t.service.output.join('')).not.toMatch(/555-?0142|4045550142/);

    // The console's dashboard counts it, for the county.
    const dashboard = await t.http.get('/console/dashboard?election=ga-2020-general').auth(clerk, { type: 'bearer' }).expect(200);
    const table = /<table[^>]*id="notice-counts"[\s\S]*?<\/table>/.exec(dashboard.text)?.[0] ?? '';
    expect(table).toContain('Voter notices per county');
    expect(table.replace(/\s+/g, ' ')).toMatch(/<th scope="row">Fulton<\/th><td class="text-right">0<\/td><td class="text-right">1<\/td>/);
  }, 90_000);

  it('a supervisor holds a county\'s notices over the API, sees the hold, and releases it; a clerk may not; bad input names the field', async () => {
    const supervisor = await t.token('fulton.supervisor', 'supervisor', 'FULTON');
    const clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
    const body = { electionId: 'ga-2020-general', countyCode: 'FULTON', reason: 'checking the roll import' };
    await t.http.post('/api/notices/holds').auth(clerk, { type: 'bearer' }).send(body).expect(403);
    const missing = await t.http.post('/api/notices/holds').auth(supervisor, { type: 'bearer' }).send({ electionId: 'ga-2020-general', countyCode: 'FULTON' }).expect(400);
    expect(JSON.stringify(missing.body)).toContain('reason');
    await t.http.post('/api/notices/holds').auth(supervisor, { type: 'bearer' }).send({ ...body, countyCode: 'COBB' }).expect(404);
    const held = await t.http.post('/api/notices/holds').auth(supervisor, { type: 'bearer' }).send(body).expect(201);
    expect(held.body).toMatchObject({ countyCode: 'FULTON', reason: 'checking the roll import' });
    await t.http.post('/api/notices/holds').auth(supervisor, { type: 'bearer' }).send(body).expect(409);
    const list = await t.http.get('/api/notices/holds?electionId=ga-2020-general').auth(supervisor, { type: 'bearer' }).expect(200);
    expect(list.body).toMatchObject([{ countyCode: 'FULTON', reason: 'checking the roll import' }]);
    await t.http.delete('/api/notices/holds/ga-2020-general/FULTON').auth(supervisor, { type: 'bearer' }).expect(200);
    await t.http.delete('/api/notices/holds/ga-2020-general/FULTON').auth(supervisor, { type: 'bearer' }).expect(404);
    await expect(t.http.get('/api/notices/holds?electionId=ga-2020-general').auth(supervisor, { type: 'bearer' }).expect(200).then((r): unknown => r.body)).resolves.toEqual([]);
  }, 60_000);
});
