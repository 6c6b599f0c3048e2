import { limitKey, memoryLimiters, type LimiterFactory } from '@app/persistence';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { receiptCandidates } from './portal-lookup';

export interface PortalLimitSettings {
  /** Lookups (and uploads) one client may make per window. */
  readonly perClient: number;
  /** Failed lookups of one receipt number from one client per window; then that client waits out the window. */
  readonly perReceiptClient: number;
  /** Failed lookups of one receipt number from everyone together per window; then the receipt rests briefly. */
  readonly perReceipt: number;
  readonly windowSeconds: number;
  /** How long a receipt rests once everyone together has reached `perReceipt`: short, so a stranger cannot keep the voter out for long. */
  readonly receiptRestSeconds: number;
}

/**
 * Generous for a family behind one address, far too few to guess a date of birth (about 30,000
 * candidates): one address gets 10 tries at a receipt per 15 minutes; addresses together get 20
 * before the receipt rests for 5 minutes.
 */
export const DEFAULT_PORTAL_LIMITS: PortalLimitSettings = { perClient: 30, perReceiptClient: 10, perReceipt: 20, windowSeconds: 15 * 60, receiptRestSeconds: 5 * 60 };

export type LimitCheck = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/**
 * The portal's rate limits (SPEC section 5; PITFALLS "Public lookup"; issue 13 section 7): per
 * client for every lookup; per (receipt number, client) for failed ones, over the whole window;
 * and per receipt number for failed ones from everyone together, at a higher count and with only
 * a short rest. A guesser spread over many addresses is slowed by the receipt's count, yet a
 * stranger's failures can keep the voter from their own receipt for the rest at most, not for the
 * window. The counts apply to any string typed, so a 429 says nothing about whether a receipt
 * exists. Where the counts live is the limiter factory's choice: on PostgreSQL in the database,
 * shared by every instance; on SQLite (one process) in memory. Keys are hashed: the store holds
 * no receipt number and no address.
 */
export class PortalLimits {
  private readonly clients: RateLimiterAbstract;
  private readonly receiptClients: RateLimiterAbstract;
  private readonly receipts: RateLimiterAbstract;

  constructor(
    private readonly settings: PortalLimitSettings = DEFAULT_PORTAL_LIMITS,
    limiters: LimiterFactory = memoryLimiters,
  ) {
    this.clients = limiters({ name: 'portal-client', points: settings.perClient, durationSeconds: settings.windowSeconds });
    this.receiptClients = limiters({ name: 'portal-receipt-client', points: settings.perReceiptClient, durationSeconds: settings.windowSeconds });
    this.receipts = limiters({ name: 'portal-receipt', points: settings.perReceipt, durationSeconds: settings.windowSeconds });
  }

  /** Counts one request from the client; refuses it when the client, its tries at the receipt, or the receipt is over its limit. */
  async admit(client: string, receiptNumber: string | null): Promise<LimitCheck> {
    try {
      await this.clients.consume(limitKey(client));
    } catch (error) {
      return refused(error);
    }
    if (receiptNumber === null) return { ok: true };
    const [mine, everyone] = await Promise.all([this.receiptClients.get(limitKey(client, receiptKey(receiptNumber))), this.receipts.get(limitKey(receiptKey(receiptNumber)))]);
    const waits: number[] = [];
    if (mine !== null && mine.consumedPoints >= this.settings.perReceiptClient) waits.push(mine.msBeforeNext);
    // Resting: `block` sets the points past the limit, for the rest only.
    if (everyone !== null && everyone.consumedPoints > this.settings.perReceipt) waits.push(everyone.msBeforeNext);
    return waits.length === 0 ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
  }

  /** A lookup that found nothing counts against the (receipt, client) pair and the receipt; the receipt rests when everyone together reaches its count. */
  async failed(client: string, receiptNumber: string): Promise<void> {
    const receipt = limitKey(receiptKey(receiptNumber));
    const [, everyone] = await Promise.all([this.receiptClients.penalty(limitKey(client, receiptKey(receiptNumber)), 1), this.receipts.penalty(receipt, 1)]);
    // Each count is one atomic step, so exactly one failure reaches the limit and starts the rest.
    if (everyone.consumedPoints === this.settings.perReceipt) await this.receipts.block(receipt, this.settings.receiptRestSeconds);
  }
}

function receiptKey(receiptNumber: string): string {
  return receiptCandidates(receiptNumber).at(-1) ?? '';
}

function refused(error: unknown): LimitCheck {
  if (error instanceof RateLimiterRes) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
  throw error;
}
