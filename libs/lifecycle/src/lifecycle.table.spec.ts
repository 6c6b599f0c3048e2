import { REJECTION_FOR_UNMADE_CURE, CURE_REASONS } from '@app/domain';
import { anEnv, COUNTABLE, CURE_DEADLINE, lifecycleIn, MATCHED, MINUTE, NEEDS_CURE, NOW, PARTIAL } from '@test/fixtures/lifecycle';
import { acceptedEvents, applyEvent, availableEvents } from './apply';
import { BALLOT_STATES, EVENT_TYPES, LIFECYCLE_MACHINE_VERSION, type BallotState, type EventType } from './codes';
import type { BallotCommand, PersistedLifecycle, TransitionEnv, TransitionResult } from './types';

/** One test per row of SPEC section 3's table, and per guard. */

const COMMANDS: { readonly [E in EventType]: BallotCommand } = {
  VERIFY: { type: 'VERIFY' },
  REQUEST_CURE: { type: 'REQUEST_CURE', cureReason: 'id_required' },
  RECORD_CURE: { type: 'RECORD_CURE', evidence: 'Driver licence shown at the registrar' },
  PROPOSE_REJECTION: { type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'No registration found' },
  CONFIRM_REJECTION: { type: 'CONFIRM_REJECTION' },
  RETURN: { type: 'RETURN', note: 'Check the registration again' },
  COUNT: { type: 'COUNT' },
  DEADLINE_PASSED: { type: 'DEADLINE_PASSED' },
  HOLD: { type: 'HOLD', courtOrder: 'Order extending polling hours' },
  RELEASE: { type: 'RELEASE', courtOrder: 'Order, final' },
  REINSTATE: { type: 'REINSTATE', courtOrder: 'Order reinstating the ballot' },
  MATCH_VOTER: { type: 'MATCH_VOTER', voterId: '1002', note: 'Found under her married name' },
  UNMATCH_VOTER: { type: 'UNMATCH_VOTER', note: 'The record matched belongs to her father' },
};

/** Who may send each event, per the table's "who" column, and an env in which its guard passes. */
const PASSING_ENV: { readonly [E in EventType]: TransitionEnv } = {
  VERIFY: anEnv(),
  REQUEST_CURE: anEnv(),
  RECORD_CURE: anEnv(),
  PROPOSE_REJECTION: anEnv(),
  CONFIRM_REJECTION: anEnv({ as: 'supervisor' }),
  RETURN: anEnv({ as: 'supervisor' }),
  COUNT: anEnv(),
  DEADLINE_PASSED: anEnv({ as: 'system', now: CURE_DEADLINE + MINUTE }),
  HOLD: anEnv({ as: 'supervisor' }),
  RELEASE: anEnv({ as: 'supervisor' }),
  REINSTATE: anEnv({ as: 'supervisor' }),
  MATCH_VOTER: anEnv(),
  UNMATCH_VOTER: anEnv(),
};

const ok = (result: TransitionResult) => {
  if (!result.ok) throw new Error(`refused: ${result.refusal.code}: ${result.refusal.message}`);
  return result;
};
const refusal = (result: TransitionResult) => {
  if (result.ok) throw new Error(`expected a refusal, got ${result.next.state}`);
  return result.refusal;
};

/** The table of SPEC section 3: event, from, to. */
const ROWS: readonly [EventType, readonly BallotState[], BallotState | 'return'][] = [
  ['VERIFY', ['received.pending', 'cured'], 'verified'],
  ['REQUEST_CURE', ['received.pending'], 'received.awaitingCure'],
  ['RECORD_CURE', ['received.awaitingCure'], 'cured'],
  ['PROPOSE_REJECTION', ['received.pending', 'received.awaitingCure', 'cured', 'verified'], 'received.rejectionProposed'],
  ['CONFIRM_REJECTION', ['received.rejectionProposed'], 'rejected'],
  ['RETURN', ['received.rejectionProposed'], 'return'],
  ['COUNT', ['verified'], 'counted'],
  ['DEADLINE_PASSED', ['received.awaitingCure'], 'rejected'],
  ['HOLD', ['received.pending'], 'received.held'],
  ['RELEASE', ['received.held'], 'received.pending'],
  ['REINSTATE', ['rejected'], 'received.pending'],
  // Issue 11: research is a lifecycle fact; a new match sends a decided-on ballot back under review.
  ['MATCH_VOTER', ['received.pending', 'received.awaitingCure', 'cured', 'verified'], 'received.pending'],
  ['UNMATCH_VOTER', ['received.pending', 'received.awaitingCure', 'cured', 'verified'], 'received.pending'],
];

