import { Global, Logger, Module } from '@nestjs/common';
import { TransactionRunner } from '@app/persistence';
import { loadBundledPacks, RulePackRegistry } from '@app/rules';
import type { StaffActor } from './actor';
import { BallotIntake } from './ballot-intake';
import { BallotQueries } from './ballot-queries';
import { BallotTransitions, type Clock, type ScopeLog } from './ballot-transitions';
import { Certification } from './certification';
import { ElectionRulesCache } from './election-rules';
import { Reports } from './reports';

export const CLOCK = Symbol('CLOCK');
export const SCOPE_LOG = Symbol('SCOPE_LOG');

let clockOffset = 0;

/**
 * Demonstrations and training: the service's clock starts at `instant` and runs forward from
 * there (the demo election is in November 2020). Process-wide, set once at start-up.
 */
export function startClockAt(instant: number): void {
  clockOffset = instant - Date.now();
}

export const systemClock: Clock = { now: () => Date.now() + clockOffset };

/** Out-of-county attempts go to the structured log: who, which ballot; never voter data. */
export function loggingScopeLog(logger = new Logger('CountyScope')): ScopeLog {
  return {
    outOfScope: (actor: StaffActor, ballotId: string) =>
      logger.warn({ msg: 'refused: ballot outside the actor\'s county', actorId: actor.id, role: actor.role, county: actor.countyCode, ballotId }),
  };
}

/** The adjudication services for the API and the CLI alike. */
@Global()
@Module({
  providers: [
    { provide: RulePackRegistry, useFactory: loadBundledPacks },
    { provide: CLOCK, useValue: systemClock },
    { provide: SCOPE_LOG, useFactory: () => loggingScopeLog() },
    { provide: ElectionRulesCache, useFactory: (packs: RulePackRegistry) => new ElectionRulesCache(packs), inject: [RulePackRegistry] },
    {
      provide: BallotTransitions,
      useFactory: (tx: TransactionRunner, rules: ElectionRulesCache, clock: Clock, log: ScopeLog) => new BallotTransitions(tx, rules, clock, log),
      inject: [TransactionRunner, ElectionRulesCache, CLOCK, SCOPE_LOG],
    },
    {
      provide: BallotIntake,
      useFactory: (tx: TransactionRunner, transitions: BallotTransitions, clock: Clock) => new BallotIntake(tx, transitions, clock),
      inject: [TransactionRunner, BallotTransitions, CLOCK],
    },
    {
      provide: BallotQueries,
      useFactory: (tx: TransactionRunner, rules: ElectionRulesCache, transitions: BallotTransitions, clock: Clock) => new BallotQueries(tx, rules, transitions, clock),
      inject: [TransactionRunner, ElectionRulesCache, BallotTransitions, CLOCK],
    },
    { provide: Reports, useFactory: (tx: TransactionRunner) => new Reports(tx), inject: [TransactionRunner] },
    {
      provide: Certification,
      useFactory: (tx: TransactionRunner, clock: Clock) => new Certification(tx, clock),
      inject: [TransactionRunner, CLOCK],
    },
  ],
  exports: [RulePackRegistry, CLOCK, ElectionRulesCache, BallotTransitions, BallotIntake, BallotQueries, Reports, Certification],
})
export class BallotsModule {}
