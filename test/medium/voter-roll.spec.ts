import { Readable } from 'node:stream';
import { importVoters, type VoterImportOptions, type VoterImportReport } from '@app/imports';
import { AuditEntryEntity, BallotEntity, VoterEntity, VoterImportEntity, verifyAuditChain } from '@app/persistence';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { FULTON_CLERK, provisionalIntake, seedEmptyElection, services, type Services } from '@test/support/services';
import { type StaffActor } from '@app/domain';

const THURSDAY = Date.UTC(2020, 10, 5, 15); // Thu 5 Nov 2020, 10:00 EST
const ADMIN: StaffActor = { id: 'u-admin', username: 'state.admin', role: 'admin', countyCode: null };
const HEADER = 'voter_id,first_name,last_name,date_of_birth,county_code,precinct_id,status,registration_date,id_on_file';

interface RowFields {
  readonly first: string;
  readonly last: string;
  readonly dob: string;
  readonly county: string;
  readonly precinct: string;
  readonly status: string;
  readonly registered: string;
  readonly idOnFile: string;
}

/** One roll line: an active Fulton voter of FUL-01 with ID on file, unless told otherwise. */
function row(voterId: string, o: Partial<RowFields> = {}): string {
  return [voterId, o.first ?? 'Pat', o.last ?? `Voter${voterId}`, o.dob ?? '1980-02-29', o.county ?? 'FULTON', o.precinct ?? 'FUL-01', o.status ?? 'active', o.registered ?? '2012-01-01', o.idOnFile ?? 'true'].join(',');
}

const rollFile = (...lines: string[]): Readable => Readable.from([`${HEADER}\n${lines.join('\n')}\n`]);

/** The audit payload of an import: what an auditor reads. */
function payloadText(entries: readonly AuditEntryEntity[]): string {
  return JSON.stringify(entries.map((e) => e.payload));
}

