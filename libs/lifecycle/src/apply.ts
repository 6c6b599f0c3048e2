import { isOneOf } from '@app/domain';
import { EVENT_TYPES, LIFECYCLE_MACHINE_VERSION, type BallotState, type EventType } from './codes';
import { effectsOf, nextContext } from './effects';
import { INITIAL_CONTEXT } from './machine';
import { commandRefusal, preconditionRefusal } from './policy';
import { acceptedEvents, nextState } from './table';
import type { BallotCommand, LifecycleContext, PersistedLifecycle, Refusal, TransitionEnv, TransitionResult, VoterMatch } from './types';

export { acceptedEvents } from './table';

/** A new ballot's lifecycle: `received.pending`, with the registration intake matched, if any. */
export function initialLifecycle(match: VoterMatch | null = null): PersistedLifecycle {
  return { machineVersion: LIFECYCLE_MACHINE_VERSION, state: 'received.pending', context: { ...INITIAL_CONTEXT, match } };
}

/**
 * The events this actor could send now, as far as can be known without the event's fields:
 * what a console shows as buttons. The payload is still checked when the event is sent.
 */
export function availableEvents(lifecycle: PersistedLifecycle, env: TransitionEnv): readonly EventType[] {
  return acceptedEvents(lifecycle.state).filter((type) => preconditionRefusal(type, lifecycle.context, env) === null);
}

function refusal(state: BallotState, event: string, code: Refusal['code'], message: string): TransitionResult {
  return { ok: false, refusal: { code, message, event, state, acceptedEvents: acceptedEvents(state) } };
}

/** What the audit entry records of a command: its fields, with times as ISO 8601 and a replaced match named. */
function payloadOf(command: BallotCommand, context: LifecycleContext): Record<string, unknown> {
  const { type: _type, ...rest } = command as BallotCommand & Record<string, unknown>;
  if (command.type === 'RECORD_CURE' && command.submittedAt !== undefined) return { ...rest, submittedAt: new Date(command.submittedAt).toISOString() };
  if (command.type === 'MATCH_VOTER' || command.type === 'UNMATCH_VOTER') return { ...rest, previousVoterId: context.match?.voterId ?? null };
  return rest;
}

/**
 * The lifecycle's one entry point: apply one event to a stored lifecycle and return either the
 * next one with its effects as data, or a refusal naming the events the state accepts. In order:
 * the machine says whether the state accepts the event and where it leads (`nextState`), the
 * policy whether this actor may send it now with these fields, `nextContext` what it records and
 * `effectsOf` what the caller must do. Pure: no clock, no I/O; every fact comes in through `env`.
 */
export function applyEvent(lifecycle: PersistedLifecycle, command: BallotCommand, env: TransitionEnv): TransitionResult {
  if (lifecycle.machineVersion !== LIFECYCLE_MACHINE_VERSION) {
    // Stored by another machine version: migrating it is a deliberate step, never a guess here.
    throw new Error(`ballot lifecycle stored by machine version ${lifecycle.machineVersion}; this is version ${LIFECYCLE_MACHINE_VERSION}`);
  }
  const { state: from, context } = lifecycle;
  const type: unknown = (command as { type?: unknown }).type;
  if (!isOneOf(EVENT_TYPES, type)) return refusal(from, String(type), 'not_accepted_in_state', `Unknown event ${String(type)}.`);
  const to = nextState(from, type, context);
  if (to === null) return refusal(from, type, 'not_accepted_in_state', `A ballot in ${from} does not accept ${type}.`);
  const refused = preconditionRefusal(type, context, env) ?? commandRefusal(command, context, env);
  if (refused !== null) return refusal(from, type, refused.code, refused.message);

  const next = nextContext(command, from, context, env);
  return {
    ok: true,
    next: { machineVersion: LIFECYCLE_MACHINE_VERSION, state: to, context: next },
    effects: [
      {
        kind: 'audit',
        entry: { event: type, from, to, actorId: env.actor.id, actorRole: env.actor.role, at: env.now, payload: payloadOf(command, context), machineVersion: LIFECYCLE_MACHINE_VERSION },
      },
      ...effectsOf(from, to, next),
    ],
  };
}
