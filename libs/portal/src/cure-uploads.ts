import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cureDeadlineInForce, type BallotTransitions, type ElectionRulesCache } from '@app/ballots';
import type { CureDeclineReason, CureDocumentKind, CureMediaType } from '@app/domain';
import type { VoterNotice } from '@app/lifecycle';
import { appendAudit, BallotEntity, CureSubmissionEntity, OutboxEntity, type TransactionRunner } from '@app/persistence';
import type { EntityManager } from 'typeorm';
import { DomainError, notFound, type Clock, type StaffActor, requirePermission } from '@app/domain';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/**
 * The type of an uploaded file from its first bytes, never its name or the browser's claim. Three
 * fixed signatures: JPEG (FF D8 FF), PNG (89 50 4E 47 0D 0A 1A 0A) and PDF ("%PDF-").
 */
export function detectMediaType(bytes: Uint8Array): CureMediaType | null {
  const starts = (signature: readonly number[]) => bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  return null;
}

export type UploadProblem = 'closed' | 'empty' | 'too_large' | 'not_a_document';
export type UploadResult = { readonly ok: true; readonly submission: CureSubmissionEntity } | { readonly ok: false; readonly problem: UploadProblem };

/** The voter, as the audit trail names them: no name, no contact, only that it came through the portal. */
export const PORTAL_ACTOR = { id: 'voter-portal', role: 'voter' } as const;

/**
 * Cure documents sent through the portal: kept under the data folder's `uploads/` with a random
 * name (no path is ever served as a static file), recorded with their hash, and decided by a
 * clerk: accepting records the cure (RECORD_CURE, audited); declining tells the voter why.
 */
