import { DomainError, requirePermission, type StaffActor } from '@app/domain';
import type { Stores } from '@app/persistence';
import type { BallotTransitions } from './ballot-transitions';

/** The events a clerk may send to a selected set at once (issue 14, item 3). */
export const BULK_EVENTS = ['VERIFY', 'COUNT'] as const;
export type BulkEvent = (typeof BULK_EVENTS)[number];

/** One selected ballot: its id and the version the clerk saw when selecting it. */
export interface BulkItem {
  readonly ballotId: string;
  readonly expectedVersion: number;
}

/** What happened to one ballot of the set. */
export type BulkResult =
  | { readonly ballotId: string; readonly receiptNumber: string; readonly ok: true }
  | { readonly ballotId: string; readonly receiptNumber: string | null; readonly ok: false; readonly message: string };

export const MAX_BULK = 100;

/**
 * Verify or count a selected set, each ballot on its own: its own transaction, its own checks by
 * the lifecycle at the version the clerk saw, its own audit entry. One refused ballot (changed
 * meanwhile, not eligible, another county) does not stop the others; every ballot gets a result.
 */
export class BulkDecisions {
  constructor(
    private readonly stores: Stores,
    private readonly transitions: BallotTransitions,
  ) {}

  async apply(actor: StaffActor, event: BulkEvent, items: readonly BulkItem[]): Promise<BulkResult[]> {
    requirePermission(actor, event);
    if (items.length === 0) throw new DomainError('invalid_input', 'select at least one ballot', {}, [{ field: 'ids', message: 'select at least one ballot' }]);
    if (items.length > MAX_BULK) throw new DomainError('invalid_input', `select at most ${MAX_BULK} ballots at once`, {}, [{ field: 'ids', message: `at most ${MAX_BULK}` }]);
    const results: BulkResult[] = [];
    for (const item of items) {
      const receiptNumber = await this.receiptOf(actor, item.ballotId);
      try {
        const outcome = await this.transitions.apply(actor, item.ballotId, { type: event }, item.expectedVersion);
        results.push({ ballotId: item.ballotId, receiptNumber: outcome.ballot.receiptNumber, ok: true });
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'unauthenticated') throw error;
        const message = error.code === 'stale_version' ? 'it changed after you selected it: open it and check it again' : error.code === 'not_found' ? 'not found' : error.message;
        results.push({ ballotId: item.ballotId, receiptNumber, ok: false, message });
      }
    }
    return results;
  }

  /** The receipt number of a ballot the actor reaches, for the report; null for one it does not. */
  private receiptOf(actor: StaffActor, ballotId: string): Promise<string | null> {
    return this.stores.read(actor, async (s) => (await s.ballot(ballotId))?.ballot.receiptNumber ?? null);
  }
}
