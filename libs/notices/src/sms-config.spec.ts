import { inspect } from 'node:util';
import { describeSms, smsProviderFrom, smsSettingsFrom } from './sms-config';
import { HttpSmsProvider } from './sms-http';
import { LogSmsProvider } from './transports';

const TOKEN = 'sms-token-s3cret-0123456789';
const FULL = {
  SMS_API_URL: 'https://sms.example.com/2010-04-01/Accounts/AC0123/Messages.json',
  SMS_ACCOUNT_ID: 'AC0123',
  SMS_AUTH_TOKEN: TOKEN,
  SMS_FROM: '+14045550100',
};

describe('the text-message provider from the environment', () => {
  it('unset: the log, as before', () => {
    const settings = smsSettingsFrom({});
    expect(settings).toEqual({ kind: 'log' });
    expect(smsProviderFrom(settings, () => undefined)).toBeInstanceOf(LogSmsProvider);
    expect(describeSms(settings)).toBe('text messages: written to the log (SMS_API_URL not set)');
  });

  it('set: the HTTP provider with its defaults (15 s, Idempotency-Key, HMAC-SHA1 webhooks)', () => {
    const settings = smsSettingsFrom(FULL);
    expect(settings).toMatchObject({
      kind: 'http',
      provider: { url: FULL.SMS_API_URL, accountId: 'AC0123', authToken: TOKEN, sender: { kind: 'from', from: '+14045550100' }, statusCallbackUrl: null, idempotencyHeader: 'Idempotency-Key', timeoutMs: 15_000 },
      webhooks: { algorithm: 'sha1' },
    });
    expect(smsProviderFrom(settings, () => undefined)).toBeInstanceOf(HttpSmsProvider);
    expect(describeSms(settings)).toBe('text messages: sms.example.com as account AC0123, from +14045550100');
  });

  it('a messaging service instead of a number; the optional settings', () => {
    const { SMS_FROM: _from, ...rest } = FULL;
    const settings = smsSettingsFrom({
      ...rest,
      SMS_MESSAGING_SERVICE_ID: 'MG0123',
      SMS_STATUS_CALLBACK_URL: 'https://vote.example.gov/api/sms/status',
      SMS_TIMEOUT_SECONDS: '5',
      SMS_IDEMPOTENCY_HEADER: 'X-Idempotency-Key',
      SMS_WEBHOOK_SIGNATURE: 'hmac-sha256',
    });
    expect(settings).toMatchObject({
      provider: { sender: { kind: 'messaging_service', serviceId: 'MG0123' }, statusCallbackUrl: 'https://vote.example.gov/api/sms/status', timeoutMs: 5_000, idempotencyHeader: 'X-Idempotency-Key' },
      webhooks: { algorithm: 'sha256' },
    });
  });

  it('http only to this machine (the tests\u2019 fake provider)', () => {
    expect(smsSettingsFrom({ ...FULL, SMS_API_URL: 'http://127.0.0.1:4010/2010-04-01/Accounts/AC0123/Messages.json' }).kind).toBe('http');
    expect(() => smsSettingsFrom({ ...FULL, SMS_API_URL: 'http://sms.example.com/Messages.json' })).toThrow(/^SMS_API_URL: must be an https:\/\/ URL/);
  });

  it.each([
    [{ SMS_AUTH_TOKEN: TOKEN }, /^SMS_AUTH_TOKEN: is set but SMS_API_URL is not/],
    [{ ...FULL, SMS_ACCOUNT_ID: '' }, /^SMS_ACCOUNT_ID: /],
    [{ ...FULL, SMS_AUTH_TOKEN: 'short' }, /^SMS_AUTH_TOKEN: must be set to the account token/],
    [{ ...FULL, SMS_FROM: '404-555-0100' }, /^SMS_FROM: must be the sending number/],
    [{ ...FULL, SMS_MESSAGING_SERVICE_ID: 'MG0123' }, /^SMS_FROM: set SMS_FROM or SMS_MESSAGING_SERVICE_ID, not both/],
    [{ ...FULL, SMS_FROM: '' }, /^SMS_FROM: set SMS_FROM \(the sending number\) or SMS_MESSAGING_SERVICE_ID/],
    [{ ...FULL, SMS_TIMEOUT_SECONDS: '0' }, /^SMS_TIMEOUT_SECONDS: /],
    [{ ...FULL, SMS_TIMEOUT_SECONDS: '1.5' }, /^SMS_TIMEOUT_SECONDS: /],
    [{ ...FULL, SMS_IDEMPOTENCY_HEADER: 'Idempotency Key' }, /^SMS_IDEMPOTENCY_HEADER: /],
    [{ ...FULL, SMS_WEBHOOK_SIGNATURE: 'md5' }, /^SMS_WEBHOOK_SIGNATURE: /],
    [{ ...FULL, SMS_STATUS_CALLBACK_URL: 'ftp://vote.example.gov/status' }, /^SMS_STATUS_CALLBACK_URL: /],
    [{ ...FULL, SMS_API_URL: `https://AC0123:${TOKEN}@sms.example.com/Messages.json` }, /^SMS_API_URL: must not hold credentials/],
    [{ ...FULL, SMS_API_URL: 'not a url' }, /^SMS_API_URL: must be an https:\/\/ URL/],
  ])('refused, naming the variable: %j', (env, message) => {
    expect(() => smsSettingsFrom(env)).toThrow(message);
  });

  it('the token is never echoed, printed or serialised', () => {
    const errors = [
      { ...FULL, SMS_AUTH_TOKEN: 'short' },
      { ...FULL, SMS_API_URL: `https://AC0123:${TOKEN}@sms.example.com/Messages.json` },
      { ...FULL, SMS_API_URL: `${TOKEN} not a url` },
    ].map((env) => {
      try {
        smsSettingsFrom(env);
        return 'no error';
      } catch (error) {
        return String(error);
      }
    });
    const settings = smsSettingsFrom(FULL);
    for (const shown of [...errors, JSON.stringify(settings), inspect(settings, { depth: 5 }), describeSms(settings)]) {
      expect(shown).not.toContain(TOKEN);
      expect(shown).not.toContain('short');
    }
  });
});
