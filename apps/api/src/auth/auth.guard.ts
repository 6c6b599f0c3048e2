import { createParamDecorator, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, type StaffActor } from '@app/ballots';
import { UsersService } from '@app/auth';
import type { Request } from 'express';
import type { Role } from '@app/domain';

export const SESSION_COOKIE = 'session';
const PUBLIC = 'auth:public';
const ROLES = 'auth:roles';

/** No session needed (login, the API docs). */
export const Public = () => SetMetadata(PUBLIC, true);
/** Only these roles may call the route; everyone signed in otherwise. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export interface AuthedRequest extends Request {
  actor?: StaffActor;
  sessionToken?: string;
  csrfToken?: string;
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route needs a session unless marked @Public: a bearer token (API clients) or the
 * HttpOnly session cookie (the console). A cookie-authenticated request that changes anything
 * must also carry the session's CSRF token (header `x-csrf-token` or form field `_csrf`).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic === true) return true;
    const request = context.switchToHttp().getRequest<AuthedRequest>();
    const bearer = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const cookie = cookieValue(request.headers.cookie, SESSION_COOKIE);
    const token = bearer ?? cookie;
    if (token === undefined) throw new DomainError('unauthenticated', 'sign in first');
    const session = await this.users.authenticate(token);
    if (session === null) throw new DomainError('unauthenticated', 'the session has ended; sign in again');
    if (bearer === undefined && !SAFE_METHODS.has(request.method)) {
      const body = request.body as { _csrf?: unknown } | undefined;
      const sent = request.headers['x-csrf-token'] ?? body?._csrf;
      if (sent !== session.csrfToken) throw new DomainError('forbidden', 'missing or wrong CSRF token');
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (roles !== undefined && !(roles as string[]).includes(session.actor.role)) {
      throw new DomainError('forbidden', `this needs the role: ${roles.join(' or ')}`);
    }
    request.actor = session.actor;
    request.sessionToken = token;
    request.csrfToken = session.csrfToken;
    return true;
  }
}

/** The signed-in staff member. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): StaffActor => {
  const actor = context.switchToHttp().getRequest<AuthedRequest>().actor;
  if (actor === undefined) throw new DomainError('unauthenticated', 'sign in first');
  return actor;
});
