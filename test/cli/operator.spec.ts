import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditEntryEntity, BallotEntity, CountyEntity, VoterEntity } from '@app/persistence';
import { cliEnv, runCli } from '@test/support/cli';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { GA_2020_ELECTION, seedGeorgia2020 } from '@test/support/services';
import { GEORGIA_BUNDLE } from '@test/fixtures/jurisdiction';

// Each CLI run is a new process compiling its sources (a few seconds); on a loaded shared machine, far more.
jest.setTimeout(300_000);

/** Issue 14 item 8: the CLI explains itself. Small files only: this suite stays fast. */
const VOTERS = [
  'voter_id,first_name,last_name,date_of_birth,county_code,precinct_id,status,registration_date,id_on_file',
  '1001,Pat,Voter1001,1980-02-29,FULTON,FUL-01,active,2010-01-01,true',
  'OP-1,New,Voter,1970-01-01,FULTON,FUL-01,active,2010-01-01,true',
  'OP-2,Bad,Date,1970-02-30,FULTON,FUL-01,active,2010-01-01,true',
].join('\n');
const BALLOTS = [
  'receipt_number,kind,county_code,first_name,last_name,date_of_birth,address,received_at,uocava_category',
  'OP-U-1,uocava,FULTON,Sam,Example,1975-06-01,APO AE 09012,2020-11-05T10:12:00-05:00,military_overseas',
  'OP-U-2,uocava,FULTON,Sam,Example,1975-06-01,APO AE 09012,not a time,military_overseas',
].join('\n');

function file(name: string, content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'cli-op-')), name);
  writeFileSync(path, content);
  return path;
}

describe.each(testDatabases())('the CLI for an operator, on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedGeorgia2020(db.dataSource);
  });
  afterAll(async () => db.destroy());

  const counts = async () => ({
    voters: await db.dataSource.getRepository(VoterEntity).count(),
    ballots: await db.dataSource.getRepository(BallotEntity).count(),
    counties: await db.dataSource.getRepository(CountyEntity).count(),
    audit: await db.dataSource.getRepository(AuditEntryEntity).count(),
  });

  it('--version prints the package\'s version; --help shows examples and the exit codes', async () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string };
    const version = await runCli(['--version'], cliEnv(db));
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await runCli(['--help'], cliEnv(db));
    expect(help.stdout).toMatch(/Examples:[\s\S]*--election[\s\S]*Exit codes: 0 done; 1 failed/);
    expect((await runCli(['import', 'voters', '--help'], cliEnv(db))).stdout).toMatch(/--election <id>[\s\S]*--dry-run/);
  });

  it('--dry-run on every import says what it would do, and writes nothing: the same counts, no audit entry', async () => {
    const before = await counts();
    const voters = await runCli(['import', 'voters', file('roll.csv', VOTERS), '--election', GA_2020_ELECTION, '--dry-run'], cliEnv(db));
    expect(voters.stdout).toMatch(/voters \(dry run, nothing written\): 3 rows read; would add 1, 1 already on the roll .*, 1 refused/);
    expect(voters.stderr).toMatch(/line 4: date_of_birth: /);
    expect(voters.code).toBe(2);

    const ballots = await runCli(['import', 'ballots', file('ballots.csv', BALLOTS), '--election', GA_2020_ELECTION, '--dry-run'], cliEnv(db));
    expect(ballots.stdout).toMatch(/ballots \(dry run, nothing written\): 2 rows read; would add 1, 0 already present, 1 refused/);
    expect(ballots.stderr).toMatch(/line 3: received_at: /);

    const bundle = { ...GEORGIA_BUNDLE, counties: [...GEORGIA_BUNDLE.counties, { code: 'DRYRUN', name: 'Dry Run County' }] };
    const jurisdiction = await runCli(['import', 'jurisdiction', file('bundle.json', JSON.stringify(bundle)), '--election', GA_2020_ELECTION, '--dry-run'], cliEnv(db));
    expect(jurisdiction.stdout).toMatch(/dry run: rolled back, nothing written[\s\S]*counties 1 added/);
    expect(jurisdiction.code).toBe(0);

    expect(await counts()).toEqual(before);
  });

  it('the election is --election; the older positional form still works, with a note', async () => {
    const missing = await runCli(['import', 'voters', file('roll.csv', VOTERS), '--dry-run'], cliEnv(db));
    expect(missing).toMatchObject({ code: 1, stderr: expect.stringMatching(/^error: say which election: .*--election <id>\n$/) as unknown });
    const old = await runCli(['import', 'voters', GA_2020_ELECTION, file('roll.csv', VOTERS), '--dry-run'], cliEnv(db));
    expect(old.stderr).toMatch(/note: "import voters <election> <file>" is deprecated/);
    expect(old.stdout).toMatch(/3 rows read/);
  });

  it('a missing file and a database that cannot be opened are one line in plain words, no raw code', async () => {
    const missing = await runCli(['import', 'voters', '/nowhere/roll.csv', '--election', GA_2020_ELECTION], cliEnv(db));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error: /nowhere/roll.csv: there is no such file or folder\n');
    const json = await runCli(['import', 'jurisdiction', '/nowhere/bundle.json', '--election', GA_2020_ELECTION], cliEnv(db));
    expect(json.stderr).toBe('error: /nowhere/bundle.json: there is no such file or folder\n');

    // Where the database file should be, a folder: SQLite cannot open it (SQLITE_CANTOPEN).
    const dataDir = mkdtempSync(join(tmpdir(), 'cli-op-'));
    mkdirSync(join(dataDir, 'adjudication.sqlite'));
    const unopenable = await runCli(['sweep-deadlines'], { ...cliEnv(db), DATABASE_URL: '', DATA_DIR: dataDir });
    expect(unopenable).toMatchObject({ code: 1, stderr: 'error: the SQLite database cannot be opened (check DATA_DIR: the folder must exist and be writable)\n' });
  });
});
