import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { DeadlineSweep } from '@app/ballots';
import type { AppConfig } from '@app/config';
import { APP_CONFIG } from '../config.token';

/**
 * The service runs the deadline sweep itself, every SWEEP_INTERVAL_SECONDS (issue 11), under the
 * sweep's lock, so no ballot sits past its deadline in "waiting for the voter" until someone
 * remembers the CLI. It waits SWEEP_GRACE_MINUTES after a deadline: a cure made in time at the
 * office and entered a little after the deadline (with the time the voter made it) is recorded
 * before the sweep rejects the ballot. A run never overlaps the previous one; shutdown waits for it.
 */
@Injectable()
export class SweepScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('DeadlineSweep');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sweep: DeadlineSweep,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.sweepIntervalSeconds === 0) {
      this.logger.warn({ msg: 'SWEEP_INTERVAL_SECONDS is 0: the service does not run the deadline sweep; run the CLI\'s sweep-deadlines' });
      return;
    }
    this.timer = setInterval(() => this.tick(), this.config.sweepIntervalSeconds * 1000);
    this.timer.unref();
  }

  tick(): void {
    if (this.running !== null || this.stopping) return;
    this.running = this.sweep
      .run({ holder: `the service (pid ${process.pid} on ${hostname()})`, graceMs: this.config.sweepGraceMinutes * 60_000 })
      .then((result) => {
        if (result.ran && result.outcome.due > 0) this.logger.log({ msg: 'deadline sweep', ...result.outcome, other: result.outcome.other.length });
      })
      .catch((error: unknown) => this.logger.error({ msg: 'deadline sweep failed; the next one tries again', error: error instanceof Error ? error.message : String(error) }))
      .finally(() => {
        this.running = null;
      });
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }
}
