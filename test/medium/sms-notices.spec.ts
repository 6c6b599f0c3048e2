import type { IntakeInput } from '@app/ballots';
import { NO_DISPATCH, noticeCounts, NoticeDispatcher, receiveDeliveryStatus, receiveInboundMessage, smsProviderFrom, smsSettingsFrom, webhookSignature, type EmailTransport, type SmsSettings } from '@app/notices';
import { NoticeAttemptEntity, OutboxEntity } from '@app/persistence';
import { loadBundledPacks, RulePackRegistry } from '@app/rules';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { startFakeSmsProvider, type FakeSmsProvider } from '@test/support/fake-sms';
import { ADMIN, COBB_CLERK, COBB_SUPERVISOR, FULTON_CLERK, provisionalIntake, seedGeorgia2020, services, TestClock, type Services } from '@test/support/services';

const THURSDAY = Date.UTC(2020, 10, 5, 15); // Thu 5 Nov 2020, 10:00 EST
const THURSDAY_NIGHT = Date.UTC(2020, 10, 6, 4); // Thu 5 Nov 2020, 23:00 EST
const FRIDAY_MORNING = Date.UTC(2020, 10, 6, 13); // Fri 6 Nov 2020, 8:00 EST
const PUBLIC_URL = 'https://vote.fulton.example.gov';
const STATUS_URL = `${PUBLIC_URL}/api/notices/sms/status`;
const INBOUND_URL = `${PUBLIC_URL}/api/notices/sms/inbound`;
const PHONE = '(404) 555-0187';
const E164 = '+14045550187';

const noEmail: EmailTransport = { send: () => Promise.reject(new Error('no email in these tests')), close: () => undefined };

