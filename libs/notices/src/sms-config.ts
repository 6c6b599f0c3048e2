import { ConfigError } from '@app/config';
import { HttpSmsProvider, type HttpSmsOptions, type SmsSender } from './sms-http';
import type { WebhookAlgorithm } from './sms-webhooks';
import { LogSmsProvider, type SmsProvider, type StructuredLog } from './transports';

/**
 * The text-message provider from the environment. Unset `SMS_API_URL` keeps the default: messages
 * are written to the log for an operator. Set, the rest must be right or the service refuses to
 * start, naming the variable; the token is never echoed, nor a URL that could hold credentials.
 *
 * | variable | meaning |
 * | --- | --- |
 * | `SMS_API_URL` | the provider's Messages resource (https; http only to this machine, for tests) |
 * | `SMS_ACCOUNT_ID` | the account id: the Basic user name |
 * | `SMS_AUTH_TOKEN` | the account's token: the Basic password, and the key its webhooks are signed with |
 * | `SMS_FROM` or `SMS_MESSAGING_SERVICE_ID` | the sending number (+ and digits, or a short code), or the provider's messaging service: one, not both |
 * | `SMS_STATUS_CALLBACK_URL` | optional: where the provider posts delivery status (https) |
 * | `SMS_TIMEOUT_SECONDS` | how long to wait for the provider (default 15, 1 to 120) |
 * | `SMS_IDEMPOTENCY_HEADER` | the header the idempotency key goes in (default `Idempotency-Key`) |
 * | `SMS_WEBHOOK_SIGNATURE` | how the provider signs its webhooks: `hmac-sha1` (default) or `hmac-sha256` |
 */
export const SMS_VARIABLES = [
  'SMS_API_URL',
  'SMS_ACCOUNT_ID',
  'SMS_AUTH_TOKEN',
  'SMS_FROM',
  'SMS_MESSAGING_SERVICE_ID',
  'SMS_STATUS_CALLBACK_URL',
  'SMS_TIMEOUT_SECONDS',
  'SMS_IDEMPOTENCY_HEADER',
  'SMS_WEBHOOK_SIGNATURE',
] as const;
export type SmsVariable = (typeof SMS_VARIABLES)[number];

export type SmsSettings =
  | { readonly kind: 'log' }
  | {
      readonly kind: 'http';
      readonly provider: HttpSmsOptions;
      /** What the API needs to verify the provider's callbacks: the key is the account's token. */
      readonly webhooks: { readonly algorithm: WebhookAlgorithm };
    };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const ID = /^[A-Za-z0-9_-]{1,128}$/;
const HEADER = /^[A-Za-z0-9-]{1,64}$/;

/** An https URL (or http to this machine), without credentials, a query string or a fragment. */
function serviceUrl(name: SmsVariable, text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(name, 'must be an https:// URL');
  }
  if (url.username !== '' || url.password !== '') throw new ConfigError(name, 'must not hold credentials: give them as SMS_ACCOUNT_ID and SMS_AUTH_TOKEN');
  const local = url.protocol === 'http:' && LOOPBACK.has(url.hostname);
  if (url.protocol !== 'https:' && !local) throw new ConfigError(name, `must be an https:// URL (http:// only to this machine), not ${url.protocol}//`);
  if (url.search !== '' || url.hash !== '') throw new ConfigError(name, 'must not have a query string or a fragment');
  return url.toString();
}

