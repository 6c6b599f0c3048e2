import type {
  BallotFacts,
  CureReason,
  Instant,
  Jurisdiction,
  ProvisionalBallotFacts,
  RejectionReason,
  UocavaBallotFacts,
  VoterRecord,
} from '@app/domain';
import { REJECTION_FOR_UNMADE_CURE, throwIllegalValue } from '@app/domain';
import type { CountyCalendar, ElectionCalendar } from './deadlines';

/** One finding behind a decision, with the rule it applies. */
export interface DecisionReason {
  readonly code: string;
  readonly message: string;
  /** Citation of the rule applied, from the pack's sources. */
  readonly source: string | null;
}

export interface CureNeed {
  readonly reason: CureReason;
  readonly deadline: Instant;
  readonly deadlineDisplay: string;
  readonly source: string;
}

interface DecisionBase {
  readonly reasons: readonly DecisionReason[];
}

/** The engine's answer for one ballot (SPEC section 4). Exactly one outcome. */
export type EligibilityDecision =
  | (DecisionBase & {
      readonly outcome: 'count';
      readonly eligible: true;
      readonly determination: 'full' | 'partial';
      /** The exact contests to count, in ballot order: for `partial`, the duplication list. */
      readonly contests: readonly string[];
    })
  | (DecisionBase & {
      readonly outcome: 'cure';
      readonly eligible: false;
      readonly determination: 'none';
      readonly contests: readonly [];
      /** Every cure still needed, earliest deadline first. */
      readonly cures: readonly [CureNeed, ...CureNeed[]];
    })
  | (DecisionBase & {
      readonly outcome: 'reject';
      readonly eligible: false;
      readonly determination: 'none';
      readonly contests: readonly [];
      readonly rejection: RejectionReason;
    })
  | (DecisionBase & {
      /** Cast in hours extended by a court order: kept apart until the order is final (HAVA 302(c)). */
      readonly outcome: 'hold';
      readonly eligible: false;
      readonly determination: 'none';
      readonly contests: readonly [];
    });

export interface EligibilityInput {
  readonly ballot: BallotFacts;
  /** The matched registration record; null when research found none. */
  readonly voter: VoterRecord | null;
  readonly jurisdiction: Jurisdiction;
  /** The election's calendar, which carries the rule pack in force. */
  readonly calendar: ElectionCalendar;
  readonly now: Instant;
}

/** Which contests of the ballot cast count, given where the voter is registered. */
type ContestFinding =
  | { readonly ok: true; readonly contests: readonly string[]; readonly castStyle: readonly string[] }
  | { readonly ok: false; readonly rejection: RejectionReason };

/**
 * The eligibility engine: a pure function of the ballot, the matched voter, the jurisdiction,
 * the rule pack (through the calendar) and the time. It never reads the clock.
 */
