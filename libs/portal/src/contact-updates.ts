import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { isEmail } from 'class-validator';
import type { Clock, VoterLanguage } from '@app/domain';
import { CODE_MINUTES, toE164 } from '@app/notices';
import { ContactChangeEntity, type BallotEntity, type ContactChannel, type Stores } from '@app/persistence';

export { CODE_MINUTES };
/** Wrong codes a change takes before the voter must ask for a new one. */
export const MAX_WRONG_CODES = 5;

/** Where a ballot's updates go, as the portal shows it to the person who looked the ballot up: masked. */
export interface ContactSummary {
  readonly email: string | null;
  readonly phone: string | null;
  /** A new address waiting for its code. */
  readonly pending: { readonly changeId: string; readonly channel: ContactChannel; readonly masked: string } | null;
}

export type ContactProblem = 'channel' | 'email' | 'phone' | 'code' | 'code_expired' | 'code_used_up';
export type ContactOutcome = { readonly ok: true; readonly channel: ContactChannel; readonly masked: string } | { readonly ok: false; readonly problem: ContactProblem } | { readonly ok: false; readonly problem: 'gone' };

/** "p•••@example.org": enough for the voter to know which address, not enough to learn it. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 1 ? '\u2022\u2022\u2022' : `${address.slice(0, 1)}\u2022\u2022\u2022${address.slice(at)}`;
}

/** "\u2022\u2022\u2022 \u2022\u2022\u2022 0123": the last four digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return `\u2022\u2022\u2022 \u2022\u2022\u2022 ${digits.slice(-4)}`;
}

const mask = (channel: ContactChannel, address: string): string => (channel === 'email' ? maskEmail(address) : maskPhone(address));

function emailAddress(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length > 254) return null;
  try {
    return isEmail(trimmed) ? trimmed : null;
  } catch {
    return null; // isEmail throws on a lone surrogate
  }
}

const codeHash = (changeId: string, code: string): string => createHash('sha256').update(`${changeId}:${code}`).digest('hex');

const isChannel = (text: string): text is ContactChannel => text === 'email' || text === 'sms';

/**
 * A voter asks, after a lookup, for updates on this ballot at an email address or a mobile number
 * (issue 15): a 6-digit code goes to the new address through the notice outbox, and only once it
 * is typed back do the ballot's notices go there, in the language the voter asked in. Removing an
 * address is one step. Each change is audited by its channel; the address is in no audit entry
 * and no log line.
 */
export class ContactUpdates {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
  ) {}

  async summary(ballotId: string): Promise<ContactSummary | null> {
    return this.stores.portalRead(async (portal) => {
      const ballot = await portal.ballot(ballotId);
      if (ballot === null) return null;
      const pending = await portal.contacts().pending(ballotId);
      const live = pending !== null && pending.expiresAt >= this.clock.now() && pending.wrongCodes < MAX_WRONG_CODES;
      return {
        email: ballot.contactEmail === null || ballot.contactEmail.trim() === '' ? null : maskEmail(ballot.contactEmail),
        phone: ballot.contactPhone === null || ballot.contactPhone.trim() === '' ? null : maskPhone(ballot.contactPhone),
        pending: pending === null || !live ? null : { changeId: pending.id, channel: pending.channel, masked: mask(pending.channel, pending.address) },
      };
    });
  }

  /** Checks the address and sends it a code; nothing else changes until the code comes back. */
  async request(ballotId: string, channelText: string, addressText: string, language: VoterLanguage): Promise<ContactOutcome & { readonly changeId?: string }> {
    if (!isChannel(channelText)) return { ok: false, problem: 'channel' };
    const address = channelText === 'email' ? emailAddress(addressText) : toE164(addressText);
    if (address === null) return { ok: false, problem: channelText === 'email' ? 'email' : 'phone' };
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const now = this.clock.now();
    const change = Object.assign(new ContactChangeEntity(), {
      id: randomUUID(),
      ballotId,
      channel: channelText,
      address,
      language,
      codeHash: '',
      requestedAt: now,
      expiresAt: now + CODE_MINUTES * 60_000,
      wrongCodes: 0,
      status: 'pending',
      decidedAt: null,
    } satisfies ContactChangeEntity);
    change.codeHash = codeHash(change.id, code);
    const done = await this.stores.portalWrite(async (portal) => {
      const ballot = await portal.ballotForUpload(ballotId);
      if (ballot === null) return false;
      await portal.contacts().request(ballot, change, code);
      return true;
    });
    return done ? { ok: true, channel: change.channel, masked: mask(change.channel, address), changeId: change.id } : { ok: false, problem: 'gone' };
  }

  /** The code typed back: right, and the address is used from now on; wrong, counted; expired or tried too often, refused. */
  async confirm(ballotId: string, changeId: string, codeText: string): Promise<ContactOutcome> {
    return this.stores.portalWrite(async (portal): Promise<ContactOutcome> => {
      const ballot = await portal.ballotForUpload(ballotId);
      const contacts = portal.contacts();
      const change = await contacts.change(changeId);
      if (ballot === null || change === null || change.ballotId !== ballotId || change.status !== 'pending') return { ok: false, problem: 'code_expired' };
      if (change.wrongCodes >= MAX_WRONG_CODES) return { ok: false, problem: 'code_used_up' };
      if (this.clock.now() > change.expiresAt) return { ok: false, problem: 'code_expired' };
      const typed = codeText.replace(/\s/g, '');
      const given = Buffer.from(codeHash(change.id, typed));
      if (!/^\d{6}$/.test(typed) || !timingSafeEqual(given, Buffer.from(change.codeHash))) {
        const wrong = await contacts.wrongCode(change);
        return { ok: false, problem: wrong >= MAX_WRONG_CODES ? 'code_used_up' : 'code' };
      }
      return (await contacts.confirm(ballot, change, this.clock.now())) ? { ok: true, channel: change.channel, masked: mask(change.channel, change.address) } : { ok: false, problem: 'code_expired' };
    });
  }

  /** No more updates by this channel, at once (no code needed to stop). */
  async remove(ballotId: string, channelText: string): Promise<ContactOutcome> {
    if (!isChannel(channelText)) return { ok: false, problem: 'channel' };
    return this.stores.portalWrite(async (portal): Promise<ContactOutcome> => {
      const ballot: BallotEntity | null = await portal.ballotForUpload(ballotId);
      if (ballot === null) return { ok: false, problem: 'gone' };
      await portal.contacts().remove(ballot, channelText, this.clock.now());
      return { ok: true, channel: channelText, masked: '' };
    });
  }
}
