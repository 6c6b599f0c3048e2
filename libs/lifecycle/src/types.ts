import type {
  ActorRole,
  CureDeclineReason,
  CureReason,
  Determination,
  Instant,
  RejectionReason,
} from '@app/domain';
import type { BallotState, EventType, ProposableState, RefusalCode } from './codes';

/** Events as clients send them (SPEC section 3). */
export type BallotCommand =
  | { readonly type: 'VERIFY' }
  | { readonly type: 'REQUEST_CURE'; readonly cureReason: CureReason }
  /**
   * `submittedAt`: when the voter provided the cure (an upload's time, or when they came to the
   * office), if not now. The deadline is checked against it, so a cure made in time and recorded
   * after the deadline still counts (issue 11).
   */
  | { readonly type: 'RECORD_CURE'; readonly evidence: string; readonly submittedAt?: Instant }
  | { readonly type: 'PROPOSE_REJECTION'; readonly reason: RejectionReason; readonly note: string }
  | { readonly type: 'CONFIRM_REJECTION' }
  | { readonly type: 'RETURN'; readonly note: string }
  | { readonly type: 'COUNT' }
  | { readonly type: 'DEADLINE_PASSED' }
  | { readonly type: 'HOLD'; readonly courtOrder: string }
  | { readonly type: 'RELEASE'; readonly courtOrder: string }
  | { readonly type: 'REINSTATE'; readonly courtOrder: string }
  /** Research matched the voter to this registration record (the service checks it is on the roll). */
  | { readonly type: 'MATCH_VOTER'; readonly voterId: string; readonly note: string }
  | { readonly type: 'UNMATCH_VOTER'; readonly note: string };

export interface Actor {
  readonly id: string;
  readonly role: ActorRole;
}

/** The eligibility engine's answer, as far as the lifecycle needs it. */
export interface EligibilitySummary {
  readonly outcome: 'count' | 'cure' | 'reject' | 'hold';
  readonly determination: Determination;
  readonly contests: readonly string[];
  /** With `reject`: the rejection code the rules find. */
  readonly rejection?: RejectionReason;
}

/**
 * Facts from outside the ballot that guards read. Passed in explicitly so the machine stays pure:
 * it never reads the clock, the database or the rule pack itself.
 */
export interface TransitionEnv {
  readonly actor: Actor;
  readonly now: Instant;
  readonly countyCertified: boolean;
  /** The engine's decision for this ballot now (with its made cures); VERIFY and COUNT need it. */
  readonly eligibility: EligibilitySummary | null;
  /**
   * The cure deadline in force now for this ballot: the rule pack's, as moved by the county's
   * overrides and any court order. REQUEST_CURE stores it; RECORD_CURE and DEADLINE_PASSED compare
   * against the later of it and the stored one, so an extension never shortens what a voter was told.
   */
  readonly cureDeadline: Instant | null;
  /**
   * When the earliest cure document still awaiting a clerk's decision was submitted (null when
   * none is pending). The deadline sweep never rejects a ballot whose cure was submitted in time.
   */
  readonly pendingCureSubmittedAt: Instant | null;
}

export interface RejectionProposal {
  readonly reason: RejectionReason;
  readonly note: string;
  readonly by: string;
  readonly byRole: ActorRole;
  readonly at: Instant;
  readonly from: ProposableState;
}

/** The registration record research matched to the ballot, and who matched it, when and why. */
export interface VoterMatch {
  readonly voterId: string;
  readonly by: string;
  readonly at: Instant;
  readonly note: string;
}

/** What the machine remembers about a ballot between events. Persisted with the state. */
export interface LifecycleContext {
  /** The matched registration: set at intake when exactly one record fits, then by MATCH_VOTER / UNMATCH_VOTER. */
  readonly match: VoterMatch | null;
  readonly cure: { readonly reason: CureReason; readonly deadline: Instant; readonly requestedAt: Instant } | null;
  readonly curedReasons: readonly CureReason[];
  readonly proposal: RejectionProposal | null;
  readonly rejection: { readonly reason: RejectionReason; readonly at: Instant } | null;
  readonly count: { readonly determination: 'full' | 'partial'; readonly contests: readonly string[]; readonly at: Instant } | null;
  readonly hold: { readonly courtOrder: string; readonly at: Instant } | null;
}

/** A ballot's lifecycle as stored: the state, its context and the machine version that wrote them. */
export interface PersistedLifecycle {
  readonly machineVersion: number;
  readonly state: BallotState;
  readonly context: LifecycleContext;
}

export interface AuditDraft {
  readonly event: EventType;
  readonly from: BallotState;
  readonly to: BallotState;
  readonly actorId: string;
  readonly actorRole: ActorRole;
  readonly at: Instant;
  /** The event's own fields (everything but `type`). */
  readonly payload: Readonly<Record<string, unknown>>;
  readonly machineVersion: number;
}

/**
 * What the voter must be told (SPEC section 5, issue 5): a cure to make, or the outcome once it is
 * final. Written to the outbox in the same transaction as the transition that caused it.
 */
export type VoterNotice =
  | { readonly type: 'cure_requested'; readonly cureReason: CureReason; readonly deadline: Instant }
  | { readonly type: 'counted' }
  | { readonly type: 'partially_counted'; readonly contests: readonly string[] }
  | { readonly type: 'rejected'; readonly reason: RejectionReason }
  /** Not from a transition: a clerk declined a document the voter uploaded (issue 5); the cure is still owed. */
  | { readonly type: 'cure_declined'; readonly reason: CureDeclineReason; readonly deadline: Instant }
  /**
   * Not from a transition: a court order or the county's hours moved the cure deadline in force for
   * a ballot still awaiting its cure (issue 11); the voter is told the new one.
   */
  | { readonly type: 'cure_deadline_moved'; readonly cureReason: CureReason; readonly deadline: Instant; readonly courtOrder: string | null };

/** What the caller must do, in the same transaction as saving the new state (or from its outbox). */
export type LifecycleEffect =
  | { readonly kind: 'audit'; readonly entry: AuditDraft }
  | { readonly kind: 'voterNotice'; readonly notice: VoterNotice }
  | { readonly kind: 'setDeadline'; readonly deadline: 'cure'; readonly at: Instant }
  | {
      readonly kind: 'recordCount';
      readonly determination: 'full' | 'partial';
      readonly contests: readonly string[];
    };

export interface Refusal {
  readonly code: RefusalCode;
  readonly message: string;
  readonly event: string;
  readonly state: BallotState;
  /** The events this state accepts at all (whatever the actor or the payload). */
  readonly acceptedEvents: readonly EventType[];
}

export type TransitionResult =
  | { readonly ok: true; readonly next: PersistedLifecycle; readonly effects: readonly LifecycleEffect[] }
  | { readonly ok: false; readonly refusal: Refusal };
