import { requirePermission, type Clock, type StaffActor } from '@app/domain';
import { availableEvents, EVENT_TYPES, type EventType } from '@app/lifecycle';
import type { AuditEntryEntity, BallotEntity, BallotQueueFilter, Stores, VoterEntity } from '@app/persistence';
import type { Deadline, EligibilityDecision } from '@app/rules';
import type { BallotTransitions } from './ballot-transitions';
import { cureDeadlineInForce, type ElectionRulesCache } from './election-rules';

export interface BallotListFilter extends BallotQueueFilter {
  readonly electionId: string;
}

export interface BallotPage {
  readonly items: BallotEntity[];
  readonly nextCursor: string | null;
  /** Each item's cure deadline in force (a court order or the county's hours may have moved the recorded one). */
  readonly cureDeadlinesInForce: ReadonlyMap<string, number | null>;
  /** How many ballots the filter matches, on every page. */
  readonly total: number;
  /** Documents voters uploaded that still await a decision, per item (absent: none). */
  readonly pendingUploads: ReadonlyMap<string, number>;
  /** Items a supervisor returned to the clerk, with no decision on them since. */
  readonly returned: ReadonlySet<string>;
}

/** The events that are a decision on a ballot: a RETURN stays the latest until the clerk decides again. */
const DECISION_EVENTS: readonly EventType[] = EVENT_TYPES.filter((e) => e !== 'MATCH_VOTER' && e !== 'UNMATCH_VOTER');

export interface BallotDetail {
  readonly ballot: BallotEntity;
  readonly voter: VoterEntity | null;
  readonly decision: EligibilityDecision;
  readonly deadlines: { readonly provisionalCure: Deadline; readonly uocavaReceipt: Deadline; readonly countyCertification: Deadline };
  readonly history: AuditEntryEntity[];
  readonly availableEvents: readonly EventType[];
  readonly countyCertified: boolean;
  /** The cure deadline in force for this ballot, when a cure was requested. */
  readonly cureDeadlineInForce: number | null;
}

/** Reads of ballots, through stores that carry the actor's county. */
export class BallotQueries {
  constructor(
    private readonly stores: Stores,
    private readonly rules: ElectionRulesCache,
    private readonly transitions: BallotTransitions,
    private readonly clock: Clock,
  ) {}

  /** The work queue: deadline first, then id; cursor-paged. */
  list(actor: StaffActor, filter: BallotListFilter): Promise<BallotPage> {
    requirePermission(actor, 'read_ballots');
    return this.stores.read(actor, async (s) => {
      const e = s.election(filter.electionId);
      const page = await e.ballots.queue(filter);
      const rules = await this.rules.get(e.rules);
      const ids = page.items.map((b) => b.id);
      const last = await e.audit.lastOf(ids, DECISION_EVENTS);
      return {
        ...page,
        cureDeadlinesInForce: new Map(page.items.map((b) => [b.id, cureDeadlineInForce(b, rules)])),
        pendingUploads: await e.cureDocuments.pendingByBallot(ids),
        returned: new Set(ids.filter((id) => last.get(id) === 'RETURN')),
      };
    });
  }

  /** A ballot with everything its page shows: the registration matched, the decision now, deadlines in force, history, the events this actor may send. */
  detail(actor: StaffActor, ballotId: string): Promise<BallotDetail> {
    requirePermission(actor, 'read_ballots');
    return this.stores.read(actor, async (s) => {
      const now = this.clock.now();
      const { ballot, stores: e } = await this.transitions.reach(s, ballotId);
      const rules = await this.rules.get(e.rules);
      const voter = ballot.matchedVoterId === null ? null : await e.voters.forDecision(ballot.matchedVoterId);
      const county = await e.counties.get(ballot.countyCode);
      const decision = await this.transitions.decide(e, ballot, now);
      const history = await e.audit.historyOf(ballot.id);
      const deadlines = rules.calendar.forCounty(ballot.countyCode).deadlines;
      const countyCertified = county?.certifiedAt !== null && county?.certifiedAt !== undefined;
      const events = availableEvents(
        { machineVersion: ballot.machineVersion, state: ballot.status, context: ballot.lifecycle },
        {
          actor: { id: actor.id, role: actor.role },
          now,
          countyCertified,
          eligibility: decision,
          cureDeadline: deadlines.provisionalCure.at,
          pendingCureSubmittedAt: await e.cureDocuments.earliestPendingAt(ballot.id),
        },
      );
      return {
        ballot,
        voter,
        decision,
        deadlines: { provisionalCure: deadlines.provisionalCure, uocavaReceipt: deadlines.uocavaReceipt, countyCertification: deadlines.countyCertification },
        history,
        availableEvents: events,
        countyCertified,
        cureDeadlineInForce: cureDeadlineInForce(ballot, rules),
      };
    });
  }
}
