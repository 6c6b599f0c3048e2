import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditEvent } from '@app/domain';
import { appendAudit } from '../audit.store';
import { BallotEntity, ContactChangeEntity, OutboxEntity, type ContactChannel } from '../entities';

/** The outbox kind of the code sent to a new address before it is used (issue 15). */
export const CONTACT_CONFIRMATION = 'contact_confirmation';

type PortalBallot = Pick<BallotEntity, 'id' | 'electionId' | 'status'>;

/**
 * The email address or phone a ballot's notices go to, as its voter changes it on the portal: a
 * new address waits (`contact_changes`) until the code sent to it is typed back. Every change is
 * audited by its channel alone: the address is never in the audit entry.
 */
export class VoterContactStore {
  constructor(
    private readonly m: EntityManager,
    /** The voter through the portal, as the audit trail names them (`PORTAL_ACTOR`). */
    private readonly voter: { readonly id: string; readonly role: string },
  ) {}

  /** The ballot's change still waiting for its code, if any (the newest; an older one was replaced). */
  pending(ballotId: string): Promise<ContactChangeEntity | null> {
    return this.m.findOne(ContactChangeEntity, { where: { ballotId, status: 'pending' }, order: { requestedAt: 'DESC' } });
  }

  change(id: string): Promise<ContactChangeEntity | null> {
    return this.m.findOneBy(ContactChangeEntity, { id });
  }

  /**
   * Records a new address waiting for its code, replaces any change still waiting, and queues the
   * code to the new address through the outbox (the only place the code itself is kept).
   */
  async request(ballot: PortalBallot, change: ContactChangeEntity, code: string): Promise<void> {
    await this.m.update(ContactChangeEntity, { ballotId: ballot.id, status: 'pending' }, { status: 'replaced', decidedAt: change.requestedAt });
    await this.m.insert(ContactChangeEntity, change);
    await this.m.insert(OutboxEntity, { id: randomUUID(), kind: CONTACT_CONFIRMATION, ballotId: ballot.id, payload: { changeId: change.id, code }, createdAt: change.requestedAt, processedAt: null, attempts: 0 });
    await this.audit(ballot, 'VOTER_CONTACT_REQUESTED', { channel: change.channel, changeId: change.id }, change.requestedAt);
  }

  /** One more wrong code for a waiting change; its new count. */
  async wrongCode(change: ContactChangeEntity): Promise<number> {
    await this.m.increment(ContactChangeEntity, { id: change.id, status: 'pending' }, 'wrongCodes', 1);
    return change.wrongCodes + 1;
  }

  /** The code was right: from now on the ballot's notices go to the new address, in the language it was asked in. */
  async confirm(ballot: PortalBallot, change: ContactChangeEntity, now: number): Promise<boolean> {
    const moved = await this.m.update(ContactChangeEntity, { id: change.id, status: 'pending' }, { status: 'confirmed', decidedAt: now });
    if (moved.affected !== 1) return false;
    const column = change.channel === 'email' ? { contactEmail: change.address } : { contactPhone: change.address };
    await this.m.update(BallotEntity, { id: ballot.id }, { ...column, language: change.language });
    await this.audit(ballot, 'VOTER_CONTACT_CONFIRMED', { channel: change.channel, changeId: change.id, language: change.language }, now);
    return true;
  }

  /** No more notices by this channel; a change of it still waiting is withdrawn too. */
  async remove(ballot: PortalBallot, channel: ContactChannel, now: number): Promise<void> {
    await this.m.update(ContactChangeEntity, { ballotId: ballot.id, channel, status: 'pending' }, { status: 'withdrawn', decidedAt: now });
    await this.m.update(BallotEntity, { id: ballot.id }, channel === 'email' ? { contactEmail: null } : { contactPhone: null });
    await this.audit(ballot, 'VOTER_CONTACT_REMOVED', { channel }, now);
  }

  private async audit(ballot: PortalBallot, event: AuditEvent, payload: Readonly<Record<string, string>>, at: number): Promise<void> {
    await appendAudit(this.m, {
      electionId: ballot.electionId,
      ballotId: ballot.id,
      actorId: this.voter.id,
      actorRole: this.voter.role,
      event,
      fromState: ballot.status,
      toState: ballot.status,
      payload,
      at: new Date(at).toISOString(),
    });
  }
}
