import { assert, isOneOf } from '@app/domain';
import type { SnapshotFrom, StateValue } from 'xstate';
import {
  BALLOT_STATES,
  EVENT_TYPES,
  LIFECYCLE_MACHINE_VERSION,
  type BallotState,
  type EventType,
} from './codes';
import { ballotMachine, INITIAL_CONTEXT, type MachineEvent } from './machine';
import { commandRefusal, preconditionRefusal } from './policy';
import { pureTransition } from './pure-transition';
import type {
  BallotCommand,
  LifecycleContext,
  LifecycleEffect,
  PersistedLifecycle,
  Refusal,
  TransitionEnv,
  TransitionResult,
  VoterMatch,
  VoterNotice,
} from './types';

type BallotSnapshot = SnapshotFrom<typeof ballotMachine>;

/** A new ballot's lifecycle: `received.pending`, with the registration intake matched, if any. */
export function initialLifecycle(match: VoterMatch | null = null): PersistedLifecycle {
  return { machineVersion: LIFECYCLE_MACHINE_VERSION, state: 'received.pending', context: { ...INITIAL_CONTEXT, match } };
}

/** Events that may leave the ballot where it is: research on a ballot under review. */
const MAY_STAY: readonly EventType[] = ['MATCH_VOTER', 'UNMATCH_VOTER'];

function toStateValue(state: BallotState): StateValue {
  const [parent, child] = state.split('.') as [string, string | undefined];
  return child === undefined ? parent : { [parent]: child };
}

function fromSnapshot(snapshot: BallotSnapshot): BallotState {
  const value = snapshot.value;
  const flat = typeof value === 'string' ? value : Object.entries(value).map(([k, v]) => `${k}.${String(v)}`)[0];
  assert(isOneOf(BALLOT_STATES, flat), `machine produced an unknown state ${JSON.stringify(value)}`);
  return flat;
}

/** The events each state accepts at all, read once from the machine's own definition. */
const ACCEPTED: ReadonlyMap<BallotState, readonly EventType[]> = new Map(
  BALLOT_STATES.map((state) => {
    const nodes = ballotMachine.resolveState({ value: toStateValue(state), context: INITIAL_CONTEXT })._nodes;
    const own = new Set(nodes.flatMap((node) => node.ownEvents));
    return [state, EVENT_TYPES.filter((type) => own.has(type))] as const;
  }),
);

export function acceptedEvents(state: BallotState): readonly EventType[] {
  return ACCEPTED.get(state) ?? [];
}

/**
 * The events this actor could send now, as far as can be known without the event's fields:
 * what a console shows as buttons. The payload is still checked when the event is sent.
 */
export function availableEvents(lifecycle: PersistedLifecycle, env: TransitionEnv): readonly EventType[] {
  return acceptedEvents(lifecycle.state).filter(
    (type) => preconditionRefusal(type, lifecycle.context, env) === null,
  );
}

function refusal(lifecycle: PersistedLifecycle, event: string, code: Refusal['code'], message: string): TransitionResult {
  return {
    ok: false,
    refusal: { code, message, event, state: lifecycle.state, acceptedEvents: acceptedEvents(lifecycle.state) },
  };
}

/** What the audit entry records of a command: its fields, with times as ISO 8601 and a replaced match named. */
function payloadOf(command: BallotCommand, context: LifecycleContext): Record<string, unknown> {
  const { type: _type, ...rest } = command as BallotCommand & Record<string, unknown>;
  if (command.type === 'RECORD_CURE' && command.submittedAt !== undefined) return { ...rest, submittedAt: new Date(command.submittedAt).toISOString() };
  if (command.type === 'MATCH_VOTER' || command.type === 'UNMATCH_VOTER') return { ...rest, previousVoterId: context.match?.voterId ?? null };
  return rest;
}

/**
 * The lifecycle's one entry point: rebuild the stored state, apply one event, and return either
 * the next state with its effects as data, or a refusal naming the events the state accepts.
 * Pure: no clock, no I/O; everything a guard reads comes in through `env`.
 */
export function applyEvent(lifecycle: PersistedLifecycle, command: BallotCommand, env: TransitionEnv): TransitionResult {
  if (lifecycle.machineVersion !== LIFECYCLE_MACHINE_VERSION) {
    // Stored by another machine version: migrating it is a deliberate step, never a guess here.
    throw new Error(
      `ballot lifecycle stored by machine version ${lifecycle.machineVersion}; this is version ${LIFECYCLE_MACHINE_VERSION}`,
    );
  }
  const type: unknown = (command as { type?: unknown }).type;
  if (!isOneOf(EVENT_TYPES, type)) {
    return refusal(lifecycle, String(type), 'not_accepted_in_state', `Unknown event ${String(type)}.`);
  }
  if (!acceptedEvents(lifecycle.state).includes(type)) {
    return refusal(lifecycle, type, 'not_accepted_in_state', `A ballot in ${lifecycle.state} does not accept ${type}.`);
  }
  const refused = preconditionRefusal(type, lifecycle.context, env) ?? commandRefusal(command, lifecycle.context, env);
  if (refused !== null) return refusal(lifecycle, type, refused.code, refused.message);

  const snapshot = ballotMachine.resolveState({ value: toStateValue(lifecycle.state), context: lifecycle.context });
  const event = { ...command, env } as MachineEvent;
  const [next, actions] = pureTransition(snapshot, event);
  const to = fromSnapshot(next);
  // Every other transition of this machine changes state, and the policy above is the machine's own
  // guard: staying put after the policy allowed the event is a bug.
  assert(to !== lifecycle.state || MAY_STAY.includes(type), `machine refused ${type} that the policy allowed`);

  const effects: LifecycleEffect[] = [
    {
      kind: 'audit',
      entry: {
        event: type,
        from: lifecycle.state,
        to,
        actorId: env.actor.id,
        actorRole: env.actor.role,
        at: env.now,
        payload: payloadOf(command, lifecycle.context),
        machineVersion: LIFECYCLE_MACHINE_VERSION,
      },
    },
  ];
  for (const action of actions) {
    const params = action.params as Record<string, unknown> | undefined;
    switch (action.type) {
      case 'queueVoterNotice':
        effects.push({
          kind: 'voterNotice',
          notice: { type: 'cure_requested', cureReason: (next.context).cure?.reason ?? 'information_missing', deadline: Number(params?.['deadline']) },
        });
        break;
      case 'setDeadline':
        effects.push({ kind: 'setDeadline', deadline: 'cure', at: Number(params?.['at']) });
        break;
      case 'recordCount': {
        const count = (next.context).count;
        assert(count !== null, 'recordCount without a count');
        effects.push({ kind: 'recordCount', determination: count.determination, contests: count.contests });
        break;
      }
      default:
        // xstate's own actions (assign) carry no effect for the caller.
        break;
    }
  }
  const outcome = outcomeNotice(to, next.context);
  if (outcome !== null) effects.push({ kind: 'voterNotice', notice: outcome });
  return {
    ok: true,
    next: { machineVersion: LIFECYCLE_MACHINE_VERSION, state: to, context: next.context },
    effects,
  };
}

/** The voter is told the outcome whenever a ballot reaches a final state (again, after a REINSTATE). */
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
