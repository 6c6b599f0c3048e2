/**
 * The product's code lists (SPEC sections 2 to 4). Each list is the single source of its type,
 * so a list and its type cannot drift. Reason codes follow the federal Election Administration
 * and Voting Survey (EAVS) so reports feed it directly.
 */

export const BALLOT_KINDS = ['provisional', 'uocava'] as const;
export type BallotKind = (typeof BALLOT_KINDS)[number];

export const UOCAVA_CATEGORIES = [
  'military_overseas',
  'military_stateside',
  'overseas_temporary',
  'overseas_permanent',
] as const;
export type UocavaCategory = (typeof UOCAVA_CATEGORIES)[number];

export const REGISTRATION_STATUSES = ['active', 'inactive', 'pending', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/**
 * How a voter roll file is imported: `incremental` adds and updates the voters it lists;
 * `full_roll` also marks removed every voter of its scope that it leaves out.
 */
export const VOTER_IMPORT_MODES = ['incremental', 'full_roll'] as const;
export type VoterImportMode = (typeof VOTER_IMPORT_MODES)[number];

export const VOTER_IMPORT_STATUSES = ['running', 'completed', 'failed', 'abandoned'] as const;
export type VoterImportStatus = (typeof VOTER_IMPORT_STATUSES)[number];

/** A voter roll import's marking of removed voters: not asked for, waiting for the end of the file, done, or skipped (with why). */
export const VOTER_ROLL_REMOVALS = ['not_requested', 'pending', 'done', 'skipped'] as const;
export type VoterRollRemoval = (typeof VOTER_ROLL_REMOVALS)[number];

/** Why a provisional ballot was issued (EAVS section E). */
export const ISSUED_REASONS = [
  'not_on_list',
  'no_id',
  'challenged_by_official',
  'challenged_by_other',
  'not_resident',
  'registration_not_updated',
  'mail_ballot_not_surrendered',
  'extended_hours',
  'same_day_registration',
  'other',
] as const;
export type IssuedReason = (typeof ISSUED_REASONS)[number];

/** What the voter must fix, and by when, for the ballot to count. */
export const CURE_REASONS = [
  'id_required',
  'registration_unresolved',
  'signature_missing',
  'signature_mismatch',
  'information_missing',
] as const;
export type CureReason = (typeof CURE_REASONS)[number];

/** Why a ballot was not counted (EAVS section E rejection reasons). */
export const REJECTION_REASONS = [
  'not_registered',
  'wrong_jurisdiction',
  'wrong_precinct',
  'no_id',
  'incomplete',
  'ballot_missing',
  'no_signature',
  'signature_mismatch',
  'already_voted',
  'late',
  'postmarked_late',
  'other',
] as const;
export type RejectionReason = (typeof REJECTION_REASONS)[number];

/**
 * A cure that is not made in time becomes a rejection for the cure's underlying reason
 * (SPEC section 3, `DEADLINE_PASSED`).
 */
export const REJECTION_FOR_UNMADE_CURE: { readonly [R in CureReason]: RejectionReason } = {
  id_required: 'no_id',
  registration_unresolved: 'not_registered',
  signature_missing: 'no_signature',
  signature_mismatch: 'signature_mismatch',
  information_missing: 'incomplete',
};

export const DETERMINATIONS = ['full', 'partial', 'none'] as const;
export type Determination = (typeof DETERMINATIONS)[number];

export const DISTRICT_KINDS = [
  'statewide',
  'congressional',
  'state_senate',
  'state_house',
  'county',
  'municipal',
  'school',
  'special',
] as const;
export type DistrictKind = (typeof DISTRICT_KINDS)[number];

/** Lifecycle events (SPEC section 3); the machine is in @app/lifecycle. */
export const EVENT_TYPES = [
  'VERIFY',
  'REQUEST_CURE',
  'RECORD_CURE',
  'PROPOSE_REJECTION',
  'CONFIRM_REJECTION',
  'RETURN',
  'COUNT',
  'DEADLINE_PASSED',
  'HOLD',
  'RELEASE',
  'REINSTATE',
  'MATCH_VOTER',
  'UNMATCH_VOTER',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Staff roles, plus `system` for what the service does by itself (the deadline sweep, intake checks). */
export const ROLES = ['clerk', 'supervisor', 'admin', 'observer'] as const;
export type Role = (typeof ROLES)[number];
export type ActorRole = Role | 'system';

/** Languages the portal and the notices are written in (issue 5). */
export const VOTER_LANGUAGES = ['en', 'es'] as const;
export type VoterLanguage = (typeof VOTER_LANGUAGES)[number];

/** What a voter may upload to cure a ballot online. */
export const CURE_DOCUMENT_KINDS = ['id_document', 'cure_affidavit'] as const;
export type CureDocumentKind = (typeof CURE_DOCUMENT_KINDS)[number];

/** Accepted upload types, as found in the file's first bytes. */
export const CURE_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
export type CureMediaType = (typeof CURE_MEDIA_TYPES)[number];

/** Why a clerk declined an uploaded cure document; the voter is told in plain words. */
export const CURE_DECLINE_REASONS = ['unreadable', 'not_an_accepted_id', 'name_does_not_match', 'affidavit_not_signed', 'other'] as const;
export type CureDeclineReason = (typeof CURE_DECLINE_REASONS)[number];
