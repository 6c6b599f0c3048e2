import { DomainError, SYSTEM_ACTOR, type Clock } from '@app/domain';
import { ServiceLocks, type Stores } from '@app/persistence';
import type { BallotTransitions } from './ballot-transitions';

/** What one sweep did. */
export interface SweepOutcome {
  /** Ballots awaiting a cure whose recorded deadline has passed (by more than the grace). */
  readonly due: number;
  readonly rejected: number;
  /** A cure document submitted in time still waits for a clerk: not rejected (issue 11). */
  readonly waitingOnDocument: number;
  /** A court order or the county's hours put the deadline in force later: not yet. */
  readonly extended: number;
  /** Anything else that refused (a certified county, a ballot changed meanwhile): receipt and why. */
  readonly other: readonly { readonly receiptNumber: string; readonly message: string }[];
}

export type SweepResult = { readonly ran: true; readonly outcome: SweepOutcome } | { readonly ran: false; readonly heldBy: string; readonly since: number };

/** A sweep that dies without releasing its lock loses it after this long. */
export const SWEEP_LEASE_MS = 30 * 60_000;

/**
 * The deadline sweep (SPEC section 3, `DEADLINE_PASSED`): every ballot still awaiting a cure
 * after its deadline is rejected for the cure's reason, by the lifecycle, which decides with the
 * deadline in force (court orders and county hours included) and leaves alone a ballot whose cure
 * document was submitted in time and is still undecided. One sweep at a time across every process
 * on the database (a lock row); idempotent. The CLI's `sweep-deadlines` runs it at once; the
 * service runs it every minute, leaving a grace period after each deadline so that a cure made in
 * time and entered by a clerk a little after is recorded first.
 */
export class DeadlineSweep {
  constructor(
    private readonly stores: Stores,
    private readonly transitions: BallotTransitions,
    private readonly clock: Clock,
  ) {}

  async run(options: { readonly holder: string; readonly electionId?: string; readonly graceMs?: number }): Promise<SweepResult> {
    const lock = await new ServiceLocks(this.stores.tx, this.clock).acquire('deadline-sweep', options.holder, SWEEP_LEASE_MS);
    if (!lock.acquired) return { ran: false, heldBy: lock.heldBy, since: lock.since };
    try {
      return { ran: true, outcome: await this.sweep(this.clock.now() - (options.graceMs ?? 0), options.electionId) };
    } finally {
      await lock.release();
    }
  }

  private async sweep(before: number, electionId: string | undefined): Promise<SweepOutcome> {
    const due = await this.stores.read(SYSTEM_ACTOR, async (s) => {
      const elections = electionId !== undefined ? [electionId] : (await s.elections.list()).map((e) => e.id);
      const found = [];
      for (const id of elections) found.push(...(await s.election(id).ballots.dueForSweep(before)));
      return found;
    });
    let rejected = 0;
    let waitingOnDocument = 0;
    let extended = 0;
    const other: { receiptNumber: string; message: string }[] = [];
    for (const ballot of due) {
      try {
        await this.transitions.apply(SYSTEM_ACTOR, ballot.id, { type: 'DEADLINE_PASSED' }, ballot.version);
        rejected += 1;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const refusal = error.details['refusal'];
        if (refusal === 'cure_submitted_in_time') waitingOnDocument += 1;
        else if (refusal === 'cure_deadline_not_passed') extended += 1;
        else other.push({ receiptNumber: ballot.receiptNumber, message: error.message });
      }
    }
    return { due: due.length, rejected, waitingOnDocument, extended, other };
  }
}
