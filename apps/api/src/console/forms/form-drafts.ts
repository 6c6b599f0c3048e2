import { Injectable } from '@nestjs/common';
import type { AuthedRequest } from '../../auth/auth.guard';
import type { Html } from '../html';
import type { FormValues } from '../pages/forms';
import { NewUserForm } from './admin.forms';
import { BallotEventForm } from './ballot-event.form';
import type { ConsoleForm } from './console-form';
import { CloseOfBusinessForm, CourtOrderForm } from './deadline.forms';
import { IntakeForm } from './intake.form';

/** Fields a form posts that are never kept across a sign-in: the old session's token, and any password. */
const NEVER_KEPT = new Set(['_csrf', 'password']);

/** A form's typed fields worth keeping (strings, not the token or a password). */
export function keptFields(body: unknown): FormValues {
  const out: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string' && !NEVER_KEPT.has(name)) out[name] = value;
  return out;
}

const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';

type DraftForm = 'intake' | 'event' | 'order' | 'hours' | 'user';

interface DraftRoute {
  readonly pattern: RegExp;
  readonly form: DraftForm;
  /** The route's parameters from the path's match. */
  readonly params: (match: RegExpExecArray) => Record<string, string>;
  /** Where the browser should say it is when the form is shown again. */
  readonly location: (match: RegExpExecArray) => string;
}

const none = () => ({});

/** The console forms with typed text worth keeping across a sign-in, by the path they post to. */
const DRAFT_ROUTES: readonly DraftRoute[] = [
  { pattern: /^\/console\/intake$/, form: 'intake', params: none, location: () => '/console/intake' },
  { pattern: new RegExp(`^/console/ballots/${UUID}/events$`), form: 'event', params: (m) => ({ id: m[1] ?? '' }), location: (m) => `/console/ballots/${m[1] ?? ''}` },
  { pattern: /^\/console\/deadlines\/court-orders$/, form: 'order', params: none, location: () => '/console/deadlines' },
  { pattern: /^\/console\/deadlines\/close-of-business$/, form: 'hours', params: none, location: () => '/console/deadlines' },
  { pattern: /^\/console\/users$/, form: 'user', params: none, location: () => '/console/users' },
];

/** Whether a path is one whose form is taken back after signing in. */
export const isDraftPath = (path: string): boolean => DRAFT_ROUTES.some((r) => r.pattern.test(path));

/**
 * Issue 14 item 5: a form posted after its session ended is not lost. The console's error filter
 * puts what was typed (never a password or the old CSRF token) into the sign-in page as hidden
 * fields with the path it was posted to; after signing in, that form is shown again with it, under
 * the new session's CSRF token, for the clerk to check and send. Only the paths listed here are
 * taken back: a `returnTo` of anything else is ignored, so it cannot lead anywhere else.
 */
@Injectable()
export class FormDrafts {
  private readonly forms: Readonly<Record<DraftForm, ConsoleForm<object, unknown>>>;

  constructor(intake: IntakeForm, event: BallotEventForm, order: CourtOrderForm, hours: CloseOfBusinessForm, user: NewUserForm) {
    this.forms = { intake, event, order, hours, user };
  }

  /**
   * The form posted to `path`, shown again with what was typed, for a request that has just signed
   * in (its actor and CSRF token set); null when the path is not a form's.
   */
  async page(request: AuthedRequest, path: string, values: FormValues): Promise<Html | null> {
    for (const route of DRAFT_ROUTES) {
      const match = route.pattern.exec(path);
      if (match === null) continue;
      const as = Object.create(request) as AuthedRequest & { consoleLocation: string };
      Object.defineProperties(as, { body: { value: values }, params: { value: route.params(match) }, consoleLocation: { value: route.location(match) } });
      const notice = 'You are signed in again. Nothing was sent before your session ended: what you typed is below. Check it, then send it.';
      return this.forms[route.form].page(as, { values, errors: [], notice: { kind: 'info', text: notice } });
    }
    return null;
  }
}
