import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditEntryEntity, BallotEntity, createDataSource, CountyEntity, PrecinctEntity, ServiceLocks, TransactionRunner, VoterEntity, VoterImportEntity } from '@app/persistence';
import { IsNull, Not } from 'typeorm';
import { VOTER_BATCH_ROWS } from '@app/imports';
import { EAVS_INSTRUMENTS } from '@app/domain';
import { parse } from 'csv-parse/sync';
import { cliEnv, runCli, spawnCli } from '@test/support/cli';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { FULTON_CLERK, GA_2020_ELECTION, provisionalIntake, seedGeorgia2020, services } from '@test/support/services';
import { GEORGIA_BUNDLE } from '@test/fixtures/jurisdiction';

jest.setTimeout(120_000);

const HEADER = 'voter_id,first_name,last_name,date_of_birth,county_code,precinct_id,status,registration_date,id_on_file';
const PRECINCTS = GEORGIA_BUNDLE.precincts;

/** A deterministic voter roll of `n` good rows for the fixture jurisdiction. */
function roll(n: number, extra: string[] = []): string {
  const lines = [HEADER];
  for (let i = 0; i < n; i += 1) {
    const p = PRECINCTS[i % PRECINCTS.length]!;
    lines.push(`R${i},First${i % 97},Last${i % 89},19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10},${p.countyCode},${p.id},${i % 20 === 0 ? 'inactive' : 'active'},2010-01-01,${i % 3 === 0 ? 'false' : 'true'}`);
  }
  return `${[...lines, ...extra].join('\n')}\n`;
}

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cli-')), name);
  writeFileSync(path, content);
  return path;
}

async function voterIds(db: TestDatabase): Promise<{ count: number; checksum: string }> {
  const rows = await db.dataSource.getRepository(VoterEntity).find({ select: { voterId: true }, order: { voterId: 'ASC' } });
  return { count: rows.length, checksum: createHash('sha256').update(rows.map((r) => r.voterId).join('\n')).digest('hex') };
}

