import { EVENT_TYPES } from './codes';

/**
 * What a staff member, a voter through the portal, or the service itself can do that the audit
 * chain records: one typed list, and the database refuses a name outside it (a CHECK on
 * `audit_entries.event`, written out by the migrations and compared with this list by a test).
 * Every lifecycle event is one; so is every staff action (a vxsuite checklist asks of each new
 * user action: is it logged?).
 */
export const STAFF_AUDIT_EVENTS = [
  'SIGNED_IN',
  /** The username tried, never the password. */
  'SIGN_IN_FAILED',
  'SIGNED_OUT',
  'USER_CREATED',
  'ROLE_CHANGED',
  'ACCOUNT_LOCKED',
  'ACCOUNT_UNLOCKED',
  'ELECTION_CREATED',
  'REPORT_EXPORTED',
  'LETTERS_EXPORTED',
  /** A supervisor held a county's outgoing voter notices (or released them). */
  'NOTICES_HELD',
  'NOTICES_RELEASED',
] as const;

export const AUDIT_EVENTS = [
  'INTAKE',
  ...EVENT_TYPES,
  'CURE_UPLOADED',
  'CURE_DECLINED',
  /** A voter on the portal asked for updates at a new email or phone, confirmed it, or removed it: the channel only, never the address. */
  'VOTER_CONTACT_REQUESTED',
  'VOTER_CONTACT_CONFIRMED',
  'VOTER_CONTACT_REMOVED',
  'CERTIFY_COUNTY',
  'REOPEN_COUNTY',
  'JURISDICTION_IMPORTED',
  'VOTER_ROLL_IMPORT_STARTED',
  'VOTER_ROLL_IMPORTED',
  'VOTER_ROLL_IMPORT_FAILED',
  'VOTER_ROLL_IMPORT_ABANDONED',
  'COURT_ORDER_RECORDED',
  'CLOSE_OF_BUSINESS_SET',
  ...STAFF_AUDIT_EVENTS,
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];
