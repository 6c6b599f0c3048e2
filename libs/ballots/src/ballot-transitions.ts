import { DomainError, notFound, type Clock, type StaffActor } from '@app/domain';
import { applyEvent, needsEligibility, type BallotCommand, type LifecycleEffect, type Refusal } from '@app/lifecycle';
import type { ActorStores, BallotEntity, ElectionStores, Stores } from '@app/persistence';
import { decideEligibility, type EligibilityDecision } from '@app/rules';
import { ballotFacts, voterRecord } from './ballot-facts';
import type { ElectionRules, ElectionRulesCache } from './election-rules';

export interface ScopeLog {
  /** An attempt to reach a ballot outside the actor's county: refused, and recorded here. */
  outOfScope(actor: StaffActor, ballotId: string): void;
}

export interface TransitionOutcome {
  readonly ballot: BallotEntity;
  readonly effects: readonly LifecycleEffect[];
  /** The engine's decision, for the events whose guards read it (`needsEligibility`); else null. */
  readonly decision: EligibilityDecision | null;
}

/** A ballot the actor reaches, with its election's stores. */
export interface ReachedBallot {
  readonly ballot: BallotEntity;
  readonly stores: ElectionStores;
}

/**
 * Applies lifecycle events to stored ballots (STYLE: "a transition"): load, rebuild, `applyEvent`,
 * refuse if refused; else, in one transaction, a conditional update on the version, the audit
 * entry and any outbox rows. A stale version changes nothing and writes nothing.
 */
export class BallotTransitions {
  constructor(
    private readonly stores: Stores,
    private readonly rules: ElectionRulesCache,
    private readonly clock: Clock,
    private readonly scopeLog: ScopeLog,
  ) {}

  /** A ballot the actor may reach, or "not found" (the same answer for another county's ballot, whose attempt is logged). */
  async reach(s: ActorStores, ballotId: string): Promise<ReachedBallot> {
    return (await s.ballot(ballotId)) ?? this.notReached(s, ballotId);
  }

  private async notReached(s: ActorStores, ballotId: string): Promise<never> {
    if (await s.existsOutsideScope(ballotId)) this.scopeLog.outOfScope(s.actor, ballotId);
    throw notFound('ballot');
  }

  /** The engine's decision for a stored ballot now. */
  async decide(e: ElectionStores, ballot: BallotEntity, now: number, known?: ElectionRules): Promise<EligibilityDecision> {
    const rules = known ?? (await this.rules.get(e.rules));
    const voter = ballot.matchedVoterId === null ? null : await e.voters.forDecision(ballot.matchedVoterId);
    return decideEligibility({ ballot: ballotFacts(ballot), voter: voterRecord(voter), jurisdiction: rules.jurisdiction, calendar: rules.calendar, now });
  }

  apply(actor: StaffActor, ballotId: string, command: BallotCommand, expectedVersion: number): Promise<TransitionOutcome> {
    // Group commit on SQLite: concurrent clients' transitions share a commit, each checked on its own.
    return this.stores.writeGrouped(actor, (s) => this.applyIn(s, ballotId, command, expectedVersion));
  }

  /** The same, inside a transaction the caller already holds (intake, a cure document's acceptance). */
  async applyIn(s: ActorStores, ballotId: string, command: BallotCommand, expectedVersion: number): Promise<TransitionOutcome> {
    const now = this.clock.now();
    // One query: the ballot, its election's rules version and its county's certification.
    const { ballot, stores: e, rulesVersion, countyCertified } = (await s.ballotForTransition(ballotId)) ?? (await this.notReached(s, ballotId));
    if (ballot.version !== expectedVersion) throw staleVersion(ballot.version, expectedVersion);
    const rules = await this.rules.atVersion(e.rules, rulesVersion);
    if (command.type === 'MATCH_VOTER' && (typeof command.voterId !== 'string' || !(await e.voters.isOnRoll(command.voterId)))) {
      throw new DomainError('invalid_input', `no voter ${String(command.voterId)} on this election's roll`, {}, [{ field: 'voterId', message: 'is not on this election\'s roll' }]);
    }
    const decision = needsEligibility(command.type, ballot.lifecycle) ? await this.decide(e, ballot, now, rules) : null;
    const result = applyEvent(
      { machineVersion: ballot.machineVersion, state: ballot.status, context: ballot.lifecycle },
      command,
      {
        actor: { id: s.actor.id, role: s.actor.role },
        now,
        countyCertified,
        eligibility: decision,
        cureDeadline: rules.calendar.forCounty(ballot.countyCode).deadlines.provisionalCure.at,
        // Only the sweep's event reads it: a cure submitted in time holds the ballot off the sweep.
        pendingCureSubmittedAt: command.type === 'DEADLINE_PASSED' ? await e.cureDocuments.earliestPendingAt(ballot.id) : null,
      },
    );
    if (!result.ok) throw eventRefused(result.refusal);

    const { next, effects } = result;
    const changes = {
      status: next.state,
      machineVersion: next.machineVersion,
      lifecycle: next.context,
      matchedVoterId: next.context.match?.voterId ?? null,
      cureReason: next.context.cure?.reason ?? null,
      cureDeadline: next.context.cure?.deadline ?? null,
      rejectionReason: next.context.rejection?.reason ?? null,
      determination: next.context.count?.determination ?? null,
      version: ballot.version + 1,
      updatedAt: now,
    };
    if (!(await e.ballots.updateLifecycle(ballot.id, expectedVersion, changes))) throw staleVersion(ballot.version, expectedVersion);

    for (const effect of effects) {
      switch (effect.kind) {
        case 'audit':
          await e.audit.append({
            event: effect.entry.event,
            ballot,
            fromState: effect.entry.from,
            toState: effect.entry.to,
            payload: { ...effect.entry.payload, version: ballot.version + 1, machineVersion: effect.entry.machineVersion },
            at: effect.entry.at,
            as: { id: effect.entry.actorId, role: effect.entry.actorRole },
          });
          break;
        case 'voterNotice':
          await e.outbox.queueNotice(ballot, effect.notice, now);
          break;
        case 'setDeadline':
        case 'recordCount':
          // Both are carried by the lifecycle context and its indexed copies written above.
          break;
      }
    }
    return { ballot: Object.assign(ballot, changes), effects, decision };
  }
}

function staleVersion(current: number, expected: number): DomainError {
  return new DomainError('stale_version', `the ballot has changed since version ${expected}; reload it`, { currentVersion: current, expectedVersion: expected });
}

function eventRefused(refusal: Refusal): DomainError {
  return new DomainError('event_refused', refusal.message, {
    refusal: refusal.code,
    event: refusal.event,
    state: refusal.state,
    acceptedEvents: refusal.acceptedEvents,
  });
}
