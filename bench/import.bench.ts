/**
 * Service benchmark (issue 3).
 *
 * 1. Generates a deterministic 1,000,000-voter CSV, imports it with the CLI (compiled, as its own
 *    process) into a fresh migrated SQLite file, and in the same run imports the same file with the
 *    sqlite3 shell's .import into a copy of the same empty schema, as the baseline. Prints both
 *    times, the ratio, rows per second and the CLI's peak memory (VmHWM).
 * 2. Audited writes through the service layer against the bare driver doing the same statements,
 *    sequential and with 20 clients (transitions.bench.ts); `--postgres` runs them on PostgreSQL.
 *
 *   npm run bench                     (VOTERS=200000 TX_BALLOTS=1000 npm run bench for a shorter run)
 *   npm run bench -- --transitions-only [--postgres]
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, createWriteStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { setUpElection } from '@app/ballots';
import { demoJurisdiction, picker, seededRandom } from '@app/demo';
import { createDataSource, openAuditKey, Stores, TransactionRunner } from '@app/persistence';
import { loadBundledPacks } from '@app/rules';
import { transitionBenchmark } from './transitions.bench';
import { measure, ROOT } from './measure';
import { sqliteShellImport } from './roll-baseline';
import { SYSTEM_ACTOR } from '@app/domain';

const VOTERS = Number(process.env['VOTERS'] ?? 1_000_000);
const OUT = join(ROOT, 'bench', 'out');
const ELECTION = 'ga-2020-general';
const bundle = demoJurisdiction();

async function writeRoll(path: string): Promise<void> {
  const random = seededRandom(7_600_000);
  const pick = picker(random);
  const out = createWriteStream(path);
  out.write('voter_id,first_name,last_name,date_of_birth,county_code,precinct_id,status,registration_date,id_on_file\n');
  for (let i = 0; i < VOTERS; i += 1) {
    const p = pick(bundle.precincts);
    const line = `${10_000_000 + i},First${Math.floor(random() * 5000)},Last${Math.floor(random() * 20000)},19${40 + Math.floor(random() * 60)}-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')},${p.countyCode},${p.id},${random() < 0.93 ? 'active' : 'inactive'},2012-03-01,${random() < 0.9 ? 'true' : 'false'}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** A migrated SQLite file with the election and its jurisdiction, and no voters. */
async function emptySchema(path: string): Promise<void> {
  const dataSource = createDataSource({ kind: 'sqlite', path });
  await dataSource.initialize();
  await dataSource.runMigrations();
  // The key the CLI and the service find in this data folder.
  await openAuditKey(dataSource, { kind: 'file', path: join(dirname(path), 'audit.key') });
  await new Stores(new TransactionRunner(dataSource)).write(SYSTEM_ACTOR, (s) =>
    setUpElection(s, loadBundledPacks(), { id: ELECTION, name: 'Georgia 2020 (benchmark)', state: 'GA', electionDay: '2020-11-03' }, bundle, Date.now()),
  );
  await dataSource.destroy();
}

async function importBenchmark(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  if (!existsSync('/usr/bin/sqlite3')) {
    console.error('the baseline needs the sqlite3 shell: apt-get install -y sqlite3');
    process.exit(1);
  }
  const csv = join(OUT, `voters-${VOTERS}.csv`);
  if (!existsSync(csv)) await writeRoll(csv);
  console.log(`voter roll: ${VOTERS.toLocaleString('en-US')} rows, ${(statSync(csv).size / 1e6).toFixed(0)} MB (${csv})`);

  const cliDir = join(OUT, 'cli');
  const shellDir = join(OUT, 'shell');
  for (const dir of [cliDir, shellDir]) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
  }
  await emptySchema(join(cliDir, 'adjudication.sqlite'));
  copyFileSync(join(cliDir, 'adjudication.sqlite'), join(shellDir, 'adjudication.sqlite'));

  execFileSync('npx', ['nest', 'build', 'cli'], { cwd: ROOT, stdio: 'ignore' });
  const cli = await measure(process.execPath, [join(ROOT, 'dist/apps/cli/apps/cli/src/main.js'), 'import', 'voters', csv, '--election', ELECTION], { DATA_DIR: cliDir, DATABASE_URL: '' });

  // Baseline: the sqlite3 shell's .import of the same file into the same schema.
  const script = sqliteShellImport(csv, ELECTION);
  const shell = await measure('/usr/bin/sqlite3', [join(shellDir, 'adjudication.sqlite')], {}, script);

  const check = (dir: string) => execFileSync('/usr/bin/sqlite3', [join(dir, 'adjudication.sqlite'), 'SELECT COUNT(*) FROM voters;']).toString().trim();
  console.log(`  CLI import:      ${cli.seconds.toFixed(1)} s, ${Math.round(VOTERS / cli.seconds).toLocaleString('en-US')} rows/s, peak memory ${cli.peakMb.toFixed(0)} MB (${check(cliDir)} rows)`);
  console.log(`  sqlite3 .import: ${shell.seconds.toFixed(1)} s, ${Math.round(VOTERS / shell.seconds).toLocaleString('en-US')} rows/s (${check(shellDir)} rows)`);
  console.log(`  ratio CLI / shell: ${(cli.seconds / shell.seconds).toFixed(2)} (aim: 3 or less; peak memory aim: under 300 MB)`);
}

async function main(): Promise<void> {
  if (!process.argv.includes('--transitions-only')) await importBenchmark();
  await transitionBenchmark(process.argv.includes('--postgres'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
