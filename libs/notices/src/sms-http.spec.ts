import { inspect } from 'node:util';
import { startFakeSmsProvider, type FakeSmsProvider } from '@test/support/fake-sms';
import { classOf, HttpSmsProvider, retryAfterMs, SmsSendError, toE164, type HttpSmsOptions, type SmsSendOutcome } from './sms-http';

const VOTER_PHONE = '(404) 555-0187';
const VOTER_E164 = '+14045550187';
const TEXT = 'Fulton County Registration and Elections: your provisional ballot GA20-P-000123 was counted. Thank you for voting.';

describe('the HTTP text-message provider, against a fake provider on loopback', () => {
  let fake: FakeSmsProvider;
  beforeEach(async () => {
    fake = await startFakeSmsProvider();
  });
  afterEach(async () => {
    await fake.close();
  });

  const options = (overrides: Partial<HttpSmsOptions> = {}): HttpSmsOptions => ({
    url: fake.url,
    accountId: fake.accountId,
    authToken: fake.authToken,
    sender: { kind: 'from', from: '+14045550100' },
    statusCallbackUrl: 'https://vote.example.gov/api/sms/status',
    timeoutMs: 2_000,
    ...overrides,
  });
  const message = (outboxId = 'outbox-1') => ({ outboxId, to: VOTER_PHONE, text: TEXT });

  it('accepted: the form, the credentials and the idempotency key reach the provider; its id and status come back', async () => {
    const outcome = await new HttpSmsProvider(options()).submit(message());
    expect(outcome).toMatchObject({ kind: 'accepted', providerMessageId: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: 'queued' });
    expect(fake.messages).toEqual([
      { id: outcome.kind === 'accepted' ? outcome.providerMessageId : '', to: VOTER_E164, from: '+14045550100', messagingServiceSid: null, body: TEXT, statusCallback: 'https://vote.example.gov/api/sms/status', idempotencyKey: 'outbox-1' },
    ]);
  });

  it('sends through a messaging service when one is configured instead of a number', async () => {
    const outcome = await new HttpSmsProvider(options({ sender: { kind: 'messaging_service', serviceId: 'MG0123456789' }, statusCallbackUrl: null })).submit(message());
    expect(outcome.kind).toBe('accepted');
    expect(fake.messages[0]).toMatchObject({ from: null, messagingServiceSid: 'MG0123456789', statusCallback: null });
  });

  it('send() answers the interface with the provider id in the receipt', async () => {
    const receipt = await new HttpSmsProvider(options()).send(message());
    expect(receipt).toEqual({ detail: expect.stringMatching(/^accepted by the SMS provider \(HTTP 201, message SM/), providerMessageId: fake.messages[0]?.id });
  });

  it.each([
    ['an invalid number', 'reject_number', '21211'],
    ['a number that replied STOP', 'opted_out', '21610'],
  ] as const)('rejected number (%s): permanent, for the mailed-letter list; neither the number nor the text is repeated', async (_name, answer, code) => {
    fake.answerNext(answer);
    const provider = new HttpSmsProvider(options());
    const outcome = await provider.submit(message());
    expect(outcome).toMatchObject({ kind: 'rejected_number', code });
    expect(JSON.stringify(outcome)).not.toMatch(/555|0187|counted/);
    fake.answerNext(answer);
    const thrown = await provider.send(message('outbox-2')).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(SmsSendError);
    expect(thrown).toMatchObject({ permanent: true, outcome: { kind: 'rejected_number' } });
    expect((thrown as Error).message).not.toMatch(/555|0187/);
    expect(fake.messages).toEqual([]);
  });

  it('a number that cannot be a text-message number is rejected without asking the provider', async () => {
    const outcome = await new HttpSmsProvider(options()).submit({ ...message(), to: '555-0187' });
    expect(outcome).toMatchObject({ kind: 'rejected_number', code: null });
    expect(fake.requests()).toBe(0);
  });

  it('rate limited: 429 with Retry-After in seconds means retry no sooner', async () => {
    fake.answerNext('rate_limit', 1, '45');
    await expect(new HttpSmsProvider(options()).submit(message())).resolves.toMatchObject({ kind: 'rate_limited', retryAfterMs: 45_000 });
  });

  it('rate limited: Retry-After as a date is measured from the answer\u2019s own Date', async () => {
    fake.answerNext('rate_limit', 1, new Date(Date.now() + 120_000).toUTCString());
    const outcome = await new HttpSmsProvider(options()).submit(message());
    expect(outcome.kind).toBe('rate_limited');
    expect(outcome.kind === 'rate_limited' && outcome.retryAfterMs).toBeGreaterThanOrEqual(118_000);
    expect(outcome.kind === 'rate_limited' && outcome.retryAfterMs).toBeLessThanOrEqual(121_000);
  });

  it('rate limited without Retry-After: a minute', async () => {
    fake.answerNext('rate_limit', 1, '');
    await expect(new HttpSmsProvider(options()).submit(message())).resolves.toMatchObject({ kind: 'rate_limited', retryAfterMs: 60_000 });
  });

  it.each([
    ['500', 'down', null],
    ['503 with Retry-After', 'unavailable', 30_000],
    ['the connection closed before an answer', 'drop', null],
  ] as const)('provider down (%s): retry', async (_name, answer, wait) => {
    fake.answerNext(answer);
    const outcome = await new HttpSmsProvider(options()).submit(message());
    expect(outcome).toMatchObject({ kind: 'provider_down', retryAfterMs: wait });
    expect(fake.messages).toEqual([]);
  });

  it('provider down: no answer within the timeout', async () => {
    fake.answerNext('hang');
    const started = Date.now();
    const outcome = await new HttpSmsProvider(options({ timeoutMs: 300 })).submit(message());
    expect(outcome).toEqual({ kind: 'provider_down', retryAfterMs: null, detail: 'no answer from the SMS provider within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('provider down: nothing listening', async () => {
    const url = fake.url;
    await fake.close();
    const outcome = await new HttpSmsProvider(options({ url })).submit(message());
    expect(outcome).toEqual({ kind: 'provider_down', retryAfterMs: null, detail: 'could not reach the SMS provider (ECONNREFUSED)' });
    fake = await startFakeSmsProvider();
  });

  it('a retry after the answer was lost is the same message: the provider deduplicates on the outbox id', async () => {
    fake.answerNext('accept_then_drop');
    const provider = new HttpSmsProvider(options());
    const first = await provider.submit(message('outbox-7'));
    expect(first.kind).toBe('provider_down');
    const retry = await provider.submit(message('outbox-7'));
    expect(retry).toMatchObject({ kind: 'accepted', providerMessageId: fake.messages[0]?.id });
    expect(fake.messages).toHaveLength(1);
    expect(fake.replays()).toBe(1);
    await expect(provider.submit(message('outbox-8'))).resolves.toMatchObject({ kind: 'accepted' });
    expect(fake.messages.map((m) => m.idempotencyKey)).toEqual(['outbox-7', 'outbox-8']);
  });

  it('wrong credentials are refused, not blamed on the number, and the token is never shown', async () => {
    const provider = new HttpSmsProvider(options({ authToken: 'a-wrong-token-999999' }));
    const outcome = await provider.submit(message());
    expect(outcome).toMatchObject({ kind: 'refused', httpStatus: 401, code: '20003' });
    const thrown = await provider.send(message()).catch((e: unknown) => e);
    expect(thrown).toMatchObject({ permanent: false });
    for (const shown of [JSON.stringify(outcome), (thrown as Error).message, JSON.stringify(provider), inspect(provider, { depth: 5 })]) {
      expect(shown).not.toContain('a-wrong-token-999999');
      expect(shown).not.toContain(Buffer.from(`${fake.accountId}:a-wrong-token-999999`).toString('base64'));
    }
    expect(fake.messages).toEqual([]);
  });
  it('the fake checks what a real provider checks: the resource, the form, one sender', async () => {
    const wrongPath = await new HttpSmsProvider(options({ url: fake.url.replace('/Messages.json', '/Calls.json') })).submit(message());
    expect(wrongPath).toMatchObject({ kind: 'refused', httpStatus: 404 });
    const authorization = `Basic ${Buffer.from(`${fake.accountId}:${fake.authToken}`).toString('base64')}`;
    const post = (body: string, type = 'application/x-www-form-urlencoded') => fetch(fake.url, { method: 'POST', headers: { authorization, 'content-type': type }, body });
    await expect(post('To=%2B14045550187&Body=hi').then((r) => r.json())).resolves.toMatchObject({ code: 21603 });
    await expect(post('To=%2B14045550187&Body=hi&From=%2B14045550100&MessagingServiceSid=MG1').then((r) => r.json())).resolves.toMatchObject({ code: 21603 });
    await expect(post('To=%2B14045550187&From=%2B14045550100').then((r) => r.json())).resolves.toMatchObject({ code: 21602 });
    await expect(post('{"To":"+14045550187"}', 'application/json').then((r) => r.status)).resolves.toBe(400);
    expect(fake.messages).toEqual([]);
  });
});

describe('what the adapter reads from an answer', () => {
  it.each([
    [201, null, 'accepted'],
    [200, null, 'accepted'],
    [400, '21211', 'rejected_number'],
    [400, '21614', 'rejected_number'],
    [400, '21635', 'rejected_number'],
    [400, '21602', 'refused'],
    [401, '20003', 'refused'],
    [403, null, 'refused'],
    [404, null, 'refused'],
    [408, null, 'provider_down'],
    [409, null, 'provider_down'],
    [429, '20429', 'rate_limited'],
    [500, null, 'provider_down'],
    [502, null, 'provider_down'],
  ] as const)('HTTP %i, code %s: %s', (status, code, kind: SmsSendOutcome['kind']) => {
    expect(classOf(status, code)).toBe(kind);
  });

  it('Retry-After: seconds, an HTTP date, nonsense, and a day at most', () => {
    const reference = Date.parse('2020-11-05T15:00:00Z');
    expect(retryAfterMs('120', reference)).toBe(120_000);
    expect(retryAfterMs('Thu, 05 Nov 2020 15:02:00 GMT', reference)).toBe(120_000);
    expect(retryAfterMs('Thu, 05 Nov 2020 14:00:00 GMT', reference)).toBe(0);
    expect(retryAfterMs('soon', reference)).toBeNull();
    expect(retryAfterMs(null, reference)).toBeNull();
    expect(retryAfterMs('99999999', reference)).toBe(86_400_000);
  });

  it.each([
    ['(404) 555-0187', '+14045550187'],
    ['404.555.0187', '+14045550187'],
    ['1-404-555-0187', '+14045550187'],
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 (404) 555-0187', '+14045550187'],
    ['555-0187', null],
    ['012-345-6789', null],
    ['020 7946 0958', null],
    ['call me', null],
    ['+0123456789', null],
  ])('%s as E.164: %s', (phone, e164) => {
    expect(toE164(phone)).toBe(e164);
  });
});
