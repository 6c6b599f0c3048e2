import { countyScopeOf, DomainError, reachesCounty, requirePermission, type StaffActor } from '@app/domain';
import type { Stores } from '@app/persistence';

/**
 * A supervisor holds a county's outgoing voter notices (for example while a data load is checked):
 * none is sent, moved to the letter list or printed until the hold is released. Queued notices stay
 * queued; at release they go out as the dispatcher finds them (and only if they still stand).
 * Holding and releasing are audited, with the reason and how many notices were waiting.
 */
export interface NoticeHoldView {
  readonly electionId: string;
  readonly countyCode: string;
  /** ISO 8601. */
  readonly heldAt: string;
  readonly heldBy: string;
  readonly reason: string;
  /** Notices of the county waiting to go out (queued, or on the letter list). */
  readonly waiting: number;
}

function reachable(actor: StaffActor, electionId: string, countyCode: string): void {
  requirePermission(actor, 'hold_notices');
  // Another county's is "not found", as everywhere.
  if (!reachesCounty(actor, countyCode)) throw new DomainError('not_found', `no county ${countyCode} in election ${electionId}`);
}

async function countyExists(stores: Stores, electionId: string, countyCode: string): Promise<void> {
  try {
    await stores.noticesRead((n) => n.county(electionId, countyCode));
  } catch {
    throw new DomainError('not_found', `no county ${countyCode} in election ${electionId}`);
  }
}

export async function holdNotices(stores: Stores, actor: StaffActor, electionId: string, countyCode: string, reason: string, now: number): Promise<NoticeHoldView> {
  reachable(actor, electionId, countyCode);
  const why = reason.trim();
  if (why === '') throw new DomainError('invalid_input', 'reason is required: say why the notices are held', {}, [{ field: 'reason', message: 'say why the notices are held' }]);
  await countyExists(stores, electionId, countyCode);
  const held = await stores.noticesWrite((n) => n.hold({ electionId, countyCode, heldAt: now, heldBy: actor.id, reason: why }));
  if (!held) throw new DomainError('conflict', `the notices of ${countyCode} are held already`);
  const waiting = await stores.noticesRead((n) => n.waiting(electionId, countyCode));
  await stores.write(actor, (s) => s.election(electionId).audit.append({ event: 'NOTICES_HELD', payload: { countyCode, reason: why, waiting }, at: now }));
  return { electionId, countyCode, heldAt: new Date(now).toISOString(), heldBy: actor.id, reason: why, waiting };
}

export async function releaseNotices(stores: Stores, actor: StaffActor, electionId: string, countyCode: string, now: number): Promise<{ readonly countyCode: string; readonly waiting: number }> {
  reachable(actor, electionId, countyCode);
  const released = await stores.noticesWrite((n) => n.release(electionId, countyCode));
  if (released === null) throw new DomainError('not_found', `the notices of ${countyCode} are not held`);
  const waiting = await stores.noticesRead((n) => n.waiting(electionId, countyCode));
  await stores.write(actor, (s) => s.election(electionId).audit.append({ event: 'NOTICES_RELEASED', payload: { countyCode, heldSince: new Date(released.heldAt).toISOString(), heldBy: released.heldBy, waiting }, at: now }));
  return { countyCode, waiting };
}

/** What is held in the election, in the actor's reach (their county, or every county). */
export async function noticeHolds(stores: Stores, actor: StaffActor, electionId: string): Promise<NoticeHoldView[]> {
  requirePermission(actor, 'hold_notices');
  const scope = countyScopeOf(actor).county;
  if (scope === undefined) return [];
  return stores.noticesRead(async (n) => {
    const views: NoticeHoldView[] = [];
    for (const h of await n.holds(electionId)) {
      if (scope !== null && h.countyCode !== scope) continue;
      views.push({ electionId, countyCode: h.countyCode, heldAt: new Date(h.heldAt).toISOString(), heldBy: h.heldBy, reason: h.reason, waiting: await n.waiting(electionId, h.countyCode) });
    }
    return views;
  });
}
