import { CURE_REASONS, isOneOf, REJECTION_REASONS, throwIllegalValue, type CureReason, type RejectionReason, type VoterLanguage } from '@app/domain';
import type { BallotState, VoterNotice } from '@app/lifecycle';
import { wordsFor, type VoterWords } from '@app/wording';

/**
 * Which notice each lifecycle state sends, as data: one row per state and reason (the cure owed,
 * the rejection's reason, the count's determination), each naming the notice and the sentence it
 * rests on, or saying why the voter is told nothing. North Carolina texted in-person voters in
 * 2020 that their ballot was "spoiled" because a status was mapped to the wrong message; Hawaii
 * County told 2,379 voters in 2022 that their ballot was accepted when it was not. Here the map
 * is one table that a test reads row by row, rendering every notice in every language.
 *
 * The dispatcher asks `noticeStands` before it sends: a notice goes out only while the ballot
 * still stands where the notice says it does (a counted ballot reinstated, a rejection returned,
 * a cure already made: the queued notice is no longer true and is not sent).
 */

/** Every notice the lifecycle and the service write (the `type` of `VoterNotice`). */
export const NOTICE_TYPES = ['cure_requested', 'counted', 'partially_counted', 'rejected', 'cure_declined', 'cure_deadline_moved'] as const;
export type NoticeType = (typeof NOTICE_TYPES)[number];

/** Notices a transition writes: the state the ballot enters decides which. */
export const TRANSITION_NOTICE_TYPES = ['cure_requested', 'counted', 'partially_counted', 'rejected'] as const satisfies readonly NoticeType[];
export type TransitionNoticeType = (typeof TRANSITION_NOTICE_TYPES)[number];

/** Notices written while a ballot stays where it is (a declined upload, a moved deadline). */
export const FOLLOW_UP_NOTICE_TYPES = ['cure_declined', 'cure_deadline_moved'] as const satisfies readonly NoticeType[];
export type FollowUpNoticeType = (typeof FOLLOW_UP_NOTICE_TYPES)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Fails to compile when the lifecycle gains or loses a notice type that these lists do not. */
const _noticeTypesAreTheLifecycles: [Same<NoticeType, VoterNotice['type']>, Same<NoticeType, TransitionNoticeType | FollowUpNoticeType>] = [true, true];

/** A counted ballot is counted in full or in part (a determination of `none` is a rejection). */
export const COUNT_DETERMINATIONS = ['full', 'partial'] as const;
export type CountDetermination = (typeof COUNT_DETERMINATIONS)[number];

/** The reason that goes with each state in the table: none for the states that have no reason. */
export type ReasonFor<S extends BallotState> = S extends 'received.awaitingCure'
  ? CureReason
  : S extends 'rejected'
    ? RejectionReason
    : S extends 'counted'
      ? CountDetermination
      : null;
export type NoticeReason = CureReason | RejectionReason | CountDetermination;

/** The sentence of `@app/wording` a notice rests on: what to do, why not counted, or that it counted. */
export type SentenceKey = `cureAction.${CureReason}` | `rejectionExplained.${RejectionReason}` | 'notice.counted' | 'notice.partial';

/** Tells the voter nothing, and says why. */
export interface Silent {
  readonly notice: 'none';
  readonly because: string;
}

/** Sends `notice`, resting on `sentence`; while the ballot stays here, the follow-ups may be sent too. */
export interface Sends<T extends TransitionNoticeType> {
  readonly notice: T;
  readonly sentence: SentenceKey;
  readonly followUps: readonly FollowUpNoticeType[];
}

export type NoticeRule = Silent | Sends<TransitionNoticeType>;

/** One row per state, and per reason where the state has one. A state or reason left out does not compile. */
export interface NoticeTable {
  readonly 'received.pending': Silent;
  readonly 'received.awaitingCure': { readonly [R in CureReason]: Sends<'cure_requested'> | Silent };
  readonly 'received.rejectionProposed': Silent;
  readonly 'received.held': Silent;
  readonly verified: Silent;
  readonly cured: Silent;
  readonly counted: { readonly full: Sends<'counted'> | Silent; readonly partial: Sends<'partially_counted'> | Silent };
  readonly rejected: { readonly [R in RejectionReason]: Sends<'rejected'> | Silent };
}

