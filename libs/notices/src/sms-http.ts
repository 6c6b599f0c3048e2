import { throwIllegalValue } from '@app/domain';
import type { DeliveryReceipt, OutgoingSms, SmsProvider } from './transports';

/**
 * Text messages through an HTTP SMS provider of the common shape: a form-encoded POST to the
 * account's Messages resource, with HTTP Basic credentials (the account id and its token), `To`,
 * `From` (or a messaging service id), `Body` and, when set, `StatusCallback`. Every request
 * carries an idempotency key made from the notice's outbox id, so a retry after a lost answer or
 * a crash is the same message to a provider that deduplicates, not a second text to the voter.
 *
 * `submit` answers with what happened as a value (STYLE: expected failures are values):
 * accepted, a number that can never take this message (a permanent failure: the notice belongs on
 * the mailed-letter list), rate limited (retry no sooner than told), the provider down or out of
 * reach (retry), or refused (our credentials or request are wrong: retrying will not help until a
 * person fixes the configuration, and the voter's number is not to blame). `send`, for the
 * `SmsProvider` interface, throws an `SmsSendError` carrying that outcome for anything but
 * accepted. Nothing it returns or throws holds the token, the message or the voter's number.
 */

/**
 * The provider's error codes that mean this number cannot take this message, now or on retry
 * (the large providers' own codes: an invalid 'To' number, a number that replied STOP to this
 * sender, an unreachable number, a number that cannot receive text messages, a landline).
 */
export const PERMANENT_NUMBER_ERRORS: Readonly<Record<string, string>> = {
  '21211': 'not a valid phone number',
  '21610': 'the voter replied STOP to this sender',
  '21612': 'not reachable from this sender',
  '21614': 'cannot receive text messages',
  '21635': 'a landline',
};

export type SmsSender = { readonly kind: 'from'; readonly from: string } | { readonly kind: 'messaging_service'; readonly serviceId: string };

export interface HttpSmsOptions {
  /** The provider's Messages resource, e.g. `https://sms.example.com/2010-04-01/Accounts/AC123/Messages.json`. */
  readonly url: string;
  readonly accountId: string;
  readonly authToken: string;
  readonly sender: SmsSender;
  /** Where the provider posts delivery status for each message (optional). */
  readonly statusCallbackUrl: string | null;
  /** The header that carries the idempotency key (default `Idempotency-Key`). */
  readonly idempotencyHeader?: string;
  /** How long to wait for the whole answer (default 15 s). */
  readonly timeoutMs?: number;
  /** The clock, for a Retry-After given as a date when the answer has no Date header. */
  readonly now?: () => number;
}

export type SmsSendOutcome =
  | { readonly kind: 'accepted'; readonly providerMessageId: string | null; readonly status: string | null; readonly detail: string }
  | { readonly kind: 'rejected_number'; readonly code: string | null; readonly detail: string }
  | { readonly kind: 'rate_limited'; readonly retryAfterMs: number; readonly detail: string }
  | { readonly kind: 'provider_down'; readonly retryAfterMs: number | null; readonly detail: string }
  | { readonly kind: 'refused'; readonly httpStatus: number; readonly code: string | null; readonly detail: string };

/** What `send` throws for anything but an accepted message: the outcome, for the dispatcher to act on. */
export class SmsSendError extends Error {
  constructor(readonly outcome: Exclude<SmsSendOutcome, { kind: 'accepted' }>) {
    super(`text message ${outcome.kind.replace('_', ' ')}: ${outcome.detail}`);
    this.name = 'SmsSendError';
  }

  /** True when retrying cannot help this voter's number: the notice goes to the mailed-letter list. */
  get permanent(): boolean {
    return this.outcome.kind === 'rejected_number';
  }
}

/** The wait when a provider says 429 without saying how long. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
/** A Retry-After longer than this is taken as this (a day): a bad header must not park a notice for ever. */
const LONGEST_WAIT_MS = 86_400_000;

/**
 * A phone number as the provider takes it (E.164): `+` and 8 to 15 digits as given, or a ten-digit
 * North American number (with or without its leading 1) given in any punctuation. Null when it
 * cannot be one: an overseas voter's number must be written with its `+` and country code.
 */
export function toE164(phone: string): string | null {
  const trimmed = phone.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return digits.length >= 8 && digits.length <= 15 && !digits.startsWith('0') ? `+${digits}` : null;
  if (digits.length === 10 && /^[2-9]\d{2}[2-9]/.test(digits)) return `+1${digits}`;
  if (digits.length === 11 && /^1[2-9]\d{2}[2-9]/.test(digits)) return `+${digits}`;
  return null;
}

/** Retry-After as milliseconds from now: a number of seconds, or an HTTP date measured against `reference`. */
export function retryAfterMs(header: string | null, reference: number): number | null {
  if (header === null || header.trim() === '') return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, LONGEST_WAIT_MS);
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(at - reference, 0), LONGEST_WAIT_MS);
}

/** A provider's id or status as it may be stored: short and plain, or nothing. */
const plain = (value: unknown): string | null => (typeof value === 'string' && /^[A-Za-z0-9_.:-]{1,64}$/.test(value) ? value : null);
const codeOf = (value: unknown): string | null => (typeof value === 'number' && Number.isInteger(value) ? String(value) : plain(value));

