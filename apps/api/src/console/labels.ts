import type { BallotState, EventType } from '@app/lifecycle';

/** Plain words for staff: states, events, reason codes. */
export const STATE_LABELS: { readonly [S in BallotState]: string } = {
  'received.pending': 'Received: under research',
  'received.awaitingCure': 'Received: waiting for the voter to cure',
  'received.rejectionProposed': 'Received: rejection proposed',
  'received.held': 'Received: held (court-extended hours)',
  verified: 'Verified',
  cured: 'Cured',
  counted: 'Counted',
  rejected: 'Rejected',
};

export const EVENT_LABELS: { readonly [E in EventType]: string } = {
  VERIFY: 'Verify eligibility',
  REQUEST_CURE: 'Request a cure',
  RECORD_CURE: 'Record the cure',
  PROPOSE_REJECTION: 'Propose rejection',
  CONFIRM_REJECTION: 'Confirm rejection',
  RETURN: 'Return to the clerk',
  COUNT: 'Count',
  DEADLINE_PASSED: 'Cure deadline passed',
  HOLD: 'Hold (court order)',
  RELEASE: 'Release hold',
  REINSTATE: 'Reinstate (court order)',
  MATCH_VOTER: 'Match the registration',
  UNMATCH_VOTER: 'Unmatch the registration',
};

export function label(code: string | null | undefined): string {
  if (code === null || code === undefined) return '';
  return code.replace(/_/g, ' ').replace(/\bid\b/g, 'ID').replace(/^\w/, (c) => c.toUpperCase());
}

export function stateTag(state: string): string {
  if (state === 'counted') return 'usa-tag bg-green';
  if (state === 'rejected') return 'usa-tag bg-secondary-dark';
  if (state === 'received.awaitingCure' || state === 'received.rejectionProposed') return 'usa-tag bg-accent-warm-dark';
  return 'usa-tag';
}

/** Each report of `REPORT_DEFINITIONS` in plain words; a report not listed here shows its name. */
export const REPORT_LABELS: { readonly [name: string]: { readonly title: string; readonly description: string } | undefined } = {
  outstanding: { title: 'Outstanding ballots', description: 'Ballots not yet counted or rejected, by county, kind and status: what each county must bring to zero before it certifies.' },
  'rejection-reasons': { title: 'Rejections by reason', description: 'Rejected ballots by county and EAVS rejection reason.' },
  'uocava-summary': { title: 'UOCAVA summary', description: 'Military and overseas ballots by voter category and status.' },
  'cure-reasons': { title: 'Cures by reason', description: 'Cures requested, by county and reason, and how each stands: still awaited, made, or lapsed into a rejection.' },
  'partial-counts': { title: 'Partial counts to duplicate', description: 'Each partially counted ballot by county and precinct, with the contests the duplication team copies.' },
  'state-rollup': { title: 'State roll-up', description: 'Per county and for every county together: ballots, counted in full or in part, rejected, outstanding.' },
  'certification-readiness': { title: 'Certification readiness', description: 'Per county: ballots outstanding, ballots in all, and whether the county has certified or is ready to.' },
  eavs: {
    title: 'EAVS figures',
    description:
      "The federal Election Administration and Voting Survey's provisional (section E) and UOCAVA and FWAB (section B) items, by county, numbered as the instrument of the election's year numbers them, with the survey's sums checked.",
  },
};

export const reportTitle = (name: string): string => REPORT_LABELS[name]?.title ?? name;
export const reportDescription = (name: string): string => REPORT_LABELS[name]?.description ?? '';

/** Report columns (the CSV's header names) in plain words; an unknown column is spelled out from its name. */
const COLUMN_LABELS: { readonly [column: string]: string | undefined } = {
  countyCode: 'County code',
  countyName: 'County',
  kind: 'Kind',
  status: 'Status',
  ballots: 'Ballots',
  reason: 'Rejection reason (EAVS)',
  category: 'UOCAVA category',
  cureReason: 'Cure reason',
  outcome: 'How it stands',
  precinctId: 'Precinct',
  receiptNumber: 'Receipt',
  contestsToCount: 'Contests to count',
  contestIds: 'Contest ids',
  countedFull: 'Counted in full',
  countedPartial: 'Counted in part',
  rejected: 'Rejected',
  outstanding: 'Outstanding',
  total: 'Ballots in all',
  certified: 'Certified',
  certifiedAt: 'Certified at',
  cureDeadline: 'Cure deadline',
  ready: 'Ready to certify',
  instrument: 'EAVS instrument',
  section: 'EAVS section',
  item: 'Item',
  label: 'Item as the instrument words it',
  description: 'What is counted',
  value: 'Ballots',
  confirmed: 'Number confirmed',
  source: 'Source',
  check: 'Sum check',
};

export function columnLabel(column: string): string {
  return COLUMN_LABELS[column] ?? label(column.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase());
}

export const KIND_LABELS: { readonly [kind: string]: string | undefined } = { provisional: 'Provisional', uocava: 'UOCAVA' };

/** How a requested cure stands (the cure-reasons report). */
export const CURE_OUTCOME_LABELS: { readonly [outcome: string]: string | undefined } = { awaiting: 'Still awaited', cured: 'Made', rejected: 'Lapsed: rejected' };
