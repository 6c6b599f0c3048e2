/**
 * Domain errors, each with a code that one exception filter per transport maps to an HTTP status
 * and one body shape (the API's JSON, the console's page, the CLI's one line). Anything else is a
 * bug (500, logged, not shown). Expected refusals of the core (a lifecycle refusal) are values;
 * the services turn them into these at the edge of the core.
 */
export const DOMAIN_ERROR_CODES = [
  'not_found',
  'forbidden',
  'conflict',
  'stale_version',
  'event_refused',
  'invalid_input',
  'county_certified',
  'unauthenticated',
  'locked_out',
  /** The disk is full or failing: nothing was kept, and the client may try again later (503). */
  'storage_unavailable',
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    readonly fields: readonly FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** "Not found" and "not yours" look the same to the caller. */
export const notFound = (what: string): DomainError => new DomainError('not_found', `${what} not found`);
