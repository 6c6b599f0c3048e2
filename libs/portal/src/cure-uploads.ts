import { createHash, randomUUID } from 'node:crypto';
import { cureDeadlineInForce, type ElectionRulesCache } from '@app/ballots';
import type { Clock, CureDocumentKind, CureMediaType } from '@app/domain';
import { CureSubmissionEntity, type BallotEntity, type CureFiles, type PortalStore, type Stores } from '@app/persistence';
import type { UploadGrant } from './upload-tokens';

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

/**
 * Documents a ballot may hold waiting for a clerk (issue 13). Enough for an ID and an affidavit and
 * a better photo of either; a further upload is refused until the office decides on these, and the
 * voter is told so and to call the office. A declined or accepted document no longer counts.
 */
export const MAX_PENDING_UPLOADS = 3;

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

/** `spent`: the token already sent a document; `too_many`: `MAX_PENDING_UPLOADS` documents wait for the office. */
export type UploadProblem = 'closed' | 'empty' | 'too_large' | 'not_a_document' | 'spent' | 'too_many';
export type UploadResult = { readonly ok: true; readonly submission: CureSubmissionEntity } | { readonly ok: false; readonly problem: UploadProblem };

/**
 * A voter's cure document sent through the portal: typed from its bytes, kept with a random name
 * (`CureFiles`), recorded with its hash and an audit entry, while the ballot awaits a cure and its
 * deadline in force has not passed. The clerk's decision on it is the staff's (`CureDecisions` of
 * @app/ballots).
 */
export class CureUploads {
  constructor(
    private readonly stores: Stores,
    private readonly rules: ElectionRulesCache,
    private readonly clock: Clock,
    private readonly files: CureFiles,
  ) {}

  /** Whether the ballot takes an upload now: it awaits a cure and the deadline in force has not passed. */
  async uploadOpen(portal: PortalStore, ballot: Pick<BallotEntity, 'status' | 'electionId' | 'cureDeadline' | 'countyCode'>, now: number): Promise<boolean> {
    if (ballot.status !== 'received.awaitingCure') return false;
    const deadline = cureDeadlineInForce(ballot, await this.rules.get(portal.rules(ballot.electionId)));
    return deadline !== null && now <= deadline;
  }

  /** Records one document under a lookup's token: at most one per token, at most `MAX_PENDING_UPLOADS` waiting per ballot. */
  async submit(grant: UploadGrant, kind: CureDocumentKind, bytes: Buffer): Promise<UploadResult> {
    const { ballotId, tokenId } = grant;
    if (bytes.length === 0) return { ok: false, problem: 'empty' };
    if (bytes.length > MAX_UPLOAD_BYTES) return { ok: false, problem: 'too_large' };
    const mediaType = detectMediaType(bytes);
    if (mediaType === null) return { ok: false, problem: 'not_a_document' };
    const storedName = await this.files.write(bytes);
    let recorded = false;
    try {
      const result = await this.stores.portalWrite(async (portal): Promise<UploadResult> => {
        const now = this.clock.now();
        const ballot = await portal.ballotForUpload(ballotId);
        if (ballot === null || !(await this.uploadOpen(portal, ballot, now))) return { ok: false, problem: 'closed' };
        if (await portal.uploadTokenSpent(tokenId)) return { ok: false, problem: 'spent' };
        if ((await portal.pendingUploads(ballotId)) >= MAX_PENDING_UPLOADS) return { ok: false, problem: 'too_many' };
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
          uploadToken: tokenId,
        } satisfies CureSubmissionEntity);
        await portal.addSubmission(ballot, submission);
        return { ok: true, submission };
      });
      recorded = result.ok;
      return result;
    } finally {
      // A refused or failed upload keeps nothing on disk.
      if (!recorded) await this.files.remove(storedName);
    }
  }
}
