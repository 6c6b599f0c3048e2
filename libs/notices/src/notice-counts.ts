import { countyScopeOf, requirePermission, throwIllegalValue, type StaffActor } from '@app/domain';
import type { OutboxStatus, Stores } from '@app/persistence';

/**
 * Where each county's voter notices stand, for the console: queued (waiting or being sent), sent,
 * failed (not a notice this version can send), mailed (on the letter list or printed), bounced
 * (a text the carrier reported undelivered: it is mailed too), and superseded (no longer true when
 * due: not sent).
 */
export interface NoticeCountRow {
  readonly countyCode: string;
  readonly queued: number;
  readonly sent: number;
  readonly failed: number;
  readonly mailed: number;
  readonly bounced: number;
  readonly superseded: number;
}

type Bucket = Exclude<keyof NoticeCountRow, 'countyCode' | 'bounced'>;

function bucketOf(status: OutboxStatus): Bucket {
  switch (status) {
    case 'pending':
    case 'sending':
      return 'queued';
    case 'sent':
      return 'sent';
    case 'failed':
      return 'failed';
    case 'letter':
    case 'printed':
      return 'mailed';
    case 'superseded':
      return 'superseded';
    default:
      return throwIllegalValue(status, 'outbox status');
  }
}

export async function noticeCounts(stores: Stores, actor: StaffActor, electionId: string): Promise<NoticeCountRow[]> {
  requirePermission(actor, 'read_reports');
  const scope = countyScopeOf(actor).county;
  if (scope === undefined) return [];
  const rows = await stores.noticesRead((n) => n.countsByCounty(electionId));
  const byCounty = new Map<string, { -readonly [K in keyof NoticeCountRow]: NoticeCountRow[K] }>();
  for (const r of rows) {
    if (scope !== null && r.countyCode !== scope) continue;
    const row = byCounty.get(r.countyCode) ?? { countyCode: r.countyCode, queued: 0, sent: 0, failed: 0, mailed: 0, bounced: 0, superseded: 0 };
    row[bucketOf(r.status as OutboxStatus)] += r.n;
    if (r.deliveryStatus === 'undelivered' || r.deliveryStatus === 'failed') row.bounced += r.n;
    byCounty.set(r.countyCode, row);
  }
  return [...byCounty.values()].sort((a, b) => a.countyCode.localeCompare(b.countyCode));
}
