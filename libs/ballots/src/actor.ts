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

/**
 * A county filter no ballot matches: longer than any county code the schema can hold (32), and
 * valid text on both databases (PostgreSQL refuses a NUL in a parameter).
 */
export const NO_COUNTY = 'no county: this scope reaches no ballot';

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
  return actor.role === 'clerk' || actor.role === 'supervisor' ? actor.countyCode ?? NO_COUNTY : null;
}

export function requireWriter(actor: StaffActor): void {
  if (actor.role === 'observer') throw new DomainError('forbidden', 'observers have read-only access');
}
