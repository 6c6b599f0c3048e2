import { anEnv, CURE_DEADLINE, MINUTE } from '@test/fixtures/lifecycle';
import type { SnapshotFrom } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { acceptedEvents, applyEvent } from './apply';
import { BALLOT_STATES, EVENT_TYPES, LIFECYCLE_MACHINE_VERSION, type BallotState, type EventType } from './codes';
import { ballotMachine, type MachineEvent } from './machine';

/**
 * Model-based tests (xstate/graph): traverse the machine with one sample of each event, then
 * check every reached state against the SPEC section 3 table, written here as data,
 * independently of the machine.
 */

/** Issue 11: matching or unmatching a registration sends a ballot not yet decided back under review. */
const RESEARCH = { MATCH_VOTER: 'received.pending', UNMATCH_VOTER: 'received.pending' } as const;

/** SPEC section 3, as data: for each state, the events it accepts and where each leads. */
const SPEC_TABLE: { readonly [S in BallotState]: Partial<Record<EventType, BallotState | 'proposal.from'>> } = {
  'received.pending': { VERIFY: 'verified', REQUEST_CURE: 'received.awaitingCure', PROPOSE_REJECTION: 'received.rejectionProposed', HOLD: 'received.held', ...RESEARCH },
  'received.awaitingCure': { RECORD_CURE: 'cured', PROPOSE_REJECTION: 'received.rejectionProposed', DEADLINE_PASSED: 'rejected', ...RESEARCH },
  'received.rejectionProposed': { CONFIRM_REJECTION: 'rejected', RETURN: 'proposal.from' },
  'received.held': { RELEASE: 'received.pending' },
  verified: { COUNT: 'counted', PROPOSE_REJECTION: 'received.rejectionProposed', ...RESEARCH },
  cured: { VERIFY: 'verified', PROPOSE_REJECTION: 'received.rejectionProposed', ...RESEARCH },
  counted: {},
  rejected: { REINSTATE: 'received.pending' },
};

/** One sample of each event, each with an env in which its guard passes. */
const SAMPLES: readonly MachineEvent[] = [
  { type: 'VERIFY', env: anEnv() },
  { type: 'REQUEST_CURE', cureReason: 'id_required', env: anEnv() },
  { type: 'RECORD_CURE', evidence: 'ID shown', env: anEnv() },
  { type: 'PROPOSE_REJECTION', reason: 'other', note: 'Envelope empty', env: anEnv() },
  { type: 'CONFIRM_REJECTION', env: anEnv({ as: 'supervisor' }) },
  { type: 'RETURN', note: 'Look again', env: anEnv({ as: 'supervisor' }) },
  { type: 'COUNT', env: anEnv() },
  { type: 'DEADLINE_PASSED', env: anEnv({ as: 'system', now: CURE_DEADLINE + MINUTE }) },
  { type: 'HOLD', courtOrder: 'Order', env: anEnv({ as: 'supervisor' }) },
  { type: 'RELEASE', courtOrder: 'Order', env: anEnv({ as: 'supervisor' }) },
  { type: 'REINSTATE', courtOrder: 'Order', env: anEnv({ as: 'supervisor' }) },
  { type: 'MATCH_VOTER', voterId: '2001', note: 'Found by name and date of birth', env: anEnv() },
  { type: 'UNMATCH_VOTER', note: 'Another person of that name', env: anEnv() },
];

/** Refusals that depend on the event's fields and the context, not on the state: a match cannot be made twice, nor a missing one undone. */
function payloadRefusalExpected(sample: MachineEvent, context: Snapshot['context']): string | null {
  if (sample.type === 'MATCH_VOTER' && context.match?.voterId === sample.voterId) return 'invalid_payload';
  if (sample.type === 'UNMATCH_VOTER' && context.match === null) return 'invalid_payload';
  return null;
}

type Snapshot = SnapshotFrom<typeof ballotMachine>;

