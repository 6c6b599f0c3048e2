import { Body, Controller, Get, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import type { AppConfig } from '@app/config';
import { APP_CONFIG } from '../config.token';
import { ApiExcludeController } from '@nestjs/swagger';
import { UsersService } from '@app/auth';
import type { Response } from 'express';
import { Public, SESSION_COOKIE, type AuthedRequest } from '../auth/auth.guard';
import { ConsoleExceptionFilter } from './console.filter';
import { field, pageContext } from './console-context';
import { page } from './layout';
import { loginPage } from './pages/login.page';
import { DomainError } from '@app/domain';
import { clientAddress } from '../common/client-address';

function waitInWords(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}

@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleAuthController {
  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Get('login')
  login(@Req() request: AuthedRequest, @Query('signedOut') signedOut?: string): string {
    const notice = signedOut === '1' ? 'You are signed out.' : signedOut === 'idle' ? 'Your session ended after a while without use. Sign in again.' : null;
    return page(pageContext(request), 'Sign in', loginPage(pageContext(request), {}, null, notice)).value;
  }

  @Public()
  @Post('login')
  async signIn(@Req() request: AuthedRequest, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const username = field(body, 'username').trim();
    const password = field(body, 'password');
    try {
      const session = await this.users.login(username, password, clientAddress(request));
      response.cookie(SESSION_COOKIE, session.token, { httpOnly: true, sameSite: 'strict', secure: this.config.cookieSecure, path: '/' });
      response.redirect(303, '/console');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const wait = error.details['retryAfterSeconds'];
      const throttled = error.code === 'locked_out' && typeof wait === 'number';
      if (throttled) response.setHeader('Retry-After', String(wait));
      const message = throttled ? `Too many failed sign-ins from this computer. Wait ${waitInWords(wait)}, then try again.` : 'The username or password is wrong, or the account is locked.';
      response.status(throttled ? 429 : 401).type('html').send(page(pageContext(request), 'Sign in', loginPage(pageContext(request), { username }, message, null)).value);
    }
  }

  @Post('logout')
  async signOut(@Req() request: AuthedRequest, @Res() response: Response): Promise<void> {
    if (request.sessionToken !== undefined) await this.users.logout(request.sessionToken);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
    response.redirect(303, '/console/login?signedOut=1');
  }
}
