import { OutboxEntity } from '@app/persistence';
import { startTestApp, type TestApp } from '@test/support/app';
import { testDatabases } from '@test/support/database';
import { startSmtpServer, type TestSmtpServer } from '@test/support/smtp';
import { intakeBodies } from '@test/fixtures/intake-body';

interface BallotBody { id: string; version: number; receiptNumber: string }

const intakeBody = intakeBodies('NOTICE');

async function until(condition: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.each(testDatabases())('the service sends voter notices on its own, on %s', (kind) => {
  let smtp: TestSmtpServer;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    // close() stops each service (once: a second stop would wait for an exit that already happened).
    for (const app of apps) await app.close();
    await smtp?.close();
  });

  async function countedBallot(t: TestApp, contactEmail: string, contactPhone?: string): Promise<BallotBody> {
    const clerk = await t.token('fulton.clerk', 'clerk', 'FULTON');
    const contact = contactPhone === undefined ? { contactEmail } : { contactPhone };
    const ballot = (await t.http.post('/api/ballots').auth(clerk, { type: 'bearer' }).send(intakeBody(contact)).expect(201)).body as BallotBody;
    await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'VERIFY', expectedVersion: 1 }).expect(201);
    await t.http.post(`/api/ballots/${ballot.id}/events`).auth(clerk, { type: 'bearer' }).send({ type: 'COUNT', expectedVersion: 2 }).expect(201);
    return ballot;
  }

  it('with SMTP_URL: a counted ballot\'s notice is emailed within the interval, and the log holds no address', async () => {
    const t = await startTestApp(kind, { SMTP_URL: smtp.url, NOTICE_FROM: 'notices@fulton.example.gov', NOTICE_INTERVAL_SECONDS: '1', PUBLIC_URL: 'https://vote.example.gov' });
    apps.push(t);
    smtp.messages.length = 0;
    const ballot = await countedBallot(t, 'pat.e2e@example.org');
    await until(() => smtp.messages.length >= 1);
    expect(smtp.messages.map((m) => m.subject)).toEqual([`Your provisional ballot ${ballot.receiptNumber} was counted`]);
    await until(async () => (await t.db.dataSource.getRepository(OutboxEntity).findOneByOrFail({ ballotId: ballot.id })).status === 'sent');
    await until(() => t.service.output.join('').includes('voter notice sent'));
    const output = t.service.output.join('');
    expect(output).toContain('voter notices are sent from the outbox');
    expect(output).toContain('voter notice sent');
    expect(output).not.toContain('pat.e2e@example.org');
    expect(output).not.toContain('Peachtree');
    expect(output).toContain('notices:***@127.0.0.1'); // the SMTP password is never logged
    expect(output).not.toContain('secret@');
    expect(smtp.messages).toHaveLength(1);
  }, 90_000);

  it('without SMTP_URL: says once at start that email stays queued; the email waits while a text still goes', async () => {
    // A daytime clock: a text is held for the voter's quiet hours (9 p.m. to 8 a.m.) whatever this test's wall time.
    const t = await startTestApp(kind, { SMTP_URL: '', NOTICE_FROM: '', NOTICE_INTERVAL_SECONDS: '1', CLOCK_AT: '2020-11-05T10:00:00-05:00' });
    apps.push(t);
    smtp.messages.length = 0;
    const ballot = await countedBallot(t, 'queued@example.org');
    const texted = await countedBallot(t, '', '404-555-0142');
    // The text goes through the log provider (no SMS_API_URL) without waiting for a mail server.
    await until(async () => (await t.db.dataSource.getRepository(OutboxEntity).findOneByOrFail({ ballotId: texted.id })).status === 'sent');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const output = t.service.output.join('');
    expect(output.split('voter notices by email stay queued in the outbox')).toHaveLength(2);
    expect(output).not.toContain('555-0142');
    await expect(t.db.dataSource.getRepository(OutboxEntity).findOneByOrFail({ ballotId: ballot.id })).resolves.toMatchObject({ status: 'pending', attempts: 0 });
    expect(smtp.messages).toHaveLength(0);
  }, 90_000);
});
