import type { SchemaObject } from '@nestjs/swagger';
import { CURE_REASONS, REJECTION_REASONS, EVENT_TYPES, type EventType } from '@app/domain';

/**
 * The OpenAPI request schema of each lifecycle event (SPEC section 3): one schema per `type`,
 * offered as a `oneOf` discriminated by `type`. Validation stays in BallotEventDto (one class, its
 * fields required by type); this table says the same per event, so an integrator sees exactly what
 * each event takes. The OpenAPI test checks the two agree on required fields.
 */
const FIELDS = {
  cureReason: { type: 'string', enum: [...CURE_REASONS], description: 'why the ballot needs a cure' },
  evidence: { type: 'string', minLength: 1, maxLength: 2000, description: 'what the voter provided' },
  submittedAt: { type: 'string', format: 'date-time', description: 'when the voter provided the cure, if not now (ISO 8601 with offset); the deadline is checked against it', example: '2020-11-06T16:55:00-05:00' },
  reason: { type: 'string', enum: [...REJECTION_REASONS], description: 'the rejection reason' },
  note: { type: 'string', minLength: 1, maxLength: 2000, description: 'why, for the audit trail' },
  voterId: { type: 'string', description: 'the voter id of the registration on the roll', example: 'GA-00012345' },
  courtOrder: { type: 'string', minLength: 1, maxLength: 500, description: 'the court order cited' },
} as const satisfies Record<string, SchemaObject>;
type Field = keyof typeof FIELDS;

/** Each event's fields: required, then optional. */
export const EVENT_FIELDS: { readonly [E in EventType]: { readonly summary: string; readonly required: readonly Field[]; readonly optional?: readonly Field[] } } = {
  VERIFY: { summary: 'the voter is eligible: verify the ballot', required: [] },
  REQUEST_CURE: { summary: 'ask the voter for a cure (ID, a signature, a missing affirmation field)', required: ['cureReason'] },
  RECORD_CURE: { summary: 'record the cure the voter provided', required: ['evidence'], optional: ['submittedAt'] },
  PROPOSE_REJECTION: { summary: 'propose rejecting the ballot, for a supervisor to confirm', required: ['reason', 'note'] },
  CONFIRM_REJECTION: { summary: 'a supervisor confirms a proposed rejection', required: [] },
  RETURN: { summary: 'a supervisor returns a proposed rejection to the clerk', required: ['note'] },
  COUNT: { summary: 'count a verified or cured ballot (fully or partially, by its determination)', required: [] },
  DEADLINE_PASSED: { summary: 'the cure deadline passed without a cure (the sweep sends it too)', required: [] },
  HOLD: { summary: 'hold the ballot on a court order', required: ['courtOrder'] },
  RELEASE: { summary: 'release a held ballot on a court order', required: ['courtOrder'] },
  REINSTATE: { summary: 'reinstate a rejected ballot on a court order', required: ['courtOrder'] },
  MATCH_VOTER: { summary: 'match the ballot to a registration on the roll', required: ['voterId', 'note'] },
  UNMATCH_VOTER: { summary: 'undo a voter match', required: ['note'] },
};

export const eventSchemaName = (type: EventType): string => `BallotEvent_${type}`;

/** The component schemas, one per event type, to add to the document. */
export function ballotEventSchemas(): Record<string, SchemaObject> {
  return Object.fromEntries(
    EVENT_TYPES.map((type) => {
      const { summary, required, optional = [] } = EVENT_FIELDS[type];
      const properties: Record<string, SchemaObject> = {
        type: { type: 'string', enum: [type] },
        expectedVersion: { type: 'integer', minimum: 1, maximum: 2_000_000_000, description: 'the version the client last saw; a stale one gets 409', example: 3 },
      };
      for (const field of [...required, ...optional]) properties[field] = { ...FIELDS[field] };
      return [eventSchemaName(type), { type: 'object', description: `${type}: ${summary}`, properties, required: ['type', 'expectedVersion', ...required] } satisfies SchemaObject];
    }),
  );
}

/** The request body of POST /api/ballots/{id}/events: one of the events, by `type`, with examples. */
export const BALLOT_EVENT_BODY = {
  schema: {
    oneOf: EVENT_TYPES.map((type) => ({ $ref: `#/components/schemas/${eventSchemaName(type)}` })),
    discriminator: { propertyName: 'type', mapping: Object.fromEntries(EVENT_TYPES.map((type) => [type, `#/components/schemas/${eventSchemaName(type)}`])) },
  },
  examples: {
    verify: { summary: 'verify', value: { type: 'VERIFY', expectedVersion: 2 } },
    requestCure: { summary: 'ask for ID', value: { type: 'REQUEST_CURE', expectedVersion: 2, cureReason: 'id_required' } },
    recordCure: { summary: 'record a cure made the day before', value: { type: 'RECORD_CURE', expectedVersion: 3, evidence: 'Georgia driver\u2019s licence shown at the office', submittedAt: '2020-11-06T16:55:00-05:00' } },
    proposeRejection: { summary: 'propose a rejection', value: { type: 'PROPOSE_REJECTION', expectedVersion: 2, reason: 'not_registered', note: 'No registration found under this name and date of birth' } },
  },
};