/** What the audit entry records of a command: its fields, and for a match the registration it replaced. */
const auditPayload = (event: EventType): Record<string, unknown> => {
  const { type: _type, ...payload } = COMMANDS[event] as BallotCommand & Record<string, unknown>;
  return event === 'MATCH_VOTER' || event === 'UNMATCH_VOTER' ? { ...payload, previousVoterId: MATCHED.voterId } : payload;
};

describe('SPEC section 3: every row of the lifecycle table', () => {
  describe.each(ROWS)('%s', (event, froms, to) => {
    it.each(froms)(`from %s it lands where the table says, with exactly one audit entry`, (from) => {
      const result = ok(applyEvent(lifecycleIn(from), COMMANDS[event], PASSING_ENV[event]));
      const expected = to === 'return' ? 'received.pending' : to;
      expect(result.next.state).toBe(expected);
      expect(result.next.machineVersion).toBe(LIFECYCLE_MACHINE_VERSION);
      const audits = result.effects.filter((e) => e.kind === 'audit');
      expect(audits).toHaveLength(1);
      expect(audits[0]).toEqual({
        kind: 'audit',
        entry: { event, from, to: expected, actorId: PASSING_ENV[event].actor.id, actorRole: PASSING_ENV[event].actor.role, at: PASSING_ENV[event].now, payload: auditPayload(event), machineVersion: LIFECYCLE_MACHINE_VERSION },
      });
    });

    const refusedFrom = BALLOT_STATES.filter((s) => !froms.includes(s));
    it.each(refusedFrom)('from %s it is refused, names the accepted events, and changes nothing', (from) => {
      const before = lifecycleIn(from);
      const snapshot = JSON.stringify(before);
      const r = refusal(applyEvent(before, COMMANDS[event], PASSING_ENV[event]));
      expect(r).toMatchObject({ code: 'not_accepted_in_state', event, state: from });
      expect(r.acceptedEvents).toEqual(acceptedEvents(from));
      expect(r.acceptedEvents).not.toContain(event);
      expect(JSON.stringify(before)).toBe(snapshot);
    });
  });
});

describe('who may send each event (the table\'s "who" column)', () => {
  const cases: [EventType, BallotState, readonly ('clerk' | 'supervisor' | 'admin' | 'observer' | 'system')[]][] = [
    ['VERIFY', 'received.pending', ['clerk', 'supervisor', 'admin']],
    ['REQUEST_CURE', 'received.pending', ['clerk', 'supervisor', 'admin']],
    ['RECORD_CURE', 'received.awaitingCure', ['clerk', 'supervisor', 'admin']],
    ['PROPOSE_REJECTION', 'received.pending', ['clerk', 'supervisor', 'admin', 'system']],
    ['CONFIRM_REJECTION', 'received.rejectionProposed', ['supervisor', 'admin']],
    ['RETURN', 'received.rejectionProposed', ['supervisor', 'admin']],
    ['COUNT', 'verified', ['clerk', 'supervisor', 'admin']],
    ['DEADLINE_PASSED', 'received.awaitingCure', ['system']],
    ['HOLD', 'received.pending', ['supervisor', 'admin']],
    ['RELEASE', 'received.held', ['supervisor', 'admin']],
    ['REINSTATE', 'rejected', ['supervisor', 'admin']],
    ['MATCH_VOTER', 'received.pending', ['clerk', 'supervisor', 'admin']],
    ['UNMATCH_VOTER', 'verified', ['clerk', 'supervisor', 'admin']],
  ];
  const everyone = ['clerk', 'supervisor', 'admin', 'observer', 'system'] as const;
  it.each(cases)('%s (from %s) is accepted from %j only', (event, from, allowed) => {
    const outcome = (who: (typeof everyone)[number]): string => {
      const result = applyEvent(lifecycleIn(from), COMMANDS[event], { ...PASSING_ENV[event], actor: anEnv({ as: who }).actor });
      return result.ok ? 'accepted' : result.refusal.code;
    };
    expect(Object.fromEntries(everyone.map((who) => [who, outcome(who)]))).toEqual(
      Object.fromEntries(everyone.map((who) => [who, allowed.includes(who) ? 'accepted' : 'role_not_permitted'])),
    );
  });
});

