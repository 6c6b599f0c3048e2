import { DomainError, notFound, requirePermission, type Clock, type CureDeclineReason, type StaffActor } from '@app/domain';
import type { VoterNotice } from '@app/lifecycle';
import type { BallotEntity, CureFiles, CureSubmissionEntity, Stores } from '@app/persistence';
import type { BallotTransitions } from './ballot-transitions';
import { cureDeadlineInForce, type ElectionRulesCache } from './election-rules';

/**
 * A clerk's decisions on the cure documents voters uploaded (staff work, kept out of the public
 * portal's library): the ballot's documents and their files, for staff of its county; accepting
 * records the cure (RECORD_CURE, judged by when the voter sent it); declining tells the voter why.
 * A certified county's documents are decided no more: the counties store refuses it.
 */
export class CureDecisions {
  constructor(
    private readonly stores: Stores,
    private readonly transitions: BallotTransitions,
    private readonly rules: ElectionRulesCache,
    private readonly clock: Clock,
    private readonly files: CureFiles,
  ) {}

  /** A ballot's uploaded documents, newest first, for staff who may reach the ballot. */
  forStaff(actor: StaffActor, ballotId: string): Promise<CureSubmissionEntity[]> {
    requirePermission(actor, 'read_ballots');
    return this.stores.read(actor, async (s) => {
      const { stores: e } = await this.transitions.reach(s, ballotId);
      return e.cureDocuments.forBallot(ballotId);
    });
  }

  /** The file, for a staff member who may reach the ballot. */
  async open(actor: StaffActor, ballotId: string, documentId: string): Promise<{ readonly submission: CureSubmissionEntity; readonly bytes: Buffer }> {
    requirePermission(actor, 'read_ballots');
    const submission = await this.stores.read(actor, async (s) => {
      const { stores: e } = await this.transitions.reach(s, ballotId);
      return e.cureDocuments.get(ballotId, documentId);
    });
    if (submission === null) throw notFound('document');
    return { submission, bytes: await this.files.read(submission.storedName) };
  }

  /** Accepting a pending document records the cure, in one transaction with its audit entry. */
  accept(actor: StaffActor, ballotId: string, documentId: string, expectedVersion: number): Promise<BallotEntity> {
    requirePermission(actor, 'decide_cure_document');
    return this.stores.write(actor, async (s) => {
      const { ballot, stores: e } = await this.transitions.reach(s, ballotId);
      await e.counties.requireOpen(ballot.countyCode);
      const submission = await this.pending(e.cureDocuments.get(ballotId, documentId));
      const label = submission.kind === 'id_document' ? 'photo ID' : 'signed cure affidavit';
      const outcome = await this.transitions.applyIn(
        s,
        ballotId,
        // The deadline is checked against when the voter sent it, not when the clerk decides (issue 11).
        { type: 'RECORD_CURE', evidence: `${label} uploaded through the voter portal (document ${submission.id}, SHA-256 ${submission.sha256})`, submittedAt: submission.submittedAt },
        expectedVersion,
      );
      await e.cureDocuments.decide(ballotId, documentId, { status: 'accepted', decidedBy: actor.id, decidedAt: this.clock.now(), declineReason: null });
      return outcome.ballot;
    });
  }

  /** Declining leaves the ballot awaiting its cure; the voter is told why (portal and notice) and may upload again, before the deadline. */
  async decline(actor: StaffActor, ballotId: string, documentId: string, reason: CureDeclineReason): Promise<void> {
    requirePermission(actor, 'decide_cure_document');
    await this.stores.write(actor, async (s) => {
      const { ballot, stores: e } = await this.transitions.reach(s, ballotId);
      await e.counties.requireOpen(ballot.countyCode);
      const submission = await this.pending(e.cureDocuments.get(ballotId, documentId));
      const now = this.clock.now();
      if (!(await e.cureDocuments.decide(ballotId, documentId, { status: 'declined', decidedBy: actor.id, decidedAt: now, declineReason: reason }))) {
        throw new DomainError('conflict', 'this document was decided meanwhile');
      }
      // Once the deadline has passed there is no trying again: the sweep's rejection notice tells them.
      const deadline = cureDeadlineInForce(ballot, await this.rules.get(e.rules));
      if (deadline !== null && now <= deadline) {
        const notice: VoterNotice = { type: 'cure_declined', reason, deadline };
        await e.outbox.queueNotice(ballot, notice, now);
      }
      await e.audit.append({ event: 'CURE_DECLINED', ballot, fromState: ballot.status, toState: ballot.status, payload: { submissionId: submission.id, reason }, at: now });
    });
  }

  private async pending(found: Promise<CureSubmissionEntity | null>): Promise<CureSubmissionEntity> {
    const submission = await found;
    if (submission === null) throw notFound('document');
    if (submission.status !== 'pending') throw new DomainError('conflict', `this document was already ${submission.status}`);
    return submission;
  }
}
