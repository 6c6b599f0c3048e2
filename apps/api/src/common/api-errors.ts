import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from './error-body';

/** What each error status of the API means, in the words the OpenAPI document gives it. */
const MEANING = {
  400: 'the request is not valid: `fields` names each field with one message',
  401: 'not signed in, or the session has ended: sign in at POST /api/auth/login',
  403: 'signed in, but the role or county may not do this (or, with the session cookie, the CSRF token is missing or wrong)',
  404: 'not found, or not yours: the two look the same',
  409: 'a conflict with the current state: a stale expectedVersion, a duplicate, a certified county',
  413: 'the body is too large for this route',
  415: 'the body\u2019s Content-Type is not one this route takes',
  422: 'the ballot\u2019s state refuses the event: `details.acceptedEvents` lists what it accepts',
  429: 'too many requests: wait for the Retry-After header\u2019s seconds',
  503: 'not ready: the database does not answer',
} as const;
export type ErrorStatus = keyof typeof MEANING;

/**
 * Documents error responses, each with the one error shape (ErrorBody). On a controller it applies
 * to every route of it; a route's own description, when given, replaces the general one.
 */
export function ApiErrors(...statuses: (ErrorStatus | [ErrorStatus, string])[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorBody),
    ...statuses.map((entry) => {
      const [status, description] = Array.isArray(entry) ? entry : [entry, MEANING[entry]];
      return ApiResponse({ status, type: ErrorBody, description });
    }),
  );
}

/** Every route behind the staff sign-in can answer 401 and 403. */
export const StaffErrors = (): MethodDecorator & ClassDecorator => ApiErrors(401, 403);

/** A route that reads a JSON body: a bad one is 400, too large 413, another media type 415. */
export const JsonBodyErrors = (): MethodDecorator & ClassDecorator => ApiErrors(400, 413, 415);
