import { randomUUID } from 'node:crypto';
import type { BallotKind, IssuedReason, SignatureState, UocavaCategory, VoterLanguage } from '@app/domain';
import { initialLifecycle } from '@app/lifecycle';
import { appendAudit, BallotEntity, CountyEntity, ElectionEntity, PrecinctEntity, VoterEntity, type TransactionRunner } from '@app/persistence';
import type { EntityManager } from 'typeorm';
import { reachesCounty, requireWriter, SYSTEM_ACTOR, type StaffActor } from './actor';
import type { BallotTransitions, Clock } from './ballot-transitions';
import { DomainError, notFound } from './errors';

/** A ballot as it arrives (SPEC section 2), already validated at the edge. */
export interface IntakeInput {
  readonly electionId: string;
  readonly receiptNumber: string;
  readonly kind: BallotKind;
  readonly countyCode: string;
  readonly precinctId: string | null;
  readonly firstName: string;
  readonly lastName: string;
  readonly dateOfBirth: string;
  readonly address: string;
  readonly claimedVoterId: string | null;
  readonly issuedReason: IssuedReason | null;
  readonly uocavaCategory: UocavaCategory | null;
  /** A UOCAVA ballot returned on the federal write-in absentee ballot (FWAB); false for a provisional ballot. */
  readonly fwab: boolean;
  readonly postmarkDate: string | null;
  readonly signedDate: string | null;
  readonly receivedAt: number;
  readonly castAt: number | null;
  readonly idShown: boolean;
  readonly outOfPrecinctAffidavit: boolean;
  readonly signature: SignatureState;
  readonly notes: string;
  readonly contactEmail: string | null;
  readonly contactPhone: string | null;
  readonly language: VoterLanguage;
}

/**
 * Takes a ballot in: stores what was received exactly, in `received.pending`, with its audit
 * entry; matches the voter it names when the roll agrees on the date of birth; and checks a
 * UOCAVA ballot's timeliness at once, proposing its rejection (a supervisor still confirms).
 */
export class BallotIntake {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly transitions: BallotTransitions,
    private readonly clock: Clock,
  ) {}

  async intake(actor: StaffActor, input: IntakeInput): Promise<BallotEntity> {
    return this.tx.run((manager) => this.intakeIn(manager, actor, input));
  }

  async intakeIn(manager: EntityManager, actor: StaffActor, input: IntakeInput): Promise<BallotEntity> {
    requireWriter(actor);
    if (!reachesCounty(actor, input.countyCode)) {
      throw new DomainError('forbidden', 'you can take in ballots only for your own county', {}, [
        { field: 'countyCode', message: 'must be your own county' },
      ]);
    }
    await this.checkPlaces(manager, input);
    const duplicate = await manager.findOneBy(BallotEntity, { electionId: input.electionId, receiptNumber: input.receiptNumber });
    if (duplicate !== null) {
      throw new DomainError('conflict', `receipt number ${input.receiptNumber} is already taken in for this election`, {}, [
        { field: 'receiptNumber', message: 'is already used in this election' },
      ]);
    }
    const now = this.clock.now();
    const start = initialLifecycle();
    const matched = await this.matchClaimedVoter(manager, input);
    const ballot: BallotEntity = Object.assign(new BallotEntity(), {
      ...input,
      id: randomUUID(),
      matchedVoterId: matched,
      status: start.state,
      machineVersion: start.machineVersion,
      lifecycle: start.context,
      cureReason: null,
      cureDeadline: null,
      rejectionReason: null,
      determination: null,
      version: 1,
      createdAt: now,
      createdBy: actor.id,
      updatedAt: now,
    });
    await manager.insert(BallotEntity, ballot);
    await appendAudit(manager, {
      electionId: ballot.electionId,
      ballotId: ballot.id,
      actorId: actor.id,
      actorRole: actor.role,
      event: 'INTAKE',
      fromState: null,
      toState: ballot.status,
      payload: { receiptNumber: ballot.receiptNumber, kind: ballot.kind, countyCode: ballot.countyCode, matchedVoterId: matched, version: 1 },
      at: new Date(now).toISOString(),
    });

    if (ballot.kind === 'uocava') {
      const decision = await this.transitions.decide(manager, ballot, now);
      if (decision.outcome === 'reject' && (decision.rejection === 'late' || decision.rejection === 'postmarked_late')) {
        const note = decision.reasons.find((r) => r.code === decision.rejection)?.message ?? 'Not timely.';
        const outcome = await this.transitions.applyIn(
          manager,
          SYSTEM_ACTOR,
          ballot.id,
          { type: 'PROPOSE_REJECTION', reason: decision.rejection, note: `Intake check: ${note}` },
          ballot.version,
        );
        return outcome.ballot;
      }
    }
    return ballot;
  }

  private async checkPlaces(manager: EntityManager, input: IntakeInput): Promise<void> {
    if ((await manager.findOneBy(ElectionEntity, { id: input.electionId })) === null) throw notFound('election');
    const county = await manager.findOneBy(CountyEntity, { electionId: input.electionId, code: input.countyCode });
    if (county === null) {
      throw new DomainError('invalid_input', 'unknown county for this election', {}, [{ field: 'countyCode', message: 'is not a county of this election' }]);
    }
    if (county.certifiedAt !== null) throw new DomainError('county_certified', 'the county has certified; no ballot can be taken in');
    if (input.precinctId !== null) {
      const precinct = await manager.findOneBy(PrecinctEntity, { electionId: input.electionId, id: input.precinctId });
      if (precinct === null || precinct.countyCode !== input.countyCode) {
        throw new DomainError('invalid_input', 'unknown precinct for this county', {}, [{ field: 'precinctId', message: 'is not a precinct of this county' }]);
      }
    }
  }

  /** The voter id on the affirmation is matched only when the roll has it with the same date of birth. */
  private async matchClaimedVoter(manager: EntityManager, input: IntakeInput): Promise<string | null> {
    if (input.claimedVoterId === null) return null;
    const voter = await manager.findOneBy(VoterEntity, { electionId: input.electionId, voterId: input.claimedVoterId });
    return voter !== null && voter.dateOfBirth === input.dateOfBirth ? voter.voterId : null;
  }
}