describe.each(testDatabases())('text-message notices through an HTTP SMS provider on %s (medium: real database, fake provider on loopback)', (kind) => {
  let db: TestDatabase;
  let s: Services;
  let fake: FakeSmsProvider;
  let settings: SmsSettings;
  let dispatcher: NoticeDispatcher;
  const clock = new TestClock(THURSDAY);
  const log: Readonly<Record<string, unknown>>[] = [];

  const noticeOf = (ballotId: string) => db.dataSource.getRepository(OutboxEntity).findOneByOrFail({ ballotId });
  const attemptsOf = (outboxId: string) => db.dataSource.getRepository(NoticeAttemptEntity).find({ where: { outboxId }, order: { attemptedAt: 'ASC' } });
  const signed = (url: string, params: Record<string, string>) => ({ url, params, signature: webhookSignature(fake.authToken, url, params, 'sha1'), now: clock.current });

  async function counted(overrides: Partial<IntakeInput> = {}) {
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake({ contactPhone: PHONE, ...overrides }));
    await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'VERIFY' }, 1);
    await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'COUNT' }, 2);
    return ballot;
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedGeorgia2020(db.dataSource);
    s = services(db.dataSource, THURSDAY);
    fake = await startFakeSmsProvider();
    settings = smsSettingsFrom({ SMS_API_URL: fake.url, SMS_ACCOUNT_ID: fake.accountId, SMS_AUTH_TOKEN: fake.authToken, SMS_FROM: '+14045550100', SMS_STATUS_CALLBACK_URL: STATUS_URL, SMS_TIMEOUT_SECONDS: '2' });
    dispatcher = new NoticeDispatcher(s.stores, { email: noEmail, sms: smsProviderFrom(settings, (l) => log.push(l)) }, clock, { publicUrl: PUBLIC_URL, log: (l) => log.push(l) });
  });

  afterAll(async () => {
    await fake?.close();
    await db?.destroy();
  });

  afterEach(async () => {
    // Leave nothing due for the next test.
    clock.current = THURSDAY + 3 * 86_400_000 + 3_600_000 * 5;
    await dispatcher.runOnce();
    clock.current = THURSDAY;
    fake.messages.length = 0;
  });

  it('accepted: one text with the notice id as idempotency key, the provider\'s message id recorded, and a delivered callback noted', async () => {
    const ballot = await counted();
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...NO_DISPATCH, sent: 1 });
    const row = await noticeOf(ballot.id);
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]).toMatchObject({ to: E164, from: '+14045550100', idempotencyKey: row.id, statusCallback: STATUS_URL });
    expect(fake.messages[0]?.body).toContain(ballot.receiptNumber);
    expect(row).toMatchObject({ status: 'sent', channel: 'sms', providerMessageId: fake.messages[0]?.id, deliveryStatus: 'in_transit' });
    await expect(receiveDeliveryStatus(s.stores, settings, signed(STATUS_URL, { MessageSid: row.providerMessageId ?? '', MessageStatus: 'delivered' }), () => undefined)).resolves.toEqual({ known: true, outboxId: row.id, movedToLetters: false });
    await expect(noticeOf(ballot.id)).resolves.toMatchObject({ status: 'sent', deliveryStatus: 'delivered' });
    expect(JSON.stringify(log)).not.toMatch(/555-?0187|4045550187/);
  });

  it('a text the carrier could not deliver (signed callback) goes onto the letter list with the reason; a wrong signature changes nothing', async () => {
    const ballot = await counted();
    await dispatcher.runOnce();
    const row = await noticeOf(ballot.id);
    const params = { MessageSid: row.providerMessageId ?? '', MessageStatus: 'undelivered', ErrorCode: '30003' };
    await expect(receiveDeliveryStatus(s.stores, settings, { ...signed(STATUS_URL, params), signature: webhookSignature('not-the-token-at-all', STATUS_URL, params, 'sha1') }, () => undefined)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(receiveDeliveryStatus(s.stores, settings, { ...signed(STATUS_URL, params), signature: undefined }, () => undefined)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(noticeOf(ballot.id)).resolves.toMatchObject({ status: 'sent' });
    await expect(receiveDeliveryStatus(s.stores, settings, signed(STATUS_URL, params), () => undefined)).resolves.toMatchObject({ movedToLetters: true });
    const after = await noticeOf(ballot.id);
    expect(after).toMatchObject({ status: 'letter', channel: 'letter', deliveryStatus: 'undelivered' });
    expect(after.endReason).toBe('text message not delivered: the provider says undelivered (error 30003)');
  });

  it('a rejected number: no retry, straight onto the letter list with the reason', async () => {
    fake.answerNext('reject_number');
    const ballot = await counted();
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...NO_DISPATCH, failed: 1 });
    const row = await noticeOf(ballot.id);
    expect(row).toMatchObject({ status: 'letter', channel: 'letter', attempts: 1 });
    expect(row.endReason).toMatch(/^text message failed for good after 1 attempt: .*not a valid phone number/);
    expect(row.endReason).not.toMatch(/555-?0187|4045550187/);
    expect(fake.messages).toHaveLength(0);
  });

  it('rate limited (429, Retry-After 600): tried again no sooner than told; provider down: the usual back-off', async () => {
    fake.answerNext('rate_limit', 1, '600');
    const limited = await counted();
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...NO_DISPATCH, retried: 1 });
    await expect(noticeOf(limited.id)).resolves.toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: THURSDAY + 600_000 });
    fake.answerNext('down');
    clock.current = THURSDAY + 600_000;
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...NO_DISPATCH, retried: 1 });
    await expect(noticeOf(limited.id)).resolves.toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: THURSDAY + 600_000 + 120_000 });
    clock.current = THURSDAY + 720_000;
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...NO_DISPATCH, sent: 1 });
    expect(fake.messages).toHaveLength(1);
    const row = await noticeOf(limited.id);
    await expect(attemptsOf(row.id)).resolves.toMatchObject([{ outcome: 'failed' }, { outcome: 'failed' }, { outcome: 'sent' }]);
  });

  it('the provider took the text but the answer was lost: the retry carries the same key, and the voter gets one text', async () => {
    fake.answerNext('accept_then_drop');
    const ballot = await counted();
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...NO_DISPATCH, retried: 1 });
    clock.current = THURSDAY + 60_000;
    const replays = fake.replays();
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...NO_DISPATCH, sent: 1 });
    expect(fake.replays()).toBe(replays + 1);
    expect(fake.messages).toHaveLength(1);
    await expect(noticeOf(ballot.id)).resolves.toMatchObject({ status: 'sent', providerMessageId: fake.messages[0]?.id });
  });

  it('quiet hours: at 11 p.m. where the voter is, the text waits for 8 a.m.', async () => {
    const ballot = await counted();
    clock.current = THURSDAY_NIGHT;
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...NO_DISPATCH, deferred: 1 });
    await expect(noticeOf(ballot.id)).resolves.toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: FRIDAY_MORNING });
    expect(fake.messages).toHaveLength(0);
    clock.current = FRIDAY_MORNING - 1;
    await expect(dispatcher.runOnce()).resolves.toEqual(NO_DISPATCH);
    clock.current = FRIDAY_MORNING;
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...NO_DISPATCH, sent: 1 });
  });

  it('quiet hours are the county\'s own: a county the rule pack puts in Central time is texted at 9:30 p.m. Eastern (8:30 p.m. there)', async () => {
    // A pack like GA-2020 whose FULTON keeps Central time (countyTimeZones): the zone the county's deadlines use.
    const ga = loadBundledPacks().get('GA-2020');
    if (ga === undefined) throw new Error('GA-2020 is bundled');
    const packs = new RulePackRegistry([{ ...ga, countyTimeZones: { source: ga.sources[0]?.citation ?? 'test', zones: { FULTON: 'America/Chicago' } } }]);
    const central = new NoticeDispatcher(s.stores, { email: noEmail, sms: smsProviderFrom(settings, (l) => log.push(l)) }, clock, { publicUrl: PUBLIC_URL, log: (l) => log.push(l), packs });
    const evening = Date.UTC(2020, 10, 6, 2, 30); // Thu 5 Nov 2020, 21:30 EST = 20:30 CST
    const ballot = await counted();
    clock.current = evening;
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...NO_DISPATCH, deferred: 1 }); // by the election's zone it is quiet
    await expect(noticeOf(ballot.id)).resolves.toMatchObject({ status: 'pending', nextAttemptAt: FRIDAY_MORNING });
    const other = await counted();
    await expect(central.runOnce()).resolves.toEqual({ ...NO_DISPATCH, sent: 1 });
    await expect(noticeOf(other.id)).resolves.toMatchObject({ status: 'sent' });
  });

  it('STOP by text: that number gets no more texts (its notices go by mail); START lifts it', async () => {
    await expect(receiveInboundMessage(s.stores, settings, { ...signed(INBOUND_URL, { From: E164, Body: 'stop' }), signature: 'AAAA' }, () => undefined)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(receiveInboundMessage(s.stores, settings, signed(INBOUND_URL, { From: E164, To: '+14045550100', Body: ' Stop ' }), (l) => log.push(l))).resolves.toBe('opted_out');
    const stopped = await counted();
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...NO_DISPATCH, letters: 1 });
    await expect(noticeOf(stopped.id)).resolves.toMatchObject({ status: 'letter', endReason: 'the voter replied STOP to text messages' });
    expect(fake.messages).toHaveLength(0);

    await expect(receiveInboundMessage(s.stores, settings, signed(INBOUND_URL, { From: E164, Body: 'START' }), (l) => log.push(l))).resolves.toBe('opted_in');
    const again = await counted();
    await expect(dispatcher.runOnce()).resolves.toEqual({ ...NO_DISPATCH, sent: 1 });
    await expect(noticeOf(again.id)).resolves.toMatchObject({ status: 'sent' });
    expect(JSON.stringify(log)).not.toMatch(/555-?0187|4045550187/);
  });

  it('per-county counts for the console: queued, sent, failed, mailed and bounced, each county seeing its own', async () => {
    const cobb = async (contactPhone: string | null) => {
      const ballot = await s.intake.intake(COBB_CLERK, provisionalIntake({ countyCode: 'COBB', precinctId: 'COB-01', claimedVoterId: '2001', contactPhone }));
      await s.transitions.apply(COBB_CLERK, ballot.id, { type: 'VERIFY' }, 1);
      await s.transitions.apply(COBB_CLERK, ballot.id, { type: 'COUNT' }, 2);
      await dispatcher.runOnce();
      return ballot;
    };
    await cobb('770-555-0101'); // sent
    const bounced = await cobb('770-555-0102');
    const row = await noticeOf(bounced.id);
    await receiveDeliveryStatus(s.stores, settings, signed(STATUS_URL, { MessageSid: row.providerMessageId ?? '', MessageStatus: 'undelivered', ErrorCode: '30005' }), () => undefined);
    await cobb(null); // mailed: no contact
    fake.answerNext('down');
    await cobb('770-555-0104'); // queued: to be tried again

    const counts = await noticeCounts(s.stores, ADMIN, 'ga-2020-general');
    expect(counts.find((c) => c.countyCode === 'COBB')).toEqual({ countyCode: 'COBB', queued: 1, sent: 1, failed: 0, mailed: 2, bounced: 1, superseded: 0 });
    expect(counts.find((c) => c.countyCode === 'FULTON')?.sent).toBeGreaterThan(0);
    await expect(noticeCounts(s.stores, COBB_SUPERVISOR, 'ga-2020-general')).resolves.toEqual([counts.find((c) => c.countyCode === 'COBB')]);
    await expect(noticeCounts(s.stores, FULTON_CLERK, 'ga-2020-general')).resolves.toEqual([counts.find((c) => c.countyCode === 'FULTON')]);
  });
});