export function smsSettingsFrom(env: NodeJS.ProcessEnv): SmsSettings {
  const given = (name: SmsVariable): string | null => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? null : value;
  };
  const apiUrl = given('SMS_API_URL');
  if (apiUrl === null) {
    const stray = SMS_VARIABLES.find((name) => given(name) !== null);
    if (stray !== undefined) throw new ConfigError(stray, 'is set but SMS_API_URL is not: set SMS_API_URL to send text messages through a provider, or unset the SMS_ variables to keep writing them to the log');
    return { kind: 'log' };
  }
  const url = serviceUrl('SMS_API_URL', apiUrl);
  const accountId = given('SMS_ACCOUNT_ID');
  if (accountId === null || !ID.test(accountId)) throw new ConfigError('SMS_ACCOUNT_ID', 'must be the provider account id: letters, digits, - and _');
  const authToken = given('SMS_AUTH_TOKEN');
  if (authToken === null || authToken.length < 16) throw new ConfigError('SMS_AUTH_TOKEN', 'must be set to the account token (at least 16 characters)');
  const from = given('SMS_FROM');
  const serviceId = given('SMS_MESSAGING_SERVICE_ID');
  let sender: SmsSender;
  if (from !== null && serviceId !== null) throw new ConfigError('SMS_FROM', 'set SMS_FROM or SMS_MESSAGING_SERVICE_ID, not both');
  if (from !== null) {
    if (!/^\+[1-9]\d{7,14}$|^\d{3,8}$/.test(from)) throw new ConfigError('SMS_FROM', 'must be the sending number as + and its digits (E.164), or a short code');
    sender = { kind: 'from', from };
  } else if (serviceId !== null) {
    if (!ID.test(serviceId)) throw new ConfigError('SMS_MESSAGING_SERVICE_ID', 'must be the provider messaging service id: letters, digits, - and _');
    sender = { kind: 'messaging_service', serviceId };
  } else {
    throw new ConfigError('SMS_FROM', 'set SMS_FROM (the sending number) or SMS_MESSAGING_SERVICE_ID');
  }
  const callback = given('SMS_STATUS_CALLBACK_URL');
  const timeoutText = given('SMS_TIMEOUT_SECONDS') ?? '15';
  const timeout = Number(timeoutText);
  if (!/^\d+$/.test(timeoutText) || timeout < 1 || timeout > 120) throw new ConfigError('SMS_TIMEOUT_SECONDS', `must be a whole number of seconds from 1 to 120, not "${timeoutText}"`);
  const header = given('SMS_IDEMPOTENCY_HEADER') ?? 'Idempotency-Key';
  if (!HEADER.test(header)) throw new ConfigError('SMS_IDEMPOTENCY_HEADER', 'must be an HTTP header name');
  const signature = given('SMS_WEBHOOK_SIGNATURE') ?? 'hmac-sha1';
  if (signature !== 'hmac-sha1' && signature !== 'hmac-sha256') throw new ConfigError('SMS_WEBHOOK_SIGNATURE', 'must be hmac-sha1 or hmac-sha256');
  // The token is not enumerable: the settings printed or serialised by mistake do not show it.
  const provider = Object.defineProperty(
    {
      url,
      accountId,
      sender,
      statusCallbackUrl: callback === null ? null : serviceUrl('SMS_STATUS_CALLBACK_URL', callback),
      idempotencyHeader: header,
      timeoutMs: timeout * 1000,
    },
    'authToken',
    { value: authToken, enumerable: false },
  ) as HttpSmsOptions;
  return { kind: 'http', provider, webhooks: { algorithm: signature === 'hmac-sha1' ? 'sha1' : 'sha256' } };
}

/** The provider the settings name: the log (the default) or the HTTP provider. */
export function smsProviderFrom(settings: SmsSettings, log: StructuredLog): SmsProvider {
  return settings.kind === 'log' ? new LogSmsProvider(log) : new HttpSmsProvider(settings.provider);
}

/** The settings as they may be printed at start-up: where messages go and from whom, never the token. */
export function describeSms(settings: SmsSettings): string {
  if (settings.kind === 'log') return 'text messages: written to the log (SMS_API_URL not set)';
  const { provider } = settings;
  const from = provider.sender.kind === 'from' ? `from ${provider.sender.from}` : `through messaging service ${provider.sender.serviceId}`;
  return `text messages: ${new URL(provider.url).host} as account ${provider.accountId}, ${from}`;
}
