import { REJECTION_FOR_UNMADE_CURE } from '@app/domain';
import { and, assign, setup } from 'xstate';
import type { ProposableState } from './codes';
import { commandRefusal, preconditionRefusal } from './policy';
import type { BallotCommand, LifecycleContext, TransitionEnv } from './types';

/** The machine's own event: the client's command plus the facts its guards read. */
export type MachineEvent = BallotCommand & { readonly env: TransitionEnv };

export const INITIAL_CONTEXT: LifecycleContext = {
  match: null,
  cure: null,
  curedReasons: [],
  proposal: null,
  rejection: null,
  count: null,
  hold: null,
};

type Narrow<T extends MachineEvent['type']> = Extract<MachineEvent, { type: T }>;

const matchAssign = assign<LifecycleContext, MachineEvent, undefined, MachineEvent, never>({
  match: ({ event }) => {
    const e = event as Narrow<'MATCH_VOTER'>;
    return { voterId: e.voterId, by: e.env.actor.id, at: e.env.now, note: e.note };
  },
});
const unmatchAssign = assign<LifecycleContext, MachineEvent, undefined, MachineEvent, never>({ match: null });

/**
 * The ballot lifecycle of SPEC section 3. Persisted, so: no timers, no invoked or spawned actors,
 * no side effects. Effects are the named actions `queueVoterNotice`, `setDeadline` and
 * `recordCount`, which the pure `transition()` hands back as data; they do nothing when run.
 */
