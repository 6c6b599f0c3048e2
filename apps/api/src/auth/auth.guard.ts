import { createParamDecorator, Injectable, SetMetadata, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UsersService } from '@app/auth';
import type { Request } from 'express';

import { DomainError, type StaffActor, requirePermission, type Action } from '@app/domain';

export const SESSION_COOKIE = 'session';
const PUBLIC = 'auth:public';
const ACTION = 'auth:action';

/** No session needed (login, the API docs). */
export const Public = () => SetMetadata(PUBLIC, true);
/**
 * The action a route does, as the permissions table (`PERMISSIONS` of @app/domain) names it: only
 * roles that may do it reach the route. Where the actor may do it (their county) the services and
 * stores decide.
 */
export const Can = (action: Action) => SetMetadata(ACTION, action);

export interface AuthedRequest extends Request {
  actor?: StaffActor;
  sessionToken?: string;
  csrfToken?: string;
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    // A cookie a client mangled (`%E0%A4%A`) is no session, not a server error.
    try {
      return decodeURIComponent(rest.join('='));
    } catch {
      return undefined;
    }
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
    const action = this.reflector.getAllAndOverride<Action | undefined>(ACTION, [context.getHandler(), context.getClass()]);
    if (action !== undefined) requirePermission(session.actor, action);
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
