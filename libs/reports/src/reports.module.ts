import { Module } from '@nestjs/common';
import { ElectionRulesCache } from '@app/ballots';
import { Stores } from '@app/persistence';
import { CLOCK, type Clock } from '@app/domain';
import { ReportExports } from './report-export';
import { Reports } from './reports';

/** The reports, for the API, the console and the CLI. */
@Module({
  providers: [
    { provide: Reports, useFactory: (stores: Stores, rules: ElectionRulesCache) => new Reports(stores, rules), inject: [Stores, ElectionRulesCache] },
    { provide: ReportExports, useFactory: (reports: Reports, stores: Stores, clock: Clock) => new ReportExports(reports, stores, clock), inject: [Reports, Stores, CLOCK] },
  ],
  exports: [Reports, ReportExports],
})
export class ReportsModule {}
