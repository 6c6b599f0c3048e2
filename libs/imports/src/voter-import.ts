import { createHash } from 'node:crypto';
import { Transform, type Readable } from 'node:stream';
import { isOneOf, REGISTRATION_STATUSES, type VoterImportMode, type VoterRollRemoval, DomainError, SYSTEM_ACTOR } from '@app/domain';
import { RunningClock } from '@app/ballots';
import {
  closeVoterImport,
  CountyEntity,
  creditVoterImport,
  isPostgres,
  openVoterImport,
  PrecinctEntity,
  VoterRollStore,
  type ImportActor,
  type RollRow,
  type TransactionRunner,
  type VoterImportCounts,
} from '@app/persistence';
import { csvRows, isCalendarDate, isProblem, type CsvRow, type RowProblem } from './csv-rows';
import type { ImportProgress } from './import-report';
import { closeAbandonedImports, thisProcess } from './import-liveness';

export const VOTER_COLUMNS = ['voter_id', 'first_name', 'last_name', 'date_of_birth', 'county_code', 'precinct_id', 'status', 'registration_date', 'id_on_file'] as const;

const VOTER_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Rows per transaction by default: whole batches survive a kill; memory stays flat (about 25 MB a batch). */
export const VOTER_BATCH_ROWS = 25_000;

export interface VoterImportOptions {
  /** `incremental` (the default) adds and updates; `full_roll` also marks removed whoever the file leaves out. */
  readonly mode?: VoterImportMode;
  /** The file is this county's roll: rows of other counties are refused, and a full roll removes only this county's voters. */
  readonly countyCode?: string | null;
  /** Who runs it (the audit entries' actor); the system by default. */
  readonly actor?: ImportActor;
  /** The file's name, for the import's record. */
  readonly source?: string;
  readonly clock?: { now(): number };
  /** Rows per transaction: a kill leaves whole batches only. */
  readonly batchRows?: number;
  /** Called after each committed batch. */
  readonly onProgress?: (progress: ImportProgress) => void;
  /** Problems kept in the report (all are counted); the rest are only counted. */
  readonly keepProblems?: number;
  /** The process running the import, `host:pid`; this one by default (tests name a dead one). */
  readonly owner?: string;
}

export interface VoterImportReport extends VoterImportCounts {
  /** The import's number in `voter_imports` (and in its audit entries). */
  readonly importId: number;
  readonly mode: VoterImportMode;
  readonly countyCode: string | null;
  /** `not_requested` (incremental), `done`, or `skipped` (a full roll that could not tell whom it leaves out). */
  readonly removal: VoterRollRemoval;
  /** Why the removal was skipped. */
  readonly removalNote: string | null;
  readonly sha256: string;
  readonly problems: readonly RowProblem[];
  readonly seconds: number;
}

/**
 * Imports a voter roll from CSV for an election: streamed, each row checked (dates, status, the
 * county and precinct known for the election, the precinct in that county, a voter listed once),
 * bad rows reported with their line and field and skipped, good rows written in batches, each
 * batch its own transaction (so memory stays flat and a run cut short keeps whole batches).
 *
 * A voter already on the roll is updated when a field differs, left alone when identical, and
 * restored when a full roll had removed them: running a file again changes nothing, and a run cut
 * short can simply be run again.
 *
 * `full_roll`: the file is the whole roll (of the election, or of `countyCode`). After the last
 * row was read with no fatal error, one statement, in the transaction that also closes the
 * import's record and appends its audit entry, marks removed every voter of that scope the file
 * did not list. A voter refused for a bad field is still listed (kept as they were, not removed);
 * if a line is unreadable (wrong number of fields, no valid voter id) nobody can know whom it
 * lists, so no one is removed and the report says why. A failure mid-file removes no one.
 */
