import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What an SMS provider posts back to us: a delivery status for a message we sent, or a message a
 * voter sent to our number. Pure functions for the API to call: the signature first (nothing in
 * an unsigned or wrongly signed request is believed), then the parsers. They never keep a
 * message's text beyond what they return, and the status parser does not read phone numbers.
 */

export type WebhookAlgorithm = 'sha1' | 'sha256';

/** Form parameters as a framework hands them over: URLSearchParams, or a record whose repeated keys hold arrays. */
export type FormParams = URLSearchParams | Readonly<Record<string, string | readonly string[] | undefined>>;

function pairs(params: FormParams): [string, string][] {
  if (params instanceof URLSearchParams) return [...params.entries()];
  return Object.entries(params).flatMap(([key, value]): [string, string][] => (value === undefined ? [] : typeof value === 'string' ? [[key, value]] : value.map((v): [string, string] => [key, v])));
}

const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The signature the large providers put on a webhook (for one, the `X-Twilio-Signature` header):
 * HMAC over the full URL the provider called (scheme, host, path and query, exactly as configured)
 * followed by every form parameter, sorted by name (case-sensitive, by code unit) and then by value,
 * each written as name then value with nothing between; keyed with the account's token, and
 * base64-encoded. SHA-1 by default; SHA-256 where the provider is told to use it.
 */
export function webhookSignature(secret: string, url: string, params: FormParams, algorithm: WebhookAlgorithm): string {
  const sorted = pairs(params).sort(([k1, v1], [k2, v2]) => byCodeUnits(k1, k2) || byCodeUnits(v1, v2));
  const hmac = createHmac(algorithm, secret).update(url, 'utf8');
  for (const [key, value] of sorted) hmac.update(key, 'utf8').update(value, 'utf8');
  return hmac.digest('base64');
}

export type WebhookVerdict = { readonly ok: true } | { readonly ok: false; readonly problem: 'missing_signature' | 'bad_signature' };

export interface SignedWebhook {
  /** The account token (SMS_AUTH_TOKEN). */
  readonly secret: string;
  /** The URL the provider was told to call, exactly (behind a proxy: the public one, not the one the service saw). */
  readonly url: string;
  readonly params: FormParams;
  /** The signature header's value, as received (undefined when the header was absent). */
  readonly signature: string | null | undefined;
  readonly algorithm: WebhookAlgorithm;
}

/** Refuses a webhook whose signature is missing or is not the provider's; compares in constant time. */
export function verifyWebhookSignature(webhook: SignedWebhook): WebhookVerdict {
  const given = webhook.signature?.trim() ?? '';
  if (given === '') return { ok: false, problem: 'missing_signature' };
  if (webhook.secret === '') throw new Error('the webhook secret is empty: the settings were not checked');
  const expected = Buffer.from(webhookSignature(webhook.secret, webhook.url, webhook.params, webhook.algorithm), 'base64');
  const received = /^[A-Za-z0-9+/]+={0,2}$/.test(given) ? Buffer.from(given, 'base64') : Buffer.alloc(0);
  // The digest's length is public (it follows from the algorithm); its bytes are compared in constant time.
  if (received.length !== expected.length) return { ok: false, problem: 'bad_signature' };
  return timingSafeEqual(received, expected) ? { ok: true } : { ok: false, problem: 'bad_signature' };
}

function single(params: FormParams, ...names: readonly string[]): string | null {
  const all = pairs(params);
  for (const name of names) {
    const found = all.find(([key]) => key === name);
    if (found !== undefined && found[1].trim() !== '') return found[1].trim();
  }
  return null;
}