export const ballotMachine = setup({
  types: {
    context: {} as LifecycleContext,
    events: {} as MachineEvent,
    input: {} as LifecycleContext | undefined,
  },
  guards: {
    /** Every event's precondition and payload check, from `policy.ts`: one source of truth. */
    permitted: ({ context, event }) =>
      preconditionRefusal(event.type, context, event.env) === null && commandRefusal(event, context, event.env) === null,
    cameFrom: ({ context }, params: { state: ProposableState }) => context.proposal?.from === params.state,
  },
  actions: {
    queueVoterNotice: (_args, _params: { cureReason: string; deadline: number }) => undefined,
    setDeadline: (_args, _params: { deadline: 'cure'; at: number }) => undefined,
    recordCount: (_args, _params: { determination: 'full' | 'partial'; contests: readonly string[] }) => undefined,
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
            VERIFY: { guard: 'permitted', target: '#ballot.verified' },
            REQUEST_CURE: {
              guard: 'permitted',
              target: 'awaitingCure',
              actions: [
                assign({
                  cure: ({ event }) => {
                    const e = event;
                    return { reason: e.cureReason, deadline: e.env.cureDeadline ?? e.env.now, requestedAt: e.env.now };
                  },
                }),
                {
                  type: 'setDeadline',
                  params: ({ context }) => ({ deadline: 'cure' as const, at: context.cure?.deadline ?? 0 }),
                },
                {
                  type: 'queueVoterNotice',
                  params: ({ context }) => ({
                    cureReason: context.cure?.reason ?? '',
                    deadline: context.cure?.deadline ?? 0,
                  }),
                },
              ],
            },
            PROPOSE_REJECTION: proposeFrom('received.pending'),
            // Research on a ballot under review: it stays under review, with the new match.
            MATCH_VOTER: { guard: 'permitted', actions: matchAssign },
            UNMATCH_VOTER: { guard: 'permitted', actions: unmatchAssign },
            HOLD: {
              guard: 'permitted',
              target: 'held',
              actions: assign({
                hold: ({ event }) => ({ courtOrder: (event).courtOrder, at: event.env.now }),
              }),
            },
          },
        },
        awaitingCure: {
          on: {
            RECORD_CURE: {
              guard: 'permitted',
              target: '#ballot.cured',
              actions: assign({
                curedReasons: ({ context }) =>
                  context.cure === null || context.curedReasons.includes(context.cure.reason)
                    ? context.curedReasons
                    : [...context.curedReasons, context.cure.reason],
              }),
            },
            PROPOSE_REJECTION: proposeFrom('received.awaitingCure'),
            // Another registration changes what is owed: back under review, the cure request withdrawn.
            MATCH_VOTER: { guard: 'permitted', target: 'pending', actions: [matchAssign, assign({ cure: null })] },
            UNMATCH_VOTER: { guard: 'permitted', target: 'pending', actions: [unmatchAssign, assign({ cure: null })] },
            DEADLINE_PASSED: {
              guard: 'permitted',
              target: '#ballot.rejected',
              actions: assign({
                rejection: ({ context, event }) => ({
                  reason: context.cure === null ? 'other' : REJECTION_FOR_UNMADE_CURE[context.cure.reason],
                  at: event.env.now,
                }),
              }),
            },
          },
        },
        rejectionProposed: {
          on: {
            CONFIRM_REJECTION: {
              guard: 'permitted',
              target: '#ballot.rejected',
              actions: assign({
                rejection: ({ context, event }) => ({ reason: context.proposal?.reason ?? 'other', at: event.env.now }),
              }),
            },
            RETURN: [
              returnTo('received.pending', '#ballot.received.pending'),
              returnTo('received.awaitingCure', '#ballot.received.awaitingCure'),
              returnTo('cured', '#ballot.cured'),
              returnTo('verified', '#ballot.verified'),
            ],
          },
        },
        held: {
          on: {
            RELEASE: {
              guard: 'permitted',
              target: 'pending',
              actions: assign({ hold: null }),
            },
          },
        },
      },
    },
    verified: {
      on: {
        COUNT: {
          guard: 'permitted',
          target: 'counted',
          actions: [
            assign({
              count: ({ event }) => {
                const decision = event.env.eligibility;
                const determination = decision?.determination === 'partial' ? 'partial' : 'full';
                return { determination, contests: decision?.contests ?? [], at: event.env.now };
              },
            }),
            {
              type: 'recordCount',
              params: ({ context }) => ({
                determination: context.count?.determination ?? 'full',
                contests: context.count?.contests ?? [],
              }),
            },
          ],
        },
        PROPOSE_REJECTION: proposeFrom('verified'),
        // A new match undoes the verification: the ballot is decided again.
        MATCH_VOTER: { guard: 'permitted', target: '#ballot.received.pending', actions: matchAssign },
        UNMATCH_VOTER: { guard: 'permitted', target: '#ballot.received.pending', actions: unmatchAssign },
      },
    },
    cured: {
      on: {
        VERIFY: { guard: 'permitted', target: 'verified' },
        PROPOSE_REJECTION: proposeFrom('cured'),
        MATCH_VOTER: { guard: 'permitted', target: '#ballot.received.pending', actions: matchAssign },
        UNMATCH_VOTER: { guard: 'permitted', target: '#ballot.received.pending', actions: unmatchAssign },
      },
    },
    counted: {},
    rejected: {
      on: {
        REINSTATE: {
          guard: 'permitted',
          target: '#ballot.received.pending',
          actions: assign({ rejection: null, proposal: null }),
        },
      },
    },
  },
});

function proposeFrom(from: ProposableState) {
  return {
    guard: 'permitted' as const,
    target: '#ballot.received.rejectionProposed',
    actions: assign<LifecycleContext, MachineEvent, undefined, MachineEvent, never>({
      proposal: ({ event }) => {
        const e = event as Narrow<'PROPOSE_REJECTION'>;
        return { reason: e.reason, note: e.note, by: e.env.actor.id, byRole: e.env.actor.role, at: e.env.now, from };
      },
    }),
  };
}

function returnTo(from: ProposableState, target: string) {
  return {
    guard: and(['permitted', { type: 'cameFrom', params: { state: from } }]),
    target,
    actions: assign<LifecycleContext, MachineEvent, undefined, MachineEvent, never>({ proposal: null }),
  };
}

