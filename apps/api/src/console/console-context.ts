import type { Elections } from '@app/ballots';
import type { ElectionEntity } from '@app/persistence';
import type { AuthedRequest } from '../auth/auth.guard';
import type { PageContext } from './layout';
import { DomainError, type StaffActor } from '@app/domain';

export function pageContext(request: AuthedRequest & { intakeClosed?: string }): PageContext {
  const location = (request as { consoleLocation?: string }).consoleLocation;
  return { actor: request.actor ?? null, csrfToken: request.csrfToken ?? null, path: location ?? request.path, intakeClosed: request.intakeClosed !== undefined, ...(location === undefined ? {} : { location }) };
}

export function actorOf(request: AuthedRequest): StaffActor {
  if (request.actor === undefined) throw new DomainError('unauthenticated', 'sign in first');
  return request.actor;
}

/** The election a page is about: the one asked for, else the most recent. */
export async function chooseElection(service: Elections, request: AuthedRequest, wanted: string | undefined): Promise<{ election: ElectionEntity; elections: ElectionEntity[] }> {
  const elections = await service.list(actorOf(request));
  const election = elections.find((e) => e.id === wanted) ?? elections[0];
  if (election === undefined) throw new DomainError('not_found', 'there is no election yet: an administrator creates one first');
  return { election, elections };
}

/** A form field's value as a string ('' when absent or not a string, or when no form was read at all). */
export const field = (body: Record<string, unknown> | undefined, name: string): string => {
  const value: unknown = typeof body === 'object' && body !== null ? body[name] : undefined;
  return typeof value === 'string' ? value : '';
};

export function stringValues(body: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(typeof body === 'object' && body !== null ? body : {})) if (typeof v === 'string' && k !== '_csrf' && k !== 'password') out[k] = v;
  return out;
}
