import { anEnv, CURE_DEADLINE, MINUTE } from '@test/fixtures/lifecycle';
import { acceptedEvents, applyEvent, initialLifecycle } from './apply';
import { transition, type StateValue } from 'xstate';
import { BALLOT_STATES, EVENT_TYPES, PROPOSABLE_STATES, type BallotState, type EventType } from './codes';
import { ballotMachine, INITIAL_CONTEXT } from './machine';
import { needsEligibility } from './policy';
import { nextState } from './table';
import type { BallotCommand, EligibilitySummary, LifecycleContext, PersistedLifecycle, TransitionEnv } from './types';

/**
 * Model-based tests: explore every lifecycle reachable from intake with one sample of each event
 * (through \`applyEvent\`: the machine, the policy and the context together), then check every
 * reached state against the SPEC section 3 table, written here as data, independently of the
 * machine, and every path against the table's invariants.
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
type Sample = BallotCommand & { readonly env: TransitionEnv };
const SAMPLES: readonly Sample[] = [
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
function payloadRefusalExpected(sample: Sample, context: LifecycleContext): string | null {
  if (sample.type === 'MATCH_VOTER' && context.match?.voterId === sample.voterId) return 'invalid_payload';
  if (sample.type === 'UNMATCH_VOTER' && context.match === null) return 'invalid_payload';
  return null;
}

/** Lifecycles differ by state and by what their context holds that the table depends on. */
const keyOf = (l: PersistedLifecycle): string => `${l.state}|${l.context.proposal?.from ?? ''}|${l.context.cure === null ? '' : 'cure'}|${l.context.match === null ? '' : 'match'}`;

interface Step {
  readonly event: EventType;
  readonly to: string;
}

/** Every lifecycle reachable from intake (breadth first), and the edges between them. */
function explore(): { reached: Map<string, PersistedLifecycle>; edges: Map<string, Step[]>; start: string } {
  const first = initialLifecycle();
  const reached = new Map<string, PersistedLifecycle>([[keyOf(first), first]]);
  const edges = new Map<string, Step[]>();
  const queue = [first];
  for (let current = queue.shift(); current !== undefined; current = queue.shift()) {
    const steps: Step[] = [];
    for (const { env, ...command } of SAMPLES) {
      const result = applyEvent(current, command, env);
      if (!result.ok) continue;
      const key = keyOf(result.next);
      steps.push({ event: command.type, to: key });
      if (!reached.has(key)) {
        reached.set(key, result.next);
        queue.push(result.next);
      }
    }
    edges.set(keyOf(current), steps);
  }
  return { reached, edges, start: keyOf(first) };
}

/** Every simple path (no lifecycle visited twice) from intake that ends in the state asked for. */
function simplePathsTo(graph: ReturnType<typeof explore>, target: BallotState): { states: BallotState[]; events: EventType[] }[] {
  const found: { states: BallotState[]; events: EventType[] }[] = [];
  const stateOf = (key: string) => key.split('|')[0] as BallotState;
  const walk = (key: string, seen: Set<string>, states: BallotState[], events: EventType[]): void => {
    if (stateOf(key) === target && events.length > 0) found.push({ states, events });
    for (const step of graph.edges.get(key) ?? []) {
      if (seen.has(step.to)) continue;
      walk(step.to, new Set([...seen, step.to]), [...states, stateOf(step.to)], [...events, step.event]);
    }
  };
  walk(graph.start, new Set([graph.start]), [stateOf(graph.start)], []);
  return found;
}

