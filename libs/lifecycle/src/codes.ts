/** Lifecycle vocabularies (SPEC section 3); names are binding. */

/**
 * Bumped whenever a state is renamed or the context changes shape, so a stored state written
 * by an older machine is never silently misread. Version 2 (issue 11) added `match` to the
 * context: the registration that research matched, a lifecycle fact (migration 1764300000000
 * carried every stored version 1 lifecycle over).
 */
export const LIFECYCLE_MACHINE_VERSION = 2;

export const TOP_LEVEL_STATES = ['received', 'verified', 'cured', 'counted', 'rejected'] as const;
export type TopLevelState = (typeof TOP_LEVEL_STATES)[number];

export const RECEIVED_SUBSTATES = ['pending', 'awaitingCure', 'rejectionProposed', 'held'] as const;
export type ReceivedSubstate = (typeof RECEIVED_SUBSTATES)[number];

/** Every leaf state, as stored in the ballot's one status column. */
export const BALLOT_STATES = [
  'received.pending',
  'received.awaitingCure',
  'received.rejectionProposed',
  'received.held',
  'verified',
  'cured',
  'counted',
  'rejected',
] as const;
export type BallotState = (typeof BALLOT_STATES)[number];

/** States a rejection can be proposed from, and so the states `RETURN` can go back to. */
export const PROPOSABLE_STATES = ['received.pending', 'received.awaitingCure', 'cured', 'verified'] as const;
export type ProposableState = (typeof PROPOSABLE_STATES)[number];

/** Nothing leaves these but `REINSTATE`. */
export const FINAL_STATES = ['counted', 'rejected'] as const satisfies readonly BallotState[];

/** The events (SPEC section 3): the domain's vocabulary, as the permissions table names them. */
export { EVENT_TYPES, type EventType } from '@app/domain';

/** Why an event was refused. A refusal changes nothing and writes nothing. */
export const REFUSAL_CODES = [
  'not_accepted_in_state',
  'role_not_permitted',
  'county_certified',
  'cure_deadline_passed',
  'cure_deadline_not_passed',
  'not_eligible',
  'same_person',
  'invalid_payload',
  'cure_submitted_in_time',
  'proposal_no_longer_holds',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** Whether a status is final (counted or rejected): what "outstanding" is not. */
export function isFinal(status: string): boolean {
  return (FINAL_STATES as readonly string[]).includes(status);
}
