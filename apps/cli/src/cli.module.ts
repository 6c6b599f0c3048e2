import { Module, type DynamicModule } from '@nestjs/common';
import { UsersService } from '@app/auth';
import type { ClockPlan } from '@app/ballots';
import { BallotsModule } from '@app/ballots/ballots.module';
import type { AppConfig } from '@app/config';
import { TransactionRunner } from '@app/persistence';
import { DatabaseModule } from '@app/persistence/database.module';
import { type Clock, CLOCK } from '@app/domain';

/** The CLI's module tree: the service's own modules, without HTTP. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, options: { migrate: boolean; clock: ClockPlan }): DynamicModule {
    return {
      module: CliModule,
      imports: [DatabaseModule.forRoot(config.database, { migrate: options.migrate }), BallotsModule.forRoot(options.clock)],
      providers: [
        {
          provide: UsersService,
          useFactory: (tx: TransactionRunner, clock: Clock) => new UsersService(tx, clock, config.sessionIdleMinutes),
          inject: [TransactionRunner, CLOCK],
        },
      ],
      exports: [UsersService],
    };
  }
}
