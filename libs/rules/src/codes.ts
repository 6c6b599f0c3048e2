/** Rule-pack vocabularies (SPEC section 4); names are binding. */

export const DEADLINE_ANCHORS = ['election_day', 'certification'] as const;
export type DeadlineAnchor = (typeof DEADLINE_ANCHORS)[number];

export const DAY_UNITS = ['calendar', 'business'] as const;
export type DayUnit = (typeof DAY_UNITS)[number];

/** A deadline's time of day: a fixed `HH:MM`, or one of these named times. */
export const NAMED_TIMES = ['close_of_business', 'end_of_day', 'polls_close'] as const;
export type NamedTime = (typeof NAMED_TIMES)[number];

export const OUT_OF_PRECINCT_POLICIES = [
  'eligible_contests',
  'reject',
  'eligible_contests_after_5pm_with_affidavit',
] as const;
export type OutOfPrecinctPolicy = (typeof OUT_OF_PRECINCT_POLICIES)[number];

export const OUT_OF_COUNTY_POLICIES = ['statewide_only', 'reject'] as const;
export type OutOfCountyPolicy = (typeof OUT_OF_COUNTY_POLICIES)[number];

export const DEADLINE_NAMES = [
  'registration',
  'provisionalCure',
  'uocavaPostmark',
  'uocavaReceipt',
  'countyCertification',
  'stateCertification',
] as const;
export type DeadlineName = (typeof DEADLINE_NAMES)[number];

/** The kind of election a deadline rule may depend on (a pack's `variants[].when.electionTypes`). */
export const ELECTION_TYPES = ['general', 'primary', 'special', 'runoff'] as const;
export type ElectionType = (typeof ELECTION_TYPES)[number];

/** Days of the week, for rules counted as "the Nth <weekday> after (or before) the anchor". */
export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** What a court order may set anew for some counties: four deadlines and the close of the polls. */
export const COURT_ORDER_TARGETS = [
  'provisionalCure',
  'uocavaReceipt',
  'uocavaPostmark',
  'pollsClose',
  'countyCertification',
] as const;
export type CourtOrderTarget = (typeof COURT_ORDER_TARGETS)[number];
