import { transition } from 'xstate';
import { BALLOT_STATES, type BallotState } from './codes';
import { ballotMachine, INITIAL_CONTEXT, type MachineEvent } from './machine';
import { pureTransition } from './pure-transition';
import type { BallotCommand, LifecycleContext, TransitionEnv } from './types';

const NOW = Date.UTC(2020, 10, 5, 15);
const HOUR = 3_600_000;

const envAs = (id: string, role: TransitionEnv['actor']['role'], now = NOW): TransitionEnv => ({
  actor: { id, role },
  now,
  countyCertified: false,
  eligibility: { outcome: 'count', determination: 'partial', contests: ['president', 'us-senate'] },
  pendingCureSubmittedAt: null, cureDeadline: NOW + HOUR,
});

const COMMANDS: readonly BallotCommand[] = [
  { type: 'VERIFY' },
  { type: 'REQUEST_CURE', cureReason: 'id_required' },
  { type: 'RECORD_CURE', evidence: 'Photo of a Georgia driver licence' },
  { type: 'PROPOSE_REJECTION', reason: 'wrong_precinct', note: 'Cast in the wrong precinct before 5 p.m.' },
  { type: 'CONFIRM_REJECTION' },
  { type: 'RETURN', note: 'Look again at the registration' },
  { type: 'COUNT' },
  { type: 'DEADLINE_PASSED' },
  { type: 'HOLD', courtOrder: 'Order extending polling hours' },
  { type: 'RELEASE', courtOrder: 'Order extending polling hours, final' },
  { type: 'REINSTATE', courtOrder: 'Order reinstating ballot' },
];

/** A coherent context for each state, so every guarded transition can be taken. */
function contextIn(state: BallotState): LifecycleContext {
  switch (state) {
    case 'received.awaitingCure':
      return { ...INITIAL_CONTEXT, cure: { reason: 'id_required', deadline: NOW - HOUR, requestedAt: NOW - 2 * HOUR } };
    case 'received.rejectionProposed':
      return {
        ...INITIAL_CONTEXT,
        proposal: { reason: 'no_id', note: 'n', by: 'clerk-1', byRole: 'clerk', at: NOW - HOUR, from: 'cured' },
      };
    case 'rejected':
      return { ...INITIAL_CONTEXT, rejection: { reason: 'late', at: NOW - HOUR } };
    default:
      return INITIAL_CONTEXT;
  }
}

function envFor(command: BallotCommand): TransitionEnv {
  switch (command.type) {
    case 'DEADLINE_PASSED':
      return envAs('sweep', 'system', NOW + 2 * HOUR);
    case 'CONFIRM_REJECTION':
    case 'RETURN':
    case 'HOLD':
    case 'RELEASE':
    case 'REINSTATE':
      return envAs('supervisor-1', 'supervisor');
    default:
      return { ...envAs('clerk-1', 'clerk'), cureDeadline: NOW + HOUR };
  }
}

describe('pureTransition gives exactly what xstate\'s transition() gives', () => {
  const cases = BALLOT_STATES.flatMap((state) => COMMANDS.map((command) => [state, command.type, command] as const));

  it.each(cases)('in %s, for %s', (state, _type, command) => {
    const value = state.includes('.') ? { [state.split('.')[0] ?? '']: state.split('.')[1] ?? '' } : state;
    const snapshot = ballotMachine.resolveState({ value, context: contextIn(state) });
    const event = { ...command, env: envFor(command) } as MachineEvent;
    const [expectedNext, expectedActions] = transition(ballotMachine, snapshot, event);
    const [next, actions] = pureTransition(snapshot, event);
    expect(next.value).toEqual(expectedNext.value);
    expect(next.context).toEqual(expectedNext.context);
    expect(actions.map((a) => [a.type, a.params])).toEqual(expectedActions.map((a) => [a.type, a.params]));
  });

  it('takes at least one transition from every state but counted (the comparison is not vacuous)', () => {
    const moved = new Set<string>();
    for (const [state, , command] of cases) {
      const value = state.includes('.') ? { [state.split('.')[0] ?? '']: state.split('.')[1] ?? '' } : state;
      const snapshot = ballotMachine.resolveState({ value, context: contextIn(state) });
      const [next] = pureTransition(snapshot, { ...command, env: envFor(command) });
      if (JSON.stringify(next.value) !== JSON.stringify(snapshot.value)) moved.add(state);
    }
    expect([...moved].sort()).toEqual(BALLOT_STATES.filter((s) => s !== 'counted').sort());
  });

  it('does not leak actions from one call into the next', () => {
    const snapshot = ballotMachine.resolveState({ value: { received: 'pending' }, context: INITIAL_CONTEXT });
    const cure = { type: 'REQUEST_CURE', cureReason: 'id_required', env: envFor(COMMANDS[1] as BallotCommand) } as MachineEvent;
    expect(pureTransition(snapshot, cure)[1]).toHaveLength(2);
    expect(pureTransition(snapshot, cure)[1]).toHaveLength(2);
    const verify = { type: 'VERIFY', env: envFor({ type: 'VERIFY' }) } as MachineEvent;
    expect(pureTransition(snapshot, verify)[1]).toHaveLength(0);
  });
});