const cure = (sentence: `cureAction.${CureReason}`): Sends<'cure_requested'> => ({ notice: 'cure_requested', sentence, followUps: ['cure_declined', 'cure_deadline_moved'] });
const rejection = (sentence: `rejectionExplained.${RejectionReason}`): Sends<'rejected'> => ({ notice: 'rejected', sentence, followUps: [] });

export const NOTICE_MAP: NoticeTable = {
  'received.pending': { notice: 'none', because: 'under research: nothing is decided, and the portal says the ballot is being reviewed' },
  'received.awaitingCure': {
    id_required: cure('cureAction.id_required'),
    registration_unresolved: cure('cureAction.registration_unresolved'),
    signature_missing: cure('cureAction.signature_missing'),
    signature_mismatch: cure('cureAction.signature_mismatch'),
    information_missing: cure('cureAction.information_missing'),
  },
  'received.rejectionProposed': { notice: 'none', because: 'a proposed rejection is not final until a supervisor confirms it, and may be returned' },
  'received.held': { notice: 'none', because: 'held apart under a court order (HAVA 302(c)): nothing is decided until the court is' },
  verified: { notice: 'none', because: 'verified is not counted: the count may still find the ballot counts only in part' },
  cured: { notice: 'none', because: 'the cure was recorded, but the ballot is not yet counted: the voter hears when it is' },
  counted: {
    full: { notice: 'counted', sentence: 'notice.counted', followUps: [] },
    partial: { notice: 'partially_counted', sentence: 'notice.partial', followUps: [] },
  },
  rejected: {
    not_registered: rejection('rejectionExplained.not_registered'),
    wrong_jurisdiction: rejection('rejectionExplained.wrong_jurisdiction'),
    wrong_precinct: rejection('rejectionExplained.wrong_precinct'),
    no_id: rejection('rejectionExplained.no_id'),
    incomplete: rejection('rejectionExplained.incomplete'),
    ballot_missing: rejection('rejectionExplained.ballot_missing'),
    no_signature: rejection('rejectionExplained.no_signature'),
    signature_mismatch: rejection('rejectionExplained.signature_mismatch'),
    already_voted: rejection('rejectionExplained.already_voted'),
    late: rejection('rejectionExplained.late'),
    postmarked_late: rejection('rejectionExplained.postmarked_late'),
    other: rejection('rejectionExplained.other'),
  },
};

/** The sentence a key names, in the language of `words`. */
export function sentenceOf(key: SentenceKey, words: VoterWords): string {
  if (key === 'notice.counted') return words.notice.counted;
  if (key === 'notice.partial') return words.notice.partial;
  const [group, code] = key.split('.');
  if (group === 'cureAction' && isOneOf(CURE_REASONS, code)) return words.cureAction[code];
  if (group === 'rejectionExplained' && isOneOf(REJECTION_REASONS, code)) return words.rejectionExplained[code];
  throw new Error(`not a sentence key: ${key}`);
}

export type NoticeDecision =
  | { readonly send: false; readonly because: string }
  | {
      readonly send: true;
      readonly type: TransitionNoticeType;
      readonly sentenceKey: SentenceKey;
      /** The sentence in the voter's language. */
      readonly sentence: string;
      /** Notices that may follow while the ballot stays in this state. */
      readonly followUps: readonly FollowUpNoticeType[];
    };

