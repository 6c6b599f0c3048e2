import { createActor, type SnapshotFrom } from 'xstate';
import { ballotMachine, INITIAL_CONTEXT, type MachineEvent } from './machine';

type BallotSnapshot = SnapshotFrom<typeof ballotMachine>;
type BallotScope = Parameters<typeof ballotMachine.transition>[2];

/** An action the machine asked for, handed back as data and never run. */
export interface RequestedAction {
  readonly type: string;
  readonly params: unknown;
}

let requested: RequestedAction[] = [];

/**
 * An inert scope, as xstate's own `transition()` builds: its actor is never started, so nothing
 * it is handed is ever run; actions are only recorded.
 */
const inertScope: BallotScope = (() => {
  const self = createActor(ballotMachine, { input: INITIAL_CONTEXT });
  const scope = {
    self,
    system: self.system,
    id: '',
    sessionId: '',
    defer: () => undefined,
    logger: () => undefined,
    stopChild: () => undefined,
    emit: () => undefined,
    actionExecutor: (action: RequestedAction) => {
      requested.push({ type: action.type, params: action.params });
    },
  };
  return scope;
})();

/**
 * xstate's pure `transition(machine, snapshot, event)`, without its per-call cost: that function
 * builds a throwaway actor and computes the machine's initial snapshot on every call (about 13 µs
 * on the CI machine, three quarters of a whole adjudication step). This calls the machine's own
 * `transition(snapshot, event, scope)` with one inert scope built once, and returns the same
 * `[next, actions]`. Synchronous and never re-entered (no action runs), so the shared list is safe.
 * `pure-transition.spec.ts` checks it against xstate's `transition()` for every state and event.
 */
export function pureTransition(snapshot: BallotSnapshot, event: MachineEvent): [BallotSnapshot, RequestedAction[]] {
  requested = [];
  const next = ballotMachine.transition(snapshot, event, inertScope);
  const actions = requested;
  requested = [];
  return [next, actions];
}
