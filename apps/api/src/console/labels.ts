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
};

export function label(code: string | null | undefined): string {
  if (code === null || code === undefined) return '';
  return code.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase());
}

export function stateTag(state: string): string {
  if (state === 'counted') return 'usa-tag bg-green';
  if (state === 'rejected') return 'usa-tag bg-secondary-dark';
  if (state === 'received.awaitingCure' || state === 'received.rejectionProposed') return 'usa-tag bg-accent-warm-dark';
  return 'usa-tag';
}