describe.each(testDatabases())('the CLI on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedGeorgia2020(db.dataSource);
  });
  afterAll(async () => db.destroy());

  it('imports a voter roll, reports each bad row by line and field, and a second run changes nothing', async () => {
    const csv = file('roll.csv', roll(500, [
      'B1,Bad,Date,1970-02-30,FULTON,FUL-01,active,2010-01-01,true',
      'B2,Bad,Precinct,1970-01-01,FULTON,NOWHERE,active,2010-01-01,true',
      'B3,Bad,County,1970-01-01,COBB,FUL-01,active,2010-01-01,true',
      'B4,Bad,Status,1970-01-01,FULTON,FUL-01,moved,2010-01-01,true',
      'B5,Too,Few',
    ]));
    const before = await db.dataSource.getRepository(VoterEntity).count();
    const first = await runCli(['import', 'voters', csv, '--election', GA_2020_ELECTION], cliEnv(db));
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('line 502: date_of_birth: must be a date, YYYY-MM-DD');
    expect(first.stderr).toContain('line 503: precinct_id: NOWHERE is not a precinct of this election');
    expect(first.stderr).toContain('line 504: county_code: precinct FUL-01 is in county FULTON, not COBB');
    expect(first.stderr).toMatch(/line 505: status: must be one of/);
    expect(first.stderr).toContain('line 506: (row): has 3 fields; the header has 9');
    expect(first.stdout).toMatch(/\(incremental\): 505 rows read, 500 added, 0 updated, 0 unchanged, 0 restored, none removed \(incremental\), 5 refused/);
    expect(await db.dataSource.getRepository(VoterEntity).count()).toBe(before + 500);
    const second = await runCli(['import', 'voters', csv, '--election', GA_2020_ELECTION], cliEnv(db));
    expect(second.stdout).toMatch(/505 rows read, 0 added, 0 updated, 500 unchanged, 0 restored, none removed \(incremental\), 5 refused/);
    expect(await db.dataSource.getRepository(VoterEntity).count()).toBe(before + 500);
  });

  it('import voters again with a changed row: that voter is updated, the rest unchanged', async () => {
    const changed = roll(500).replace('\nR7,First7,Last7,', '\nR7,First7,Renamed,');
    const result = await runCli(['import', 'voters', file('changed.csv', changed), '--election', GA_2020_ELECTION], cliEnv(db));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/500 rows read, 0 added, 1 updated, 499 unchanged, 0 restored, none removed \(incremental\), 0 refused/);
    expect(await db.dataSource.getRepository(VoterEntity).findOneByOrFail({ electionId: GA_2020_ELECTION, voterId: 'R7' })).toMatchObject({ lastName: 'Renamed', removedAt: null });
  });

  it('import voters --full-roll --county: the county\'s voters left out are marked removed (audited), a later roll restores them; an unreadable line stops the removal (exit 2)', async () => {
    const own = await openTestDatabase(kind);
    try {
      await seedGeorgia2020(own.dataSource);
      const repo = own.dataSource.getRepository(VoterEntity);
      const fulton = (ids: string[]) => [HEADER, ...ids.map((id) => `${id},Pat,Voter${id},1980-02-29,FULTON,FUL-01,active,2012-01-01,true`)].join('\n');
      // The seed has Fulton voters 1001 and 1002 and Cobb voter 2001; this Fulton roll leaves out 1002.
      const first = await runCli(['import', 'voters', file('fulton.csv', fulton(['1001', '1003'])), '--election', GA_2020_ELECTION, '--full-roll', '--county', 'FULTON'], cliEnv(own));
      expect(first.code).toBe(0);
      expect(first.stdout).toMatch(/voters, import 1 \(full roll of county FULTON\): 2 rows read, 1 added, 0 updated, 1 unchanged, 0 restored, 1 removed, 0 refused/);
      expect(await repo.findOneByOrFail({ electionId: GA_2020_ELECTION, voterId: '1002' })).toMatchObject({ removedByImport: 1 });
      expect((await repo.findOneByOrFail({ electionId: GA_2020_ELECTION, voterId: '2001' })).removedAt).toBeNull();
      const audit = await own.dataSource.getRepository(AuditEntryEntity).findOneByOrFail({ event: 'VOTER_ROLL_IMPORTED' });
      expect(audit).toMatchObject({ actorId: 'system', payload: { importId: 1, mode: 'full_roll', countyCode: 'FULTON', inserted: 1, unchanged: 1, removed: 1, removal: 'done' } });

      const back = await runCli(['import', 'voters', file('fulton.csv', fulton(['1001', '1002', '1003'])), '--election', GA_2020_ELECTION, '--full-roll', '--county', 'FULTON'], cliEnv(own));
      expect(back.stdout).toMatch(/3 rows read, 0 added, 0 updated, 2 unchanged, 1 restored, 0 removed, 0 refused/);
      expect((await repo.findOneByOrFail({ electionId: GA_2020_ELECTION, voterId: '1002' })).removedAt).toBeNull();

      const unreadable = await runCli(['import', 'voters', file('fulton.csv', `${fulton(['1001'])}\n1002,Too,Few`), '--election', GA_2020_ELECTION, '--full-roll', '--county', 'FULTON'], cliEnv(own));
      expect(unreadable.code).toBe(2);
      expect(unreadable.stdout).toMatch(/none removed \(see below\), 1 refused/);
      expect(unreadable.stderr).toContain('line 3: (row): has 3 fields; the header has 9');
      expect(unreadable.stderr).toContain('removal not done: line 3 could not be read (has 3 fields; the header has 9), so whom it lists is unknown; nobody was marked removed.');
      expect(await repo.countBy({ electionId: GA_2020_ELECTION, removedAt: Not(IsNull()) })).toBe(0);

      const unknownCounty = await runCli(['import', 'voters', file('fulton.csv', fulton(['1001'])), '--election', GA_2020_ELECTION, '--full-roll', '--county', 'NOWHERE'], cliEnv(own));
      expect(unknownCounty.code).toBe(1);
      expect(unknownCounty.stderr).toMatch(/county NOWHERE is not a county of election/);
    } finally {
      await own.destroy();
    }
  });

  it('refuses a file whose header lacks a column, writing nothing', async () => {
    const csv = file('bad-header.csv', 'voter_id,first_name\nZ1,Zed\n');
    const result = await runCli(['import', 'voters', csv, '--election', GA_2020_ELECTION], cliEnv(db));
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/line 1: the header lacks last_name/);
  });

  it('imports a jurisdiction bundle idempotently', async () => {
    const bundle = file('jurisdiction.json', JSON.stringify(GEORGIA_BUNDLE));
    const counties = await db.dataSource.getRepository(CountyEntity).count();
    for (let i = 0; i < 2; i += 1) {
      const result = await runCli(['import', 'jurisdiction', bundle, '--election', GA_2020_ELECTION], cliEnv(db));
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/jurisdiction \(merge\): 3 counties, 8 districts, 5 precincts, 10 contests \(nothing changed\)/);
    }
    expect(await db.dataSource.getRepository(CountyEntity).count()).toBe(counties);
    const broken = file('broken.json', '{ "counties": [');
    expect((await runCli(['import', 'jurisdiction', broken, '--election', GA_2020_ELECTION], cliEnv(db))).stderr).toMatch(/cannot be read as JSON/);
  });

  it('issue 12: a jurisdiction file is held to the API\'s rules, each problem named by its path, and nothing is written', async () => {
    const audits = await db.dataSource.getRepository(AuditEntryEntity).count();
    const galactic = { ...GEORGIA_BUNDLE, districts: GEORGIA_BUNDLE.districts.map((d, i) => (i === 2 ? { ...d, kind: 'galactic' } : d)) };
    const kindRefused = await runCli(['import', 'jurisdiction', file('galactic.json', JSON.stringify(galactic)), '--election', GA_2020_ELECTION], cliEnv(db));
    expect(kindRefused.code).toBe(1);
    expect(kindRefused.stderr).toMatch(/^error: the jurisdiction bundle: districts\[2\]\.kind must be one of: /);
    const notAList = await runCli(['import', 'jurisdiction', file('not-a-list.json', JSON.stringify({ ...GEORGIA_BUNDLE, counties: 'x' })), '--election', GA_2020_ELECTION], cliEnv(db));
    expect(notAList.code).toBe(1);
    expect(notAList.stderr).toMatch(/^error: the jurisdiction bundle: counties must be an array/);
    expect(notAList.stderr).not.toMatch(/is not a function|TypeError/);
    const extra = await runCli(['import', 'jurisdiction', file('extra.json', JSON.stringify({ ...GEORGIA_BUNDLE, countys: [] })), '--election', GA_2020_ELECTION], cliEnv(db));
    expect(extra.stderr).toMatch(/property countys should not exist/);
    expect(await db.dataSource.getRepository(AuditEntryEntity).count()).toBe(audits);
  });

  it('import jurisdiction again: changed names update; --replace refuses, naming them, to remove precincts ballots or voters are in', async () => {
    const own = await openTestDatabase(kind);
    try {
      await seedGeorgia2020(own.dataSource);
      const renamed = { ...GEORGIA_BUNDLE, counties: GEORGIA_BUNDLE.counties.map((c) => (c.code === 'COBB' ? { ...c, name: 'Cobb County' } : c)) };
      const imports = () => own.dataSource.getRepository(AuditEntryEntity).countBy({ event: 'JURISDICTION_IMPORTED', actorId: 'system' });
      const before = await imports();
      const update = await runCli(['import', 'jurisdiction', file('renamed.json', JSON.stringify(renamed)), '--election', GA_2020_ELECTION], cliEnv(own));
      expect(update.code).toBe(0);
      expect(update.stdout).toContain('counties 0 added, 1 updated, 2 unchanged, 0 not in the file (kept)');
      expect((await own.dataSource.getRepository(CountyEntity).findOneByOrFail({ electionId: GA_2020_ELECTION, code: 'COBB' })).name).toBe('Cobb County');
      expect(await imports()).toBe(before + 1);

      const withoutFul01 = { ...renamed, precincts: renamed.precincts.filter((p) => p.id !== 'FUL-01' && p.id !== 'FUL-03') };
      const refused = await runCli(['import', 'jurisdiction', file('cut.json', JSON.stringify(withoutFul01)), '--election', GA_2020_ELECTION, '--replace'], cliEnv(own));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('precincts left out, but ballots or voters are in them: FUL-01');
      expect(await own.dataSource.getRepository(PrecinctEntity).countBy({ electionId: GA_2020_ELECTION })).toBe(5);

      const removed = await runCli(['import', 'jurisdiction', file('cut.json', JSON.stringify({ ...renamed, precincts: renamed.precincts.filter((p) => p.id !== 'FUL-03') })), '--election', GA_2020_ELECTION, '--replace'], cliEnv(own));
      expect(removed.code).toBe(0);
      expect(removed.stdout).toContain('precincts 0 added, 0 updated, 4 unchanged, 1 removed');
    } finally {
      await own.destroy();
    }
  });

  it('takes ballots in from CSV through intake, idempotent on receipt number, bad rows by line', async () => {
    const csv = file('ballots.csv', [
      'receipt_number,kind,county_code,precinct_id,first_name,last_name,date_of_birth,address,claimed_voter_id,issued_reason,cast_at,received_at,id_shown',
      'CSV-1,provisional,FULTON,FUL-01,Pat,Voter1001,1980-02-29,1 Peachtree St,1001,not_on_list,2020-11-03T12:00:00-05:00,2020-11-03T12:00:00-05:00,true',
      'CSV-2,provisional,FULTON,FUL-02,Pat,Voter1001,1980-02-29,1 Peachtree St,1001,not_on_list,2020-11-03T18:00:00-05:00,2020-11-03T18:00:00-05:00,true',
      'CSV-3,provisional,FULTON,FUL-01,Pat,Voter,1980-13-01,1 Peachtree St,,not_on_list,2020-11-03T12:00:00-05:00,2020-11-03T12:00:00-05:00,true',
      'CSV-4,absentee,FULTON,FUL-01,Pat,Voter,1980-01-01,1 Peachtree St,,not_on_list,2020-11-03T12:00:00-05:00,2020-11-03T12:00:00-05:00,true',
    ].join('\n'));
    const first = await runCli(['import', 'ballots', csv, '--election', GA_2020_ELECTION], cliEnv(db));
    expect(first.code).toBe(2);
    expect(first.stderr).toContain('line 4: date_of_birth: dateOfBirth must be a date, YYYY-MM-DD');
    expect(first.stderr).toMatch(/line 5: kind:/);
    expect(first.stdout).toMatch(/4 rows read, 2 added, 0 already present, 2 refused/);
    const second = await runCli(['import', 'ballots', csv, '--election', GA_2020_ELECTION], cliEnv(db));
    expect(second.stdout).toMatch(/4 rows read, 0 added, 2 already present, 2 refused/);
    const intakes = await db.dataSource.getRepository(AuditEntryEntity).countBy({ event: 'INTAKE', actorId: 'system' });
    expect(intakes).toBe(2);
  });

  it('refuses a ballot file that is not well-formed CSV whole, with the line, taking no row in', async () => {
    const csv = file('broken.csv', [
      'receipt_number,kind,county_code,precinct_id,first_name,last_name,date_of_birth,address,claimed_voter_id,issued_reason,cast_at,received_at,id_shown',
      'CSVQ-1,provisional,FULTON,FUL-01,Pat,Voter1001,1980-02-29,1 Peachtree St,1001,not_on_list,2020-11-03T12:00:00-05:00,2020-11-03T12:00:00-05:00,true',
      'CSVQ-2,provisional,FULTON,FUL-01,Pat,"Voter1001,1980-02-29,1 Peachtree St,1001,not_on_list,2020-11-03T12:00:00-05:00,2020-11-03T12:00:00-05:00,true',
    ].join('\n'));
    const refused = await runCli(['import', 'ballots', csv, '--election', GA_2020_ELECTION], cliEnv(db));
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/^error: line 3: a quoted field starts in this record/m);
    expect(refused.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(await db.dataSource.getRepository(BallotEntity).countBy({ receiptNumber: 'CSVQ-1' })).toBe(0);
  });

  it('sweep-deadlines rejects exactly the ballots past their recorded cure deadline, one audit entry each, and a second run does nothing', async () => {
    const thursday = Date.parse('2020-11-05T10:00:00-05:00');
    const s = services(db.dataSource, thursday);
    const waiting = [];
    for (let i = 0; i < 3; i += 1) {
      const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: '1002', lastName: 'Voter1002', idShown: false, issuedReason: 'no_id' }));
      waiting.push((await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'REQUEST_CURE', cureReason: 'id_required' }, 1)).ballot);
    }
    const untouched = await s.intake.intake(FULTON_CLERK, provisionalIntake());
    const before = await db.dataSource.getRepository(AuditEntryEntity).countBy({ event: 'DEADLINE_PASSED' });
    // Friday 17:00 EST is the deadline: a minute before, nothing is due; a minute after, the three are.
    const before1 = await runCli(['sweep-deadlines'], cliEnv(db, { CLOCK_AT: '2020-11-06T16:59:00-05:00' }));
    expect(before1.stdout).toMatch(/0 past their recorded cure deadline, 0 rejected/);
    const after = await runCli(['sweep-deadlines', '--election', GA_2020_ELECTION], cliEnv(db, { CLOCK_AT: '2020-11-06T17:01:00-05:00' }));
    expect(after.stdout).toMatch(/3 past their recorded cure deadline, 3 rejected/);
    for (const b of waiting) {
      await expect(db.dataSource.getRepository(BallotEntity).findOneByOrFail({ id: b.id })).resolves.toMatchObject({ status: 'rejected', rejectionReason: 'no_id' });
    }
    await expect(db.dataSource.getRepository(BallotEntity).findOneByOrFail({ id: untouched.id })).resolves.toMatchObject({ status: 'received.pending' });
    expect(await db.dataSource.getRepository(AuditEntryEntity).countBy({ event: 'DEADLINE_PASSED' })).toBe(before + 3);
    const again = await runCli(['sweep-deadlines'], cliEnv(db, { CLOCK_AT: '2020-11-06T17:01:00-05:00' }));
    expect(again.stdout).toMatch(/0 past their recorded cure deadline, 0 rejected/);
  });

  it('sweep-deadlines while another sweep holds the lock: exit 3, nothing done; once it is released the sweep runs', async () => {
    const held = await new ServiceLocks(new TransactionRunner(db.dataSource), { now: () => Date.parse('2020-11-06T17:01:00-05:00') }).acquire('deadline-sweep', 'another instance', 30 * 60_000);
    expect(held.acquired).toBe(true);
    const busy = await runCli(['sweep-deadlines'], cliEnv(db, { CLOCK_AT: '2020-11-06T17:01:00-05:00' }));
    expect(busy.code).toBe(3);
    expect(busy.stdout).toMatch(/another deadline sweep is running \(another instance, since 2020-11-06T22:01:00.000Z\); nothing done/);
    if (held.acquired) await held.release();
    const free = await runCli(['sweep-deadlines'], cliEnv(db, { CLOCK_AT: '2020-11-06T17:01:00-05:00' }));
    expect(free.code).toBe(0);
    expect(free.stdout).toMatch(/past their recorded cure deadline/);
  });

  it('export report: the state roll-up as CSV on standard output or in a new file; an unknown report is named', async () => {
    const out = await runCli(['export', 'report', 'state-rollup', '-', '--election', GA_2020_ELECTION], cliEnv(db));
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('countyCode,countyName,ballots,countedFull,countedPartial,rejected,outstanding');
    expect(lines.map((l) => l.split(',')[0])).toEqual(['countyCode', 'COBB', 'DEKALB', 'FULTON', 'ALL']);
    const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'partial.csv');
    expect((await runCli(['export', 'report', 'partial-counts', file, '--election', GA_2020_ELECTION], cliEnv(db))).code).toBe(0);
    expect(existsSync(file)).toBe(true);
    expect((await runCli(['export', 'report', 'partial-counts', file, '--election', GA_2020_ELECTION], cliEnv(db))).code).toBe(1);
    const unknown = await runCli(['export', 'report', 'turnout', '-', '--election', GA_2020_ELECTION], cliEnv(db));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no report turnout; there are: outstanding, /);
  });

  it('export report eavs --county: one county\u2019s section E and B figures, E1a its provisional ballots; an unknown county is named', async () => {
    const out = await runCli(['export', 'report', 'eavs', '-', '--election', GA_2020_ELECTION, '--county', 'FULTON'], cliEnv(db));
    expect(out.code).toBe(0);
    const [header, ...rows] = parse(out.stdout);
    expect(header).toEqual(['countyCode', 'countyName', 'instrument', 'section', 'item', 'label', 'description', 'value', 'confirmed', 'source', 'check']);
    // The 2020 election files the 2020 instrument: its items, each section followed by its checks.
    expect(rows.filter((r) => r[4] !== 'check').map((r) => r[4])).toEqual(EAVS_INSTRUMENTS[2020].items.map((i) => i.item));
    expect(new Set(rows.map((r) => `${r[0] ?? ''} ${r[2] ?? ''}`))).toEqual(new Set(['FULTON EAVS 2020']));
    const [{ n }] = await db.dataSource.query<[{ n: string | number }]>(`SELECT COUNT(*) AS n FROM ballots WHERE county_code = 'FULTON' AND kind = 'provisional'`);
    expect(Number(rows.find((r) => r[4] === 'E1a')?.[7])).toBe(Number(n));
    expect(rows.filter((r) => r[4] === 'check').every((r) => /^(holds|open):/.test(r[10] ?? ''))).toBe(true);
    const unknown = await runCli(['export', 'report', 'eavs', '-', '--election', GA_2020_ELECTION, '--county', 'NOWHERE'], cliEnv(db));
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no county NOWHERE in ga-2020-general/);
  });

  it('verify-audit: exit 0 when intact, 1 naming the entry when a row was altered', async () => {
    const ok = await runCli(['verify-audit'], cliEnv(db));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/audit chain intact: \d+ entries/);
    await db.dataSource.query(kind === 'postgres' ? 'DROP TRIGGER audit_entries_append_only ON audit_entries' : 'DROP TRIGGER audit_entries_no_update');
    await db.dataSource.query(`UPDATE audit_entries SET actor_role = 'admin' WHERE seq = 2`);
    const broken = await runCli(['verify-audit'], cliEnv(db));
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/audit chain BROKEN at entry 2/);
  });

  it('create-user reads the password from standard input only', async () => {
    const refused = await runCli(['create-user', '--username', 'cli.user', '--role', 'observer'], cliEnv(db));
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--password-stdin/);
    // NIST SP 800-63B (issue 13): a common password is refused, naming the field and why.
    const weak = await runCli(['create-user', '--username', 'cli.user', '--role', 'observer', '--password-stdin'], cliEnv(db), 'password1234\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/password is too easy to guess/);
    const made = await runCli(['create-user', '--username', 'cli.user', '--role', 'observer', '--password-stdin'], cliEnv(db), 'a long enough password\n');
    expect(made.stdout).toMatch(/created cli.user \(observer\)/);
  });
});

