import type {
  CureReason,
  IssuedReason,
  RegistrationStatus,
  UocavaCategory,
} from './codes';

/** Epoch milliseconds (UTC). Local dates and times exist only at the edges, with a time zone. */
export type Instant = number;
/** A calendar date, `YYYY-MM-DD`, in the election's time zone. */
export type LocalDate = string;

/** How the envelope or affirmation signature stands after the clerk's check. */
export const SIGNATURE_STATES = ['present', 'missing', 'mismatch'] as const;
export type SignatureState = (typeof SIGNATURE_STATES)[number];

interface BallotFactsBase {
  /** County where cast (provisional) or that received it (UOCAVA). */
  readonly countyCode: string;
  readonly receivedAt: Instant;
  readonly signature: SignatureState;
  /** Cures the voter has made (recorded by `RECORD_CURE`); a made cure no longer blocks counting. */
  readonly curedReasons: readonly CureReason[];
}

/** What the eligibility engine needs of a provisional ballot, as received. */
export interface ProvisionalBallotFacts extends BallotFactsBase {
  readonly kind: 'provisional';
  readonly precinctId: string;
  readonly castAt: Instant;
  readonly issuedReason: IssuedReason;
  /** Identification shown at the polls. */
  readonly idShown: boolean;
  /** The voter signed a sworn statement explaining why they voted outside their precinct. */
  readonly outOfPrecinctAffidavit: boolean;
}

/** What the eligibility engine needs of a UOCAVA ballot, as received. */
export interface UocavaBallotFacts extends BallotFactsBase {
  readonly kind: 'uocava';
  readonly category: UocavaCategory;
  readonly postmarkDate: LocalDate | null;
  /** The voter's signed date, used where no postmark exists. */
  readonly signedDate: LocalDate | null;
}

export type BallotFacts = ProvisionalBallotFacts | UocavaBallotFacts;

/** The matched registration record, as the roll holds it. */
export interface VoterRecord {
  readonly voterId: string;
  readonly status: RegistrationStatus;
  readonly countyCode: string;
  readonly precinctId: string;
  readonly registrationDate: LocalDate;
  readonly idOnFile: boolean;
  /** Another ballot of this voter (a mail ballot, say) has already been accepted. */
  readonly otherBallotAccepted: boolean;
  /**
   * When a full roll re-import left this voter out (the record is kept, never deleted); absent or
   * null while the voter is on the roll.
   */
  readonly removedFromRollAt?: Instant | null;
}
