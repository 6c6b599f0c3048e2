import { Global, Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { Stores, TransactionRunner } from '@app/persistence';
import { loadBundledPacks, RulePackRegistry } from '@app/rules';
import { BallotIntake } from './ballot-intake';
import { BallotQueries } from './ballot-queries';
import { BallotTransitions, type ScopeLog } from './ballot-transitions';
import { openClock, type ClockPlan } from './clock';
import { Certification } from './certification';
import { BulkDecisions } from './bulk-decisions';
import { DeadlineOrders } from './deadline-orders';
import { DeadlineSweep } from './deadline-sweep';
import { VoterResearch } from './voter-research';
import { ElectionRulesCache } from './election-rules';
import { Elections } from './elections';
import { CLOCK, type Clock, type StaffActor } from '@app/domain';

export const SCOPE_LOG = Symbol('SCOPE_LOG');

/** Out-of-county attempts go to the structured log: who, which ballot; never voter data. */
export function loggingScopeLog(logger = new Logger('CountyScope')): ScopeLog {
  return {
    outOfScope: (actor: StaffActor, ballotId: string) =>
      logger.warn({ msg: 'refused: ballot outside the actor\'s county', actorId: actor.id, role: actor.role, county: actor.countyCode, ballotId }),
  };
}

const PROVIDERS: Provider[] = [
    { provide: RulePackRegistry, useFactory: loadBundledPacks },
    { provide: SCOPE_LOG, useFactory: () => loggingScopeLog() },
    { provide: ElectionRulesCache, useFactory: (packs: RulePackRegistry) => new ElectionRulesCache(packs), inject: [RulePackRegistry] },
    {
      provide: BallotTransitions,
      useFactory: (stores: Stores, rules: ElectionRulesCache, clock: Clock, log: ScopeLog) => new BallotTransitions(stores, rules, clock, log),
      inject: [Stores, ElectionRulesCache, CLOCK, SCOPE_LOG],
    },
    {
      provide: BallotIntake,
      useFactory: (stores: Stores, transitions: BallotTransitions, clock: Clock, rules: ElectionRulesCache) => new BallotIntake(stores, transitions, clock, rules),
      inject: [Stores, BallotTransitions, CLOCK, ElectionRulesCache],
    },
    {
      provide: BallotQueries,
      useFactory: (stores: Stores, rules: ElectionRulesCache, transitions: BallotTransitions, clock: Clock) => new BallotQueries(stores, rules, transitions, clock),
      inject: [Stores, ElectionRulesCache, BallotTransitions, CLOCK],
    },
    {
      provide: DeadlineOrders,
      useFactory: (stores: Stores, rules: ElectionRulesCache, clock: Clock) => new DeadlineOrders(stores, rules, clock),
      inject: [Stores, ElectionRulesCache, CLOCK],
    },
    { provide: DeadlineSweep, useFactory: (stores: Stores, transitions: BallotTransitions, clock: Clock) => new DeadlineSweep(stores, transitions, clock), inject: [Stores, BallotTransitions, CLOCK] },
    { provide: VoterResearch, useFactory: (stores: Stores, transitions: BallotTransitions) => new VoterResearch(stores, transitions), inject: [Stores, BallotTransitions] },
    {
      provide: Elections,
      useFactory: (stores: Stores, packs: RulePackRegistry, rules: ElectionRulesCache, clock: Clock) => new Elections(stores, packs, rules, clock),
      inject: [Stores, RulePackRegistry, ElectionRulesCache, CLOCK],
    },
    { provide: BulkDecisions, useFactory: (stores: Stores, transitions: BallotTransitions) => new BulkDecisions(stores, transitions), inject: [Stores, BallotTransitions] },
    {
      provide: Certification,
      useFactory: (stores: Stores, clock: Clock, rules: ElectionRulesCache) => new Certification(stores, clock, rules),
      inject: [Stores, CLOCK, ElectionRulesCache],
    },
];

/**
 * The adjudication services for the API and the CLI alike, with the one clock every process on
 * the database agrees on (`openClock`).
 */
@Global()
@Module({})
export class BallotsModule {
  static forRoot(clock: ClockPlan): DynamicModule {
    return {
      module: BallotsModule,
      global: true,
      providers: [...PROVIDERS, { provide: CLOCK, useFactory: (tx: TransactionRunner) => openClock(tx, clock), inject: [TransactionRunner] }],
      exports: [RulePackRegistry, CLOCK, ElectionRulesCache, Elections, BallotTransitions, BallotIntake, BallotQueries, BulkDecisions, Certification, DeadlineOrders, DeadlineSweep, VoterResearch],
    };
  }
}
