import type { ActorRole, Instant } from '@app/domain';
import { CURE_REASONS, EVENT_TYPES, isOneOf, REJECTION_REASONS, rolesFor, throwIllegalValue, VOTER_ID } from '@app/domain';
import type { EventType, RefusalCode } from './codes';
import type { BallotCommand, LifecycleContext, TransitionEnv } from './types';

export interface PolicyRefusal {
  readonly code: RefusalCode;
  readonly message: string;
}

/**
 * Who may send each event (SPEC section 3, column "who"): read from the one permissions table of
 * @app/domain, which the API, the console and the CLI read too.
 */
export const ROLES_FOR_EVENT: { readonly [E in EventType]: readonly ActorRole[] } = Object.fromEntries(
  EVENT_TYPES.map((event) => [event, rolesFor(event)]),
) as { readonly [E in EventType]: readonly ActorRole[] };


const MAX_TEXT = 2000;

/** The cure deadline that governs now: the later of the one the voter was given and the one in force. */
export function effectiveCureDeadline(context: LifecycleContext, env: TransitionEnv): Instant | null {
  const stored = context.cure?.deadline ?? null;
  if (stored === null) return env.cureDeadline;
  if (env.cureDeadline === null) return stored;
  return Math.max(stored, env.cureDeadline);
}

function refuse(code: RefusalCode, message: string): PolicyRefusal {
  return { code, message };
}

function text(value: unknown, field: string): PolicyRefusal | null {
  if (typeof value !== 'string' || value.trim() === '') return refuse('invalid_payload', `${field} is required`);
  if (value.length > MAX_TEXT) return refuse('invalid_payload', `${field} must be at most ${MAX_TEXT} characters`);
  return null;
}

/**
 * Checks the fields an event carries, and what depends on them (a cure's time against the
 * deadline, a match against the current one). Events also arrive from outside TypeScript, so
 * nothing is assumed of their fields.
 */
export function commandRefusal(event: BallotCommand, context: LifecycleContext, env: TransitionEnv): PolicyRefusal | null {
  switch (event.type) {
    case 'VERIFY':
    case 'CONFIRM_REJECTION':
    case 'COUNT':
    case 'DEADLINE_PASSED':
      return null;
    case 'REQUEST_CURE':
      return isOneOf(CURE_REASONS, event.cureReason)
        ? null
        : refuse('invalid_payload', `cureReason must be one of: ${CURE_REASONS.join(', ')}`);
    case 'RECORD_CURE':
      return text(event.evidence, 'evidence') ?? cureTimeRefusal(event.submittedAt, context, env);
    case 'PROPOSE_REJECTION':
      if (!isOneOf(REJECTION_REASONS, event.reason)) {
        return refuse('invalid_payload', `reason must be a rejection code: ${REJECTION_REASONS.join(', ')}`);
      }
      return text(event.note, 'note');
    case 'RETURN':
      return text(event.note, 'note');
    case 'HOLD':
    case 'RELEASE':
    case 'REINSTATE':
      return text(event.courtOrder, 'courtOrder');
    case 'MATCH_VOTER':
      if (typeof event.voterId !== 'string' || !VOTER_ID.test(event.voterId)) return refuse('invalid_payload', 'voterId must be a voter id from the roll');
      if (context.match?.voterId === event.voterId) return refuse('invalid_payload', `The ballot is already matched to registration ${event.voterId}.`);
      return text(event.note, 'note');
    case 'UNMATCH_VOTER':
      return text(event.note, 'note');
    default:
      return throwIllegalValue(event, 'event');
  }
}

/**
 * A cure counts when the voter made it in time, whenever the clerk records it (issue 11): the
 * deadline is checked against when it was submitted (`submittedAt`, now when not given), which
 * cannot be in the future.
 */
