import { Module, type DynamicModule } from '@nestjs/common';
import { UsersService } from '@app/auth';
import type { ClockPlan } from '@app/ballots';
import { BallotsModule } from '@app/ballots/ballots.module';
import type { AppConfig } from '@app/config';
import { Stores } from '@app/persistence';
import { DatabaseModule } from '@app/persistence/database.module';
import { ReportsModule } from '@app/reports/reports.module';
import { type Clock, CLOCK } from '@app/domain';

/** The CLI's module tree: the service's own modules, without HTTP. */
@Module({})
export class CliModule {
  static forRoot(config: AppConfig, options: { migrate: boolean; clock: ClockPlan }): DynamicModule {
    return {
      module: CliModule,
      imports: [DatabaseModule.forRoot(config.database, { migrate: options.migrate, auditKey: config.auditKey }), BallotsModule.forRoot(options.clock), ReportsModule],
      providers: [
        {
          provide: UsersService,
          useFactory: (stores: Stores, clock: Clock) => new UsersService(stores, clock, config.sessionIdleMinutes),
          inject: [Stores, CLOCK],
        },
      ],
      exports: [UsersService],
    };
  }
}
