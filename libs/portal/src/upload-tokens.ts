import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a valid token grants: one document for this ballot, under this token's own id. */
export interface UploadGrant {
  readonly ballotId: string;
  /**
   * Random, unique to the token. The document an upload records keeps it (`cure_submissions.upload_token`,
   * unique), so a token that has been used once cannot be used again (issue 13).
   */
  readonly tokenId: string;
}

const TOKEN_ID = /^[A-Za-z0-9_-]{16}$/;

/**
 * A signed, short-lived permission to upload one cure document for one ballot, handed to the person
 * who just looked it up with its receipt number and date of birth. The upload form carries it, so
 * the date of birth is never sent again and nobody without a lookup can upload. It also lets the
 * page be shown again (the language switch) as long as it has not expired; an upload spends it,
 * and the page after the upload carries a new one.
 */
export class UploadTokens {
  constructor(
    private readonly secret: string,
    private readonly lifetimeMs = 60 * 60_000,
  ) {}

  issue(ballotId: string, now: number): string {
    const expires = now + this.lifetimeMs;
    const tokenId = randomBytes(12).toString('base64url');
    return `${ballotId}.${expires}.${tokenId}.${this.sign(ballotId, expires, tokenId)}`;
  }

  /** What the token grants, or null when it is forged, altered or expired. Whether it was spent is the database's to say. */
  verify(token: string, now: number): UploadGrant | null {
    const [ballotId, expiresText, tokenId, signature, ...rest] = token.split('.');
    if (ballotId === undefined || expiresText === undefined || tokenId === undefined || signature === undefined || rest.length > 0) return null;
    if (!/^\d{1,16}$/.test(expiresText) || !TOKEN_ID.test(tokenId)) return null;
    const expires = Number(expiresText);
    const expected = Buffer.from(this.sign(ballotId, expires, tokenId));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return now <= expires ? { ballotId, tokenId } : null;
  }

  private sign(ballotId: string, expires: number, tokenId: string): string {
    return createHmac('sha256', this.secret).update(`portal-upload:${ballotId}:${expires}:${tokenId}`).digest('base64url');
  }
}
