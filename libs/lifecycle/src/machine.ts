import { setup } from 'xstate';
import { PROPOSABLE_STATES, type ProposableState } from './codes';
import type { BallotCommand, LifecycleContext } from './types';

export const INITIAL_CONTEXT: LifecycleContext = {
  match: null,
  cure: null,
  curedReasons: [],
  proposal: null,
  rejection: null,
  count: null,
  hold: null,
};

/** A state's path in the machine (`#ballot.received.pending`) from its stored name. */
const node = (state: string): string => `#ballot.${state}`;

/** RETURN goes back to where the rejection was proposed from: one guarded target per such state. */
const RETURN_TO = PROPOSABLE_STATES.map((from: ProposableState) => ({ guard: { type: 'cameFrom' as const, params: { state: from } }, target: node(from) }));

/**
 * The ballot lifecycle of SPEC section 3 as states and the events each accepts, with where each
 * leads: nothing else. Who may send an event and when is the policy's (`policy.ts`); what an event
 * records in the context is `nextContext`; what the caller must do is `effectsOf` (`effects.ts`).
 * The one guard picks RETURN's target from the context. Persisted, so no timers and no actors.
 * `applyEvent` reads it through a table built once from xstate's own `transition()` (`table.ts`).
 */
export const ballotMachine = setup({
  types: {
    context: {} as LifecycleContext,
    events: {} as BallotCommand,
    input: {} as LifecycleContext | undefined,
  },
  guards: {
    cameFrom: ({ context }, params: { state: ProposableState }) => context.proposal?.from === params.state,
  },
}).createMachine({
  id: 'ballot',
  context: ({ input }) => input ?? INITIAL_CONTEXT,
  initial: 'received',
  states: {
    received: {
      initial: 'pending',
      states: {
        pending: {
          on: {
            VERIFY: node('verified'),
            REQUEST_CURE: node('received.awaitingCure'),
            PROPOSE_REJECTION: node('received.rejectionProposed'),
            // Research on a ballot under review: it stays under review, with the new match.
            MATCH_VOTER: node('received.pending'),
            UNMATCH_VOTER: node('received.pending'),
            HOLD: node('received.held'),
          },
        },
        awaitingCure: {
          on: {
            RECORD_CURE: node('cured'),
            PROPOSE_REJECTION: node('received.rejectionProposed'),
            // Another registration changes what is owed: back under review, the cure request withdrawn.
            MATCH_VOTER: node('received.pending'),
            UNMATCH_VOTER: node('received.pending'),
            DEADLINE_PASSED: node('rejected'),
          },
        },
        rejectionProposed: {
          on: {
            CONFIRM_REJECTION: node('rejected'),
            RETURN: RETURN_TO,
          },
        },
        held: { on: { RELEASE: node('received.pending') } },
      },
    },
    verified: {
      on: {
        COUNT: node('counted'),
        PROPOSE_REJECTION: node('received.rejectionProposed'),
        // A new match undoes the verification: the ballot is decided again.
        MATCH_VOTER: node('received.pending'),
        UNMATCH_VOTER: node('received.pending'),
      },
    },
    cured: {
      on: {
        VERIFY: node('verified'),
        PROPOSE_REJECTION: node('received.rejectionProposed'),
        MATCH_VOTER: node('received.pending'),
        UNMATCH_VOTER: node('received.pending'),
      },
    },
    counted: {},
    rejected: { on: { REINSTATE: node('received.pending') } },
  },
});