describe('the CLI on SQLite only', () => {
  it('an import killed mid-way, then run again, leaves exactly the rows of a clean import', async () => {
    // Six batches: time enough to kill it after the first commit and before the last.
    const rows = 6 * VOTER_BATCH_ROWS;
    const csv = file('big.csv', roll(rows));
    const killed = await openTestDatabase('sqlite');
    const clean = await openTestDatabase('sqlite');
    try {
      await seedGeorgia2020(killed.dataSource);
      await seedGeorgia2020(clean.dataSource);
      const child = spawnCli(['import', 'voters', csv, '--election', GA_2020_ELECTION], cliEnv(killed));
      // Kill it once the first batch has committed, before the last.
      for (;;) {
        const n = await killed.dataSource.getRepository(VoterEntity).count();
        if (n > 3) break;
        if (child.exitCode !== null) throw new Error('the import finished before it could be killed');
        await new Promise((r) => setTimeout(r, 20));
      }
      child.kill('SIGKILL');
      await child.result;
      const partial = await voterIds(killed);
      expect(partial.count).toBeGreaterThan(3);
      expect(partial.count).toBeLessThan(rows + 3);
      expect((partial.count - 3) % VOTER_BATCH_ROWS).toBe(0); // whole batches only

      // Issue 13: until another run looks, the killed import's record shows what it committed.
      const imports = killed.dataSource.getRepository(VoterImportEntity);
      expect(await imports.findOneByOrFail({ id: 1 })).toMatchObject({ status: 'running', inserted: partial.count - 3 });

      const rerun = await runCli(['import', 'voters', csv, '--election', GA_2020_ELECTION], cliEnv(killed));
      expect(rerun.code).toBe(0);
      // The next import closed the killed one as abandoned, credited with its committed rows, and
      // its STARTED entry got its end.
      expect(await imports.findOneByOrFail({ id: 1 })).toMatchObject({ status: 'abandoned', inserted: partial.count - 3, removal: 'not_requested' });
      expect((await imports.findOneByOrFail({ id: 1 })).finishedAt).not.toBeNull();
      expect(await imports.findOneByOrFail({ id: 2 })).toMatchObject({ status: 'completed' });
      const ends = await killed.dataSource.getRepository(AuditEntryEntity).find({ where: { event: 'VOTER_ROLL_IMPORT_ABANDONED' } });
      expect(ends.map((e) => e.payload)).toEqual([expect.objectContaining({ importId: 1, inserted: partial.count - 3, removed: 0 })]);
      const cleanRun = await runCli(['import', 'voters', csv, '--election', GA_2020_ELECTION], cliEnv(clean));
      expect(cleanRun.code).toBe(0);
      expect(await voterIds(killed)).toEqual(await voterIds(clean));
    } finally {
      await killed.destroy();
      await clean.destroy();
    }
  });

  it('backup makes a consistent copy that opens with the same rows', async () => {
    const db = await openTestDatabase('sqlite');
    try {
      await seedGeorgia2020(db.dataSource);
      const target = join(mkdtempSync(join(tmpdir(), 'backup-')), 'copy.sqlite');
      const result = await runCli(['backup', target], cliEnv(db));
      expect(result.code).toBe(0);
      expect(existsSync(target)).toBe(true);
      const copy = createDataSource({ kind: 'sqlite', path: target });
      await copy.initialize();
      expect(await copy.getRepository(VoterEntity).count()).toBe(await db.dataSource.getRepository(VoterEntity).count());
      await copy.destroy();
      expect((await runCli(['backup', target], cliEnv(db))).stderr).toMatch(/exists/);
    } finally {
      await db.destroy();
    }
  });
});
