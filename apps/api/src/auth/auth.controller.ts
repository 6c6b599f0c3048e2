import { Body, Controller, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UsersService } from '@app/auth';
import type { Request, Response } from 'express';
import { clientAddress } from '../common/client-address';
import { APP_CONFIG } from '../config.token';
import type { AppConfig } from '@app/config';
import { ActorDto, LoginDto, SessionDto } from './auth.dto';
import { CurrentActor, Public, SESSION_COOKIE, type AuthedRequest } from './auth.guard';
import { type StaffActor } from '@app/domain';
import { ApiErrors, JsonBodyErrors } from '../common/api-errors';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A session token for API clients, and the same session as an HttpOnly cookie for the console. */
  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in: a session token for API clients (send it as a bearer token), and the same session as a cookie for the console' })
  @ApiOkResponse({ type: SessionDto })
  @JsonBodyErrors()
  @ApiErrors([401, 'wrong username or password, or the account is locked'])
  @ApiErrors([429, 'too many failed sign-ins for this username from this address, or from this address: wait for Retry-After seconds'])
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    const session = await this.users.login(body.username, body.password, clientAddress(request));
    response.cookie(SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: '/',
    });
    return session;
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sign out: the session ends' })
  @ApiNoContentResponse({ description: 'signed out' })
  @ApiErrors(401, [403, 'with the session cookie: the CSRF token is missing or wrong'])
  async logout(@Req() request: AuthedRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (request.sessionToken !== undefined) await this.users.logout(request.sessionToken);
    response.clearCookie(SESSION_COOKIE, { path: '/' });
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Who is signed in: user, role and county' })
  @ApiOkResponse({ type: ActorDto })
  @ApiErrors(401)
  me(@CurrentActor() actor: StaffActor): ActorDto {
    return actor;
  }
}
