import { Injectable } from '@nestjs/common';
import type { AuthedRequest } from '../../auth/auth.guard';
import type { Html } from '../html';
import type { FormValues } from '../pages/forms';
import { DRAFT_ROUTES, type DraftForm } from './draft-paths';
import { NewUserForm } from './admin.forms';
import { BallotEventForm } from './ballot-event.form';
import { CertifyForm } from './certification.forms';
import type { ConsoleForm } from './console-form';
import { CloseOfBusinessForm, CourtOrderForm } from './deadline.forms';
import { IntakeForm } from './intake.form';

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

  constructor(intake: IntakeForm, event: BallotEventForm, order: CourtOrderForm, hours: CloseOfBusinessForm, user: NewUserForm, certify: CertifyForm) {
    this.forms = { intake, event, order, hours, user, certify };
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