export class HttpSmsProvider implements SmsProvider {
  /** The Basic credentials, kept where neither JSON nor `util.inspect` shows them. */
  readonly #authorization: string;
  private readonly url: string;
  private readonly sender: SmsSender;
  private readonly statusCallbackUrl: string | null;
  private readonly idempotencyHeader: string;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(options: HttpSmsOptions) {
    this.#authorization = `Basic ${Buffer.from(`${options.accountId}:${options.authToken}`, 'utf8').toString('base64')}`;
    this.url = options.url;
    this.sender = options.sender;
    this.statusCallbackUrl = options.statusCallbackUrl;
    this.idempotencyHeader = options.idempotencyHeader ?? 'Idempotency-Key';
    this.timeoutMs = options.timeoutMs ?? 15_000;
    // Retry-After is wall-clock time on the wire (an HTTP date), not the service's clock.
    // eslint-disable-next-line no-restricted-properties
    this.now = options.now ?? (() => Date.now());
  }

  async send(message: OutgoingSms): Promise<DeliveryReceipt> {
    const outcome = await this.submit(message);
    if (outcome.kind !== 'accepted') throw new SmsSendError(outcome);
    return { detail: outcome.detail, ...(outcome.providerMessageId === null ? {} : { providerMessageId: outcome.providerMessageId }) };
  }

  /** One attempt to hand the message to the provider, and what came of it. */
  async submit(message: OutgoingSms): Promise<SmsSendOutcome> {
    const to = toE164(message.to);
    if (to === null) return { kind: 'rejected_number', code: null, detail: 'the phone number on file cannot be a text-message number (a US number of ten digits, or + and the country code)' };
    const form = new URLSearchParams({ To: to, Body: message.text });
    if (this.sender.kind === 'from') form.set('From', this.sender.from);
    else form.set('MessagingServiceSid', this.sender.serviceId);
    if (this.statusCallbackUrl !== null) form.set('StatusCallback', this.statusCallbackUrl);

    let response: Response;
    let body: string;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          authorization: this.#authorization,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
          [this.idempotencyHeader]: message.outboxId,
        },
        body: form.toString(),
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = await response.text();
    } catch (thrown) {
      return { kind: 'provider_down', retryAfterMs: null, detail: unreachable(thrown, this.timeoutMs) };
    }
    return this.classify(response, body);
  }

  private classify(response: Response, body: string): SmsSendOutcome {
    const status = response.status;
    const json = parseObject(body);
    const code = codeOf(json['code']);
    const codeText = code === null ? '' : `, provider code ${code}`;
    const reference = Date.parse(response.headers.get('date') ?? '');
    const wait = retryAfterMs(response.headers.get('retry-after'), Number.isNaN(reference) ? this.now() : reference);
    const answer = classOf(status, code);
    switch (answer) {
      case 'accepted': {
        const id = plain(json['sid']) ?? plain(json['id']);
        const state = plain(json['status']);
        return { kind: 'accepted', providerMessageId: id, status: state, detail: `accepted by the SMS provider (HTTP ${status}${id === null ? '' : `, message ${id}`}${state === null ? '' : `, ${state}`})` };
      }
      case 'rejected_number':
        return { kind: 'rejected_number', code, detail: `the SMS provider will not send to this number: ${PERMANENT_NUMBER_ERRORS[code ?? ''] ?? 'refused'} (HTTP ${status}${codeText})` };
      case 'rate_limited':
        return { kind: 'rate_limited', retryAfterMs: wait ?? DEFAULT_RATE_LIMIT_WAIT_MS, detail: `the SMS provider is rate limiting (HTTP 429${codeText}); retry in ${Math.ceil((wait ?? DEFAULT_RATE_LIMIT_WAIT_MS) / 1000)} s at the soonest` };
      case 'provider_down':
        return { kind: 'provider_down', retryAfterMs: wait, detail: `the SMS provider did not take the message (HTTP ${status}${codeText})` };
      case 'refused':
        return { kind: 'refused', httpStatus: status, code, detail: `the SMS provider refused the request (HTTP ${status}${codeText}): check SMS_ACCOUNT_ID, SMS_AUTH_TOKEN, the sender and SMS_API_URL` };
      default:
        return throwIllegalValue(answer, 'SMS answer');
    }
  }
}

/** Which kind of answer an HTTP status and provider code are. */
export function classOf(status: number, code: string | null): SmsSendOutcome['kind'] {
  if (status >= 200 && status < 300) return 'accepted';
  if (status === 429) return 'rate_limited';
  // 409: a request with this idempotency key is still being handled; 408: the provider timed out reading it.
  if (status >= 500 || status === 409 || status === 408) return 'provider_down';
  if (code !== null && code in PERMANENT_NUMBER_ERRORS) return 'rejected_number';
  return 'refused';
}

function parseObject(body: string): Readonly<Record<string, unknown>> {
  try {
    const value: unknown = JSON.parse(body);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Why the provider could not be reached, in words that hold no address, number or secret. */
function unreachable(thrown: unknown, timeoutMs: number): string {
  // Read by shape, not `instanceof`: fetch's errors may come from another realm than this module's Error.
  const field = (value: unknown, name: string): unknown => (typeof value === 'object' && value !== null && name in value ? (value as Record<string, unknown>)[name] : undefined);
  const name = field(thrown, 'name');
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer from the SMS provider within ${timeoutMs / 1000} s`;
  const code = plain(field(field(thrown, 'cause'), 'code'));
  return `could not reach the SMS provider${code === null ? '' : ` (${code})`}`;
}
