import {
  HELP_KEYWORDS,
  mentionsOptOut,
  OPT_IN_KEYWORDS,
  OPT_OUT_KEYWORDS,
  parseDeliveryStatus,
  parseInboundMessage,
  replyKeyword,
  verifyWebhookSignature,
  webhookSignature,
  type FormParams,
} from './sms-webhooks';

/**
 * The providers' published example of a signed request: this URL and these parameters, signed
 * with the token 12345, give 0/KCTR6DLpKmkAf8muzZqo1nDgQ= with HMAC-SHA1. The SHA-256 value was
 * computed apart from this code, with `openssl dgst -sha256 -hmac 12345` over the same string.
 */
const TOKEN = '12345';
const URL_CALLED = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
const SHA1 = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';
const SHA256 = 'Rmm4Vzj+Ky7JGoWXMCsZDZuHDszLr9xvdbvitrDr4/M=';

const verify = (overrides: Partial<Parameters<typeof verifyWebhookSignature>[0]> = {}) =>
  verifyWebhookSignature({ secret: TOKEN, url: URL_CALLED, params: PARAMS, signature: SHA1, algorithm: 'sha1', ...overrides });

describe('webhook signatures: nothing unsigned or wrongly signed is believed', () => {
  it('matches the published example, whatever order the parameters come in', () => {
    expect(webhookSignature(TOKEN, URL_CALLED, PARAMS, 'sha1')).toBe(SHA1);
    const reversed = new URLSearchParams(Object.entries(PARAMS).reverse());
    expect(webhookSignature(TOKEN, URL_CALLED, reversed, 'sha1')).toBe(SHA1);
    expect(webhookSignature(TOKEN, URL_CALLED, PARAMS, 'sha256')).toBe(SHA256);
  });

  it('accepts the right signature, SHA-1 or SHA-256', () => {
    expect(verify()).toEqual({ ok: true });
    expect(verify({ signature: SHA256, algorithm: 'sha256' })).toEqual({ ok: true });
    expect(verify({ signature: ` ${SHA1} ` })).toEqual({ ok: true });
  });

  it.each([
    ['no header', undefined, 'missing_signature'],
    ['an empty header', '', 'missing_signature'],
    ['another signature', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=', 'bad_signature'],
    ['a truncated signature', SHA1.slice(0, 10), 'bad_signature'],
    ['not base64', '!!not base64!!', 'bad_signature'],
    ['the SHA-256 signature when SHA-1 is expected', SHA256, 'bad_signature'],
  ] as const)('refuses %s', (_name, signature, problem) => {
    expect(verify({ signature })).toEqual({ ok: false, problem });
  });

  it('refuses a changed parameter, an added one, another URL or another token', () => {
    expect(verify({ params: { ...PARAMS, Digits: '1235' } })).toEqual({ ok: false, problem: 'bad_signature' });
    expect(verify({ params: { ...PARAMS, Extra: '' } })).toEqual({ ok: false, problem: 'bad_signature' });
    expect(verify({ url: 'https://mycompany.com/myapp.php?foo=1&bar=3' })).toEqual({ ok: false, problem: 'bad_signature' });
    expect(verify({ secret: '12346' })).toEqual({ ok: false, problem: 'bad_signature' });
  });

  it('a repeated parameter is signed once per value, values in order', () => {
    const repeated = new URLSearchParams([['MediaUrl', 'b'], ['Body', 'x'], ['MediaUrl', 'a']]);
    const asRecord: FormParams = { Body: 'x', MediaUrl: ['a', 'b'] };
    expect(webhookSignature(TOKEN, URL_CALLED, repeated, 'sha1')).toBe(webhookSignature(TOKEN, URL_CALLED, asRecord, 'sha1'));
  });
});

describe('delivery-status callbacks', () => {
  it.each([
    ['delivered', 'delivered'],
    ['read', 'delivered'],
    ['undelivered', 'undelivered'],
    ['failed', 'failed'],
    ['canceled', 'failed'],
    ['queued', 'in_transit'],
    ['sent', 'in_transit'],
    ['SENDING', 'in_transit'],
  ])('%s is %s', (status, outcome) => {
    expect(parseDeliveryStatus({ MessageSid: 'SM0123', MessageStatus: status })).toEqual({ ok: true, value: { providerMessageId: 'SM0123', outcome, providerStatus: status.toLowerCase(), errorCode: null } });
  });

  it('a failure carries its error code; the numbers in the callback are not kept', () => {
    const parsed = parseDeliveryStatus(new URLSearchParams({ MessageSid: 'SM0123', MessageStatus: 'undelivered', ErrorCode: '30006', To: '+14045550187', From: '+14045550100' }));
    expect(parsed).toEqual({ ok: true, value: { providerMessageId: 'SM0123', outcome: 'undelivered', providerStatus: 'undelivered', errorCode: '30006' } });
    expect(JSON.stringify(parsed)).not.toContain('555');
  });

  it('the older field names (SmsSid, SmsStatus) are read too', () => {
    expect(parseDeliveryStatus({ SmsSid: 'SM9', SmsStatus: 'delivered' })).toMatchObject({ ok: true, value: { providerMessageId: 'SM9', outcome: 'delivered' } });
  });

  it.each([
    [{ MessageStatus: 'delivered' }, /message id/],
    [{ MessageSid: 'SM0123' }, /status/],
    [{ MessageSid: 'SM0123', MessageStatus: 'teleported' }, /does not know: teleported/],
    [{ MessageSid: '<script>', MessageStatus: 'delivered' }, /message id/],
  ])('refuses %j', (params, problem) => {
    expect(parseDeliveryStatus(params)).toEqual({ ok: false, problem: expect.stringMatching(problem) });
  });
});

describe('messages voters send us: STOP and START are honoured', () => {
  it.each([...OPT_OUT_KEYWORDS])('opt-out: %s', (keyword) => {
    expect(replyKeyword(keyword)).toEqual({ kind: 'opt_out', keyword });
    expect(replyKeyword(`  ${keyword.toLowerCase()}. `)).toEqual({ kind: 'opt_out', keyword });
  });

  it.each([...OPT_IN_KEYWORDS])('opt-in: %s', (keyword) => {
    expect(replyKeyword(keyword.toLowerCase())).toEqual({ kind: 'opt_in', keyword });
  });

  it.each([...HELP_KEYWORDS])('help: %s', (keyword) => {
    expect(replyKeyword(keyword)).toEqual({ kind: 'help', keyword });
  });

  it('in Spanish, accents and punctuation ignored: ¡Alto!, Parar, No más', () => {
    expect(replyKeyword('¡Alto!')).toEqual({ kind: 'opt_out', keyword: 'ALTO' });
    expect(replyKeyword('Parar')).toEqual({ kind: 'opt_out', keyword: 'PARAR' });
    expect(replyKeyword('No más')).toEqual({ kind: 'opt_out', keyword: 'NO MAS' });
    expect(replyKeyword('stop   all')).toEqual({ kind: 'opt_out', keyword: 'STOP ALL' });
  });

  it('a keyword counts only as the whole reply; a longer reply with a stop word is flagged for a person', () => {
    expect(replyKeyword('Stop texting me please')).toBeNull();
    expect(mentionsOptOut('Stop texting me please')).toBe(true);
    expect(replyKeyword('Where do I bring my ID?')).toBeNull();
    expect(mentionsOptOut('Where do I bring my ID?')).toBe(false);
    expect(mentionsOptOut('Is this the Stopover office')).toBe(false);
    expect(replyKeyword('Yes I will come tomorrow')).toBeNull();
  });

  it('an inbound message: who sent it, what it says, whether it is a keyword', () => {
    expect(parseInboundMessage({ From: '+14045550187', To: '+14045550100', Body: 'STOP', MessageSid: 'SM77' })).toEqual({
      ok: true,
      value: { from: '+14045550187', to: '+14045550100', body: 'STOP', providerMessageId: 'SM77', keyword: { kind: 'opt_out', keyword: 'STOP' }, mayBeOptOut: false },
    });
    expect(parseInboundMessage(new URLSearchParams({ From: '+14045550187', Body: 'please stop' }))).toMatchObject({ ok: true, value: { keyword: null, mayBeOptOut: true, to: null, providerMessageId: null } });
    expect(parseInboundMessage({ From: '+14045550187' })).toMatchObject({ ok: true, value: { body: '', keyword: null } });
    expect(parseInboundMessage({ Body: 'STOP' })).toEqual({ ok: false, problem: 'no sender number (From)' });
  });
});
