import type { VoterImportMode, VoterRollRemoval } from '@app/domain';
import { appendAudit } from '../audit.store';
import { isPostgres } from '../data-source';
import { VoterImportEntity } from '../entities';
import { VoterRollStore } from './voter-roll-store';
import type { EntityManager } from 'typeorm';
import { type StaffActor } from '@app/domain';

/** Who runs an import, as the audit chain records it. */
export type ImportActor = Pick<StaffActor, 'id' | 'role'>;

/** What an import did to the roll: counts only, never a name, a date of birth or an address. */
export interface VoterImportCounts {
  readonly read: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly restored: number;
  readonly removed: number;
  readonly rejected: number;
}

export interface VoterImportStart {
  readonly electionId: string;
  readonly mode: VoterImportMode;
  readonly countyCode: string | null;
  readonly source: string;
  readonly actor: ImportActor;
  readonly now: number;
  /** The process that runs it, `host:pid`. */
  readonly owner: string;
}

/**
 * Opens the record of an import (`voter_imports`, status `running`) with its audit entry
 * `VOTER_ROLL_IMPORT_STARTED`, in one transaction: an import killed before its end still shows.
 * Returns the import's number (1, 2, 3, ...).
 */
export async function openVoterImport(m: EntityManager, start: VoterImportStart): Promise<number> {
  // Numbers are handed out one at a time: PostgreSQL makes concurrent starts wait their turn here.
  if (isPostgres(m.connection)) await m.query('LOCK TABLE voter_imports IN SHARE ROW EXCLUSIVE MODE');
  const [row] = await m.query<{ next: number | string }[]>('SELECT COALESCE(MAX(id), 0) + 1 AS next FROM voter_imports');
  const id = Number(row?.next ?? 1);
  await m.insert(VoterImportEntity, {
    id,
    electionId: start.electionId,
    mode: start.mode,
    countyCode: start.countyCode,
    source: start.source.slice(0, 300),
    sha256: null,
    actorId: start.actor.id,
    actorRole: start.actor.role,
    startedAt: start.now,
    finishedAt: null,
    status: 'running',
    removal: start.mode === 'full_roll' ? 'pending' : 'not_requested',
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    restored: 0,
    removed: 0,
    rejected: 0,
    note: null,
    owner: start.owner.slice(0, 128),
    heartbeatAt: start.now,
  });
  await appendAudit(m, {
    electionId: start.electionId,
    ballotId: null,
    actorId: start.actor.id,
    actorRole: start.actor.role,
    event: 'VOTER_ROLL_IMPORT_STARTED',
    fromState: null,
    toState: null,
    payload: { importId: id, mode: start.mode, countyCode: start.countyCode, source: start.source },
    at: new Date(start.now).toISOString(),
  });
  return id;
}

export interface VoterImportEnd {
  readonly electionId: string;
  readonly importId: number;
  readonly mode: VoterImportMode;
  readonly countyCode: string | null;
  readonly actor: ImportActor;
  readonly now: number;
  readonly outcome: 'completed' | 'failed';
  readonly counts: VoterImportCounts;
  readonly removal: VoterRollRemoval;
  readonly note: string | null;
  readonly sha256: string | null;
}

/**
 * Closes the record of an import with what it did, and appends `VOTER_ROLL_IMPORTED` (or
 * `VOTER_ROLL_IMPORT_FAILED`) with the same counts, in the caller's transaction: the one that
 * also marks the removed voters, so the marking and its record commit together.
 */