export function decideEligibility(input: EligibilityInput): EligibilityDecision {
  const { ballot, voter, calendar } = input;
  const pack = calendar.pack;
  const county = calendar.forCounty(ballot.countyCode);
  const reasons: DecisionReason[] = [];
  const reject = (rejection: RejectionReason, message: string, source: string | null): EligibilityDecision => {
    reasons.push({ code: rejection, message, source });
    return { outcome: 'reject', eligible: false, determination: 'none', contests: [], rejection, reasons };
  };

  if (ballot.kind === 'provisional' && ballot.issuedReason === 'extended_hours') {
    reasons.push({
      code: 'extended_hours',
      message: 'Cast during polling hours extended by a court order; held apart until the order is final.',
      source: 'HAVA section 302(c), 52 U.S.C. 21082(c)',
    });
    return { outcome: 'hold', eligible: false, determination: 'none', contests: [], reasons };
  }

  if (ballot.kind === 'uocava') {
    const late = uocavaTimeliness(ballot, county, calendar);
    if (late !== null) return reject(late.rejection, late.message, late.source);
  }

  if (voter === null) {
    return reject('not_registered', 'No registration record matches the voter.', null);
  }
  if (voter.status === 'cancelled') {
    return reject('not_registered', 'The registration is cancelled.', null);
  }
  // A voter a full roll re-import left out is no longer on the registration list: treated exactly
  // as a cancelled registration (SPEC section 2: the roll is the registration record, with
  // `cancelled` its only "not registered" status; section 4: eligibility starts from "whether the
  // voter is registered", and EAVS's `not_registered` is the rejection for it). The record is kept
  // so the match and the reason stay visible; a later roll that lists the voter again restores it.
  if (voter.removedFromRollAt !== undefined && voter.removedFromRollAt !== null) {
    return reject('not_registered', `No longer on the registration list: left out of the voter roll imported ${calendar.display(voter.removedFromRollAt, county.timeZone)}.`, null);
  }
  const registrationDeadline = county.deadlines.registration;
  if (!pack.sameDayRegistration.value && voter.registrationDate > registrationDeadline.localDate) {
    return reject(
      'not_registered',
      `Registered ${voter.registrationDate}, after the registration deadline of ${registrationDeadline.localDate}.`,
      registrationDeadline.source,
    );
  }
  if (voter.otherBallotAccepted) {
    return reject('already_voted', 'Another ballot of this voter has already been accepted.', null);
  }

  const found = contestsToCount(input, voter, reasons);
  if (!found.ok) {
    return { outcome: 'reject', eligible: false, determination: 'none', contests: [], rejection: found.rejection, reasons };
  }

  const needed = curesNeeded(ballot, voter, calendar, county);
  const outstanding = needed.filter((need) => !ballot.curedReasons.includes(need.reason));
  for (const need of needed) {
    const made = ballot.curedReasons.includes(need.reason);
    reasons.push({
      code: need.reason,
      message: made ? `Cure made: ${need.reason}.` : `Cure needed by ${need.deadlineDisplay}: ${need.reason}.`,
      source: need.source,
    });
  }
  const first = outstanding[0];
  if (first !== undefined) {
    const expired = outstanding.find((need) => input.now > need.deadline);
    if (expired !== undefined) {
      const rejection = REJECTION_FOR_UNMADE_CURE[expired.reason];
      return reject(rejection, `The cure deadline (${expired.deadlineDisplay}) passed without a cure.`, expired.source);
    }
    return {
      outcome: 'cure',
      eligible: false,
      determination: 'none',
      contests: [],
      cures: [first, ...outstanding.slice(1)],
      reasons,
    };
  }

  const determination = found.contests.length === found.castStyle.length ? 'full' : 'partial';
  return { outcome: 'count', eligible: true, determination, contests: found.contests, reasons };
}

function uocavaTimeliness(
  ballot: UocavaBallotFacts,
  county: CountyCalendar,
  calendar: ElectionCalendar,
): { rejection: RejectionReason; message: string; source: string } | null {
  const receipt = county.deadlines.uocavaReceipt;
  if (ballot.receivedAt > receipt.at) {
    return {
      rejection: 'late',
      message: `Received ${calendar.display(ballot.receivedAt, county.timeZone)}, after the receipt deadline of ${receipt.display}.`,
      source: receipt.source,
    };
  }
  const postmark = county.deadlines.uocavaPostmark;
  // A ballot in hand by the close of the polls needs no postmark.
  if (postmark === null || ballot.receivedAt <= county.pollsClose) return null;
  const mailed = ballot.postmarkDate ?? ballot.signedDate;
  if (mailed === null) {
    return {
      rejection: 'postmarked_late',
      message: `Received after the polls closed with neither a postmark nor a signed date on or before ${postmark.localDate}.`,
      source: postmark.source,
    };
  }
  if (mailed > postmark.localDate) {
    const what = ballot.postmarkDate !== null ? 'Postmarked' : 'Signed';
    return {
      rejection: 'postmarked_late',
      message: `${what} ${mailed}, after the postmark deadline of ${postmark.localDate}.`,
      source: postmark.source,
    };
  }
  return null;
}

