import type { Clock } from '@app/domain';
import type { OutboxEntity, Stores } from '@app/persistence';
import { wordsFor } from '@app/wording';
import type { EmailTransport, SmsProvider, StructuredLog } from './transports';

/** How long a code sent to a voter's new address can be typed back on the portal, as its message says. */
export const CODE_MINUTES = 30;

export interface ConfirmationCounts {
  readonly sent: number;
  readonly failed: number;
  readonly retried: number;
  readonly superseded: number;
  readonly skipped: number;
}

interface Payload {
  readonly changeId: string;
  readonly code: string;
}

function parsePayload(payload: unknown): Payload | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const { changeId, code } = payload as Readonly<Record<string, unknown>>;
  return typeof changeId === 'string' && typeof code === 'string' && /^\d{6}$/.test(code) ? { changeId, code } : null;
}

/**
 * Sends the code that confirms a voter's new email address or phone (issue 15), from the outbox
 * rows the portal queued (`contact_confirmation`), in the language the voter asked in, to the new
 * address and nowhere else. Claimed like a voter notice (a conditional `pending` to `sending`), so
 * two dispatchers never both send it; retried with the dispatcher's back-off; a code the voter has
 * since replaced, confirmed or let expire is not sent (`superseded`). Quiet hours do not apply:
 * the voter has just asked for it and is waiting. A code that cannot be delivered ends `failed`,
 * never on the letter list. The log names the outbox row and the channel, never the address.
 */
export class ContactConfirmations {
  constructor(
    private readonly stores: Stores,
    /** `email` null: no mail server; a code by email waits, untouched, like the notices. */
    private readonly transports: { readonly email: EmailTransport | null; readonly sms: SmsProvider },
    private readonly clock: Clock,
    private readonly options: { readonly maxAttempts: number; readonly leaseMs: number; readonly backoffAfter: (attempts: number) => number; readonly log: StructuredLog },
  ) {}

  async runOnce(limit = 100): Promise<ConfirmationCounts> {
    const due = await this.stores.noticesRead((n) => n.dueConfirmations(this.clock.now(), limit, this.options.leaseMs));
    const counts = { sent: 0, failed: 0, retried: 0, superseded: 0, skipped: 0 };
    for (const row of due) counts[await this.process(row)] += 1;
    return counts;
  }

  private async process(row: OutboxEntity): Promise<keyof ConfirmationCounts> {
    const from = row.status === 'sending' ? 'sending' : 'pending';
    const asRead = from === 'sending' ? { attempts: row.attempts, claimedAt: row.claimedAt } : { attempts: row.attempts };
    const payload = parsePayload(row.payload);
    const change = payload === null ? null : await this.stores.noticesRead((n) => n.contactChange(payload.changeId));
    const now = this.clock.now();
    if (payload === null || change === null || change.status !== 'pending' || change.expiresAt < now) {
      const because = payload === null || change === null ? 'not a confirmation this version can send' : change.status === 'pending' ? 'the code expired before it could be sent' : `the voter's change is ${change.status}`;
      const moved = await this.stores.noticesWrite((n) => n.move(row.id, from, { status: 'superseded', processedAt: now, nextAttemptAt: null, endReason: because, payload: { changeId: payload?.changeId ?? null } }, asRead));
      return moved ? 'superseded' : 'skipped';
    }
    const channel = change.channel;
    const email = this.transports.email;
    if (channel === 'email' && email === null) return 'skipped';
    const claimedAt = this.clock.now();
    if (!(await this.stores.noticesWrite((n) => n.move(row.id, from, { status: 'sending', channel, claimedAt }, asRead)))) return 'skipped';
    const words = wordsFor(change.language).updates.message;
    const receipt = await this.stores.noticesRead((n) => n.ballot(change.ballotId));
    let error: string | null = null;
    try {
      if (channel === 'email' && email !== null) await email.send({ outboxId: row.id, to: change.address, subject: words.subject, text: words.text(payload.code, CODE_MINUTES, receipt?.receiptNumber ?? ''), replyTo: null });
      else await this.transports.sms.send({ outboxId: row.id, to: change.address, text: words.sms(payload.code, CODE_MINUTES) });
    } catch (caught) {
      error = (caught instanceof Error ? caught.message : String(caught)).split(change.address).join('[recipient]').slice(0, 500);
    }
    const at = this.clock.now();
    const attempts = row.attempts + 1;
    const givenUp = error !== null && attempts >= this.options.maxAttempts;
    const changes = error === null
      ? { status: 'sent' as const, attempts, processedAt: at, nextAttemptAt: null, lastError: null, payload: { changeId: payload.changeId } } // the code is kept no longer than it must be
      : givenUp
        ? { status: 'failed' as const, attempts, processedAt: at, nextAttemptAt: null, lastError: error, endReason: `the code could not be sent after ${attempts} attempts` }
        : { status: 'pending' as const, attempts, nextAttemptAt: at + this.options.backoffAfter(attempts), lastError: error };
    const finished = await this.stores.noticesWrite(async (n) => {
      const moved = await n.move(row.id, 'sending', changes, { claimedAt });
      if (moved) await n.recordAttempt(row.id, channel, at, error === null ? 'sent' : 'failed', error ?? 'confirmation code sent');
      return moved;
    });
    this.options.log({ msg: error === null ? 'contact confirmation sent' : givenUp ? 'contact confirmation failed for good' : 'contact confirmation failed: will retry', outboxId: row.id, channel, attempts });
    if (!finished) return 'skipped';
    return error === null ? 'sent' : givenUp ? 'failed' : 'retried';
  }
}
