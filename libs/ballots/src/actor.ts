import type { ActorRole } from '@app/domain';
import { DomainError } from './errors';

/** Who is acting: a staff member (with their county, if scoped) or the service itself. */
export interface StaffActor {
  readonly id: string;
  readonly username: string;
  readonly role: ActorRole;
  /** Clerks and supervisors act only within this county; null for admins, observers and the system. */
  readonly countyCode: string | null;
}

export const SYSTEM_ACTOR: StaffActor = { id: 'system', username: 'system', role: 'system', countyCode: null };

/** The one place county scope is decided: does this actor reach ballots of this county? */
export function reachesCounty(actor: StaffActor, countyCode: string): boolean {
  switch (actor.role) {
    case 'admin':
    case 'observer':
    case 'system':
      return true;
    case 'clerk':
    case 'supervisor':
      return actor.countyCode === countyCode;
  }
}

/** The county filter every ballot query of this actor must carry (null: all counties). */
export function countyFilter(actor: StaffActor): string | null {
  return actor.role === 'clerk' || actor.role === 'supervisor' ? actor.countyCode ?? '\u0000no-county' : null;
}

export function requireWriter(actor: StaffActor): void {
  if (actor.role === 'observer') throw new DomainError('forbidden', 'observers have read-only access');
}
