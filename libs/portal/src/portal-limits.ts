import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { receiptCandidates } from './portal-lookup';

export interface PortalLimitSettings {
  /** Lookups (and uploads) one client may make per window. */
  readonly perClient: number;
  /** Failed lookups one receipt number may take per window, whoever makes them. */
  readonly perReceipt: number;
  readonly windowSeconds: number;
}

/** Generous for a family behind one address, far too few to guess a date of birth (about 30,000 candidates). */
export const DEFAULT_PORTAL_LIMITS: PortalLimitSettings = { perClient: 30, perReceipt: 10, windowSeconds: 15 * 60 };

export type LimitCheck = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/**
 * The portal's rate limits (SPEC section 5; PITFALLS "Public lookup"): per client for every lookup,
 * and per receipt number for failed ones, so a guesser spread over many addresses is stopped too.
 * The per-receipt count applies to any string typed, so a 429 says nothing about whether a receipt
 * exists. Counts are kept in this process's memory: with several instances each keeps its own
 * (documented in the README).
 */
export class PortalLimits {
  private readonly clients: RateLimiterMemory;
  private readonly receipts: RateLimiterMemory;

  constructor(private readonly settings: PortalLimitSettings = DEFAULT_PORTAL_LIMITS) {
    this.clients = new RateLimiterMemory({ keyPrefix: 'portal-client', points: settings.perClient, duration: settings.windowSeconds });
    this.receipts = new RateLimiterMemory({ keyPrefix: 'portal-receipt', points: settings.perReceipt, duration: settings.windowSeconds });
  }

  /** Counts one request from the client; refuses it when the client or the receipt is over its limit. */
  async admit(client: string, receiptNumber: string | null): Promise<LimitCheck> {
    try {
      await this.clients.consume(client);
    } catch (error) {
      return refused(error);
    }
    if (receiptNumber !== null) {
      const used = await this.receipts.get(receiptKey(receiptNumber));
      if (used !== null && used.consumedPoints >= this.settings.perReceipt) return { ok: false, retryAfterSeconds: Math.ceil(used.msBeforeNext / 1000) };
    }
    return { ok: true };
  }

  /** A lookup that found nothing counts against its receipt number. */
  async failed(receiptNumber: string): Promise<void> {
    await this.receipts.consume(receiptKey(receiptNumber)).catch(() => undefined);
  }
}

function receiptKey(receiptNumber: string): string {
  return receiptCandidates(receiptNumber).at(-1) ?? '';
}

function refused(error: unknown): LimitCheck {
  if (error instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
  throw error;
}