describe.each(testDatabases())('voter roll re-imports on %s (medium)', (kind) => {
  let db: TestDatabase;
  let s: Services;
  let elections = 0;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    s = services(db.dataSource, THURSDAY);
  });
  afterAll(async () => db.destroy());

  /** Each test gets its own election on the fixture jurisdiction, with an empty roll. */
  async function anElection(): Promise<string> {
    elections += 1;
    const id = `roll-test-${elections}`;
    await seedEmptyElection(db.dataSource, id);
    return id;
  }


  const load = (electionId: string, input: Readable, options: VoterImportOptions = {}): Promise<VoterImportReport> =>
    importVoters(s.tx, electionId, input, { actor: ADMIN, clock: s.clock, source: 'roll.csv', ...options });

  const voter = (electionId: string, voterId: string) => db.dataSource.getRepository(VoterEntity).findOneByOrFail({ electionId, voterId });
  const roll = (electionId: string) => db.dataSource.getRepository(VoterEntity).find({ where: { electionId }, order: { voterId: 'ASC' } });
  const counts = (r: VoterImportReport) => ({ read: r.read, inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, restored: r.restored, removed: r.removed, rejected: r.rejected });

  it('a first import adds every row; the same file again changes nothing (every row unchanged, no voter row written)', async () => {
    const e = await anElection();
    const lines = [row('1001'), row('1002', { idOnFile: 'false' }), row('2001', { county: 'COBB', precinct: 'COB-01' })];
    expect(counts(await load(e, rollFile(...lines)))).toEqual({ read: 3, inserted: 3, updated: 0, unchanged: 0, restored: 0, removed: 0, rejected: 0 });
    const before = await roll(e);
    expect(counts(await load(e, rollFile(...lines)))).toEqual({ read: 3, inserted: 0, updated: 0, unchanged: 3, restored: 0, removed: 0, rejected: 0 });
    expect(await roll(e)).toEqual(before);
  });

  it('a re-import with a changed row updates that voter only, counted as updated', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001'), row('1002'), row('1003')));
    const report = await load(e, rollFile(row('1001'), row('1002', { last: 'Newname', precinct: 'FUL-02', status: 'inactive', idOnFile: 'false' }), row('1003')));
    expect(counts(report)).toEqual({ read: 3, inserted: 0, updated: 1, unchanged: 2, restored: 0, removed: 0, rejected: 0 });
    expect(await voter(e, '1002')).toMatchObject({ lastName: 'Newname', precinctId: 'FUL-02', status: 'inactive', idOnFile: false, removedAt: null });
    expect(await voter(e, '1001')).toMatchObject({ lastName: 'Voter1001', precinctId: 'FUL-01', status: 'active', idOnFile: true });
  });

  it('each field a roll gives is compared: a change in any one of them updates the voter', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001')));
    const changes: Partial<RowFields>[] = [
      { first: 'Patricia' },
      { last: 'Other' },
      { dob: '1980-03-01' },
      { county: 'DEKALB', precinct: 'DEK-01' },
      { precinct: 'FUL-03' },
      { status: 'pending' },
      { registered: '2013-02-02' },
      { idOnFile: 'false' },
    ];
    for (const change of changes) {
      const report = await load(e, rollFile(row('1001', change)));
      expect({ change, updated: report.updated }).toEqual({ change, updated: 1 });
      await load(e, rollFile(row('1001')));
    }
  });

  it('an incremental import marks nobody removed: voters it leaves out stay on the roll', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001'), row('1002'), row('1003')));
    const report = await load(e, rollFile(row('1001')));
    expect(report).toMatchObject({ mode: 'incremental', removal: 'not_requested', removed: 0, unchanged: 1 });
    expect((await roll(e)).map((v) => v.removedAt)).toEqual([null, null, null]);
  });

  it('a full roll marks removed each voter it leaves out (when, and by which import), deletes nobody, and audits counts without voter data', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001'), row('1002'), row('2001', { county: 'COBB', precinct: 'COB-01' })));
    const report = await load(e, rollFile(row('1001'), row('2001', { county: 'COBB', precinct: 'COB-01' }), row('1004')), { mode: 'full_roll' });
    expect(counts(report)).toEqual({ read: 3, inserted: 1, updated: 0, unchanged: 2, restored: 0, removed: 1, rejected: 0 });
    expect(report).toMatchObject({ mode: 'full_roll', removal: 'done', removalNote: null });
    expect(await roll(e)).toHaveLength(4);
    expect(await voter(e, '1002')).toMatchObject({ removedAt: THURSDAY, removedByImport: report.importId, lastName: 'Voter1002' });
    expect(await voter(e, '1001')).toMatchObject({ removedAt: null, removedByImport: null });

    const record = await db.dataSource.getRepository(VoterImportEntity).findOneByOrFail({ id: report.importId });
    expect(record).toMatchObject({ electionId: e, mode: 'full_roll', status: 'completed', removal: 'done', actorId: ADMIN.id, source: 'roll.csv', sha256: report.sha256, rowsRead: 3, inserted: 1, unchanged: 2, removed: 1 });
    const entries = await db.dataSource.getRepository(AuditEntryEntity).find({ where: { electionId: e }, order: { seq: 'ASC' } });
    const last = entries.filter((x) => x.event === 'VOTER_ROLL_IMPORTED').at(-1);
    expect(last).toMatchObject({ actorId: ADMIN.id, actorRole: 'admin', ballotId: null });
    expect(last?.payload).toMatchObject({ importId: report.importId, mode: 'full_roll', inserted: 1, updated: 0, unchanged: 2, restored: 0, removed: 1, rejected: 0, removal: 'done' });
    expect(entries.filter((x) => x.event === 'VOTER_ROLL_IMPORT_STARTED')).toHaveLength(2);
    expect(payloadText(entries)).not.toMatch(/Pat|Voter100|1980-02-29|2012-01-01/);
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: true });
  });

  it('a voter a full roll removed and a later roll lists again is restored (counted as restored)', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001'), row('1002')));
    await load(e, rollFile(row('1001')), { mode: 'full_roll' });
    expect((await voter(e, '1002')).removedAt).toBe(THURSDAY);
    const back = await load(e, rollFile(row('1001'), row('1002', { status: 'inactive' })), { mode: 'full_roll' });
    expect(counts(back)).toEqual({ read: 2, inserted: 0, updated: 0, unchanged: 1, restored: 1, removed: 0, rejected: 0 });
    expect(await voter(e, '1002')).toMatchObject({ removedAt: null, removedByImport: null, status: 'inactive' });
  });

  it('an incremental file that lists a removed voter restores them too: the state says they are on the roll', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001'), row('1002')));
    await load(e, rollFile(row('1001')), { mode: 'full_roll' });
    expect((await load(e, rollFile(row('1002')))).restored).toBe(1);
    expect((await voter(e, '1002')).removedAt).toBeNull();
  });

  it('a removed voter\'s new provisional ballot is decided not_registered, as a cancelled registration would be (SPEC 2 and 4); VERIFY is refused', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001'), row('1002')));
    await load(e, rollFile(row('1002')), { mode: 'full_roll' });
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake({ electionId: e, claimedVoterId: '1001' }));
    expect(ballot.matchedVoterId).toBe('1001');
    const decision = await s.decide(ballot, THURSDAY);
    expect(decision).toMatchObject({ outcome: 'reject', rejection: 'not_registered' });
    expect(decision.reasons[0]?.message).toMatch(/^No longer on the registration list: left out of the voter roll imported Thu, Nov 5, 2020/);
    await expect(s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'VERIFY' }, 1)).rejects.toMatchObject({ code: 'event_refused' });
    const proposed = await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'Removed from the roll' }, 1);
    expect(proposed.ballot.status).toBe('received.rejectionProposed');
  });

  it('a ballot already decided is not changed by a full roll that removes its voter (kept as received, adjudicated on top)', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001'), row('1002')));
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake({ electionId: e, claimedVoterId: '1001' }));
    await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'VERIFY' }, 1);
    await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'COUNT' }, 2);
    const counted = await db.dataSource.getRepository(BallotEntity).findOneByOrFail({ id: ballot.id });
    await load(e, rollFile(row('1002')), { mode: 'full_roll' });
    expect((await voter(e, '1001')).removedAt).toBe(THURSDAY);
    expect(await db.dataSource.getRepository(BallotEntity).findOneByOrFail({ id: ballot.id })).toEqual(counted);
  });

  it('a county\'s full roll removes only that county\'s voters; a row of another county is refused with its line', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001'), row('1002'), row('2001', { county: 'COBB', precinct: 'COB-01' }), row('3001', { county: 'DEKALB', precinct: 'DEK-01' })));
    const report = await load(e, rollFile(row('1001'), row('2002', { county: 'COBB', precinct: 'COB-01' })), { mode: 'full_roll', countyCode: 'FULTON' });
    expect(counts(report)).toEqual({ read: 2, inserted: 0, updated: 0, unchanged: 1, restored: 0, removed: 1, rejected: 1 });
    expect(report.problems).toEqual([{ line: 3, field: 'county_code', message: "COBB is not FULTON: this file is county FULTON's roll" }]);
    expect((await roll(e)).filter((v) => v.removedAt !== null).map((v) => v.voterId)).toEqual(['1002']);
  });

  it('a county not of the election is refused before anything is read or written', async () => {
    const e = await anElection();
    await expect(load(e, rollFile(row('1001')), { mode: 'full_roll', countyCode: 'NOWHERE' })).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await db.dataSource.getRepository(VoterImportEntity).countBy({ electionId: e })).toBe(0);
  });

  it('a failing row reports its line and field; in a full roll that voter is kept as they were, not removed', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001'), row('1002')));
    const report = await load(e, rollFile(row('1001'), row('1002', { dob: '1980-02-30', last: 'Changed' })), { mode: 'full_roll' });
    expect(report.problems).toEqual([{ line: 3, field: 'date_of_birth', message: 'must be a date, YYYY-MM-DD' }]);
    expect(report).toMatchObject({ removal: 'done', removed: 0, rejected: 1, unchanged: 1 });
    expect(await voter(e, '1002')).toMatchObject({ removedAt: null, lastName: 'Voter1002' });
  });

  it('a full roll with a line nobody can read (wrong number of fields, or no valid voter id) marks nobody removed, and says why', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001'), row('1002'), row('1003')));
    const unreadable = await load(e, rollFile(row('1001'), '1002,Too,Few'), { mode: 'full_roll' });
    expect(unreadable).toMatchObject({ removal: 'skipped', removed: 0, rejected: 1 });
    expect(unreadable.removalNote).toBe('line 3 could not be read (has 3 fields; the header has 9), so whom it lists is unknown');
    const noId = await load(e, rollFile(row('1001'), row('bad id!')), { mode: 'full_roll' });
    expect(noId).toMatchObject({ removal: 'skipped', removed: 0, removalNote: 'line 3 has no valid voter_id, so whom it lists is unknown' });
    expect((await roll(e)).every((v) => v.removedAt === null)).toBe(true);
    expect(await db.dataSource.getRepository(VoterImportEntity).findOneByOrFail({ id: noId.importId })).toMatchObject({ status: 'completed', removal: 'skipped', note: noId.removalNote });
  });

  it('a full roll that lists no voter removes nobody', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001')));
    const report = await load(e, Readable.from([`${HEADER}\n`]), { mode: 'full_roll' });
    expect(report).toMatchObject({ read: 0, removal: 'skipped', removalNote: 'the file lists no voter', removed: 0 });
    expect((await voter(e, '1001')).removedAt).toBeNull();
  });

  it('a voter listed twice: the second row is refused with both lines, within a batch and, in a full roll, across batches', async () => {
    const e = await anElection();
    const inBatch = await load(e, rollFile(row('1001'), row('1002'), row('1001', { last: 'Twice' })));
    expect(inBatch.problems).toEqual([{ line: 4, field: 'voter_id', message: '1001 is listed again; first on line 2' }]);
    const acrossBatches = await load(e, rollFile(row('1001'), row('1002'), row('1003'), row('1001', { last: 'Twice' })), { mode: 'full_roll', batchRows: 2 });
    expect(acrossBatches.problems).toEqual([{ line: 5, field: 'voter_id', message: '1001 is listed again; first on line 2' }]);
    expect(acrossBatches).toMatchObject({ inserted: 1, unchanged: 2, rejected: 1, removal: 'done', removed: 0 });
    expect((await voter(e, '1001')).lastName).toBe('Voter1001');
  });

  it('an import that fails mid-file keeps its whole batches, removes nobody, records the failure and leaves no staging rows', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001'), row('1002'), row('1003')));
    // A fatal error after the first batch committed (here from the progress callback; a full disk or a lost connection alike).
    const failing = load(e, rollFile(row('1001', { last: 'Changed' }), row('1004'), row('1005')), {
      mode: 'full_roll',
      batchRows: 2,
      onProgress: () => {
        throw new Error('interrupted');
      },
    });
    await expect(failing).rejects.toThrow('interrupted');
    const voters = await roll(e);
    expect(voters.map((v) => v.voterId)).toEqual(['1001', '1002', '1003', '1004']);
    expect(voters.every((v) => v.removedAt === null)).toBe(true);
    expect((await voter(e, '1001')).lastName).toBe('Changed');
    const record = await db.dataSource.getRepository(VoterImportEntity).findOne({ where: { electionId: e }, order: { id: 'DESC' } });
    expect(record).toMatchObject({ status: 'failed', removal: 'skipped', rowsRead: 2, updated: 1, inserted: 1, removed: 0, note: 'stopped after 2 rows: Error' });
    expect(await db.dataSource.getRepository(AuditEntryEntity).countBy({ electionId: e, event: 'VOTER_ROLL_IMPORT_FAILED' })).toBe(1);
    expect(await db.dataSource.query('SELECT COUNT(*) AS n FROM voter_roll_seen')).toEqual([{ n: kind === 'postgres' ? '0' : 0 }]);
  });

  it('a file that cannot be read to its end fails the import (it does not hang) and removes nobody', async () => {
    const e = await anElection();
    await load(e, rollFile(row('1001'), row('1002')));
    async function* brokenFile(): AsyncGenerator<string> {
      yield `${HEADER}\n${row('1001')}\n`;
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error('disk read error');
    }
    await expect(load(e, Readable.from(brokenFile()), { mode: 'full_roll' })).rejects.toThrow('disk read error');
    expect((await voter(e, '1002')).removedAt).toBeNull();
    // Whether the error came before or after the import's record was opened, no record is left running.
    expect(await db.dataSource.getRepository(VoterImportEntity).countBy({ electionId: e, status: 'running' })).toBe(0);
  });

  it('a file whose header lacks a column is refused before any record or audit entry is written', async () => {
    const e = await anElection();
    const entries = await db.dataSource.getRepository(AuditEntryEntity).countBy({ electionId: e });
    await expect(load(e, Readable.from(['voter_id,first_name\nZ1,Zed\n']))).rejects.toThrow(/the header lacks last_name/);
    expect(await db.dataSource.getRepository(VoterImportEntity).countBy({ electionId: e })).toBe(0);
    expect(await db.dataSource.getRepository(AuditEntryEntity).countBy({ electionId: e })).toBe(entries);
  });
});
