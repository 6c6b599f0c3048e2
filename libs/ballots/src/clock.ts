import type { ClockSetting } from '@app/config';
import type { Clock } from '@app/domain';
import { clearServiceClock, readServiceClock, writeServiceClock, type TransactionRunner } from '@app/persistence';


/**
 * The real clock, or a simulated one that stood at `clockAt` when the real clock read `realAt`
 * and runs forward with it (demos and training run in election week of a past election).
 */
export class RunningClock implements Clock {
  private constructor(
    private readonly clockAt: number | null,
    private readonly realAt: number,
    /** For the start-up banner and the CLI: where this clock comes from. */
    readonly description: string,
  ) {}

  static real(): RunningClock {
    return new RunningClock(null, 0, 'the real clock');
  }

  static from(clockAt: number, realAt: number, description: string): RunningClock {
    return new RunningClock(clockAt, realAt, description);
  }

  get simulated(): boolean {
    return this.clockAt !== null;
  }

  now(): number {
    return this.clockAt === null ? Date.now() : this.clockAt + (Date.now() - this.realAt);
  }
}

/** Who asks for the clock, and what a simulated one starts at when nothing says otherwise. */
export interface ClockPlan {
  readonly setting: ClockSetting;
  /**
   * The service decides the clock of every process on its database and stores it; the CLI and
   * other tools read what it stored (unless CLOCK_AT says otherwise for that one run).
   */
  readonly owner: boolean;
  /** With CLOCK_AT unset and no stored clock: a simulated clock starts here (the demo), else the real one. */
  readonly startIfUnset: number | null;
  /** Who sets it, for the stored row ("service pid 123", "seed-demo"). */
  readonly setBy: string;
}

/**
 * The one provider of the clock, for the service, the CLI and the benchmarks (issue 11: the CLI and
 * the service must read the same minute). A simulated clock is stored in the database, so every
 * process on it computes the same time:
 * - `CLOCK_AT=real`: the real clock; the service also clears any stored clock.
 * - `CLOCK_AT=<instant>`: starts there; the service stores it, a CLI run only uses it.
 * - unset: the stored clock if there is one (the demo's, running on from where it was started);
 *   else the demo's start (`startIfUnset`), stored; else the real clock. A service that is not the
 *   demo and has no CLOCK_AT runs on the real clock and clears a stored one.
 */
export async function openClock(tx: TransactionRunner, plan: ClockPlan): Promise<RunningClock> {
  const realAt = Date.now();
  const store = (clockAt: number) => tx.run((m) => writeServiceClock(m, { clockAt, realAt, setBy: plan.setBy }));
  switch (plan.setting.kind) {
    case 'real':
      if (plan.owner) await tx.run((m) => clearServiceClock(m));
      return RunningClock.real();
    case 'at':
      if (plan.owner) await store(plan.setting.instant);
      return RunningClock.from(plan.setting.instant, realAt, `CLOCK_AT, started at ${new Date(plan.setting.instant).toISOString()}`);
    case 'unset': {
      if (plan.owner && plan.startIfUnset === null) {
        await tx.run((m) => clearServiceClock(m));
        return RunningClock.real();
      }
      const stored = await tx.read((m) => readServiceClock(m));
      if (stored !== null) return RunningClock.from(stored.clockAt, stored.realAt, `the service's clock (set by ${stored.setBy}, started at ${new Date(stored.clockAt).toISOString()})`);
      if (plan.startIfUnset === null) return RunningClock.real();
      await store(plan.startIfUnset);
      return RunningClock.from(plan.startIfUnset, realAt, `started at ${new Date(plan.startIfUnset).toISOString()}`);
    }
  }
}