export async function closeVoterImport(m: EntityManager, end: VoterImportEnd): Promise<void> {
  const { counts } = end;
  // Only a running import is closed: one a later run found abandoned keeps that status.
  await m.update(VoterImportEntity, { id: end.importId, status: 'running' }, {
    status: end.outcome,
    finishedAt: end.now,
    removal: end.removal,
    note: end.note === null ? null : end.note.slice(0, 500),
    sha256: end.sha256,
    ...countColumns(counts),
    removed: counts.removed,
  });
  await appendAudit(m, {
    electionId: end.electionId,
    ballotId: null,
    actorId: end.actor.id,
    actorRole: end.actor.role,
    event: end.outcome === 'completed' ? 'VOTER_ROLL_IMPORTED' : 'VOTER_ROLL_IMPORT_FAILED',
    fromState: null,
    toState: null,
    payload: {
      importId: end.importId,
      mode: end.mode,
      countyCode: end.countyCode,
      sha256: end.sha256,
      ...counts,
      removal: end.removal,
      note: end.note,
    },
    at: new Date(end.now).toISOString(),
  });
}

/**
 * Credits a committed batch to its import, in the batch's own transaction: the record always holds
 * what has been written, so an import whose process dies is credited with its committed rows, and
 * `heartbeat_at` says when its process was last seen working.
 */
export async function creditVoterImport(m: EntityManager, importId: number, counts: Omit<VoterImportCounts, 'removed'>, now: number): Promise<void> {
  await m.update(VoterImportEntity, { id: importId, status: 'running' }, { ...countColumns(counts), heartbeatAt: now });
}

/** An import's counts as the columns of its record (all but `removed`, known only at the end). */
function countColumns(counts: Omit<VoterImportCounts, 'removed'>): Pick<VoterImportEntity, 'rowsRead' | 'inserted' | 'updated' | 'unchanged' | 'restored' | 'rejected'> {
  return { rowsRead: counts.read, inserted: counts.inserted, updated: counts.updated, unchanged: counts.unchanged, restored: counts.restored, rejected: counts.rejected };
}

/** Whether the process named by an import's `owner` (`host:pid`) may still be running it. */
export type ImportLiveness = (owner: string | null, heartbeatAt: number | null) => boolean;

/**
 * Closes as `abandoned` every import of the database that is `running` with no live process
 * behind it (issue 13), each with `VOTER_ROLL_IMPORT_ABANDONED` carrying the rows its committed
 * batches wrote. A full roll's staging rows are emptied and its removal skipped: nobody is marked
 * removed by a file that was never read to its end. Returns the numbers of the imports it closed.
 */
export async function closeAbandonedVoterImports(m: EntityManager, alive: ImportLiveness, actor: ImportActor, now: number): Promise<number[]> {
  const running = await m.find(VoterImportEntity, { where: { status: 'running' }, order: { id: 'ASC' } });
  const closed: number[] = [];
  for (const run of running) {
    if (alive(run.owner, run.heartbeatAt)) continue;
    const note = `abandoned: no process was running it (${run.owner ?? 'process unknown'}); its committed batches are kept`;
    const removal: VoterRollRemoval = run.mode === 'full_roll' ? 'skipped' : 'not_requested';
    const updated = await m.update(VoterImportEntity, { id: run.id, status: 'running' }, { status: 'abandoned', finishedAt: now, removal, note });
    if (updated.affected === 0) continue;
    if (run.mode === 'full_roll') await new VoterRollStore(run.electionId, run.id, isPostgres(m.connection)).clearListed(m);
    await appendAudit(m, {
      electionId: run.electionId,
      ballotId: null,
      actorId: actor.id,
      actorRole: actor.role,
      event: 'VOTER_ROLL_IMPORT_ABANDONED',
      fromState: null,
      toState: null,
      payload: {
        importId: run.id,
        mode: run.mode,
        countyCode: run.countyCode,
        owner: run.owner,
        lastSeenAt: run.heartbeatAt === null ? null : new Date(run.heartbeatAt).toISOString(),
        read: run.rowsRead,
        inserted: run.inserted,
        updated: run.updated,
        unchanged: run.unchanged,
        restored: run.restored,
        removed: 0,
        rejected: run.rejected,
        removal,
        note,
      },
      at: new Date(now).toISOString(),
    });
    closed.push(run.id);
  }
  return closed;
}
