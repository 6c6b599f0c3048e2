import { Controller, Get, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { APP_CONFIG } from '../config.token';
import { ApiExcludeController } from '@nestjs/swagger';
import { UsersService } from '@app/auth';
import type { Response } from 'express';
import { cookieValue, Public, SESSION_COOKIE, type AuthedRequest } from '../auth/auth.guard';
import { ConsoleExceptionFilter } from './console.filter';
import { field, pageContext } from './console-context';
import { CONSOLE_SCRIPT } from './console-script';
import { formBody } from './forms/console-form';
import { isDraftPath, RETURNABLE } from './forms/draft-paths';
import { FormDrafts } from './forms/form-drafts';
import { page } from './layout';
import { loginPage, type KeptForm } from './pages/login.page';
import { DomainError } from '@app/domain';
import { clientAddress } from '../common/client-address';

function waitInWords(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

/** Where a sign-in goes back to, and the form it carries (from the hidden fields the error filter wrote). */
function keptOf(body: Record<string, unknown>): KeptForm | null {
  const returnTo = field(body, 'returnTo');
  if (returnTo === '' || !RETURNABLE.test(returnTo) || returnTo.startsWith('/console/login')) return null;
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (name.startsWith('kept:') && typeof value === 'string') values[name.slice(5)] = value;
  return { returnTo, values };
}

@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleAuthController {
  constructor(
    private readonly users: UsersService,
    private readonly drafts: FormDrafts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The console's one script (focus, the session warning): a file, as the Content-Security-Policy wants. */
  @Public()
  @Get('assets/console.js')
  script(@Res() response: Response): void {
    response.type('text/javascript').setHeader('cache-control', 'public, max-age=3600').send(CONSOLE_SCRIPT);
  }

  /** Whether the session is alive, and its idle time-out; asking counts as use (the warning's "Stay signed in"). */
  @Public()
  @Get('session')
  async session(@Req() request: AuthedRequest): Promise<{ signedIn: boolean; idleSeconds: number; warnSeconds: number }> {
    const token = cookieValue(request.headers.cookie, SESSION_COOKIE);
    const alive = token !== undefined && (await this.users.authenticate(token)) !== null;
    const idleSeconds = this.config.sessionIdleMinutes * 60;
    return { signedIn: alive, idleSeconds, warnSeconds: Math.min(120, Math.floor(idleSeconds / 4)) };
  }

  @Public()
  @Get('login')
  login(@Req() request: AuthedRequest, @Query('signedOut') signedOut?: string, @Query('returnTo') returnTo?: string): string {
    const notice = signedOut === '1' ? 'You are signed out.' : signedOut === 'idle' ? 'Your session ended after a while without use. Sign in again.' : null;
    const kept = keptOf({ returnTo });
    return page(pageContext(request), 'Sign in', loginPage(pageContext(request), {}, null, notice, kept)).value;
  }

  @Public()
  @Post('login')
  async signIn(@Req() request: AuthedRequest, @Res() response: Response): Promise<void> {
    const body = formBody(request);
    const username = field(body, 'username').trim();
    const kept = keptOf(body);
    try {
      const session = await this.users.login(username, field(body, 'password'), clientAddress(request));
      response.cookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'strict', secure: this.config.cookieSecure, path: '/' });
      if (kept !== null && Object.keys(kept.values).length > 0 && isDraftPath(kept.returnTo)) {
        Object.assign(request, { actor: session.actor, csrfToken: session.csrfToken, sessionToken: session.token });
        const draft = await this.drafts.page(request, kept.returnTo, kept.values);
        if (draft !== null) return void response.status(200).type('html').send(draft.value);
      }
      response.redirect(303, kept?.returnTo ?? '/console');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const wait = error.details['retryAfterSeconds'];
      const throttled = error.code === 'locked_out' && typeof wait === 'number';
      if (throttled) response.setHeader('Retry-After', String(wait));
      const message = throttled ? `Too many failed sign-ins from this computer. Wait ${waitInWords(wait)}, then try again.` : 'The username or password is wrong, or the account is locked.';
      response.status(throttled ? 429 : 401).type('html').send(page(pageContext(request), 'Sign in', loginPage(pageContext(request), { username }, message, null, kept)).value);
    }
  }

  @Post('logout')
  async signOut(@Req() request: AuthedRequest, @Res() response: Response): Promise<void> {
    if (request.sessionToken !== undefined) await this.users.logout(request.sessionToken);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.redirect(303, '/console/login?signedOut=1');
  }
}