describe('guards', () => {
  it('after the county certifies, no event changes its ballots (every event, every state it is accepted in)', () => {
    for (const [event, froms] of ROWS) {
      for (const from of froms) {
        const r = refusal(applyEvent(lifecycleIn(from), COMMANDS[event], { ...PASSING_ENV[event], countyCertified: true }));
        expect(r.code).toBe('county_certified');
      }
    }
  });

  it('VERIFY needs the rules engine to find the ballot countable', () => {
    for (const eligibility of [NEEDS_CURE, null, { outcome: 'reject', determination: 'none', contests: [] } as const]) {
      expect(refusal(applyEvent(lifecycleIn('received.pending'), COMMANDS.VERIFY, anEnv({ eligibility }))).code).toBe('not_eligible');
    }
  });

  it('COUNT records the determination and contests computed by the rules engine, full or partial', () => {
    const full = ok(applyEvent(lifecycleIn('verified'), COMMANDS.COUNT, anEnv({ eligibility: COUNTABLE })));
    expect(full.next.context.count).toEqual({ determination: 'full', contests: COUNTABLE.contests, at: NOW });
    expect(full.effects).toContainEqual({ kind: 'recordCount', determination: 'full', contests: COUNTABLE.contests });
    const partial = ok(applyEvent(lifecycleIn('verified'), COMMANDS.COUNT, anEnv({ eligibility: PARTIAL })));
    expect(partial.effects).toContainEqual({ kind: 'recordCount', determination: 'partial', contests: ['president'] });
  });

  it('COUNT never takes a determination typed in by the client', () => {
    const typed = { type: 'COUNT', determination: 'partial', contests: ['fake'] } as unknown as BallotCommand;
    const result = ok(applyEvent(lifecycleIn('verified'), typed, anEnv({ eligibility: COUNTABLE })));
    expect(result.next.context.count).toMatchObject({ determination: 'full', contests: COUNTABLE.contests });
  });

  it('COUNT is refused when the rules engine no longer finds the ballot countable', () => {
    expect(refusal(applyEvent(lifecycleIn('verified'), COMMANDS.COUNT, anEnv({ eligibility: NEEDS_CURE }))).code).toBe('not_eligible');
  });

  it('REQUEST_CURE sets the cure deadline from the rules and queues a voter notice', () => {
    const result = ok(applyEvent(lifecycleIn('received.pending'), { type: 'REQUEST_CURE', cureReason: 'signature_missing' }, anEnv()));
    expect(result.next.context.cure).toEqual({ reason: 'signature_missing', deadline: CURE_DEADLINE, requestedAt: NOW });
    expect(result.effects).toContainEqual({ kind: 'setDeadline', deadline: 'cure', at: CURE_DEADLINE });
    expect(result.effects).toContainEqual({ kind: 'voterNotice', notice: { type: 'cure_requested', cureReason: 'signature_missing', deadline: CURE_DEADLINE } });
  });

  it('the voter is told every final outcome (issue 5): counted, partially counted with its contests, rejected with its reason', () => {
    const notices = (result: TransitionResult) => ok(result).effects.filter((e) => e.kind === 'voterNotice');
    expect(notices(applyEvent(lifecycleIn('verified'), COMMANDS.COUNT, anEnv({ eligibility: COUNTABLE })))).toEqual([{ kind: 'voterNotice', notice: { type: 'counted' } }]);
    expect(notices(applyEvent(lifecycleIn('verified'), COMMANDS.COUNT, anEnv({ eligibility: PARTIAL })))).toEqual([
      { kind: 'voterNotice', notice: { type: 'partially_counted', contests: ['president'] } },
    ]);
    const proposed = ok(applyEvent(lifecycleIn('received.pending'), COMMANDS.PROPOSE_REJECTION, anEnv()));
    expect(notices(applyEvent(proposed.next, COMMANDS.CONFIRM_REJECTION, anEnv({ as: 'supervisor' })))).toEqual([
      { kind: 'voterNotice', notice: { type: 'rejected', reason: 'not_registered' } },
    ]);
    expect(notices(applyEvent(lifecycleIn('received.awaitingCure', { cureReason: 'id_required' }), COMMANDS.DEADLINE_PASSED, PASSING_ENV.DEADLINE_PASSED))).toEqual([
      { kind: 'voterNotice', notice: { type: 'rejected', reason: REJECTION_FOR_UNMADE_CURE.id_required } },
    ]);
    // Steps on the way tell the voter nothing.
    for (const [state, event] of [['received.pending', 'VERIFY'], ['received.pending', 'PROPOSE_REJECTION'], ['received.pending', 'HOLD']] as const) {
      expect(notices(applyEvent(lifecycleIn(state), COMMANDS[event], PASSING_ENV[event]))).toEqual([]);
    }
  });

  it('REQUEST_CURE is refused once the cure deadline has passed, or when no deadline applies', () => {
    expect(refusal(applyEvent(lifecycleIn('received.pending'), COMMANDS.REQUEST_CURE, anEnv({ now: CURE_DEADLINE + MINUTE }))).code).toBe('cure_deadline_passed');
    expect(refusal(applyEvent(lifecycleIn('received.pending'), COMMANDS.REQUEST_CURE, anEnv({ cureDeadline: null }))).code).toBe('invalid_payload');
  });

  const outcomeOf = (result: TransitionResult): string => (result.ok ? result.next.state : result.refusal.code);

  it.each([
    ['one minute before the deadline', CURE_DEADLINE - MINUTE, 'cured'],
    ['at the deadline', CURE_DEADLINE, 'cured'],
    ['one minute after the deadline', CURE_DEADLINE + MINUTE, 'cure_deadline_passed'],
  ])('RECORD_CURE %s: %s', (_name, now, expected) => {
    expect(outcomeOf(applyEvent(lifecycleIn('received.awaitingCure'), COMMANDS.RECORD_CURE, anEnv({ now })))).toBe(expected);
  });

  it('RECORD_CURE after the stored deadline succeeds when a court order extends it', () => {
    const extended = CURE_DEADLINE + 3 * 24 * 60 * MINUTE;
    const result = ok(applyEvent(lifecycleIn('received.awaitingCure'), COMMANDS.RECORD_CURE, anEnv({ now: CURE_DEADLINE + 60 * MINUTE, cureDeadline: extended })));
    expect(result.next.state).toBe('cured');
    expect(result.next.context.curedReasons).toEqual(['id_required']);
  });

  it('an earlier deadline in force never shortens the one the voter was given', () => {
    const result = applyEvent(lifecycleIn('received.awaitingCure'), COMMANDS.RECORD_CURE, anEnv({ now: CURE_DEADLINE, cureDeadline: CURE_DEADLINE - 60 * MINUTE }));
    expect(ok(result).next.state).toBe('cured');
  });

  it.each([
    ['one minute before the deadline', CURE_DEADLINE - MINUTE, 'cure_deadline_not_passed'],
    ['at the deadline', CURE_DEADLINE, 'cure_deadline_not_passed'],
    ['one minute after the deadline', CURE_DEADLINE + MINUTE, 'rejected'],
  ])('DEADLINE_PASSED %s: %s', (_name, now, expected) => {
    expect(outcomeOf(applyEvent(lifecycleIn('received.awaitingCure'), COMMANDS.DEADLINE_PASSED, anEnv({ as: 'system', now })))).toBe(expected);
  });

  it.each(CURE_REASONS)('DEADLINE_PASSED rejects for the cure\'s underlying reason: %s', (reason) => {
    const result = ok(applyEvent(lifecycleIn('received.awaitingCure', { cureReason: reason }), COMMANDS.DEADLINE_PASSED, PASSING_ENV.DEADLINE_PASSED));
    expect(result.next.context.rejection).toEqual({ reason: REJECTION_FOR_UNMADE_CURE[reason], at: PASSING_ENV.DEADLINE_PASSED.now });
  });

  it('CONFIRM_REJECTION: not by the person who proposed it', () => {
    const proposed = ok(applyEvent(lifecycleIn('received.pending'), COMMANDS.PROPOSE_REJECTION, anEnv({ as: 'supervisor' })));
    expect(refusal(applyEvent(proposed.next, COMMANDS.CONFIRM_REJECTION, anEnv({ as: 'supervisor' }))).code).toBe('same_person');
    const confirmed = ok(applyEvent(proposed.next, COMMANDS.CONFIRM_REJECTION, anEnv({ as: 'admin' })));
    expect(confirmed.next.context.rejection).toEqual({ reason: 'not_registered', at: NOW });
  });

  it('a rejection proposed by the system (UOCAVA intake) is confirmed by any supervisor', () => {
    const proposed = ok(applyEvent(lifecycleIn('received.pending'), { type: 'PROPOSE_REJECTION', reason: 'late', note: 'Received after the deadline' }, anEnv({ as: 'system' })));
    expect(proposed.next.context.proposal).toMatchObject({ by: 'system', byRole: 'system', reason: 'late' });
    const late = { outcome: 'reject', determination: 'none', contests: [], rejection: 'late' } as const;
    expect(ok(applyEvent(proposed.next, COMMANDS.CONFIRM_REJECTION, anEnv({ as: 'supervisor', eligibility: late }))).next.state).toBe('rejected');
  });

  it.each(['received.pending', 'received.awaitingCure', 'cured', 'verified'] as const)('RETURN goes back to the state the proposal came from: %s', (from) => {
    const proposed = ok(applyEvent(lifecycleIn(from), COMMANDS.PROPOSE_REJECTION, anEnv()));
    expect(proposed.next.context.proposal?.from).toBe(from);
    const returned = ok(applyEvent(proposed.next, COMMANDS.RETURN, anEnv({ as: 'supervisor' })));
    expect(returned.next.state).toBe(from);
    expect(returned.next.context.proposal).toBeNull();
  });

  it('HOLD records the court order; RELEASE clears it; REINSTATE clears the rejection', () => {
    const held = ok(applyEvent(lifecycleIn('received.pending'), COMMANDS.HOLD, anEnv({ as: 'supervisor' })));
    expect(held.next.context.hold).toEqual({ courtOrder: 'Order extending polling hours', at: NOW });
    expect(ok(applyEvent(held.next, COMMANDS.RELEASE, anEnv({ as: 'supervisor' }))).next.context.hold).toBeNull();
    const reinstated = ok(applyEvent(lifecycleIn('rejected'), COMMANDS.REINSTATE, anEnv({ as: 'supervisor' })));
    expect(reinstated.next.context.rejection).toBeNull();
  });

  describe('issue 11: a cure made in time counts, whenever it is recorded', () => {
    const recordAt = (submittedAt: number | undefined, now: number) =>
      outcomeOf(applyEvent(lifecycleIn('received.awaitingCure'), { type: 'RECORD_CURE', evidence: 'ID uploaded through the portal', ...(submittedAt === undefined ? {} : { submittedAt }) }, anEnv({ now })));

    it.each([
      ['submitted one minute before the deadline, recorded two hours after it', CURE_DEADLINE - MINUTE, CURE_DEADLINE + 120 * MINUTE, 'cured'],
      ['submitted at the deadline, recorded the next morning', CURE_DEADLINE, CURE_DEADLINE + 16 * 60 * MINUTE, 'cured'],
      ['submitted one minute after the deadline', CURE_DEADLINE + MINUTE, CURE_DEADLINE + 120 * MINUTE, 'cure_deadline_passed'],
    ])('RECORD_CURE %s: %s', (_name, submittedAt, now, expected) => {
      expect(recordAt(submittedAt, now)).toBe(expected);
    });

    it('RECORD_CURE refuses a submission time in the future', () => {
      expect(recordAt(NOW + MINUTE, NOW)).toBe('invalid_payload');
    });

    it('the audit entry records when the voter provided the cure, as ISO 8601', () => {
      const result = ok(applyEvent(lifecycleIn('received.awaitingCure'), { type: 'RECORD_CURE', evidence: 'ID shown at the office', submittedAt: CURE_DEADLINE - MINUTE }, anEnv({ now: CURE_DEADLINE + MINUTE })));
      expect(result.effects[0]).toMatchObject({ kind: 'audit', entry: { payload: { evidence: 'ID shown at the office', submittedAt: '2020-11-06T21:59:00.000Z' } } });
    });

    it.each([
      ['a document submitted one minute before the deadline and not yet decided', CURE_DEADLINE - MINUTE, 'cure_submitted_in_time'],
      ['a document submitted at the deadline and not yet decided', CURE_DEADLINE, 'cure_submitted_in_time'],
      ['a document submitted after the deadline', CURE_DEADLINE + MINUTE, 'rejected'],
      ['no pending document (none sent, or the one sent was declined)', null, 'rejected'],
    ])('DEADLINE_PASSED with %s: %s', (_name, pendingCureSubmittedAt, expected) => {
      expect(outcomeOf(applyEvent(lifecycleIn('received.awaitingCure'), COMMANDS.DEADLINE_PASSED, anEnv({ as: 'system', now: CURE_DEADLINE + 60 * MINUTE, pendingCureSubmittedAt })))).toBe(expected);
    });
  });

  describe('issue 11: a rejection the service proposed at intake is confirmed only while the rules still find it', () => {
    const proposedLate = () => ok(applyEvent(lifecycleIn('received.pending'), { type: 'PROPOSE_REJECTION', reason: 'late', note: 'Intake check: received after the deadline' }, anEnv({ as: 'system' }))).next;

    it('confirmed while the rules find the ballot late', () => {
      expect(outcomeOf(applyEvent(proposedLate(), COMMANDS.CONFIRM_REJECTION, anEnv({ as: 'supervisor', eligibility: { outcome: 'reject', determination: 'none', contests: [], rejection: 'late' } })))).toBe('rejected');
    });

    it.each([
      ['a court order extended the receipt deadline: the rules find it countable', COUNTABLE],
      ['the rules now reject it for another reason', { outcome: 'reject', determination: 'none', contests: [], rejection: 'not_registered' } as const],
    ])('refused when %s', (_name, eligibility) => {
      expect(outcomeOf(applyEvent(proposedLate(), COMMANDS.CONFIRM_REJECTION, anEnv({ as: 'supervisor', eligibility })))).toBe('proposal_no_longer_holds');
    });

    it('a clerk\'s proposal is the clerk\'s judgement: confirmed whatever the rules say', () => {
      const proposed = ok(applyEvent(lifecycleIn('received.pending'), COMMANDS.PROPOSE_REJECTION, anEnv())).next;
      expect(outcomeOf(applyEvent(proposed, COMMANDS.CONFIRM_REJECTION, anEnv({ as: 'supervisor', eligibility: COUNTABLE })))).toBe('rejected');
    });
  });

  describe('issue 11: matching a registration is a lifecycle fact', () => {
    it('MATCH_VOTER records who matched which registration, when and why', () => {
      const result = ok(applyEvent(lifecycleIn('received.pending', { match: null }), COMMANDS.MATCH_VOTER, anEnv()));
      expect(result.next).toMatchObject({ state: 'received.pending', context: { match: { voterId: '1002', by: 'clerk-1', at: NOW, note: 'Found under her married name' } } });
      expect(result.effects[0]).toMatchObject({ kind: 'audit', entry: { event: 'MATCH_VOTER', payload: { voterId: '1002', note: 'Found under her married name', previousVoterId: null } } });
    });

    it('from awaitingCure: back under review, the cure request withdrawn (what is owed depends on the registration)', () => {
      const result = ok(applyEvent(lifecycleIn('received.awaitingCure'), COMMANDS.MATCH_VOTER, anEnv()));
      expect(result.next.state).toBe('received.pending');
      expect(result.next.context.cure).toBeNull();
    });

    it('from cured: the cures the voter made are kept', () => {
      const result = ok(applyEvent(lifecycleIn('cured'), COMMANDS.MATCH_VOTER, anEnv()));
      expect(result.next.context.curedReasons).toEqual(['id_required']);
    });

    it('UNMATCH_VOTER clears the match; a ballot with none cannot be unmatched', () => {
      expect(ok(applyEvent(lifecycleIn('verified'), COMMANDS.UNMATCH_VOTER, anEnv())).next.context.match).toBeNull();
      expect(refusal(applyEvent(lifecycleIn('received.pending', { match: null }), COMMANDS.UNMATCH_VOTER, anEnv())).code).toBe('invalid_payload');
    });

    it.each([
      ['the registration already matched', { type: 'MATCH_VOTER', voterId: MATCHED.voterId, note: 'again' }],
      ['no reason', { type: 'MATCH_VOTER', voterId: '1002', note: ' ' }],
      ['a voter id that cannot be one', { type: 'MATCH_VOTER', voterId: '../etc', note: 'n' }],
    ] as const)('MATCH_VOTER refuses %s (invalid_payload)', (_name, command) => {
      expect(refusal(applyEvent(lifecycleIn('received.pending'), command as unknown as BallotCommand, anEnv())).code).toBe('invalid_payload');
    });
  });

  it.each([
    ['a rejection reason that is not a rejection code', 'PROPOSE_REJECTION', { type: 'PROPOSE_REJECTION', reason: 'because', note: 'n' }, 'received.pending'],
    ['a rejection without a note', 'PROPOSE_REJECTION', { type: 'PROPOSE_REJECTION', reason: 'other', note: '  ' }, 'received.pending'],
    ['a cure reason that is not a cure code', 'REQUEST_CURE', { type: 'REQUEST_CURE', cureReason: 'bring_cake' }, 'received.pending'],
    ['a cure without evidence', 'RECORD_CURE', { type: 'RECORD_CURE', evidence: '' }, 'received.awaitingCure'],
    ['a return without a note', 'RETURN', { type: 'RETURN', note: '' }, 'received.rejectionProposed'],
    ['a hold without a court order', 'HOLD', { type: 'HOLD', courtOrder: '' }, 'received.pending'],
    ['a note longer than 2,000 characters', 'RETURN', { type: 'RETURN', note: 'x'.repeat(2001) }, 'received.rejectionProposed'],
  ] as const)('refuses %s (invalid_payload)', (_name, event, command, from) => {
    const r = refusal(applyEvent(lifecycleIn(from), command as unknown as BallotCommand, PASSING_ENV[event]));
    expect(r.code).toBe('invalid_payload');
  });

  it('refuses an unknown event, listing what the state accepts', () => {
    const r = refusal(applyEvent(lifecycleIn('received.pending'), { type: 'DELETE' } as unknown as BallotCommand, anEnv()));
    expect(r).toMatchObject({ code: 'not_accepted_in_state', event: 'DELETE', acceptedEvents: ['VERIFY', 'REQUEST_CURE', 'PROPOSE_REJECTION', 'HOLD', 'MATCH_VOTER', 'UNMATCH_VOTER'] });
  });

  it('a lifecycle stored by another machine version is not guessed at: it throws', () => {
    const old: PersistedLifecycle = { ...lifecycleIn('received.pending'), machineVersion: LIFECYCLE_MACHINE_VERSION + 1 };
    expect(() => applyEvent(old, COMMANDS.VERIFY, anEnv())).toThrow(/machine version/);
  });
});

