import { CURE_REASONS, REJECTION_REASONS, throwIllegalValue, VOTER_LANGUAGES, type VoterLanguage } from '@app/domain';
import { BALLOT_STATES, type BallotState, type VoterNotice } from '@app/lifecycle';
import { localDeadline, WORDS } from '@app/wording';
import {
  COUNT_DETERMINATIONS,
  NOTICE_TYPES,
  noticeFor,
  noticeRule,
  noticeStands,
  standingReason,
  type BallotStanding,
  type NoticeDecision,
  type NoticeReason,
  type NoticeType,
} from './notice-map';
import { renderNotice, type NoticeContext, type RenderedNotice } from './templates';

const THURSDAY = Date.parse('2020-11-05T10:00:00-05:00');
const FRIDAY_5PM = Date.parse('2020-11-06T17:00:00-05:00');
const EST = 'America/New_York';

const CONTEXT: NoticeContext = {
  voterName: 'Pat Voter',
  receiptNumber: 'GA20-P-000123',
  ballotKind: 'provisional',
  electionName: 'Georgia General Election 2020',
  timeZone: EST,
  office: { name: 'Fulton County Registration and Elections', countyName: 'Fulton', address: '5600 Campbellton Fairburn Rd, Fairburn, GA 30213', hours: 'Monday to Friday, 8:00 AM to 5:00 PM', phone: '404-612-7020', email: 'elections@fulton.example.gov' },
  portalUrl: 'https://vote.example.gov/portal',
  contestNames: { president: 'President of the United States', 'fulton-commission': 'Fulton County Commission' },
  now: THURSDAY,
};

/**
 * Every state with every reason it can have, from the code lists themselves: a state, cure reason
 * or rejection reason added to the lists is tested here at once, and fails until the table has it.
 */
function reasonsOf(state: BallotState): readonly (NoticeReason | null)[] {
  switch (state) {
    case 'received.awaitingCure':
      return CURE_REASONS;
    case 'rejected':
      return REJECTION_REASONS;
    case 'counted':
      return COUNT_DETERMINATIONS;
    case 'received.pending':
    case 'received.rejectionProposed':
    case 'received.held':
    case 'verified':
    case 'cured':
      return [null];
    default:
      return throwIllegalValue(state);
  }
}
const CASES: readonly (readonly [BallotState, NoticeReason | null])[] = BALLOT_STATES.flatMap((state) => reasonsOf(state).map((reason) => [state, reason] as const));

/** What each state must send, written out here as the test's own expectation, apart from the table. */
function expectedNotice(state: BallotState, reason: NoticeReason | null): NoticeType | 'none' {
  switch (state) {
    case 'received.awaitingCure':
      return 'cure_requested';
    case 'counted':
      return reason === 'partial' ? 'partially_counted' : 'counted';
    case 'rejected':
      return 'rejected';
    case 'received.pending':
    case 'received.rejectionProposed':
    case 'received.held':
    case 'verified':
    case 'cured':
      return 'none';
    default:
      return throwIllegalValue(state);
  }
}

const decide = (state: BallotState, reason: NoticeReason | null, language: VoterLanguage): NoticeDecision =>
  // The cases come from the code lists, so the pairing of state and reason is right by construction.
  noticeFor(state, reason as never, language);

/** The notice a transition into `state` writes, as the lifecycle would write it. */
function noticeOf(state: BallotState, reason: NoticeReason | null, type: NoticeType): VoterNotice {
  switch (type) {
    case 'cure_requested':
      if (state !== 'received.awaitingCure' || !CURE_REASONS.some((r) => r === reason)) throw new Error('a cure notice needs a cure reason');
      return { type, cureReason: CURE_REASONS.find((r) => r === reason) ?? 'id_required', deadline: FRIDAY_5PM };
    case 'rejected':
      return { type, reason: REJECTION_REASONS.find((r) => r === reason) ?? 'other' };
    case 'counted':
      return { type };
    case 'partially_counted':
      return { type, contests: ['president', 'fulton-commission'] };
    case 'cure_declined':
      return { type, reason: 'unreadable', deadline: FRIDAY_5PM };
    case 'cure_deadline_moved':
      return { type, cureReason: CURE_REASONS.find((r) => r === reason) ?? 'id_required', deadline: FRIDAY_5PM, courtOrder: null };
    default:
      return throwIllegalValue(type);
  }
}

