import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CLOCK, SYSTEM_ACTOR, type Clock } from '@app/domain';
import { closeAbandonedImports } from '@app/imports';
import { TransactionRunner } from '@app/persistence';

/**
 * At start, the service closes as `abandoned` every voter import left `running` by a process that
 * died (issue 13), with its audit entry and the rows its committed batches wrote: the imports page
 * and the audit trail never show an import as running when nothing runs it. Each import does the
 * same before it starts.
 */
@Injectable()
export class AbandonedImports implements OnApplicationBootstrap {
  private readonly logger = new Logger('VoterImports');

  constructor(
    private readonly tx: TransactionRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const closed = await closeAbandonedImports(this.tx, SYSTEM_ACTOR, this.clock);
    if (closed.length > 0) this.logger.warn({ msg: 'voter imports left running by a process that died were closed as abandoned', imports: closed });
  }
}
