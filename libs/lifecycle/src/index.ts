export * from './codes';
export * from './types';
export { ballotMachine, INITIAL_CONTEXT } from './machine';
export { ROLES_FOR_EVENT, effectiveCureDeadline, commandRefusal, needsEligibility, preconditionRefusal } from './policy';
export { acceptedEvents, applyEvent, availableEvents, initialLifecycle } from './apply';
export { nextState } from './table';
export { effectsOf, nextContext } from './effects';
