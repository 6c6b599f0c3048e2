import { limitKey, type LimiterFactory } from '@app/persistence';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

export interface SignInThrottleSettings {
  /** Failed sign-ins for one username from one address, per window, before each next try must wait. */
  readonly perAccountAddress: number;
  /** Failed sign-ins from one address (any usernames), per window, before each next try must wait. */
  readonly perAddress: number;
  /** How long failures are remembered, counted from the first one. */
  readonly windowSeconds: number;
  /** The first wait; each failure past the free ones doubles it, up to `maxDelaySeconds`. */
  readonly firstDelaySeconds: number;
  readonly maxDelaySeconds: number;
}

export const DEFAULT_SIGN_IN_THROTTLE: SignInThrottleSettings = { perAccountAddress: 5, perAddress: 50, windowSeconds: 60 * 60, firstDelaySeconds: 1, maxDelaySeconds: 15 * 60 };

export type SignInAdmission = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/** The wait after the k-th failure past the free ones: first, 2x first, 4x first, ... up to the cap. */
export function throttleDelaySeconds(settings: SignInThrottleSettings, pastFree: number): number {
  return Math.min(settings.maxDelaySeconds, settings.firstDelaySeconds * 2 ** Math.max(0, Math.min(30, pastFree - 1)));
}

/** Counts, and a gate that lets one try through per wait. */
interface Dimension {
  readonly free: number;
  readonly count: RateLimiterAbstract;
  readonly gate: RateLimiterAbstract;
}

/**
 * Slows down password guessing without letting a stranger lock anyone out (issue 13, section 2).
 * Failures are counted per (username, client address) and per client address. Past the free ones,
 * each try must wait for a gate that doubles its wait each time (429 with Retry-After), so a guesser
 * gets a handful of tries an hour. Nothing is counted per account alone: the real user, from any
 * other address, signs in as usual while an attack goes on. The username is counted whether or not
 * an account has it, so the throttle says nothing about which usernames exist.
 *
 * A try is counted before its password is checked (and given back when it succeeds or is refused
 * by the gate), so a burst of simultaneous tries cannot slip past the count. Keys are hashed: the
 * store never holds a username or an address. Where the counts live is the limiter factory's
 * choice: PostgreSQL (shared by every instance) or memory (SQLite, one process).
 */
export class SignInThrottle {
  private readonly pair: Dimension;
  private readonly address: Dimension;

  constructor(
    limiters: LimiterFactory,
    private readonly settings: SignInThrottleSettings = DEFAULT_SIGN_IN_THROTTLE,
  ) {
    const dimension = (name: string, free: number): Dimension => ({
      free,
      count: limiters({ name: `signin-${name}`, points: 1_000_000, durationSeconds: settings.windowSeconds }),
      gate: limiters({ name: `signin-${name}-gate`, points: 1, durationSeconds: settings.firstDelaySeconds }),
    });
    this.pair = dimension('pair', settings.perAccountAddress);
    this.address = dimension('addr', settings.perAddress);
  }

  /** Counts a try; refuses it (with how long to wait) when the pair or the address must wait. */
  async admit(username: string, client: string): Promise<SignInAdmission> {
    const keys = this.keys(username, client);
    const counted: [Dimension, string][] = [];
    for (const [dimension, key] of [[this.pair, keys.pair], [this.address, keys.address]] as const) {
      const tries = (await dimension.count.penalty(key, 1)).consumedPoints;
      counted.push([dimension, key]);
      if (tries <= dimension.free) continue;
      try {
        await dimension.gate.consume(key, 1, { customDuration: throttleDelaySeconds(this.settings, tries - dimension.free) });
      } catch (error) {
        if (!(error instanceof RateLimiterRes)) throw error;
        // A try the gate turned away was never made: it does not grow the count.
        await Promise.all(counted.map(([d, k]) => d.count.reward(k, 1)));
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
      }
    }
    return { ok: true };
  }

  /** A right password: the pair starts afresh, and this try is taken off the address's failures. */
  async succeeded(username: string, client: string): Promise<void> {
    const keys = this.keys(username, client);
    await Promise.all([this.pair.count.delete(keys.pair), this.pair.gate.delete(keys.pair), this.address.count.reward(keys.address, 1)]);
  }

  private keys(username: string, client: string): { pair: string; address: string } {
    return { pair: limitKey(username.trim().toLowerCase(), client), address: limitKey(client) };
  }
}
