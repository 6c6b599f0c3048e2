import { randomUUID } from 'node:crypto';
import { applyEvent, type BallotCommand, type LifecycleEffect, type Refusal } from '@app/lifecycle';
import { appendAudit, BallotEntity, CountyEntity, CureSubmissionEntity, OutboxEntity, VoterEntity, type TransactionRunner } from '@app/persistence';
import { decideEligibility, type EligibilityDecision } from '@app/rules';
import type { EntityManager } from 'typeorm';
import { ballotFacts, voterRecord } from './ballot-facts';
import type { ElectionRulesCache } from './election-rules';
import { reachesCounty, type StaffActor, type Clock, DomainError, notFound } from '@app/domain';

export interface ScopeLog {
  /** An attempt to reach a ballot outside the actor's county: refused, and recorded here. */
  outOfScope(actor: StaffActor, ballotId: string): void;
}

export interface TransitionOutcome {
  readonly ballot: BallotEntity;
  readonly effects: readonly LifecycleEffect[];
  readonly decision: EligibilityDecision;
}

/**
 * Applies lifecycle events to stored ballots (STYLE: "a transition"): load, rebuild, `applyEvent`,
 * refuse if refused; else, in one transaction, a conditional update on the version, the audit
 * entry and any outbox rows. A stale version changes nothing and writes nothing.
 */
export class BallotTransitions {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly rules: ElectionRulesCache,
    private readonly clock: Clock,
    private readonly scopeLog: ScopeLog,
  ) {}

  /** Loads a ballot the actor may reach, or "not found" (the same answer for another county's ballot). */
  async loadInScope(manager: EntityManager, actor: StaffActor, ballotId: string): Promise<BallotEntity> {
    const ballot = await manager.findOneBy(BallotEntity, { id: ballotId });
    if (ballot === null) throw notFound('ballot');
    if (!reachesCounty(actor, ballot.countyCode)) {
      this.scopeLog.outOfScope(actor, ballotId);
      throw notFound('ballot');
    }
    return ballot;
  }

  /** A match names a registration on the election's roll (removed or not: the rules then say what it means). */
  private async requireOnRoll(manager: EntityManager, electionId: string, voterId: string): Promise<void> {
    if (typeof voterId !== 'string' || (await manager.countBy(VoterEntity, { electionId, voterId })) === 0) {
      throw new DomainError('invalid_input', `no voter ${String(voterId)} on this election's roll`, {}, [{ field: 'voterId', message: 'is not on this election\'s roll' }]);
    }
  }

  /** The engine's decision for a stored ballot now. */
  async decide(manager: EntityManager, ballot: BallotEntity, now: number): Promise<EligibilityDecision> {
    const rules = await this.rules.get(manager, ballot.electionId);
    const voter =
      ballot.matchedVoterId === null
        ? null
        : await manager.findOneBy(VoterEntity, { electionId: ballot.electionId, voterId: ballot.matchedVoterId });
    return decideEligibility({ ballot: ballotFacts(ballot), voter: voterRecord(voter), jurisdiction: rules.jurisdiction, calendar: rules.calendar, now });
  }

  async apply(actor: StaffActor, ballotId: string, command: BallotCommand, expectedVersion: number): Promise<TransitionOutcome> {
    return this.tx.run((manager) => this.applyIn(manager, actor, ballotId, command, expectedVersion));
  }

  /** The same, inside a transaction the caller already holds (intake, the sweep). */
  async applyIn(
    manager: EntityManager,
    actor: StaffActor,
    ballotId: string,
    command: BallotCommand,
    expectedVersion: number,
  ): Promise<TransitionOutcome> {
    const now = this.clock.now();
    const ballot = await this.loadInScope(manager, actor, ballotId);
    if (ballot.version !== expectedVersion) throw staleVersion(ballot.version, expectedVersion);
    const rules = await this.rules.get(manager, ballot.electionId);
    const county = await manager.findOneBy(CountyEntity, { electionId: ballot.electionId, code: ballot.countyCode });
    if (command.type === 'MATCH_VOTER') await this.requireOnRoll(manager, ballot.electionId, command.voterId);
    const decision = await this.decide(manager, ballot, now);
    const result = applyEvent(
      { machineVersion: ballot.machineVersion, state: ballot.status, context: ballot.lifecycle },
      command,
      {
        actor: { id: actor.id, role: actor.role },
        now,
        countyCertified: county?.certifiedAt !== null && county?.certifiedAt !== undefined,
        eligibility: decision,
        cureDeadline: rules.calendar.forCounty(ballot.countyCode).deadlines.provisionalCure.at,
        // Only the sweep's event reads it: a cure submitted in time holds the ballot off the sweep.
        pendingCureSubmittedAt: command.type === 'DEADLINE_PASSED' ? await pendingCureSubmittedAt(manager, ballot.id) : null,
      },
    );
    if (!result.ok) throw eventRefused(result.refusal);

    const { next, effects } = result;
    const changes = {
      status: next.state,
      matchedVoterId: next.context.match?.voterId ?? null,
      machineVersion: next.machineVersion,
      lifecycle: next.context,
      cureReason: next.context.cure?.reason ?? null,
      cureDeadline: next.context.cure?.deadline ?? null,
      rejectionReason: next.context.rejection?.reason ?? null,
      determination: next.context.count?.determination ?? null,
      version: ballot.version + 1,
      updatedAt: now,
    };
    const updated = await manager
      .createQueryBuilder()
      .update(BallotEntity)
      .set(changes)
      .where('id = :id AND version = :version', { id: ballot.id, version: expectedVersion })
      .execute();
    if (updated.affected !== 1) throw staleVersion(ballot.version, expectedVersion);

    for (const effect of effects) {
      switch (effect.kind) {
        case 'audit':
          await appendAudit(manager, {
            electionId: ballot.electionId,
            ballotId: ballot.id,
            actorId: effect.entry.actorId,
            actorRole: effect.entry.actorRole,
            event: effect.entry.event,
            fromState: effect.entry.from,
            toState: effect.entry.to,
            payload: { ...effect.entry.payload, version: ballot.version + 1, machineVersion: effect.entry.machineVersion },
            at: new Date(effect.entry.at).toISOString(),
          });
          break;
        case 'voterNotice':
          await manager.insert(OutboxEntity, {
            id: randomUUID(),
            kind: 'voter_notice',
            ballotId: ballot.id,
            payload: effect.notice,
            createdAt: now,
            processedAt: null,
            attempts: 0,
          });
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

/** When the earliest cure document still awaiting a clerk's decision was submitted; null when none is pending. */
export async function pendingCureSubmittedAt(manager: EntityManager, ballotId: string): Promise<number | null> {
  const earliest = await manager.findOne(CureSubmissionEntity, { where: { ballotId, status: 'pending' }, order: { submittedAt: 'ASC' }, select: { id: true, submittedAt: true } });
  return earliest?.submittedAt ?? null;
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