/** Words that must (and must not) appear, per language. */
const SAYS = {
  en: { counted: /\bwas counted\b(?! in part)/, inPart: /\bcounted in part\b/, notCounted: /\bwas not counted\b/, notYet: /cannot be counted yet|still cannot be counted|still needs something from you|has a new deadline/, action: /Action needed|New deadline/ },
  es: { counted: /(?<!no )fue contada(?! en parte)/, inPart: /contada en parte/, notCounted: /\bno fue contada\b/, notYet: /todavía no se puede contar|todavía necesita algo de usted|tiene una nueva fecha límite/, action: /Acción necesaria|Nueva fecha límite/ },
} as const;
const NEVER = /spoil|void|estropead|anulad/i;

function channels(rendered: RenderedNotice): readonly (readonly [string, string])[] {
  return [
    ['subject', rendered.subject],
    ['email', rendered.text],
    ['sms', rendered.sms],
  ];
}

/** What is wrong with the words of a cure notice (a request or a follow-up); empty when nothing is. */
function problemsOfCure(notice: VoterNotice, rendered: RenderedNotice, language: VoterLanguage): string[] {
  const says = SAYS[language];
  const cureReason = notice.type === 'cure_requested' || notice.type === 'cure_deadline_moved' ? notice.cureReason : null;
  const problems: string[] = [];
  for (const [channel, text] of channels(rendered)) {
    if (NEVER.test(text)) problems.push(`${channel} says spoiled or void`);
    if (says.counted.test(text) || says.inPart.test(text) || says.notCounted.test(text)) problems.push(`${channel} speaks of a count while a cure is owed`);
    if (channel === 'subject') {
      if (!says.action.test(text)) problems.push('the subject does not say action is needed');
      continue;
    }
    if (!says.notYet.test(text)) problems.push(`${channel} does not say the ballot cannot be counted yet`);
    if (!text.includes(localDeadline(FRIDAY_5PM, EST, language))) problems.push(`${channel} does not give the deadline`);
    if (cureReason !== null) {
      const named = text.includes(WORDS[language].cureAction[cureReason]) || (channel === 'sms' && text.includes(WORDS[language].notice.sms.cureShort[cureReason]));
      if (!named) problems.push(`${channel} does not name the cure`);
    }
  }
  return problems;
}

/** What is wrong with what a state and reason tell the voter, in every channel; empty when nothing is. */
function problemsOf(state: BallotState, reason: NoticeReason | null, decision: NoticeDecision, language: VoterLanguage): string[] {
  if (!decision.send) return decision.because.trim().length < 10 ? ['a silent row does not say why'] : [];
  const notice = noticeOf(state, reason, decision.type);
  const rendered = renderNotice(notice, CONTEXT, language);
  const says = SAYS[language];
  // The sentence the row names is the one the voter reads, in the voter's language.
  const problems = rendered.text.includes(decision.sentence) ? [] : [`the email lacks the row's sentence ${decision.sentenceKey}`];
  if (decision.type === 'cure_requested') return [...problems, ...problemsOfCure(notice, rendered, language)];
  for (const [channel, text] of channels(rendered)) {
    if (NEVER.test(text)) problems.push(`${channel} says spoiled or void`);
    if (!text.includes(CONTEXT.receiptNumber)) problems.push(`${channel} lacks the receipt number`);
    const counted = says.counted.test(text);
    const inPart = says.inPart.test(text);
    const notCounted = says.notCounted.test(text);
    switch (decision.type) {
      case 'counted':
        if (!counted || inPart || notCounted) problems.push(`${channel} does not say plainly that it was counted`);
        break;
      case 'partially_counted':
        if (!inPart || counted || notCounted) problems.push(`${channel} does not say plainly that it was counted in part`);
        break;
      case 'rejected':
        if (!notCounted || counted || inPart) problems.push(`${channel} does not say plainly that it was not counted`);
        break;
      default:
        throwIllegalValue(decision.type);
    }
  }
  return problems;
}

