import { randomUUID } from 'node:crypto';
import type { BallotKind, IssuedReason, SignatureState, UocavaCategory, VoterLanguage } from '@app/domain';
import { initialLifecycle } from '@app/lifecycle';
import { BallotEntity, type ActorStores, type ElectionStores, type Stores } from '@app/persistence';
import { formatLocal } from '@app/rules';
import { DateTime } from 'luxon';
import type { BallotTransitions } from './ballot-transitions';
import type { ElectionRules, ElectionRulesCache } from './election-rules';
import { matchAtIntake } from './voter-research';
import { DomainError, notFound, reachesCounty, requirePermission, type Clock, type FieldProblem, type StaffActor } from '@app/domain';

/** How far ahead of the service's clock a reported receipt time may be: another machine's clock may run a little fast. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** Older than anyone who has lived: a typing mistake, not a voter. */
const MAX_AGE_YEARS = 130;

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
    private readonly stores: Stores,
    private readonly transitions: BallotTransitions,
    private readonly clock: Clock,
    private readonly rules: ElectionRulesCache,
  ) {}

  async intake(actor: StaffActor, input: IntakeInput): Promise<BallotEntity> {
    return this.stores.write(actor, (s) => this.intakeIn(s, input));
  }

  async intakeIn(s: ActorStores, input: IntakeInput): Promise<BallotEntity> {
    const actor = s.actor;
    requirePermission(actor, 'intake');
    if (!reachesCounty(actor, input.countyCode)) {
      throw new DomainError('forbidden', 'you can take in ballots only for your own county', {}, [
        { field: 'countyCode', message: 'must be your own county' },
      ]);
    }
    const e = s.election(input.electionId);
    // The rules version is read once (null: no such election); places and times are checked
    // against the rules it names, from the versioned cache (issue 16: no re-reads per ballot).
    const version = await e.rules.version();
    if (version === null) throw notFound('election');
    const rules = await this.rules.atVersion(e.rules, version);
    await this.checkPlaces(e, rules, input);
    this.checkTimes(rules, input);
    if (await e.ballots.receiptTaken(input.receiptNumber)) {
      throw new DomainError('conflict', `receipt number ${input.receiptNumber} is already taken in for this election`, {}, [
        { field: 'receiptNumber', message: 'is already used in this election' },
      ]);
    }
    const now = this.clock.now();
    const match = await matchAtIntake(e.voters, input);
    const start = initialLifecycle(match === null ? null : { voterId: match.voterId, by: actor.id, at: now, note: match.note });
    const matched = match?.voterId ?? null;
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
    await e.ballots.insert(ballot);
    await e.audit.append({
      event: 'INTAKE',
      ballot,
      toState: ballot.status,
      payload: { receiptNumber: ballot.receiptNumber, kind: ballot.kind, countyCode: ballot.countyCode, matchedVoterId: matched, ...(match === null ? {} : { matchNote: match.note }), version: 1 },
      at: now,
    });

    if (ballot.kind === 'uocava') {
      const decision = await this.transitions.decide(e, ballot, now);
      if (decision.outcome === 'reject' && (decision.rejection === 'late' || decision.rejection === 'postmarked_late')) {
        const note = decision.reasons.find((r) => r.code === decision.rejection)?.message ?? 'Not timely.';
        // The service proposes, in this transaction; a supervisor still confirms.
        const outcome = await this.transitions.applyIn(
          s.asService(),
          ballot.id,
          { type: 'PROPOSE_REJECTION', reason: decision.rejection, note: `Intake check: ${note}` },
          ballot.version,
        );
        return outcome.ballot;
      }
    }
    return ballot;
  }

  /**
   * Times and dates that cannot be true are refused, each naming its field (issue 11): they decide
   * timeliness. A ballot is not received in the future (a few minutes of clock skew allowed); a
   * provisional ballot is cast within the voting period (from the day voting opens under the rule
   * pack to the end of election day: a voter in line when the polls close still votes) and not
   * after it was received; a postmark or signature is not dated after receipt; a voter is born
   * neither in the future, nor after election day, nor more than 130 years before it.
   */
  private checkTimes(rules: ElectionRules, input: IntakeInput): void {
    const now = this.clock.now();
    const county = rules.calendar.forCounty(input.countyCode);
    const zone = county.timeZone;
    const show = (instant: number) => formatLocal(instant, zone);
    const localDate = (instant: number) => DateTime.fromMillis(instant, { zone }).toISODate() ?? '';
    const electionDay = county.electionDay;
    const problems: FieldProblem[] = [];
    if (input.receivedAt > now + CLOCK_SKEW_MS) problems.push({ field: 'receivedAt', message: `is later than now (${show(now)}): a ballot cannot be received in the future` });
    if (input.castAt !== null) {
      const endOfElectionDay = DateTime.fromISO(electionDay, { zone }).endOf('day').toMillis();
      if (input.castAt < county.votingOpens) problems.push({ field: 'castAt', message: `is before voting opened, ${show(county.votingOpens)} (${county.votingOpensSource})` });
      else if (input.castAt > endOfElectionDay) problems.push({ field: 'castAt', message: `is after election day (${electionDay})` });
      if (input.castAt > input.receivedAt) problems.push({ field: 'castAt', message: 'is after the ballot was received' });
    }
    const received = localDate(input.receivedAt);
    if (input.postmarkDate !== null && input.postmarkDate > received) problems.push({ field: 'postmarkDate', message: `is after the ballot was received (${received})` });
    if (input.signedDate !== null && input.signedDate > received) problems.push({ field: 'signedDate', message: `is after the ballot was received (${received})` });
    const oldest = DateTime.fromISO(electionDay, { zone: 'UTC' }).minus({ years: MAX_AGE_YEARS }).toISODate() ?? '';
    if (input.dateOfBirth > localDate(now)) problems.push({ field: 'dateOfBirth', message: 'is in the future' });
    else if (input.dateOfBirth > electionDay) problems.push({ field: 'dateOfBirth', message: `is after election day (${electionDay})` });
    else if (input.dateOfBirth < oldest) problems.push({ field: 'dateOfBirth', message: `is more than ${MAX_AGE_YEARS} years before election day` });
    if (problems.length > 0) throw new DomainError('invalid_input', `the ballot's dates and times are not possible: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {}, problems);
  }

  /** The county and precinct from the election's rules (its jurisdiction at this rules version); the county's certification read fresh. */
  private async checkPlaces(e: ElectionStores, rules: ElectionRules, input: IntakeInput): Promise<void> {
    if (!rules.jurisdiction.hasCounty(input.countyCode)) {
      throw new DomainError('invalid_input', 'unknown county for this election', {}, [{ field: 'countyCode', message: 'is not a county of this election' }]);
    }
    const county = await e.counties.get(input.countyCode);
    if (county === null) throw new DomainError('forbidden', 'you can take in ballots only for your own county', {}, [{ field: 'countyCode', message: 'must be your own county' }]);
    if (county.certifiedAt !== null) throw new DomainError('county_certified', 'the county has certified; no ballot can be taken in');
    if (input.precinctId !== null && rules.jurisdiction.countyOf(input.precinctId) !== input.countyCode) {
      throw new DomainError('invalid_input', 'unknown precinct for this county', {}, [{ field: 'precinctId', message: 'is not a precinct of this county' }]);
    }
  }
}
