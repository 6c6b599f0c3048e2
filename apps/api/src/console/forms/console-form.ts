import { DomainError, type DomainErrorCode } from '@app/domain';
import type { Response } from 'express';
import type { AuthedRequest } from '../../auth/auth.guard';
import { stringValues } from '../console-context';
import type { Html } from '../html';
import type { FormValues } from '../pages/forms';
import { refusalMessage, sentence, type FieldMessage } from './clerk-messages';
import { validateForm } from './form-validation';

/** A form page as it is shown again: what was typed, each field's error in order, and the line above them. */
export interface FormState {
  readonly values: FormValues;
  readonly errors: readonly FieldMessage[];
  readonly notice: { readonly kind: 'error' | 'info'; readonly text: string } | null;
}

export const EMPTY_FORM: FormState = { values: {}, errors: [], notice: null };

/**
 * One console form, as the steps every form route runs (issue 12 item 7: a route is one call):
 * its fields as the DTO's input, the DTO's check, the service, then a redirect; or the same page
 * again with the errors at their fields and what was typed.
 */
export interface ConsoleForm<Input extends object, Done> {
  /** The JSON API's DTO the input must satisfy; null where the service checks its input itself. */
  readonly dto: (new () => Input) | null;
  /** The form's fields as the DTO's plain input (text trimmed, dates joined, local times as instants). */
  parse(request: AuthedRequest, body: Record<string, unknown>): Promise<object> | object;
  run(request: AuthedRequest, input: Input): Promise<Done>;
  /**
   * Where the browser goes next (a path, answered with 303); or, for a form whose answer is a page
   * of its own (a printout, a bulk action's report, a second step to confirm), that page (200).
   */
  redirect(request: AuthedRequest, done: Done): string | Html | Promise<string | Html>;
  /** The page the form is on, with the form in this state. */
  page(request: AuthedRequest, state: FormState): Promise<Html>;
}

/** Refusals shown on the form; the rest go to the console's error page (sign in, 403, 404, 503). */
const SHOWN: Partial<Record<DomainErrorCode, number>> = { invalid_input: 400, conflict: 409, stale_version: 409, county_certified: 409, event_refused: 422 };

const STALE = 'Someone else changed this ballot meanwhile. It is shown as it is now: check it and try again.';

/** A service's refusal in the form's words: each field's problem as a sentence naming the field. */
export function refusalState(error: DomainError, values: FormValues): FormState {
  const errors = error.fields.map((f) => ({ field: f.field, message: refusalMessage(f.field, f.message) }));
  const text = error.code === 'stale_version' ? STALE : errors.length > 0 ? 'Correct what is marked below.' : sentence(error.message);
  return { values, errors, notice: { kind: 'error', text } };
}

/** The form's body as an object ('{}' when none was read). */
export function formBody(request: AuthedRequest): Record<string, unknown> {
  const body: unknown = request.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
}

/** Runs a form's steps for one request and answers it: the one call a form route makes. */
export async function submitForm<Input extends object, Done>(form: ConsoleForm<Input, Done>, request: AuthedRequest, response: Response): Promise<void> {
  const body = formBody(request);
  const values = stringValues(body);
  const again = async (status: number, state: FormState): Promise<void> => void response.status(status).type('html').send((await form.page(request, state)).value);
  const plain = await form.parse(request, body);
  let input: Input;
  if (form.dto === null) input = plain as Input;
  else {
    const checked = await validateForm(form.dto, plain);
    if (!checked.ok) return again(400, { values, errors: checked.fields, notice: { kind: 'error', text: 'Correct what is marked below.' } });
    input = checked.value;
  }
  let done: Done;
  try {
    done = await form.run(request, input);
  } catch (error) {
    const status = error instanceof DomainError ? SHOWN[error.code] : undefined;
    if (!(error instanceof DomainError) || status === undefined) throw error;
    return again(status, refusalState(error, values));
  }
  const next = await form.redirect(request, done);
  if (typeof next === 'string') response.redirect(303, next);
  else response.type('html').send(next.value);
}