function leaf(snapshot: Snapshot): BallotState {
  const value = snapshot.value;
  return (typeof value === 'string' ? value : Object.entries(value).map(([k, v]) => `${k}.${String(v)}`)[0]) as BallotState;
}

const traversal = {
  events: SAMPLES,
  // Context holds instants and notes; states differ by value and by where a proposal came from.
  serializeState: (snapshot: Snapshot) => `${leaf(snapshot)}|${snapshot.context.proposal?.from ?? ''}|${snapshot.context.cure === null ? '' : 'cure'}|${snapshot.context.match === null ? '' : 'match'}`,
};

describe('model-based tests of the ballot machine (xstate/graph)', () => {
  const shortest = getShortestPaths(ballotMachine, traversal);
  const simple = getSimplePaths(ballotMachine, traversal);
  const reached = new Map<string, Snapshot>();
  for (const path of shortest) reached.set(traversal.serializeState(path.state), path.state);

  it('every one of the eight states is reachable from intake', () => {
    expect(new Set([...reached.values()].map(leaf))).toEqual(new Set(BALLOT_STATES));
  });

  it('in every reached state, every event either lands where the table says or is refused naming exactly the table\'s events', () => {
    let tried = 0;
    for (const snapshot of reached.values()) {
      const state = leaf(snapshot);
      const lifecycle = { machineVersion: LIFECYCLE_MACHINE_VERSION, state, context: snapshot.context };
      const accepted = Object.keys(SPEC_TABLE[state]);
      for (const sample of SAMPLES) {
        tried += 1;
        const { env, ...command } = sample;
        const result = applyEvent(lifecycle, command, env);
        const target = SPEC_TABLE[state][sample.type];
        const payloadRefused = target === undefined ? null : payloadRefusalExpected(sample, lifecycle.context);
        const expected =
          target === undefined
            ? { to: 'not_accepted_in_state', accepted: [...accepted].sort() }
            : payloadRefused !== null
              ? { to: payloadRefused, accepted: [...accepted].sort() }
              : { to: target === 'proposal.from' ? lifecycle.context.proposal?.from : target, accepted: null };
        const actual = result.ok ? { to: result.next.state, accepted: null } : { to: result.refusal.code, accepted: [...result.refusal.acceptedEvents].sort() };
        expect({ state, event: sample.type, ...actual }).toEqual({ state, event: sample.type, ...expected });
      }
    }
    expect(tried).toBe(reached.size * EVENT_TYPES.length);
  });

  it('the machine\'s own accepted events equal the table\'s, state by state', () => {
    for (const state of BALLOT_STATES) expect([...acceptedEvents(state)].sort()).toEqual(Object.keys(SPEC_TABLE[state]).sort());
  });

  it('no path reaches counted without passing verified', () => {
    const toCounted = simple.filter((p) => leaf(p.state) === 'counted');
    expect(toCounted.length).toBeGreaterThan(0);
    for (const path of toCounted) {
      const visited = path.steps.map((s) => leaf(s.state));
      expect(visited).toContain('verified');
      expect(path.steps[path.steps.length - 1]?.event.type).toBe('COUNT');
    }
  });

  it('no path reaches rejected except by a confirmed proposal or a missed cure deadline', () => {
    const toRejected = simple.filter((p) => leaf(p.state) === 'rejected');
    expect(toRejected.length).toBeGreaterThan(0);
    for (const path of toRejected) {
      const steps = path.steps;
      const lastEvent = steps[steps.length - 1]?.event.type;
      expect(['CONFIRM_REJECTION', 'DEADLINE_PASSED']).toContain(lastEvent);
      const before = steps.length >= 2 ? leaf(steps[steps.length - 2]!.state) : 'received.pending';
      expect(before).toBe(lastEvent === 'CONFIRM_REJECTION' ? 'received.rejectionProposed' : 'received.awaitingCure');
    }
  });

  it('counted is final; rejected leaves only by REINSTATE', () => {
    expect(acceptedEvents('counted')).toEqual([]);
    expect(acceptedEvents('rejected')).toEqual(['REINSTATE']);
  });
});
