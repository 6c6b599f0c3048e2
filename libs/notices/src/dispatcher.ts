import { VOTER_NOTICE, type BallotEntity, type NoticeChannel, type OutboxEntity, type Stores } from '@app/persistence';
import { NoticeContexts, parseVoterNotice, portalUrlFrom } from './notice-context';
import { noticeStands, type BallotStanding } from './notice-map';
import { whenTextMayGo } from './quiet-hours';
import { SmsSendError, toE164 } from './sms-http';
import type { VoterNotice } from '@app/lifecycle';
import { renderNotice, type RenderedNotice } from './templates';
import type { DeliveryReceipt, EmailTransport, SmsProvider, StructuredLog } from './transports';
import { type Clock } from '@app/domain';
import { ContactConfirmations } from './contact-confirmations';
import type { RulePackRegistry } from '@app/rules';

export { VOTER_NOTICE };

export interface DispatcherOptions {
  /** PUBLIC_URL: the portal link in notices is `${publicUrl}/portal`. */
  readonly publicUrl: string;
  /** Attempts before a notice is given up as `failed` (default 5). */
  readonly maxAttempts?: number;
  /** The wait after the first failure (default 60 s); it doubles after each one, up to backoffCapMs. */
  readonly backoffBaseMs?: number;
  /** The longest wait between attempts (default 1 h). */
  readonly backoffCapMs?: number;
  /**
   * How long a claim holds (default 10 min): a notice claimed longer ago than this was claimed by
   * a process that died, and is claimed again. Longer than any send can take (the transports time
   * out within a minute or two), so a claim that is still being worked on never runs out.
   */
  readonly leaseMs?: number;
  /** Where one line per delivery goes (outbox id, channel, outcome): never an address or the message. */
  readonly log?: StructuredLog;
  /** The rule packs, for each county's zone (quiet hours, deadlines in the text); default: the bundled ones. */
  readonly packs?: RulePackRegistry;
}

export interface DispatchCounts {
  readonly sent: number;
  /** Email or text given up (after the last attempt, or a number that can never take a text): moved to the letter list. */
  readonly failed: number;
  /** Failed this time; tried again after the backoff. */
  readonly retried: number;
  /** No email and no phone: on the list of letters to mail. */
  readonly letters: number;
  /** A text held back for quiet hours: due again at 8 a.m. where the voter is. */
  readonly deferred: number;
  /** No longer true of the ballot when it was due (the transition was reversed or superseded): not sent. */
  readonly superseded: number;
  /** Taken by another dispatcher between reading and claiming. */
  readonly skipped: number;
}

/** A run that did nothing. */
export const NO_DISPATCH: DispatchCounts = { sent: 0, failed: 0, retried: 0, letters: 0, deferred: 0, superseded: 0, skipped: 0 };

/** How many notices a run (or runs) touched. */
export const dispatched = (r: DispatchCounts): number => r.sent + r.failed + r.retried + r.letters + r.deferred + r.superseded + r.skipped;

type RowOutcome = keyof DispatchCounts;

/** Error details as stored: the length of the column, without the voter's address or phone. */
const DETAIL_LENGTH = 500;

/**
 * Removes the recipient, anything shaped like an email address, and any run of seven or more
 * digits (a phone number, however a provider formats it) from a transport's words.
 */
export function scrubDetail(text: string, recipient: string): string {
  let scrubbed = recipient === '' ? text : text.split(recipient).join('[recipient]');
  scrubbed = scrubbed.replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, '[address]').replace(/\+?\d(?:[\s().-]*\d){6,}/g, '[number]');
  return scrubbed.length > DETAIL_LENGTH ? `${scrubbed.slice(0, DETAIL_LENGTH - 1)}\u2026` : scrubbed;
}

/**
 * Delivers queued voter notices from the outbox (STYLE: side effects run after commit, from the
 * outbox). A row is claimed by a conditional update (`pending` to `sending`, with the claim's time)
 * before anything is sent, so two dispatchers never both send it. A row left in `sending` because
 * the process died mid-send is claimed again once the lease has run (claimed_at + leaseMs, by the
 * service clock) and sent again with the same message id (the email's Message-ID and the SMS
 * provider's idempotency key are the outbox id), so a receiver that deduplicates sees one
 * message: at least once after a crash, never twice otherwise. Every attempt is recorded in
 * `notice_attempts`. Writes go through the TransactionRunner (SQLite's FIFO queue).
 */
