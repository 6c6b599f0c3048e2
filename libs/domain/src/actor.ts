import type { ActorRole } from './codes';

/** Who is acting: a staff member (with their county, if scoped) or the service itself. */
export interface StaffActor {
  readonly id: string;
  readonly username: string;
  readonly role: ActorRole;
  /** Clerks and supervisors act only within this county; null for admins, observers and the system. */
  readonly countyCode: string | null;
}

/** The service itself: the deadline sweep, intake's own checks, the notice dispatcher, imports run without `--as`. */
export const SYSTEM_ACTOR: StaffActor = { id: 'system', username: 'system', role: 'system', countyCode: null };