function contestsToCount(input: EligibilityInput, voter: VoterRecord, reasons: DecisionReason[]): ContestFinding {
  const { ballot, jurisdiction, calendar } = input;
  const voterStyle = jurisdiction.ballotStyleSet(voter.precinctId);
  if (voterStyle === undefined) {
    reasons.push({ code: 'unknown_precinct', message: `The voter's precinct ${voter.precinctId} is not in the jurisdiction.`, source: null });
    return { ok: false, rejection: 'wrong_jurisdiction' };
  }
  // A UOCAVA voter is sent their own precinct's ballot; a provisional voter votes the ballot of the precinct where they stand.
  const castPrecinct = ballot.kind === 'provisional' ? ballot.precinctId : voter.precinctId;
  const castStyle = jurisdiction.ballotStyle(castPrecinct);
  if (castStyle === undefined) {
    reasons.push({ code: 'unknown_precinct', message: `The precinct cast in, ${castPrecinct}, is not in the jurisdiction.`, source: null });
    return { ok: false, rejection: 'wrong_jurisdiction' };
  }
  const pack = calendar.pack;

  if (voter.countyCode !== ballot.countyCode) {
    const rule = pack.outOfCounty;
    switch (rule.policy) {
      case 'reject':
        reasons.push({ code: 'out_of_county', message: `Cast in county ${ballot.countyCode}; the voter is registered in county ${voter.countyCode}.`, source: rule.source });
        return { ok: false, rejection: 'wrong_jurisdiction' };
      case 'statewide_only': {
        const contests = castStyle.filter((c) => jurisdiction.isStatewide(c) && voterStyle.has(c));
        reasons.push({ code: 'out_of_county', message: `Cast outside the county of registration (${voter.countyCode}): statewide contests only.`, source: rule.source });
        if (contests.length === 0) return { ok: false, rejection: 'wrong_jurisdiction' };
        return { ok: true, contests, castStyle };
      }
      default:
        return throwIllegalValue(rule.policy, 'outOfCounty.policy');
    }
  }

  if (castPrecinct === voter.precinctId) {
    reasons.push({ code: 'own_precinct', message: 'Cast in the voter\'s own precinct: every contest counts.', source: null });
    return { ok: true, contests: castStyle, castStyle };
  }

  const provisional = ballot as ProvisionalBallotFacts; // only provisional ballots can be cast elsewhere
  const rule = pack.outOfPrecinct;
  const eligibleContests = (): ContestFinding => {
    const contests = castStyle.filter((c) => voterStyle.has(c));
    reasons.push({
      code: 'out_of_precinct',
      message: `Cast in precinct ${provisional.precinctId}; registered in ${voter.precinctId}: only the contests the voter was eligible for count.`,
      source: rule.source,
    });
    if (contests.length === 0) return { ok: false, rejection: 'wrong_precinct' };
    return { ok: true, contests, castStyle };
  };
  switch (rule.policy) {
    case 'reject':
      reasons.push({ code: 'out_of_precinct', message: `Cast in precinct ${provisional.precinctId}; registered in ${voter.precinctId}.`, source: rule.source });
      return { ok: false, rejection: 'wrong_precinct' };
    case 'eligible_contests':
      return eligibleContests();
    case 'eligible_contests_after_5pm_with_affidavit': {
      // In the county's own zone, where the pack gives the county one.
      const zone = calendar.zoneOf(provisional.countyCode);
      const from = calendar.instantAt(calendar.schedule.electionDay, rule.afterTime ?? '17:00', zone);
      if (provisional.castAt >= from && provisional.outOfPrecinctAffidavit) return eligibleContests();
      const why = provisional.castAt < from
        ? `cast at ${calendar.display(provisional.castAt, zone)}, before ${calendar.display(from, zone)}`
        : 'cast without the sworn statement';
      reasons.push({ code: 'out_of_precinct', message: `Cast outside the voter's precinct (${why}).`, source: rule.source });
      return { ok: false, rejection: 'wrong_precinct' };
    }
    default:
      return throwIllegalValue(rule.policy, 'outOfPrecinct.policy');
  }
}

function curesNeeded(
  ballot: BallotFacts,
  voter: VoterRecord,
  calendar: ElectionCalendar,
  county: CountyCalendar,
): CureNeed[] {
  const cure = county.deadlines.provisionalCure;
  const need = (reason: CureReason): CureNeed => ({
    reason,
    deadline: cure.at,
    deadlineDisplay: cure.display,
    source: cure.source,
  });
  const needs: CureNeed[] = [];
  if (voter.status === 'pending') needs.push(need('registration_unresolved'));
  if (
    ballot.kind === 'provisional' &&
    calendar.pack.provisionalIdCure.value &&
    !ballot.idShown &&
    !voter.idOnFile
  ) {
    needs.push({ ...need('id_required'), source: calendar.pack.provisionalIdCure.source });
  }
  switch (ballot.signature) {
    case 'present':
      break;
    case 'missing':
      needs.push(need('signature_missing'));
      break;
    case 'mismatch':
      needs.push(need('signature_mismatch'));
      break;
    default:
      throwIllegalValue(ballot.signature, 'signature');
  }
  return needs;
}