export async function importVoters(tx: TransactionRunner, electionId: string, input: Readable, options: VoterImportOptions = {}): Promise<VoterImportReport> {
  const started = process.hrtime.bigint();
  const mode = options.mode ?? 'incremental';
  const full = mode === 'full_roll';
  const scope = options.countyCode ?? null;
  const actor = options.actor ?? SYSTEM_ACTOR;
  const clock = options.clock ?? RunningClock.real();
  const batchRows = options.batchRows ?? VOTER_BATCH_ROWS;
  const keep = options.keepProblems ?? 1_000;
  const pg = isPostgres(tx.dataSource);
  const precincts = new Map((await tx.read((m) => m.findBy(PrecinctEntity, { electionId }))).map((p) => [p.id, p.countyCode]));
  if (scope !== null && (await tx.read((m) => m.findOneBy(CountyEntity, { electionId, code: scope }))) === null) {
    throw new DomainError('invalid_input', `county ${scope} is not a county of election ${electionId}`, {}, [{ field: 'county', message: 'is not a county of this election' }]);
  }

  const hash = createHash('sha256');
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
  input.on('error', (error) => tap.destroy(error));
  const rows = csvRows(input.pipe(tap), VOTER_COLUMNS);
  // The header is checked before anything is written: a file that is not a roll leaves no trace.
  let next = await rows.next();

  // An earlier import whose process died is closed first, so the record never shows two running.
  await closeAbandonedImports(tx, actor, clock);
  const importId = await tx.run((m) => openVoterImport(m, { electionId, mode, countyCode: scope, source: options.source ?? '(stream)', actor, now: clock.now(), owner: options.owner ?? thisProcess() }));
  const store = new VoterRollStore(electionId, importId, pg);
  const counts = { read: 0, inserted: 0, updated: 0, unchanged: 0, restored: 0, removed: 0, rejected: 0 };
  const problems: RowProblem[] = [];
  const reject = (problem: RowProblem) => {
    counts.rejected += 1;
    if (problems.length < keep) problems.push(problem);
  };
  /** Why this full roll cannot tell whom it leaves out; null while it can. */
  let removalBlocked: string | null = null;

  /** Voters the file lists (written, kept as they were, or refused with a readable voter id). */
  let listed = 0;
  let batch: RollRow[] = [];
  /** The line of each voter id read in this batch: a second row of one voter is refused. */
  let batchLines = new Map<string, number>();
  /** Full roll: refused rows whose voter id is readable are listed (so not removed) but not written. */
  let listedOnly: { voterId: string; line: number }[] = [];

  let readAtAnalyze = 0;
  const flush = async () => {
    if (batch.length === 0 && listedOnly.length === 0) return;
    const good = batch;
    const extra = listedOnly;
    batch = [];
    batchLines = new Map();
    listedOnly = [];
    // Nothing is counted inside the transaction: PostgreSQL may run it again after a deadlock.
    const { written, earlier } = await tx.run(async (m) => {
      const listedBefore = full ? await store.markListed(m, [...good.map((r) => ({ voterId: r.voterId, line: r.line })), ...extra]) : new Map<string, number>();
      const written = await store.write(m, listedBefore.size === 0 ? good : good.filter((r) => !listedBefore.has(r.voterId)));
      // The batch is credited to its import as it commits (a later rejection of a repeated voter
      // id only moves a row from written to rejected, at the next batch or the end).
      await creditVoterImport(m, importId, {
        read: counts.read,
        inserted: counts.inserted + written.inserted,
        updated: counts.updated + written.updated,
        unchanged: counts.unchanged + written.unchanged,
        restored: counts.restored + written.restored,
        rejected: counts.rejected,
      }, clock.now());
      return { written, earlier: listedBefore };
    });
    for (const r of good) {
      const first = earlier.get(r.voterId);
      if (first !== undefined) reject({ line: r.line, field: 'voter_id', message: `${r.voterId} is listed again; first on line ${first}` });
    }
    counts.inserted += written.inserted;
    counts.updated += written.updated;
    counts.unchanged += written.unchanged;
    counts.restored += written.restored;
    if (counts.read - readAtAnalyze >= Math.max(batchRows, readAtAnalyze)) {
      // Each time the rows read double: about nine refreshes for 7.6 million.
      await tx.run((m) => store.refreshStatistics(m));
      readAtAnalyze = counts.read;
    }
    options.onProgress?.({ read: counts.read, inserted: counts.inserted, rejected: counts.rejected });
  };

  try {
    for (; next.done !== true; next = await rows.next()) {
      const item = next.value;
      counts.read += 1;
      if (isProblem(item)) {
        reject(item);
        removalBlocked ??= `line ${item.line} could not be read (${item.message}), so whom it lists is unknown`;
        continue;
      }
      const checked = checkRow(item, precincts, scope);
      if ('message' in checked) {
        reject(checked);
        const voterId = item.values['voter_id'] ?? '';
        if (!VOTER_ID.test(voterId)) removalBlocked ??= `line ${item.line} has no valid voter_id, so whom it lists is unknown`;
        else if (!batchLines.has(voterId)) {
          batchLines.set(voterId, item.line);
          listed += 1;
          if (full) listedOnly.push({ voterId, line: item.line });
        }
      } else {
        const first = batchLines.get(checked.voterId);
        if (first !== undefined) {
          reject({ line: checked.line, field: 'voter_id', message: `${checked.voterId} is listed again; first on line ${first}` });
          continue;
        }
        batchLines.set(checked.voterId, checked.line);
        listed += 1;
        batch.push(checked);
      }
      if (batch.length + listedOnly.length >= batchRows) await flush();
    }
    await flush();
    const sha256 = hash.digest('hex');
    let removal: VoterRollRemoval = 'not_requested';
    if (full) {
      if (removalBlocked === null && listed === 0) removalBlocked = 'the file lists no voter';
      removal = removalBlocked === null ? 'done' : 'skipped';
    }
    await tx.run(async (m) => {
      if (removal === 'done') counts.removed = await store.markRemoved(m, clock.now(), scope);
      if (full) await store.clearListed(m);
      await closeVoterImport(m, { electionId, importId, mode, countyCode: scope, actor, now: clock.now(), outcome: 'completed', counts, removal, note: removalBlocked, sha256 });
    });
    return {
      ...counts,
      importId,
      mode,
      countyCode: scope,
      removal,
      removalNote: removalBlocked,
      sha256,
      problems,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
  } catch (error) {
    // Whole batches already written stay (as before); nobody is marked removed (the marking
    // commits with the closing record, or not at all). The record and the audit chain say the
    // import stopped, with what it had done.
    counts.removed = 0;
    await tx
      .run(async (m) => {
        if (full) await store.clearListed(m);
        await closeVoterImport(m, {
          electionId,
          importId,
          mode,
          countyCode: scope,
          actor,
          now: clock.now(),
          outcome: 'failed',
          counts,
          removal: full ? 'skipped' : 'not_requested',
          note: `stopped after ${counts.read} rows: ${error instanceof Error ? error.name : 'error'}`,
          sha256: null,
        });
      })
      .catch(() => undefined);
    throw error;
  }
}

/** One row's checks, in the file's column order; the first failure is the row's problem. */
export function checkRow(item: CsvRow, precincts: ReadonlyMap<string, string>, scope: string | null): RollRow | RowProblem {
  const v = item.values;
  const line = item.line;
  const problem = (field: string, message: string): RowProblem => ({ line, field, message });
  const voterId = v['voter_id'] ?? '';
  const firstName = v['first_name'] ?? '';
  const lastName = v['last_name'] ?? '';
  const precinctId = v['precinct_id'] ?? '';
  const countyCode = v['county_code'] ?? '';
  const status = v['status'];
  const county = precincts.get(precinctId);
  if (!VOTER_ID.test(voterId)) return problem('voter_id', 'must be 1-32 letters, digits, dashes or underscores');
  if (firstName === '' || firstName.length > 100) return problem('first_name', 'must be 1-100 characters');
  if (lastName === '' || lastName.length > 100) return problem('last_name', 'must be 1-100 characters');
  if (!isCalendarDate(v['date_of_birth'] ?? '')) return problem('date_of_birth', 'must be a date, YYYY-MM-DD');
  if (scope !== null && countyCode !== scope) return problem('county_code', `${countyCode} is not ${scope}: this file is county ${scope}'s roll`);
  if (county === undefined) return problem('precinct_id', `${precinctId} is not a precinct of this election`);
  if (county !== countyCode) return problem('county_code', `precinct ${precinctId} is in county ${county}, not ${countyCode}`);
  if (!isOneOf(REGISTRATION_STATUSES, status)) return problem('status', `must be one of: ${REGISTRATION_STATUSES.join(', ')}`);
  if (!isCalendarDate(v['registration_date'] ?? '')) return problem('registration_date', 'must be a date, YYYY-MM-DD');
  if (v['id_on_file'] !== 'true' && v['id_on_file'] !== 'false') return problem('id_on_file', 'must be true or false');
  return {
    line,
    voterId,
    firstName,
    lastName,
    dateOfBirth: v['date_of_birth'] ?? '',
    countyCode,
    precinctId,
    status,
    registrationDate: v['registration_date'] ?? '',
    idOnFile: v['id_on_file'] === 'true',
  };
}