/** What became of a message we sent, as far as the voter is concerned. */
export const DELIVERY_OUTCOMES = ['delivered', 'undelivered', 'failed', 'in_transit'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** The providers' message statuses, each read as one of ours. */
const PROVIDER_STATUSES: Readonly<Record<string, DeliveryOutcome>> = {
  accepted: 'in_transit',
  scheduled: 'in_transit',
  queued: 'in_transit',
  sending: 'in_transit',
  sent: 'in_transit',
  delivered: 'delivered',
  read: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
};

export interface DeliveryStatus {
  readonly providerMessageId: string;
  readonly outcome: DeliveryOutcome;
  /** The provider's own word for it, e.g. `sent`, `undelivered`. */
  readonly providerStatus: string;
  /** The carrier's or provider's error code, when the message did not arrive. */
  readonly errorCode: string | null;
}

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

const PROVIDER_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** A delivery-status callback: which message (`MessageSid`), what became of it (`MessageStatus`), and the error code. */
export function parseDeliveryStatus(params: FormParams): Parsed<DeliveryStatus> {
  const id = single(params, 'MessageSid', 'SmsSid');
  if (id === null || !PROVIDER_ID.test(id)) return { ok: false, problem: 'no message id (MessageSid)' };
  const status = single(params, 'MessageStatus', 'SmsStatus')?.toLowerCase() ?? null;
  if (status === null) return { ok: false, problem: 'no status (MessageStatus)' };
  const outcome = PROVIDER_STATUSES[status];
  if (outcome === undefined) return { ok: false, problem: `a status this version does not know: ${status.replace(/[^a-z_-]/g, '').slice(0, 32)}` };
  const errorCode = single(params, 'ErrorCode');
  return { ok: true, value: { providerMessageId: id, outcome, providerStatus: status, errorCode: errorCode !== null && /^\w{1,16}$/.test(errorCode) ? errorCode : null } };
}

/**
 * Replies that change whether we may text a voter. The providers act on these themselves (a number
 * that sent STOP is blocked until it sends START), so we must record the same, and never try to text
 * around them.
 *
 * - Opt-out: the large providers' defaults are STOP, STOPALL, UNSUBSCRIBE, CANCEL, END and QUIT
 *   (Twilio, "Customize users' opt-in and opt-out experience with Advanced Opt-Out", which adds
 *   REVOKE and OPTOUT; Telnyx "Advanced Opt-In/Out" adds STOP ALL; Braze "Opt-in and opt-out
 *   keywords"). The FCC's revocation rule (FCC 24-24, 89 FR 15756, 5 March 2024; 47 CFR
 *   64.1200(a)(10)) names "stop", "quit", "end", "revoke", "opt out", "cancel" and "unsubscribe"
 *   in reply to a text as revoking consent per se, and any other words a reasonable person would
 *   read as a wish to stop.
 * - Spanish: no carrier or provider list has Spanish words by default. Under that rule we take
 *   PARAR, ALTO, DETENER, CANCELAR and NO MAS (accents ignored) as a stop too; the provider does
 *   not block on them, so our own record is what stops our texts.
 * - Opt-in: START, YES and UNSTOP (the same providers' defaults); nothing else lifts a stop.
 * - Help: HELP and INFO (carriers require an answer to them), and AYUDA.
 *
 * As the providers do, a keyword counts when it is the whole reply (case, accents, spaces and
 * punctuation around it ignored). A longer reply that contains a stop word is flagged for a person
 * to read (`mayBeOptOut`), since the rule asks for a reasonable reading, not a keyword.
 */
export const OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'STOP ALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT', 'OPT OUT', 'OPT-OUT', 'PARAR', 'ALTO', 'DETENER', 'CANCELAR', 'NO MAS'] as const;
export const OPT_IN_KEYWORDS = ['START', 'YES', 'UNSTOP'] as const;
export const HELP_KEYWORDS = ['HELP', 'INFO', 'AYUDA'] as const;

export type ReplyKeyword =
  | { readonly kind: 'opt_out'; readonly keyword: (typeof OPT_OUT_KEYWORDS)[number] }
  | { readonly kind: 'opt_in'; readonly keyword: (typeof OPT_IN_KEYWORDS)[number] }
  | { readonly kind: 'help'; readonly keyword: (typeof HELP_KEYWORDS)[number] };

/** A reply as keywords are matched: no accents, capitals, only letters, digits, spaces and hyphens, single-spaced. */
export function normaliseReply(body: string): string {
  return body
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9 \n\t-]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function replyKeyword(body: string): ReplyKeyword | null {
  const reply = normaliseReply(body);
  const out = OPT_OUT_KEYWORDS.find((k) => k === reply);
  if (out !== undefined) return { kind: 'opt_out', keyword: out };
  const into = OPT_IN_KEYWORDS.find((k) => k === reply);
  if (into !== undefined) return { kind: 'opt_in', keyword: into };
  const help = HELP_KEYWORDS.find((k) => k === reply);
  if (help !== undefined) return { kind: 'help', keyword: help };
  return null;
}

/** Whether a reply names a stop word anywhere, as a word of its own (for a person to read). */
export function mentionsOptOut(body: string): boolean {
  const words = ` ${normaliseReply(body)} `;
  return OPT_OUT_KEYWORDS.some((k) => words.includes(` ${k} `));
}

export interface InboundMessage {
  /** The voter's number, as the provider gives it (E.164). */
  readonly from: string;
  /** Our number it was sent to. */
  readonly to: string | null;
  readonly body: string;
  readonly providerMessageId: string | null;
  readonly keyword: ReplyKeyword | null;
  /** Not a keyword, but a stop word is in it: a person should read it (FCC: any reasonable means). */
  readonly mayBeOptOut: boolean;
}

/** A message a voter sent to our number: who (`From`), what (`Body`), and whether it is a keyword. */
export function parseInboundMessage(params: FormParams): Parsed<InboundMessage> {
  const from = single(params, 'From');
  if (from === null || !/^\+?[\d\s().-]{3,20}$/.test(from)) return { ok: false, problem: 'no sender number (From)' };
  const body = pairs(params).find(([key]) => key === 'Body')?.[1] ?? '';
  const id = single(params, 'MessageSid', 'SmsSid');
  const keyword = replyKeyword(body);
  return {
    ok: true,
    value: {
      from,
      to: single(params, 'To'),
      body,
      providerMessageId: id !== null && PROVIDER_ID.test(id) ? id : null,
      keyword,
      mayBeOptOut: keyword === null && mentionsOptOut(body),
    },
  };
}
