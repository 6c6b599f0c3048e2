import type { Instant, LocalDate } from '@app/domain';
import type { CourtOrderTarget, DeadlineName, ElectionType } from './codes';

// What an election's calendar is computed from (its schedule, county hours, court orders) and what
// it gives (each county's deadlines): the shapes ElectionCalendar (deadlines.ts) reads and returns.

/** A county's own close of business (SPEC section 2: per-county overrides). */
export interface CountyOverride {
  readonly countyCode: string;
  readonly closeOfBusiness: string;
  /** Where the county's hours are set (a board resolution, its posted hours). */
  readonly source: string;
}

/**
 * A court order that sets a deadline, or the close of the polls, anew for some counties or
 * (countyCodes null) all. The last order for a target governs.
 */
export interface CourtOrder {
  readonly citation: string;
  readonly deadline: CourtOrderTarget;
  readonly countyCodes: readonly string[] | null;
  /**
   * Local date and time, `YYYY-MM-DDTHH:MM`, in the county's zone (the election's, unless the pack
   * gives the county its own). For `pollsClose` the date must be election day.
   */
  readonly extendedTo: string;
}

/** The election's own facts that deadlines are computed from. */
export interface ElectionSchedule {
  readonly electionDay: LocalDate;
  readonly timeZone: string;
  /** Chooses the rule packs' variants; `general` when absent. */
  readonly electionType?: ElectionType;
  /** Whether a federal office is on the ballot; true when absent. */
  readonly federal?: boolean;
  /** Polls-close time on election day, `HH:MM`; the pack's when absent. */
  readonly pollsClose?: string | null;
  readonly countyOverrides?: readonly CountyOverride[];
  readonly courtOrders?: readonly CourtOrder[];
}

export interface Deadline {
  readonly name: DeadlineName;
  /** The last instant that is still in time: a thing done at or before it is timely. */
  readonly at: Instant;
  readonly localDate: LocalDate;
  /** ISO 8601 with the offset in force that day, e.g. `2020-11-06T17:00:00.000-05:00`. */
  readonly local: string;
  /** For people: local time with the zone, e.g. `Fri, Nov 6, 2020, 5:00 PM EST`. */
  readonly display: string;
  /** The rule pack citation this deadline encodes (the variant's, when a variant governs). */
  readonly source: string;
  /** The court order that set it, when one did. */
  readonly courtOrder: string | null;
}

/** Null for a deadline the state does not have: no postmark rule, no statutory state deadline. */
export type DeadlineSet = {
  readonly [N in DeadlineName]: N extends 'uocavaPostmark' | 'stateCertification' ? Deadline | null : Deadline;
};

export interface CountyCalendar {
  readonly countyCode: string;
  /** The zone the county's deadlines are computed and shown in: its own where the pack names one. */
  readonly timeZone: string;
  readonly electionDay: LocalDate;
  /** The close of the polls on election day; a court order on `pollsClose` moves it. */
  readonly pollsClose: Instant;
  /** The citation of the court order that set `pollsClose`, when one did. */
  readonly pollsCloseCourtOrder: string | null;
  /** The first instant of the first day a ballot can be cast in person. */
  readonly votingOpens: Instant;
  readonly votingOpensSource: string;
  /** The first instant of the day by which UOCAVA ballots must be sent. */
  readonly uocavaTransmission: Instant;
  readonly uocavaTransmissionSource: string;
  /** `HH:MM`: the county's own, or the pack's. */
  readonly closeOfBusiness: string;
  readonly closeOfBusinessSource: string;
  readonly deadlines: DeadlineSet;
}