describe('model-based tests of the ballot lifecycle', () => {
  const graph = explore();
  const reached = graph.reached;

  it('every one of the eight states is reachable from intake', () => {
    expect(new Set([...reached.values()].map((l) => l.state))).toEqual(new Set(BALLOT_STATES));
  });

  it('in every reached state, every event either lands where the table says or is refused naming exactly the table\'s events', () => {
    let tried = 0;
    for (const lifecycle of reached.values()) {
      const state = lifecycle.state;
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

  it('the precomputed table equals the machine: every state x event x proposal origin, through xstate\'s transition()', () => {
    const value = (state: BallotState): StateValue => (state.includes('.') ? { [state.split('.')[0] as string]: state.split('.')[1] as string } : state);
    const flat = (v: StateValue): string => (typeof v === 'string' ? v : Object.entries(v).map(([k, c]) => `${k}.${typeof c === 'string' ? c : JSON.stringify(c)}`).join());
    const contexts: LifecycleContext[] = [INITIAL_CONTEXT, ...PROPOSABLE_STATES.map((from) => ({ ...INITIAL_CONTEXT, proposal: { reason: 'other' as const, note: '', by: 'u', byRole: 'clerk' as const, at: 0, from } }))];
    let compared = 0;
    for (const state of BALLOT_STATES) {
      for (const type of EVENT_TYPES) {
        for (const context of contexts) {
          const snapshot = ballotMachine.resolveState({ value: value(state), context });
          const event = { type } as BallotCommand;
          const machine = snapshot.can(event) ? flat(transition(ballotMachine, snapshot, event)[0].value) : null;
          expect({ state, type, from: context.proposal?.from, to: nextState(state, type, context) }).toEqual({ state, type, from: context.proposal?.from, to: machine });
          compared += 1;
        }
      }
    }
    expect(compared).toBe(BALLOT_STATES.length * EVENT_TYPES.length * contexts.length);
  });

  it('an event needsEligibility calls free of the engine gives the same result whatever the engine would say (issue 16: the engine runs only when needed)', () => {
    const answers: (EligibilitySummary | null)[] = [
      null,
      { outcome: 'count', determination: 'full', contests: ['president'] },
      { outcome: 'count', determination: 'partial', contests: [] },
      { outcome: 'reject', determination: 'none', contests: [], rejection: 'late' },
      { outcome: 'reject', determination: 'none', contests: [], rejection: 'other' },
      { outcome: 'cure', determination: 'none', contests: [] },
      { outcome: 'hold', determination: 'none', contests: [] },
    ];
    const lifecycles = [...reached.values()].flatMap((l) =>
      l.context.proposal === null ? [l] : [l, { ...l, context: { ...l.context, proposal: { ...l.context.proposal, by: 'system', byRole: 'system' as const } } }],
    );
    let free = 0;
    let engineMatters = 0;
    for (const lifecycle of lifecycles) {
      for (const { env, ...command } of SAMPLES) {
        const results = answers.map((eligibility) => applyEvent(lifecycle, command, { ...env, eligibility }));
        const same = results.every((r) => JSON.stringify(r) === JSON.stringify(results[0]));
        if (needsEligibility(command.type, lifecycle.context)) {
          if (!same) engineMatters += 1;
          continue;
        }
        free += 1;
        expect({ state: lifecycle.state, event: command.type, same }).toEqual({ state: lifecycle.state, event: command.type, same: true });
      }
    }
    expect(free).toBeGreaterThan(0);
    expect(engineMatters).toBeGreaterThan(0);
  });

  it('no path reaches counted without passing verified', () => {
    const toCounted = simplePathsTo(graph, 'counted');
    expect(toCounted.length).toBeGreaterThan(0);
    for (const path of toCounted) {
      expect(path.states).toContain('verified');
      expect(path.events[path.events.length - 1]).toBe('COUNT');
    }
  });

  it('no path reaches rejected except by a confirmed proposal or a missed cure deadline', () => {
    const toRejected = simplePathsTo(graph, 'rejected');
    expect(toRejected.length).toBeGreaterThan(0);
    for (const path of toRejected) {
      const lastEvent = path.events[path.events.length - 1];
      expect(['CONFIRM_REJECTION', 'DEADLINE_PASSED']).toContain(lastEvent);
      expect(path.states[path.states.length - 2]).toBe(lastEvent === 'CONFIRM_REJECTION' ? 'received.rejectionProposed' : 'received.awaitingCure');
    }
  });

  it('counted is final; rejected leaves only by REINSTATE', () => {
    expect(acceptedEvents('counted')).toEqual([]);
    expect(acceptedEvents('rejected')).toEqual(['REINSTATE']);
  });
});