function cureTimeRefusal(submittedAt: unknown, context: LifecycleContext, env: TransitionEnv): PolicyRefusal | null {
  if (submittedAt !== undefined && (typeof submittedAt !== 'number' || !Number.isFinite(submittedAt))) {
    return refuse('invalid_payload', 'submittedAt must be a date and time');
  }
  if (typeof submittedAt === 'number' && submittedAt > env.now) return refuse('invalid_payload', 'submittedAt cannot be in the future');
  const at = typeof submittedAt === 'number' ? submittedAt : env.now;
  const deadline = effectiveCureDeadline(context, env);
  if (deadline !== null && at > deadline) {
    return refuse(
      'cure_deadline_passed',
      submittedAt === undefined
        ? 'The cure deadline has passed. If the voter provided the cure in time, record it with the time they provided it.'
        : 'The cure was provided after the cure deadline.',
    );
  }
  return null;
}

/**
 * Whether anything the lifecycle does with this event reads the eligibility engine's decision:
 * VERIFY and COUNT (and COUNT records its determination), and confirming a rejection the service
 * proposed. For every other event the engine's answer changes nothing (lifecycle.model.spec.ts
 * checks it), so the caller runs the engine only when this says so.
 */
export function needsEligibility(type: EventType, context: LifecycleContext): boolean {
  return type === 'VERIFY' || type === 'COUNT' || (type === 'CONFIRM_REJECTION' && context.proposal?.byRole === 'system');
}

/**
 * The guard conditions of SPEC section 3 that do not depend on the event's fields: who may act,
 * whether the county has certified, deadlines, eligibility and the two-person rule.
 */
export function preconditionRefusal(
  type: EventType,
  context: LifecycleContext,
  env: TransitionEnv,
): PolicyRefusal | null {
  if (!ROLES_FOR_EVENT[type].includes(env.actor.role)) {
    return refuse('role_not_permitted', `${type} may be sent by: ${ROLES_FOR_EVENT[type].join(', ')}`);
  }
  if (env.countyCertified) {
    return refuse('county_certified', 'The county has certified; its ballots can no longer change.');
  }
  switch (type) {
    case 'VERIFY':
    case 'COUNT':
      if (env.eligibility?.outcome !== 'count') {
        return refuse('not_eligible', 'The rules engine does not find this ballot countable now.');
      }
      return null;
    case 'REQUEST_CURE':
      if (env.cureDeadline === null) return refuse('invalid_payload', 'No cure deadline applies to this ballot.');
      if (env.now > env.cureDeadline) return refuse('cure_deadline_passed', 'The cure deadline has already passed.');
      return null;
    case 'RECORD_CURE':
      // Its time is checked with the command: the cure may have been made in time and be recorded now.
      return null;
    case 'DEADLINE_PASSED': {
      const deadline = effectiveCureDeadline(context, env);
      if (deadline === null || env.now <= deadline) {
        return refuse('cure_deadline_not_passed', 'The cure deadline has not passed yet.');
      }
      if (env.pendingCureSubmittedAt !== null && env.pendingCureSubmittedAt <= deadline) {
        return refuse('cure_submitted_in_time', 'The voter submitted a cure document before the deadline; a clerk must decide on it first.');
      }
      return null;
    }
    case 'CONFIRM_REJECTION':
      if (context.proposal?.by === env.actor.id) {
        return refuse('same_person', 'A rejection must be confirmed by someone other than who proposed it.');
      }
      // The service proposes a rejection when the rules find a ballot late at intake; if the
      // rules no longer find it so (a court order extended the deadline), it must be returned.
      if (context.proposal?.byRole === 'system' && env.eligibility !== null && (env.eligibility.outcome !== 'reject' || env.eligibility.rejection !== context.proposal.reason)) {
        return refuse('proposal_no_longer_holds', 'The rules no longer find what the service proposed at intake (a court order may have moved a deadline): return it for a new decision.');
      }
      return null;
    case 'UNMATCH_VOTER':
      return context.match === null ? refuse('invalid_payload', 'No registration is matched to this ballot.') : null;
    case 'MATCH_VOTER':
      return null;
    case 'PROPOSE_REJECTION':
    case 'RETURN':
    case 'HOLD':
    case 'RELEASE':
    case 'REINSTATE':
      return null;
    default:
      return throwIllegalValue(type, 'event type');
  }
}
