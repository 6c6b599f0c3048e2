import { assert, isOneOf } from '@app/domain';
import { transition, type StateValue } from 'xstate';
import { BALLOT_STATES, EVENT_TYPES, PROPOSABLE_STATES, type BallotState, type EventType, type ProposableState } from './codes';
import { ballotMachine, INITIAL_CONTEXT } from './machine';
import type { BallotCommand, LifecycleContext } from './types';

/** Where an event leads from a state: one target, or (RETURN) one per state a rejection was proposed from. */
type Target = BallotState | { readonly [F in ProposableState]?: BallotState };

function stateValue(state: BallotState): StateValue {
  const [parent, child] = state.split('.') as [string, string | undefined];
  return child === undefined ? parent : { [parent]: child };
}

function leafOf(value: StateValue): BallotState {
  const flat = typeof value === 'string' ? value : Object.entries(value).map(([k, v]) => `${k}.${typeof v === 'string' ? v : JSON.stringify(v)}`)[0];
  assert(isOneOf(BALLOT_STATES, flat), `the machine produced an unknown state ${JSON.stringify(value)}`);
  return flat;
}

/** The machine's answer for one state, event and context, through xstate's public `transition()`; null when the state does not accept it. */
function targetOf(state: BallotState, type: EventType, context: LifecycleContext): BallotState | null {
  const snapshot = ballotMachine.resolveState({ value: stateValue(state), context });
  const event = { type } as BallotCommand;
  if (!snapshot.can(event)) return null;
  return leafOf(transition(ballotMachine, snapshot, event)[0].value);
}

/**
 * Every state's accepted events and their targets, read once from the machine: `applyEvent` looks
 * a transition up here instead of running xstate for each event (the machine has no actions to
 * run, so the lookup is the whole of what xstate would compute).
 */
const TABLE: ReadonlyMap<BallotState, ReadonlyMap<EventType, Target>> = new Map(
  BALLOT_STATES.map((state) => {
    const row = new Map<EventType, Target>();
    for (const type of EVENT_TYPES) {
      if (type === 'RETURN') {
        const byOrigin: { [F in ProposableState]?: BallotState } = {};
        for (const from of PROPOSABLE_STATES) {
          const context: LifecycleContext = { ...INITIAL_CONTEXT, proposal: { reason: 'other', note: '', by: '', byRole: 'clerk', at: 0, from } };
          const target = targetOf(state, type, context);
          if (target !== null) byOrigin[from] = target;
        }
        if (Object.keys(byOrigin).length > 0) row.set(type, byOrigin);
        continue;
      }
      const target = targetOf(state, type, INITIAL_CONTEXT);
      if (target !== null) row.set(type, target);
    }
    return [state, row] as const;
  }),
);

/** The events a state accepts at all (whoever sends them, whatever they carry), in SPEC order. */
export function acceptedEvents(state: BallotState): readonly EventType[] {
  const row = TABLE.get(state);
  return row === undefined ? [] : EVENT_TYPES.filter((type) => row.has(type));
}

/** Where the event leads from the state, given the ballot's context; null when the state does not accept it (or RETURN has nowhere to go). */
export function nextState(state: BallotState, type: EventType, context: LifecycleContext): BallotState | null {
  const target = TABLE.get(state)?.get(type);
  if (target === undefined) return null;
  if (typeof target === 'string') return target;
  const from = context.proposal?.from;
  return from === undefined ? null : (target[from] ?? null);
}
