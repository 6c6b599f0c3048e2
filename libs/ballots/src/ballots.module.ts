import { Global, Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { TransactionRunner } from '@app/persistence';
import { loadBundledPacks, RulePackRegistry } from '@app/rules';
import { BallotIntake } from './ballot-intake';
import { BallotQueries } from './ballot-queries';
import { BallotTransitions, type ScopeLog } from './ballot-transitions';
import { openClock, type ClockPlan } from './clock';
import { Certification } from './certification';
import { DeadlineOrders } from './deadline-orders';
import { DeadlineSweep } from './deadline-sweep';
import { VoterResearch } from './voter-research';
import { ElectionRulesCache } from './election-rules';
import { Reports } from './reports';
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
      useFactory: (tx: TransactionRunner, rules: ElectionRulesCache, clock: Clock, log: ScopeLog) => new BallotTransitions(tx, rules, clock, log),
      inject: [TransactionRunner, ElectionRulesCache, CLOCK, SCOPE_LOG],
    },
    {
      provide: BallotIntake,
      useFactory: (tx: TransactionRunner, transitions: BallotTransitions, clock: Clock, rules: ElectionRulesCache) => new BallotIntake(tx, transitions, clock, rules),
      inject: [TransactionRunner, BallotTransitions, CLOCK, ElectionRulesCache],
    },
    {
      provide: BallotQueries,
      useFactory: (tx: TransactionRunner, rules: ElectionRulesCache, transitions: BallotTransitions, clock: Clock) => new BallotQueries(tx, rules, transitions, clock),
      inject: [TransactionRunner, ElectionRulesCache, BallotTransitions, CLOCK],
    },
    { provide: Reports, useFactory: (tx: TransactionRunner, rules: ElectionRulesCache) => new Reports(tx, rules), inject: [TransactionRunner, ElectionRulesCache] },
    {
      provide: DeadlineOrders,
      useFactory: (tx: TransactionRunner, rules: ElectionRulesCache, clock: Clock) => new DeadlineOrders(tx, rules, clock),
      inject: [TransactionRunner, ElectionRulesCache, CLOCK],
    },
    { provide: DeadlineSweep, useFactory: (tx: TransactionRunner, transitions: BallotTransitions, clock: Clock) => new DeadlineSweep(tx, transitions, clock), inject: [TransactionRunner, BallotTransitions, CLOCK] },
    { provide: VoterResearch, useFactory: (tx: TransactionRunner, transitions: BallotTransitions) => new VoterResearch(tx, transitions), inject: [TransactionRunner, BallotTransitions] },
    {
      provide: Certification,
      useFactory: (tx: TransactionRunner, clock: Clock) => new Certification(tx, clock),
      inject: [TransactionRunner, CLOCK],
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
      exports: [RulePackRegistry, CLOCK, ElectionRulesCache, BallotTransitions, BallotIntake, BallotQueries, Reports, Certification, DeadlineOrders, DeadlineSweep, VoterResearch],
    };
  }
}
