import type { VoterImportMode, VoterRollRemoval } from '@app/domain';
import { appendAudit, isPostgres, VoterImportEntity } from '@app/persistence';
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
  await m.update(VoterImportEntity, { id: end.importId }, {
    status: end.outcome,
    finishedAt: end.now,
    removal: end.removal,
    note: end.note === null ? null : end.note.slice(0, 500),
    sha256: end.sha256,
    rowsRead: counts.read,
    inserted: counts.inserted,
    updated: counts.updated,
    unchanged: counts.unchanged,
    restored: counts.restored,
    removed: counts.removed,
    rejected: counts.rejected,
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
