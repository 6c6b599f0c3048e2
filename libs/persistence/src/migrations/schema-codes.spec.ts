import {
  AUDIT_EVENTS,
  BALLOT_KINDS,
  CURE_DECLINE_REASONS,
  CURE_DOCUMENT_KINDS,
  CURE_MEDIA_TYPES,
  CURE_REASONS,
  DISTRICT_KINDS,
  ISSUED_REASONS,
  REGISTRATION_STATUSES,
  REJECTION_REASONS,
  ROLES,
  SIGNATURE_STATES,
  UOCAVA_CATEGORIES,
  VOTER_IMPORT_MODES,
  VOTER_IMPORT_STATUSES,
  VOTER_LANGUAGES,
  VOTER_ROLL_REMOVALS,
} from '@app/domain';
import { BALLOT_STATES } from '@app/lifecycle';
import { COURT_ORDER_TARGETS, ELECTION_TYPES } from '@app/rules';
import { SCHEMA_CODE_LISTS } from './1764000000000-initial-schema';
import { PORTAL_CODE_LISTS } from './1764100000000-portal-and-notices';
import { VOTER_ROLL_CODE_LISTS } from './1764200000000-voter-roll-updates';
import { LAWFUL_DECISIONS_CODE_LISTS } from './1764300000000-lawful-decisions';
import { UPLOADS_AND_IMPORTS_CODE_LISTS } from './1764350000000-uploads-and-imports';
import { NOTICE_DELIVERY_CODE_LISTS } from './1764370000000-notice-delivery';
import { CONTACT_CHANGE_AUDIT_EVENTS, CONTACT_CHANGE_CODE_LISTS } from './1764380000000-voter-contact-changes';
import { CONTACT_CHANGE_STATUSES, CONTACT_CHANNELS, DELIVERY_STATUS_CODES, OUTBOX_STATUSES } from '../entities';

/**
 * The migrations write their CHECK lists out (a migration must mean the same thing forever); these
 * tests fail when a library's code list moves away from what the database accepts.
 */
describe('CHECK constraints match the code lists of the libraries', () => {
  it.each([
    ['ballot kinds', SCHEMA_CODE_LISTS.ballotKinds, BALLOT_KINDS],
    ['ballot states', SCHEMA_CODE_LISTS.ballotStates, BALLOT_STATES],
    ['issued reasons', SCHEMA_CODE_LISTS.issuedReasons, ISSUED_REASONS],
    ['UOCAVA categories', SCHEMA_CODE_LISTS.uocavaCategories, UOCAVA_CATEGORIES],
    ['cure reasons', SCHEMA_CODE_LISTS.cureReasons, CURE_REASONS],
    ['rejection reasons', SCHEMA_CODE_LISTS.rejectionReasons, REJECTION_REASONS],
    ['registration statuses', SCHEMA_CODE_LISTS.registrationStatuses, REGISTRATION_STATUSES],
    ['district kinds', SCHEMA_CODE_LISTS.districtKinds, DISTRICT_KINDS],
    ['roles', SCHEMA_CODE_LISTS.roles, ROLES],
    ['signature states', SCHEMA_CODE_LISTS.signatureStates, SIGNATURE_STATES],
    ['voter languages', PORTAL_CODE_LISTS.languages, VOTER_LANGUAGES],
    ['cure document kinds', PORTAL_CODE_LISTS.cureDocumentKinds, CURE_DOCUMENT_KINDS],
    ['cure media types', PORTAL_CODE_LISTS.mediaTypes, CURE_MEDIA_TYPES],
    ['cure decline reasons', PORTAL_CODE_LISTS.declineReasons, CURE_DECLINE_REASONS],
    ['voter import modes', VOTER_ROLL_CODE_LISTS.voterImportModes, VOTER_IMPORT_MODES],
    ['voter import statuses', UPLOADS_AND_IMPORTS_CODE_LISTS.voterImportStatuses, VOTER_IMPORT_STATUSES],
    ['voter roll removals', VOTER_ROLL_CODE_LISTS.voterRollRemovals, VOTER_ROLL_REMOVALS],
    ['election types', LAWFUL_DECISIONS_CODE_LISTS.electionTypes, ELECTION_TYPES],
    ['court order targets', LAWFUL_DECISIONS_CODE_LISTS.courtOrderTargets, COURT_ORDER_TARGETS],
    ['audit events (the latest list, 1764380000000)', CONTACT_CHANGE_AUDIT_EVENTS, AUDIT_EVENTS],
    ['contact change channels', CONTACT_CHANGE_CODE_LISTS.channels, CONTACT_CHANNELS],
    ['contact change statuses', CONTACT_CHANGE_CODE_LISTS.statuses, CONTACT_CHANGE_STATUSES],
    ['outbox statuses', NOTICE_DELIVERY_CODE_LISTS.outboxStatuses, OUTBOX_STATUSES],
    ['SMS delivery statuses', NOTICE_DELIVERY_CODE_LISTS.deliveryStatuses, DELIVERY_STATUS_CODES],
  ] as const)('%s', (_name, schema, library) => {
    expect([...schema].sort()).toEqual([...library].sort());
  });
});