export class CureUploads {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly transitions: BallotTransitions,
    private readonly rules: ElectionRulesCache,
    private readonly clock: Clock,
    private readonly uploadsDir: string,
  ) {}

  /** Whether the ballot takes an upload now: it awaits a cure and the deadline in force has not passed. */
  async uploadOpen(manager: EntityManager, ballot: BallotEntity, now: number): Promise<boolean> {
    if (ballot.status !== 'received.awaitingCure') return false;
    const rules = await this.rules.get(manager, ballot.electionId);
    const deadline = cureDeadlineInForce(ballot, rules);
    return deadline !== null && now <= deadline;
  }

  async submit(ballotId: string, kind: CureDocumentKind, bytes: Buffer): Promise<UploadResult> {
    if (bytes.length === 0) return { ok: false, problem: 'empty' };
    if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, problem: 'too_large' };
    const mediaType = detectMediaType(bytes);
    if (mediaType === null) return { ok: false, problem: 'not_a_document' };

    await mkdir(this.uploadsDir, { recursive: true, mode: 0o700 });
    const storedName = randomBytes(24).toString('hex');
    const path = join(this.uploadsDir, storedName);
    await writeFile(path, bytes, { mode: 0o600, flag: 'wx' });
    try {
      return await this.tx.run(async (manager): Promise<UploadResult> => {
        const now = this.clock.now();
        const ballot = await manager.findOneBy(BallotEntity, { id: ballotId });
        if (ballot === null || !(await this.uploadOpen(manager, ballot, now))) return { ok: false, problem: 'closed' };
        const submission = Object.assign(new CureSubmissionEntity(), {
          id: randomUUID(),
          ballotId,
          kind,
          mediaType,
          sizeBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          storedName,
          submittedAt: now,
          status: 'pending',
          decidedBy: null,
          decidedAt: null,
          declineReason: null,
        } satisfies CureSubmissionEntity);
        await manager.insert(CureSubmissionEntity, submission);
        await appendAudit(manager, {
          electionId: ballot.electionId,
          ballotId,
          actorId: PORTAL_ACTOR.id,
          actorRole: PORTAL_ACTOR.role,
          event: 'CURE_UPLOADED',
          fromState: ballot.status,
          toState: ballot.status,
          payload: { submissionId: submission.id, kind, mediaType, sizeBytes: bytes.length, sha256: submission.sha256 },
          at: new Date(now).toISOString(),
        });
        return { ok: true, submission };
      });
    } finally {
      // A refused or failed upload keeps nothing on disk.
      const kept = await this.tx.read((m) => m.findOneBy(CureSubmissionEntity, { storedName }));
      if (kept === null) await rm(path, { force: true });
    }
  }

  /** A ballot's uploaded documents, newest first, for staff who may reach the ballot. */
  async forStaff(actor: StaffActor, ballotId: string): Promise<CureSubmissionEntity[]> {
    return this.tx.read(async (manager) => {
      await this.transitions.loadInScope(manager, actor, ballotId);
      return manager.find(CureSubmissionEntity, { where: { ballotId }, order: { submittedAt: 'DESC' } });
    });
  }

  /** The file, for a staff member who may reach the ballot. */
  async open(actor: StaffActor, ballotId: string, submissionId: string): Promise<{ readonly submission: CureSubmissionEntity; readonly bytes: Buffer }> {
    const submission = await this.tx.read(async (manager) => {
      await this.transitions.loadInScope(manager, actor, ballotId);
      return manager.findOneBy(CureSubmissionEntity, { id: submissionId, ballotId });
    });
    if (submission === null) throw notFound('document');
    return { submission, bytes: await readFile(join(this.uploadsDir, submission.storedName)) };
  }

  /** Accepting a pending document records the cure, in one transaction with its audit entry. */
  async accept(actor: StaffActor, ballotId: string, submissionId: string, expectedVersion: number): Promise<BallotEntity> {
    requirePermission(actor, 'decide_cure_document');
    return this.tx.run(async (manager) => {
      const submission = await this.pending(manager, actor, ballotId, submissionId);
      const label = submission.kind === 'id_document' ? 'photo ID' : 'signed cure affidavit';
      const outcome = await this.transitions.applyIn(
        manager,
        actor,
        ballotId,
        // The deadline is checked against when the voter sent it, not when the clerk decides (issue 11).
        { type: 'RECORD_CURE', evidence: `${label} uploaded through the voter portal (document ${submission.id}, SHA-256 ${submission.sha256})`, submittedAt: submission.submittedAt },
        expectedVersion,
      );
      await manager.update(CureSubmissionEntity, { id: submission.id }, { status: 'accepted', decidedBy: actor.id, decidedAt: this.clock.now() });
      return outcome.ballot;
    });
  }

  /** Declining leaves the ballot awaiting its cure; the voter is told why (portal and notice) and may upload again. */
  async decline(actor: StaffActor, ballotId: string, submissionId: string, reason: CureDeclineReason): Promise<void> {
    requirePermission(actor, 'decide_cure_document');
    await this.tx.run(async (manager) => {
      const submission = await this.pending(manager, actor, ballotId, submissionId);
      const ballot = await this.transitions.loadInScope(manager, actor, ballotId);
      const now = this.clock.now();
      await manager.update(CureSubmissionEntity, { id: submission.id }, { status: 'declined', decidedBy: actor.id, decidedAt: now, declineReason: reason });
      // The voter is told why, and by when to try again, like any other notice (issue 5). Once the
      // deadline has passed there is no trying again: the sweep's rejection notice tells them.
      const rules = await this.rules.get(manager, ballot.electionId);
      const deadline = cureDeadlineInForce(ballot, rules);
      if (deadline !== null && now <= deadline) {
        const notice: VoterNotice = { type: 'cure_declined', reason, deadline };
        await manager.insert(OutboxEntity, { id: randomUUID(), kind: 'voter_notice', ballotId, payload: notice, createdAt: now, processedAt: null, attempts: 0 });
      }
      await appendAudit(manager, {
        electionId: ballot.electionId,
        ballotId,
        actorId: actor.id,
        actorRole: actor.role,
        event: 'CURE_DECLINED',
        fromState: ballot.status,
        toState: ballot.status,
        payload: { submissionId: submission.id, reason },
        at: new Date(now).toISOString(),
      });
    });
  }

  private async pending(manager: EntityManager, actor: StaffActor, ballotId: string, submissionId: string): Promise<CureSubmissionEntity> {
    await this.transitions.loadInScope(manager, actor, ballotId);
    const submission = await manager.findOneBy(CureSubmissionEntity, { id: submissionId, ballotId });
    if (submission === null) throw notFound('document');
    if (submission.status !== 'pending') throw new DomainError('conflict', `this document was already ${submission.status}`);
    return submission;
  }
}