describe('one table maps each state and reason to the notice it sends, or to none (issue 15)', () => {
  it('the cases cover every state, every cure and rejection reason and both determinations', () => {
    expect(new Set(CASES.map(([s]) => s))).toEqual(new Set(BALLOT_STATES));
    expect(CASES).toHaveLength(BALLOT_STATES.length - 3 + CURE_REASONS.length + REJECTION_REASONS.length + COUNT_DETERMINATIONS.length);
  });

  describe.each(CASES)('%s / %s', (state, reason) => {
    it.each(VOTER_LANGUAGES)('in %s: the right notice, or none, and its words say what the state means', (language) => {
      const decision = decide(state, reason, language);
      expect(decision.send ? decision.type : 'none').toBe(expectedNotice(state, reason));
      expect(problemsOf(state, reason, decision, language)).toEqual([]);
    });
  });

  it.each(VOTER_LANGUAGES)('in %s: the follow-ups of a cure (a declined upload, a moved deadline) give the deadline and say the ballot is not counted yet', (language) => {
    for (const reason of CURE_REASONS) {
      const decision = decide('received.awaitingCure', reason, language);
      expect(decision.send && decision.followUps).toEqual(['cure_declined', 'cure_deadline_moved']);
      for (const type of ['cure_declined', 'cure_deadline_moved'] as const) {
        const notice = noticeOf('received.awaitingCure', reason, type);
        expect({ type, reason, problems: problemsOfCure(notice, renderNotice(notice, CONTEXT, language), language) }).toEqual({ type, reason, problems: [] });
      }
    }
  });

  it('a verified ballot, a proposed rejection, a held ballot, a made cure and research tell the voter nothing', () => {
    for (const state of ['received.pending', 'received.rejectionProposed', 'received.held', 'verified', 'cured'] as const) {
      expect(noticeFor(state, null, 'en').send).toBe(false);
    }
  });

  it('a reason that does not go with the state is a bug, not a notice', () => {
    expect(() => noticeRule('counted', 'late')).toThrow(/not a reason/);
    expect(() => noticeRule('rejected', 'full')).toThrow(/not a reason/);
    expect(() => noticeRule('verified', 'id_required')).toThrow(/not a reason/);
  });
});

describe('a notice is sent only while it is still true of the ballot', () => {
  const standing = (state: BallotState, reason: NoticeReason | null): BallotStanding => ({
    state,
    cureReason: state === 'received.awaitingCure' ? (CURE_REASONS.find((r) => r === reason) ?? null) : null,
    rejectionReason: state === 'rejected' ? (REJECTION_REASONS.find((r) => r === reason) ?? null) : null,
    determination: state === 'counted' ? (COUNT_DETERMINATIONS.find((r) => r === reason) ?? null) : null,
  });

  /** Every notice the service can queue: each row's own, and a cure's follow-ups. */
  const NOTICES: readonly (readonly [NoticeType, NoticeReason | null, VoterNotice])[] = CASES.flatMap(([state, reason]) => {
    const decision = decide(state, reason, 'en');
    if (!decision.send) return [];
    return [decision.type, ...decision.followUps].map((type) => [type, type === 'cure_declined' ? null : reason, noticeOf(state, reason, type)] as const);
  });

  /** The rule, said independently of the table: the notice the state sends, for the same reason, or a cure's follow-up while the cure is owed. */
  function shouldStand(state: BallotState, reason: NoticeReason | null, type: NoticeType, about: NoticeReason | null): boolean {
    const sent = expectedNotice(state, reason);
    if (sent === 'none') return false;
    if (type === sent) return about === null || about === reason;
    if (sent === 'cure_requested' && type === 'cure_declined') return true;
    if (sent === 'cure_requested' && type === 'cure_deadline_moved') return about === reason;
    return false;
  }

  it('for every notice and every standing: true exactly when the state sends it, for that reason, or it is a cure\u2019s follow-up', () => {
    expect(new Set(NOTICES.map(([type]) => type))).toEqual(new Set(NOTICE_TYPES));
    for (const [state, reason] of CASES) {
      const ballot = standing(state, reason);
      expect(standingReason(ballot)).toBe(reason);
      for (const [type, about, notice] of NOTICES) {
        expect({ state, reason, notice, stands: noticeStands(notice, ballot).stands }).toEqual({ state, reason, notice, stands: shouldStand(state, reason, type, about) });
      }
    }
  });

  it.each([
    ['a counted notice for a ballot since reinstated', { type: 'counted' }, 'received.pending', null],
    ['a rejection notice when a supervisor returned the proposal', { type: 'rejected', reason: 'no_id' }, 'received.awaitingCure', 'id_required'],
    ['a rejection notice for another reason than the one now recorded', { type: 'rejected', reason: 'late' }, 'rejected', 'postmarked_late'],
    ['a cure request for a ballot whose cure was made', { type: 'cure_requested', cureReason: 'id_required', deadline: FRIDAY_5PM }, 'cured', null],
    ['a counted-in-full notice for a ballot counted in part', { type: 'counted' }, 'counted', 'partial'],
  ] as const)('does not stand: %s', (_name, notice, state, reason) => {
    const verdict = noticeStands(notice, standing(state, reason));
    expect(verdict).toEqual({ stands: false, because: expect.stringMatching(/\w/) });
  });

  it('a ballot awaiting a cure with no cure reason recorded sends nothing rather than guess', () => {
    const ballot: BallotStanding = { state: 'received.awaitingCure', cureReason: null, rejectionReason: null, determination: null };
    expect(noticeStands({ type: 'cure_declined', reason: 'unreadable', deadline: FRIDAY_5PM }, ballot)).toEqual({ stands: false, because: expect.stringContaining('not recorded') });
  });
});