export class NoticeDispatcher {
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly backoffCapMs: number;
  private readonly leaseMs: number;
  private readonly portalUrl: string;
  private readonly log: StructuredLog;
  private readonly confirmations: ContactConfirmations;
  private readonly packs: RulePackRegistry | undefined;

  /**
   * `transports.email` null: no mail server is configured. Texts and letters still go; notices
   * that would go by email stay queued, untouched, until a dispatcher with a mail server runs.
   */
  constructor(
    private readonly stores: Stores,
    private readonly transports: { readonly email: EmailTransport | null; readonly sms: SmsProvider },
    private readonly clock: Clock,
    options: DispatcherOptions,
  ) {
    this.maxAttempts = options.maxAttempts ?? 5;
    this.backoffBaseMs = options.backoffBaseMs ?? 60_000;
    this.backoffCapMs = options.backoffCapMs ?? 3_600_000;
    this.leaseMs = options.leaseMs ?? 600_000;
    this.portalUrl = portalUrlFrom(options.publicUrl);
    this.log = options.log ?? (() => undefined);
    this.packs = options.packs;
    if (!Number.isInteger(this.maxAttempts) || this.maxAttempts < 1) throw new Error('maxAttempts must be a whole number of at least 1');
    if (!Number.isInteger(this.leaseMs) || this.leaseMs < 60_000) throw new Error('leaseMs must be a whole number of milliseconds, at least a minute');
    this.confirmations = new ContactConfirmations(stores, transports, clock, { maxAttempts: this.maxAttempts, leaseMs: this.leaseMs, backoffAfter: (n) => this.backoffAfter(n), log: this.log });
  }

  /** The wait before attempt `attempts + 1`, after `attempts` failures. */
  backoffAfter(attempts: number): number {
    return Math.min(this.backoffBaseMs * 2 ** Math.max(attempts - 1, 0), this.backoffCapMs);
  }

  /** Processes up to `limit` due notices, oldest first. */
  async runOnce(limit = 100): Promise<DispatchCounts> {
    const now = this.clock.now();
    const due = await this.stores.noticesRead((n) => n.due(now, limit, this.leaseMs, { email: this.transports.email !== null }));
    const counts: Record<RowOutcome, number> = { ...NO_DISPATCH };
    const contexts = await this.stores.noticesRead((n) => Promise.resolve(new NoticeContexts(n, this.portalUrl, now, this.packs)));
    for (const row of due) counts[await this.process(row, contexts)] += 1;
    // The codes that confirm a voter's new address (issue 15) go out with the notices.
    const codes = await this.confirmations.runOnce(limit);
    for (const key of ['sent', 'failed', 'retried', 'superseded', 'skipped'] as const) counts[key] += codes[key];
    return counts;
  }

