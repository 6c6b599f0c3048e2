import type { JurisdictionChanges, JurisdictionImportMode } from './jurisdiction-import';

/** The jurisdiction import's arithmetic: what a bundle adds, changes and leaves out of what is stored. */

/** Ids listed in an error message or an audit entry, at most. */
export const LISTED = 50;

export interface Diff<T> {
  readonly inserts: T[];
  /** Rows whose fields differ: as stored, and as the bundle has them. */
  readonly updates: { readonly before: T; readonly after: T }[];
  unchanged: number;
  readonly absent: T[];
}

export function diff<T>(stored: readonly T[], wanted: readonly T[], key: (row: T) => string, same: (a: T, b: T) => boolean): Diff<T> {
  const before = new Map(stored.map((row) => [key(row), row]));
  const result: Diff<T> = { inserts: [], updates: [], unchanged: 0, absent: [] };
  const seen = new Set<string>();
  for (const row of wanted) {
    seen.add(key(row));
    const old = before.get(key(row));
    if (old === undefined) result.inserts.push(row);
    else if (same(old, row)) result.unchanged += 1;
    else result.updates.push({ before: old, after: row });
  }
  for (const row of stored) if (!seen.has(key(row))) result.absent.push(row);
  return result;
}

export const changes = <T>(d: Diff<T>, mode: JurisdictionImportMode): JurisdictionChanges => ({
  inserted: d.inserts.length,
  updated: d.updates.length,
  unchanged: d.unchanged,
  removed: mode === 'replace' ? d.absent.length : 0,
  kept: mode === 'merge' ? d.absent.length : 0,
});

/** Ids in order, at most `LISTED` of them, for a message. */
export const listed = (ids: readonly string[]): string => {
  const sorted = [...ids].sort();
  return sorted.length <= LISTED ? sorted.join(', ') : `${sorted.slice(0, LISTED).join(', ')} and ${sorted.length - LISTED} more`;
};

export function duplicates(kind: string, ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return twice.size === 0 ? [] : [`${kind} listed twice: ${listed([...twice])}`];
}
