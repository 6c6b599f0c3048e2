import type { CureMediaType } from '@app/domain';
import type { CureSubmissionEntity } from '@app/persistence';
import type { Response } from 'express';

const EXTENSIONS: { readonly [M in CureMediaType]: string } = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' };

/**
 * A document a voter uploaded, sent to staff exactly as received (the staff API and the console):
 * with the type found in its first bytes, a file name of our own, sandboxed so it can never run
 * as a page of this site, and never cached.
 */
export function sendCureDocument(response: Response, submission: Pick<CureSubmissionEntity, 'id' | 'mediaType'>, bytes: Buffer): void {
  response
    .status(200)
    .setHeader('Content-Type', submission.mediaType)
    .setHeader('Content-Disposition', `inline; filename="cure-document-${submission.id}.${EXTENSIONS[submission.mediaType]}"`)
    .setHeader('Content-Security-Policy', "sandbox; default-src 'none'; img-src 'self'; object-src 'self'")
    .setHeader('Cache-Control', 'no-store')
    .send(bytes);
}