  private async process(row: OutboxEntity, contexts: NoticeContexts): Promise<RowOutcome> {
    // The row as read: pending, or claimed by a dispatcher whose lease ran out. Every change below
    // is conditional on it, so of two dispatchers that read it, one goes on and the other skips.
    const from = row.status === 'sending' ? 'sending' : 'pending';
    const asRead = from === 'sending' ? { attempts: row.attempts, claimedAt: row.claimedAt } : { attempts: row.attempts };
    const notice = parseVoterNotice(row.payload);
    const ballot = row.ballotId === null ? null : await this.stores.noticesRead((n) => n.ballot(row.ballotId ?? ''));
    if (notice === null || ballot === null) {
      // Not a notice this version can write, or its ballot is gone: a bug to look at, never a retry loop.
      const reason = notice === null ? 'the payload is not a voter notice this version knows' : 'the ballot is not found';
      const marked = await this.stores.noticesWrite((n) => n.move(row.id, from, { status: 'failed', processedAt: this.clock.now(), lastError: reason, endReason: reason }, asRead));
      this.log({ msg: 'voter notice not sendable', outboxId: row.id, reason });
      return marked ? 'failed' : 'skipped';
    }
    // Only what stands: a notice whose transition was reversed or superseded before it went out is
    // not sent (nor mailed), and why is recorded.
    const standing = noticeStands(notice, standingOf(ballot));
    if (!standing.stands) {
      const marked = await this.stores.noticesWrite((n) => n.move(row.id, from, { status: 'superseded', processedAt: this.clock.now(), nextAttemptAt: null, endReason: standing.because }, asRead));
      if (marked) this.log({ msg: 'voter notice no longer stands: not sent', outboxId: row.id, type: notice.type, because: standing.because });
      return marked ? 'superseded' : 'skipped';
    }
    const channel = chooseChannel(ballot);
    // The voter gave an email address since the row was read, and there is no mail server: it waits.
    if (channel === 'email' && this.transports.email === null) return 'skipped';
    if (channel === 'letter') {
      const marked = await this.stores.noticesWrite((n) => n.move(row.id, from, { status: 'letter', channel: 'letter', processedAt: this.clock.now(), endReason: 'no email address or phone given' }, asRead));
      if (marked) this.log({ msg: 'voter notice for the letter list', outboxId: row.id });
      return marked ? 'letters' : 'skipped';
    }
    const context = await this.stores.noticesRead(() => contexts.of(ballot, notice));
    const rendered = renderNotice(notice, context, ballot.language);
    if (channel === 'sms') {
      // A voter who replied STOP is not texted: the notice goes by mail instead.
      const phone = toE164(ballot.contactPhone ?? '');
      if (phone !== null && (await this.stores.noticesRead((n) => n.optedOut(phone)))) {
        const marked = await this.stores.noticesWrite((n) => n.move(row.id, from, { status: 'letter', channel: 'letter', processedAt: this.clock.now(), endReason: 'the voter replied STOP to text messages' }, asRead));
        if (marked) this.log({ msg: 'voter notice for the letter list: the number opted out of texts', outboxId: row.id });
        return marked ? 'letters' : 'skipped';
      }
      // Quiet hours where the voter is, unless the deadline comes before the morning.
      const timing = whenTextMayGo({ now: this.clock.now(), timeZone: context.timeZone, deadline: deadlineOf(notice) });
      if (timing.why === 'quiet_hours') {
        const marked = await this.stores.noticesWrite((n) => n.move(row.id, from, { status: 'pending', nextAttemptAt: timing.at }, asRead));
        if (marked) this.log({ msg: 'voter notice text held for quiet hours', outboxId: row.id, nextAttemptAt: timing.at });
        return marked ? 'deferred' : 'skipped';
      }
    }

    // The claim: only if the row is still as read, so exactly one dispatcher sends it, until the
    // lease runs out. Taking over a claim that ran out records the unfinished attempt.
    const claimedAt = this.clock.now();
    const claimed = await this.stores.noticesWrite(async (n) => {
      const moved = await n.move(row.id, from, { status: 'sending', channel, claimedAt }, asRead);
      if (moved && from === 'sending') {
        const since = row.claimedAt === null ? 'before leases were kept' : `at ${new Date(row.claimedAt).toISOString()}`;
        await n.recordAttempt(row.id, row.channel ?? channel, claimedAt, 'failed', `claimed ${since} by a dispatcher that did not finish within the lease; sent again with the same message id`);
      }
      return moved;
    });
    if (!claimed) return 'skipped';
    if (from === 'sending') this.log({ msg: 'voter notice claimed again after its lease ran out', outboxId: row.id, channel });
    const mine = { claimedAt };

    const recipient = (channel === 'email' ? ballot.contactEmail : ballot.contactPhone) ?? '';
    let receipt: DeliveryReceipt | null = null;
    let error: string | null = null;
    let thrown: unknown = null;
    try {
      receipt = await this.deliver(channel, row.id, recipient, rendered, context.office.email);
    } catch (caught) {
      thrown = caught;
      error = scrubDetail(caught instanceof Error ? caught.message : String(caught), recipient);
    }
    const at = this.clock.now();
    const attempts = row.attempts + 1;
    if (receipt !== null) {
      const finished = await this.stores.noticesWrite(async (n) => {
        const moved = await n.move(row.id, 'sending', { status: 'sent', attempts, processedAt: at, nextAttemptAt: null, lastError: null, providerMessageId: receipt.providerMessageId ?? null, ...(receipt.providerMessageId === undefined ? {} : { deliveryStatus: 'in_transit' as const }) }, mine);
        if (moved) await n.recordAttempt(row.id, channel, at, 'sent', scrubDetail(receipt.detail, recipient));
        return moved;
      });
      this.log({ msg: finished ? 'voter notice sent' : 'voter notice sent after its lease ran out: another dispatcher has it', outboxId: row.id, channel, attempts });
      return finished ? 'sent' : 'skipped';
    }
    // A number that can never take a text fails for good at once; anything else after the last attempt.
    const permanent = thrown instanceof SmsSendError && thrown.permanent;
    const givenUp = permanent || attempts >= this.maxAttempts;
    // A provider that says when to come back (429, 503 with Retry-After) is not asked sooner.
    const providerWait = thrown instanceof SmsSendError && (thrown.outcome.kind === 'rate_limited' || thrown.outcome.kind === 'provider_down') ? (thrown.outcome.retryAfterMs ?? 0) : 0;
    const nextAttemptAt = givenUp ? null : at + Math.max(this.backoffAfter(attempts), providerWait);
    const endReason = givenUp ? scrubDetail(`${channel === 'sms' ? 'text message' : 'email'} failed for good after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${error ?? 'no answer'}`, recipient) : null;
    const finished = await this.stores.noticesWrite(async (n) => {
      // Given up, it goes onto the mailed-letter list on its own, with the reason: every notice ends somewhere.
      const moved = await n.move(row.id, 'sending', givenUp ? { status: 'letter', channel: 'letter', attempts, nextAttemptAt: null, lastError: error, endReason, processedAt: at } : { status: 'pending', attempts, nextAttemptAt, lastError: error }, mine);
      if (moved) await n.recordAttempt(row.id, channel, at, 'failed', error);
      return moved;
    });
    if (!finished) return 'skipped';
    this.log({ msg: givenUp ? 'voter notice failed for good: on the letter list' : 'voter notice failed: will retry', outboxId: row.id, channel, attempts, nextAttemptAt, error });
    return givenUp ? 'failed' : 'retried';
  }