/** The table's row for a state and its reason; a reason that does not go with the state is a bug. */
export function noticeRule(state: BallotState, reason: NoticeReason | null): NoticeRule {
  const wrong = (): never => {
    throw new Error(`${String(reason)} is not a reason a ballot in ${state} can have`);
  };
  switch (state) {
    case 'received.pending':
    case 'received.rejectionProposed':
    case 'received.held':
    case 'verified':
    case 'cured':
      return reason === null ? NOTICE_MAP[state] : wrong();
    case 'received.awaitingCure':
      return isOneOf(CURE_REASONS, reason) ? NOTICE_MAP[state][reason] : wrong();
    case 'counted':
      return isOneOf(COUNT_DETERMINATIONS, reason) ? NOTICE_MAP.counted[reason] : wrong();
    case 'rejected':
      return isOneOf(REJECTION_REASONS, reason) ? NOTICE_MAP.rejected[reason] : wrong();
    default:
      return throwIllegalValue(state, 'ballot state');
  }
}

/** What a ballot entering `state` for `reason` tells the voter, in `language`: a notice and its sentence, or nothing and why. */
export function noticeFor<S extends BallotState>(state: S, reason: ReasonFor<S>, language: VoterLanguage): NoticeDecision {
  const rule = noticeRule(state, reason);
  if (rule.notice === 'none') return { send: false, because: rule.because };
  return { send: true, type: rule.notice, sentenceKey: rule.sentence, sentence: sentenceOf(rule.sentence, wordsFor(language)), followUps: rule.followUps };
}

/** Where a ballot stands now, from its own columns (`status`, `cure_reason`, `rejection_reason`, `determination`). */
export interface BallotStanding {
  readonly state: BallotState;
  readonly cureReason: CureReason | null;
  readonly rejectionReason: RejectionReason | null;
  readonly determination: 'full' | 'partial' | null;
}

/** The reason the table reads for a ballot's state; null where the state has none or the column is empty. */
export function standingReason(ballot: BallotStanding): NoticeReason | null {
  switch (ballot.state) {
    case 'received.awaitingCure':
      return ballot.cureReason;
    case 'rejected':
      return ballot.rejectionReason;
    case 'counted':
      return ballot.determination;
    case 'received.pending':
    case 'received.rejectionProposed':
    case 'received.held':
    case 'verified':
    case 'cured':
      return null;
    default:
      return throwIllegalValue(ballot.state, 'ballot state');
  }
}

/** The reason a notice is about, to compare with the ballot's (null for the notices that carry none). */
function noticeReason(notice: VoterNotice): CureReason | RejectionReason | null {
  switch (notice.type) {
    case 'cure_requested':
    case 'cure_deadline_moved':
      return notice.cureReason;
    case 'rejected':
      return notice.reason;
    case 'counted':
    case 'partially_counted':
    case 'cure_declined':
      return null;
    default:
      return throwIllegalValue(notice, 'notice');
  }
}

export type Standing = { readonly stands: true } | { readonly stands: false; readonly because: string };

/**
 * Whether a queued notice is still true of the ballot now (issue 15: "a notice is sent only for a
 * transition that stands at send time"). It stands when the table's row for the ballot's current
 * state and reason sends that notice, for the same reason, or lists it as a follow-up.
 */
export function noticeStands(notice: VoterNotice, ballot: BallotStanding): Standing {
  const reason = standingReason(ballot);
  const needsReason = ballot.state === 'received.awaitingCure' || ballot.state === 'rejected' || ballot.state === 'counted';
  if (needsReason && reason === null) return { stands: false, because: `the ballot is ${ballot.state} but its reason is not recorded` };
  const rule = noticeRule(ballot.state, reason);
  if (rule.notice === 'none') return { stands: false, because: `the ballot is now ${ballot.state}, which tells the voter nothing: ${rule.because}` };
  const about = noticeReason(notice);
  const sameReason = about === null || about === reason;
  if (rule.notice === notice.type && sameReason) return { stands: true };
  if (isOneOf(FOLLOW_UP_NOTICE_TYPES, notice.type) && rule.followUps.includes(notice.type) && sameReason) return { stands: true };
  return { stands: false, because: `a ${notice.type} notice${about === null ? '' : ` (${about})`} is no longer true: the ballot is ${ballot.state}${reason === null ? '' : ` (${reason})`}` };
}
