import { DomainError } from '@app/domain';
import type { Stores } from '@app/persistence';
import type { SmsSettings } from './sms-config';
import { toE164 } from './sms-http';
import { parseDeliveryStatus, parseInboundMessage, verifyWebhookSignature, type FormParams } from './sms-webhooks';
import { maskPhone, type StructuredLog } from './transports';

/**
 * What the SMS provider posts back, acted on: a delivery status updates its notice (a text that
 * did not arrive goes onto the mailed-letter list), and a voter's STOP or START changes whether
 * their number may be texted. Nothing is believed before the signature is verified with the
 * account's token; with no provider configured (the log adapter) there is nothing to call back.
 */
export interface WebhookCall {
  /** The URL the provider was told to call, as it called it (the public one, behind a proxy). */
  readonly url: string;
  readonly params: FormParams;
  readonly signature: string | null | undefined;
  readonly now: number;
}

/** The header the large providers sign their webhooks in. */
export const SIGNATURE_HEADER = 'x-twilio-signature';

function verified(settings: SmsSettings, call: WebhookCall): void {
  if (settings.kind === 'log') throw new DomainError('not_found', 'no SMS provider is configured (SMS_API_URL is not set)');
  const verdict = verifyWebhookSignature({ secret: settings.provider.authToken, url: call.url, params: call.params, signature: call.signature, algorithm: settings.webhooks.algorithm });
  if (!verdict.ok) throw new DomainError('forbidden', verdict.problem === 'missing_signature' ? `the request has no ${SIGNATURE_HEADER} header` : 'the signature does not match this request');
}

export type DeliveryUpdate = { readonly known: false } | { readonly known: true; readonly outboxId: string; readonly movedToLetters: boolean };

export async function receiveDeliveryStatus(stores: Stores, settings: SmsSettings, call: WebhookCall, log: StructuredLog): Promise<DeliveryUpdate> {
  verified(settings, call);
  const parsed = parseDeliveryStatus(call.params);
  if (!parsed.ok) throw new DomainError('invalid_input', `not a delivery status: ${parsed.problem}`, {}, [{ field: parsed.problem.includes('MessageSid') ? 'MessageSid' : 'MessageStatus', message: parsed.problem }]);
  const status = parsed.value;
  const reason = `text message not delivered: the provider says ${status.providerStatus}${status.errorCode === null ? '' : ` (error ${status.errorCode})`}`;
  const result = await stores.noticesWrite((n) => n.recordDelivery(status.providerMessageId, status.outcome, reason, call.now));
  if (result === null) {
    // Not ours (or not yet recorded): the provider is told it was received, so it does not retry for ever.
    log({ msg: 'SMS delivery status for no known notice', providerMessageId: status.providerMessageId, status: status.providerStatus });
    return { known: false };
  }
  log({ msg: result.movedToLetters ? 'voter notice text not delivered: on the letter list' : 'voter notice text delivery status', outboxId: result.outboxId, status: status.providerStatus, errorCode: status.errorCode });
  return { known: true, ...result };
}

export type InboundOutcome = 'opted_out' | 'opted_in' | 'help' | 'for_a_person' | 'ignored';

export async function receiveInboundMessage(stores: Stores, settings: SmsSettings, call: WebhookCall, log: StructuredLog): Promise<InboundOutcome> {
  verified(settings, call);
  const parsed = parseInboundMessage(call.params);
  if (!parsed.ok) throw new DomainError('invalid_input', `not an inbound message: ${parsed.problem}`, {}, [{ field: 'From', message: parsed.problem }]);
  const message = parsed.value;
  const phone = toE164(message.from);
  if (phone === null) throw new DomainError('invalid_input', 'not an inbound message: the sender is not a phone number', {}, [{ field: 'From', message: 'not a phone number' }]);
  const masked = maskPhone(phone);
  const keyword = message.keyword;
  if (keyword?.kind === 'opt_out') {
    await stores.noticesWrite((n) => n.optOut(phone, keyword.keyword, call.now));
    log({ msg: 'SMS opt-out: no more texts to this number', to: masked, keyword: keyword.keyword });
    return 'opted_out';
  }
  if (keyword?.kind === 'opt_in') {
    const was = await stores.noticesWrite((n) => n.optIn(phone));
    log({ msg: was ? 'SMS opt-in: texts to this number again' : 'SMS opt-in from a number that had not opted out', to: masked, keyword: keyword.keyword });
    return 'opted_in';
  }
  if (keyword?.kind === 'help') return 'help';
  if (message.mayBeOptOut) {
    log({ msg: 'SMS reply that may ask to stop: for a person to read', to: masked, providerMessageId: message.providerMessageId });
    return 'for_a_person';
  }
  return 'ignored';
}