  private deliver(channel: 'email' | 'sms', outboxId: string, to: string, rendered: RenderedNotice, replyTo: string | null): Promise<DeliveryReceipt> {
    if (channel === 'sms') return this.transports.sms.send({ outboxId, to, text: rendered.sms });
    const email = this.transports.email;
    if (email === null) throw new Error('no mail server is configured'); // not reached: such rows are never claimed
    return email.send({ outboxId, to, subject: rendered.subject, text: rendered.text, replyTo });
  }
}

/** Email when the voter gave one, else a text message when they gave a phone, else a mailed letter. */
export function chooseChannel(ballot: Pick<BallotEntity, 'contactEmail' | 'contactPhone'>): NoticeChannel {
  if (ballot.contactEmail !== null && ballot.contactEmail.trim() !== '') return 'email';
  if (ballot.contactPhone !== null && ballot.contactPhone.trim() !== '') return 'sms';
  return 'letter';
}

/** Where a ballot stands now, from its columns, as `noticeStands` reads it. */
export function standingOf(ballot: Pick<BallotEntity, 'status' | 'cureReason' | 'rejectionReason' | 'determination'>): BallotStanding {
  return { state: ballot.status, cureReason: ballot.cureReason, rejectionReason: ballot.rejectionReason, determination: ballot.determination };
}

/** The deadline a notice is about (a cure's), for quiet hours: a text about a deadline before morning goes now. */
function deadlineOf(notice: VoterNotice): number | null {
  return notice.type === 'cure_requested' || notice.type === 'cure_declined' || notice.type === 'cure_deadline_moved' ? notice.deadline : null;
}
