import { REJECTION_FOR_UNMADE_CURE, assert, isOneOf, throwIllegalValue } from '@app/domain';
import { PROPOSABLE_STATES, type BallotState } from './codes';
import type { BallotCommand, LifecycleContext, LifecycleEffect, TransitionEnv, VoterNotice } from './types';

/**
 * What an accepted event records in the ballot's context: the one place the context changes.
 * `from` and `to` are the states before and after (the policy has allowed the event).
 */
export function nextContext(command: BallotCommand, from: BallotState, context: LifecycleContext, env: TransitionEnv): LifecycleContext {
  switch (command.type) {
    case 'VERIFY':
      return context;
    case 'REQUEST_CURE':
      return { ...context, cure: { reason: command.cureReason, deadline: env.cureDeadline ?? env.now, requestedAt: env.now } };
    case 'RECORD_CURE': {
      const reason = context.cure?.reason;
      return reason === undefined || context.curedReasons.includes(reason) ? context : { ...context, curedReasons: [...context.curedReasons, reason] };
    }
    case 'PROPOSE_REJECTION':
      assert(isOneOf(PROPOSABLE_STATES, from), `PROPOSE_REJECTION from ${from}`);
      return { ...context, proposal: { reason: command.reason, note: command.note, by: env.actor.id, byRole: env.actor.role, at: env.now, from } };
    case 'CONFIRM_REJECTION':
      return { ...context, rejection: { reason: context.proposal?.reason ?? 'other', at: env.now } };
    case 'RETURN':
      return { ...context, proposal: null };
    case 'COUNT': {
      const decision = env.eligibility;
      return { ...context, count: { determination: decision?.determination === 'partial' ? 'partial' : 'full', contests: decision?.contests ?? [], at: env.now } };
    }
    case 'DEADLINE_PASSED':
      return { ...context, rejection: { reason: context.cure === null ? 'other' : REJECTION_FOR_UNMADE_CURE[context.cure.reason], at: env.now } };
    case 'HOLD':
      return { ...context, hold: { courtOrder: command.courtOrder, at: env.now } };
    case 'RELEASE':
      return { ...context, hold: null };
    case 'REINSTATE':
      return { ...context, rejection: null, proposal: null };
    case 'MATCH_VOTER':
    case 'UNMATCH_VOTER': {
      const match = command.type === 'MATCH_VOTER' ? { voterId: command.voterId, by: env.actor.id, at: env.now, note: command.note } : null;
      // A ballot awaiting a cure goes back under review: the cure request is withdrawn.
      return from === 'received.awaitingCure' ? { ...context, match, cure: null } : { ...context, match };
    }
    default:
      return throwIllegalValue(command, 'event');
  }
}

/**
 * What the caller must do besides the audit entry, from the states before and after and the context
 * after (the one function that says so): a cure asked for sets its deadline and tells the voter;
 * a count records its determination; reaching a final state tells the voter the outcome (again,
 * after a REINSTATE).
 */
export function effectsOf(from: BallotState, to: BallotState, context: LifecycleContext): LifecycleEffect[] {
  const effects: LifecycleEffect[] = [];
  if (from === 'received.pending' && to === 'received.awaitingCure') {
    assert(context.cure !== null, 'awaiting a cure without one');
    effects.push({ kind: 'setDeadline', deadline: 'cure', at: context.cure.deadline });
    effects.push({ kind: 'voterNotice', notice: { type: 'cure_requested', cureReason: context.cure.reason, deadline: context.cure.deadline } });
  }
  if (to === 'counted') {
    assert(context.count !== null, 'counted without a count');
    effects.push({ kind: 'recordCount', determination: context.count.determination, contests: context.count.contests });
  }
  const outcome = outcomeNotice(to, context);
  if (outcome !== null) effects.push({ kind: 'voterNotice', notice: outcome });
  return effects;
}

function outcomeNotice(to: BallotState, context: LifecycleContext): VoterNotice | null {
  if (to === 'counted') {
    assert(context.count !== null, 'counted without a count');
    return context.count.determination === 'partial' ? { type: 'partially_counted', contests: context.count.contests } : { type: 'counted' };
  }
  if (to === 'rejected') {
    assert(context.rejection !== null, 'rejected without a reason');
    return { type: 'rejected', reason: context.rejection.reason };
  }
  return null;
}