describe('availableEvents: what a console shows as buttons', () => {
  it('a clerk in received.pending may verify, request a cure, propose a rejection or match another registration, not hold', () => {
    expect(availableEvents(lifecycleIn('received.pending'), anEnv())).toEqual(['VERIFY', 'REQUEST_CURE', 'PROPOSE_REJECTION', 'MATCH_VOTER', 'UNMATCH_VOTER']);
  });
  it('a supervisor may also hold', () => {
    expect(availableEvents(lifecycleIn('received.pending'), anEnv({ as: 'supervisor' }))).toEqual(['VERIFY', 'REQUEST_CURE', 'PROPOSE_REJECTION', 'HOLD', 'MATCH_VOTER', 'UNMATCH_VOTER']);
  });
  it('Unmatch is offered only when a registration is matched', () => {
    expect(availableEvents(lifecycleIn('received.pending', { match: null }), anEnv())).toEqual(['VERIFY', 'REQUEST_CURE', 'PROPOSE_REJECTION', 'MATCH_VOTER']);
  });
  it('after the cure deadline the clerk still sees Record the cure: a cure made in time may be recorded late', () => {
    expect(availableEvents(lifecycleIn('received.awaitingCure'), anEnv({ now: CURE_DEADLINE + 60 * MINUTE }))).toContain('RECORD_CURE');
  });
  it('an observer may do nothing, anywhere', () => {
    for (const state of BALLOT_STATES) expect(availableEvents(lifecycleIn(state), anEnv({ as: 'observer' }))).toEqual([]);
  });
  it('the proposer does not see Confirm on their own proposal; nothing shows once the county has certified', () => {
    const proposed = lifecycleIn('received.rejectionProposed');
    expect(availableEvents(proposed, anEnv({ as: 'supervisor', actor: { id: 'clerk-1', role: 'supervisor' } }))).toEqual(['RETURN']);
    expect(availableEvents(lifecycleIn('received.pending'), anEnv({ countyCertified: true }))).toEqual([]);
  });
  it('lists only events the state accepts', () => {
    for (const state of BALLOT_STATES) {
      for (const event of availableEvents(lifecycleIn(state), anEnv({ as: 'admin' }))) expect(acceptedEvents(state)).toContain(event);
    }
    expect(EVENT_TYPES).toHaveLength(13);
  });
});
