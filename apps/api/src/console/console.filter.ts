import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { cookieValue, SESSION_COOKIE, type AuthedRequest } from '../auth/auth.guard';
import { html } from './html';
import { page } from './layout';
import { DomainError } from '@app/domain';
import { pageContext } from './console-context';
import { isDraftPath, keptFields, RETURNABLE } from './forms/draft-paths';
import { loginPage } from './pages/login.page';

const KEPT_NOTICE = 'Nothing was sent, because your session ended after a while without use. Sign in again: what you typed is kept, and the form is shown again for you to check and send.';


/**
 * Errors on console pages are pages: no session sends the browser to sign in; anything else is
 * shown in words, with a way back. The details of a server error stay in the server's log.
 */
@Catch()
export class ConsoleExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Console');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const request = host.switchToHttp().getRequest<AuthedRequest>();
    if (exception instanceof DomainError && exception.code === 'unauthenticated') {
      // A form posted after its session ended: the sign-in page, carrying what was typed back to it.
      if (request.method === 'POST' && isDraftPath(request.path)) {
        const kept = { returnTo: request.path, values: keptFields(request.body) };
        response.status(401).type('html').send(page(pageContext(request), 'Sign in', loginPage(pageContext(request), {}, null, KEPT_NOTICE, kept)).value);
        return;
      }
      // A cookie that no longer opens a session: it ended (idle, or signed out elsewhere).
      const hadSession = cookieValue(request.headers.cookie, SESSION_COOKIE) !== undefined;
      const back = request.method === 'GET' && RETURNABLE.test(request.originalUrl) ? `&returnTo=${encodeURIComponent(request.originalUrl)}` : '';
      response.redirect(303, hadSession ? `/console/login?signedOut=idle${back}` : `/console/login${back === '' ? '' : `?${back.slice(1)}`}`);
      return;
    }
    let status = 500;
    let message = 'Something went wrong on our side. The error was logged; try again, or tell your administrator.';
    if (exception instanceof DomainError) {
      status = exception.code === 'not_found' ? 404 : exception.code === 'forbidden' ? 403 : exception.code === 'storage_unavailable' ? 503 : 400;
      message = exception.message;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      message = status === 404 ? 'There is no such page.' : exception.message;
    } else {
      this.logger.error({ msg: 'console error', requestId: (request as { id?: string }).id, path: request.path }, exception instanceof Error ? exception.stack : String(exception));
    }
    const ctx = { actor: request.actor ?? null, csrfToken: request.csrfToken ?? null, path: request.path };
    response
      .status(status)
      .type('html')
      .send(page(ctx, status === 404 ? 'Not found' : 'Cannot do that', html`<h1>${status === 404 ? 'Not found' : 'That could not be done'}</h1><p>${message}</p><p><a class="usa-link" href="/console">Back to the work queue</a></p>`).value);
  }
}
