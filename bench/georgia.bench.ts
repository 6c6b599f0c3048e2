/**
 * Georgia-scale benchmark (issue 6): the whole of a statewide general election's adjudication, on
 * one database, timed step by step.
 *
 * 1. A synthetic Georgia (159 counties, 2,600 precincts, 413 contests) and the election, GA-2020.
 * 2. A deterministic voter roll of VOTERS rows (7,600,000 by default), imported by the compiled CLI
 *    as its own process; as the baseline, the database's own shell loads the same file into a copy
 *    of the same empty schema (`sqlite3` `.import`; `psql` `\copy`).
 * 3. BALLOTS provisional and UOCAVA ballots (25,000) taken in by the CLI's `import ballots`, each
 *    decided by the eligibility engine, then driven through the lifecycle to counted, rejected,
 *    awaiting a cure, cured or held.
 * 4. Every report of REPORT_DEFINITIONS and the dashboard's figures, RUNS times each (the first run
 *    included): median and maximum.
 * Each step prints its wall time and peak memory (VmHWM for a child process; sampled RSS here).
 *
 *   npm run bench:georgia                                    (SQLite; VOTERS=200000 for a shorter run)
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:georgia
 *   npm run bench:georgia -- --postgres                      (the same server)
 * On PostgreSQL the URL names the server and a database to connect to while the benchmark creates
 * its own (bench_georgia_<pid>, and bench_georgia_<pid>_shell for the baseline) and drops them at
 * the end. KEEP=1 keeps the voter file and the databases.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setUpElection } from '@app/ballots';
import type { BallotCommand } from '@app/lifecycle';
import { BallotEntity, createDataSource, openAuditKey, Stores, TransactionRunner, type DatabaseConfig } from '@app/persistence';
import { loadBundledPacks, type EligibilityDecision } from '@app/rules';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { services, type Services } from '../test/support/services';
import { ballotsCsv, GEORGIA_PRECINCTS, georgiaBallots, georgiaJurisdiction, writeRoll } from './georgia-data';
import { measure, measureHere, medianAndMax, ROOT, type Cost } from './measure';
import { psqlImport, sqliteShellImport } from './roll-baseline';
import { DomainError, SYSTEM_ACTOR, type StaffActor } from '@app/domain';
import { REPORT_DEFINITIONS, Reports } from '@app/reports';

const VOTERS = Number(process.env['VOTERS'] ?? 7_600_000);
const BALLOTS = Number(process.env['BALLOTS'] ?? 25_000);
const RUNS = Number(process.env['RUNS'] ?? 5);
const KEEP = process.env['KEEP'] === '1';
const PG_DEFAULT = 'postgres://postgres@127.0.0.1:5432/test';
const PG_ADMIN = process.argv.includes('--postgres') ? (process.env['DATABASE_URL'] || PG_DEFAULT) : process.env['DATABASE_URL'] || null;
const OUT = join(ROOT, 'bench', 'out');
const ELECTION = 'ga-2020-general';
/** The benchmark's clock: Thursday of election week, cure windows open (as in the demo). */
const CLOCK_AT = '2020-11-05T10:00:00-05:00';
const NOW = Date.parse(CLOCK_AT);
const REPORT_AIM_MS = 1_000;
const RUN_AIM_S = 300;

interface Step extends Cost {
  readonly name: string;
  /** Who did the work, whose memory is given. */
  readonly who: string;
  readonly figure: string;
  /** Part of what the service does (not data generation, a build or the baseline). */
  readonly service: boolean;
}
const steps: Step[] = [];
function record(step: Step): void {
  steps.push(step);
  console.log(`  ${step.name}: ${step.seconds.toFixed(1)} s, peak memory ${step.peakMb.toFixed(0)} MB (${step.who})${step.figure === '' ? '' : `; ${step.figure}`}`);
}
const perSecond = (n: number, seconds: number): string => `${Math.round(n / seconds).toLocaleString('en-US')}/s`;
const thousands = (n: number): string => n.toLocaleString('en-US');

/** Where the benchmark's data lives, on SQLite or PostgreSQL, and the baseline's copy of the empty schema. */
interface Target {
  readonly kind: 'sqlite' | 'postgres';
  readonly config: DatabaseConfig;
  /** The environment the CLI runs with, on the same database. */
  readonly cliEnv: NodeJS.ProcessEnv;
  /** Copies the migrated, empty schema (with the election and jurisdiction) for the baseline. */
  copyForBaseline(): Promise<void>;
  baseline(csv: string): Promise<Cost>;
  baselineVoters(): Promise<number>;
  drop(): Promise<void>;
}

function sqliteTarget(): Target {
  const dir = join(OUT, 'georgia-sqlite');
  const cliDir = join(dir, 'cli');
  const shellDir = join(dir, 'shell');
  for (const d of [cliDir, shellDir]) {
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d, { recursive: true });
  }
  const path = join(cliDir, 'adjudication.sqlite');
  const shellPath = join(shellDir, 'adjudication.sqlite');
  return {
    kind: 'sqlite',
    config: { kind: 'sqlite', path },
    cliEnv: { DATA_DIR: cliDir, DATABASE_URL: '' },
    copyForBaseline: () => Promise.resolve(copyFileSync(path, shellPath)),
    baseline: (csv) => measure('/usr/bin/sqlite3', [shellPath], {}, sqliteShellImport(csv, ELECTION)),
    baselineVoters: () => Promise.resolve(Number(execFileSync('/usr/bin/sqlite3', [shellPath, 'SELECT COUNT(*) FROM voters;']).toString().trim())),
    drop: () => Promise.resolve(KEEP ? undefined : rmSync(dir, { recursive: true, force: true })),
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function postgresTarget(adminUrl: string): Promise<Target> {
  const name = `bench_georgia_${process.pid}`;
  const shellName = `${name}_shell`;
  const urlOf = (db: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${db}`;
    return url.toString();
  };
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const dataDir = join(OUT, 'georgia-postgres');
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  return {
    kind: 'postgres',
    config: { kind: 'postgres', url: urlOf(name) },
    cliEnv: { DATA_DIR: dataDir, DATABASE_URL: urlOf(name) },
    // A template copy needs the template without connections: the caller has closed its own.
    copyForBaseline: () => adminQuery(adminUrl, `CREATE DATABASE ${shellName} TEMPLATE ${name}`),
    baseline: (csv) => measure('/usr/bin/psql', ['-q', '-X', urlOf(shellName)], {}, psqlImport(csv, ELECTION)),
    baselineVoters: async () => {
      const client = new Client({ connectionString: urlOf(shellName) });
      await client.connect();
      try {
        const result = await client.query<{ n: string }>('SELECT COUNT(*) AS n FROM voters');
        return Number(result.rows[0]?.n ?? 0);
      } finally {
        await client.end();
      }
    },
    drop: async () => {
      if (KEEP) return;
      for (const db of [shellName, name]) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The audit key the CLI uses on this target (its data folder's audit.key), for this process's own appends. */
const auditKeyOf = (target: Target) => ({ kind: 'file', path: join(target.cliEnv['DATA_DIR'] ?? OUT, 'audit.key') }) as const;

/** The election and its jurisdiction on a freshly migrated database. */
async function setUp(target: Target): Promise<void> {
  const bundle = georgiaJurisdiction();
  const cost = await measureHere(async () => {
    const dataSource = createDataSource(target.config);
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'all' });
    await openAuditKey(dataSource, auditKeyOf(target));
    await new Stores(new TransactionRunner(dataSource)).write(SYSTEM_ACTOR, (s) =>
      setUpElection(s, loadBundledPacks(), { id: ELECTION, name: 'Georgia General Election 2020 (Georgia-scale benchmark)', state: 'GA', electionDay: '2020-11-03', rulePackId: 'GA-2020' }, bundle, Date.now()),
    );
    await dataSource.destroy();
  });
  record({ ...cost, name: 'migrate, election, jurisdiction', who: 'this process', figure: `${bundle.counties.length} counties, ${bundle.precincts.length} precincts, ${bundle.contests.length} contests`, service: true });
  await target.copyForBaseline();
}

/** The CLI, compiled into its own folder of dist/ (dist/apps/cli may be rebuilt by others meanwhile). */
function buildCli(): string {
  const tsconfig = join(OUT, 'tsconfig.georgia-cli.json');
  const outDir = join(ROOT, 'dist', 'bench-georgia-cli');
  writeFileSync(
    tsconfig,
    JSON.stringify({
      extends: '../../apps/cli/tsconfig.app.json',
      compilerOptions: { outDir: '../../dist/bench-georgia-cli', incremental: false },
      include: ['../../apps/cli/src/**/*', '../../libs/**/*'],
      exclude: ['../../node_modules', '../../dist', '../../test', '../../**/*.spec.ts'],
    }),
  );
  const started = process.hrtime.bigint();
  execFileSync('npx', ['nest', 'build', 'cli', '-p', relative(ROOT, tsconfig)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`  CLI compiled in ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(1)} s (${outDir})`);
  return join(outDir, 'apps/cli/src/main.js');
}

async function importRoll(target: Target, cli: string): Promise<void> {
  const csv = join(OUT, `georgia-voters-${VOTERS}.csv`);
  const bundle = georgiaJurisdiction();
  if (existsSync(csv)) {
    console.log(`  voter file already there (${csv}, ${(statSync(csv).size / 1e6).toFixed(0)} MB)`);
  } else {
    const written = await measureHere(() => writeRoll(csv, VOTERS, bundle.precincts));
    record({ ...written, name: 'voter file generated', who: 'this process', figure: `${thousands(VOTERS)} rows, ${(written.result / 1e6).toFixed(0)} MB`, service: false });
  }
  const imported = await measure(process.execPath, [cli, 'import', 'voters', csv, '--election', ELECTION], target.cliEnv);
  record({ ...imported, name: 'voter roll import (CLI)', who: 'CLI process', figure: `${perSecond(VOTERS, imported.seconds)} rows`, service: true });
  const shell = await target.baseline(csv);
  const voters = await target.baselineVoters();
  record({ ...shell, name: `baseline: ${target.kind === 'sqlite' ? 'sqlite3 .import' : 'psql \\copy'} of the same file`, who: target.kind === 'sqlite' ? 'sqlite3 shell' : 'psql client', figure: `${perSecond(voters, shell.seconds)} rows; ratio CLI / shell ${(imported.seconds / shell.seconds).toFixed(2)}`, service: false });
  if (!KEEP) rmSync(csv, { force: true });
}

async function intakeBallots(target: Target, cli: string): Promise<void> {
  const bundle = georgiaJurisdiction();
  const ballots = georgiaBallots(ELECTION, BALLOTS, VOTERS, bundle, NOW);
  const csv = join(OUT, `georgia-ballots-${BALLOTS}.csv`);
  writeFileSync(csv, ballotsCsv(ballots));
  const uocava = ballots.filter((b) => b.kind === 'uocava').length;
  const intake = await measure(process.execPath, [cli, 'import', 'ballots', csv, '--election', ELECTION], { ...target.cliEnv, CLOCK_AT });
  record({ ...intake, name: 'ballot intake (CLI import ballots)', who: 'CLI process', figure: `${thousands(BALLOTS - uocava)} provisional, ${thousands(uocava)} UOCAVA; ${perSecond(BALLOTS, intake.seconds)} ballots`, service: true });
  rmSync(csv, { force: true });
}

const clerkOf = (county: string): StaffActor => ({ id: `bench-clerk-${county}`, username: `${county.toLowerCase()}.clerk`, role: 'clerk', countyCode: county });
const supervisorOf = (county: string): StaffActor => ({ id: `bench-supervisor-${county}`, username: `${county.toLowerCase()}.supervisor`, role: 'supervisor', countyCode: county });

const tally = (counts: Map<string, number>, key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);
const listed = (counts: Map<string, number>) => [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k} ${thousands(n)}`).join(', ');

/** The engine's decision for every ballot taken in, as the console shows it on each ballot's page. */
async function decideAll(s: Services): Promise<{ ballots: BallotEntity[]; decisions: Map<string, EligibilityDecision> }> {
  const decided = await measureHere(async () => {
    const ballots = await s.tx.read((m) => m.find(BallotEntity, { where: { electionId: ELECTION }, order: { receiptNumber: 'ASC' } }));
    const decisions = new Map<string, EligibilityDecision>();
    for (const ballot of ballots) decisions.set(ballot.id, await s.decide(ballot, NOW));
    return { ballots, decisions };
  });
  const outcomes = new Map<string, number>();
  for (const d of decided.result.decisions.values()) tally(outcomes, d.outcome === 'count' ? `count (${d.determination})` : d.outcome === 'reject' ? `reject (${d.rejection})` : d.outcome);
  record({ ...decided, name: 'eligibility decisions', who: 'this process', figure: `${perSecond(decided.result.ballots.length, decided.seconds)} ballots; ${listed(outcomes)}`, service: true });
  return decided.result;
}

/**
 * Every ballot to where its decision leads, by its county's clerk and supervisor: count (VERIFY,
 * COUNT), reject (PROPOSE_REJECTION, CONFIRM_REJECTION; a late UOCAVA ballot the intake already
 * proposed is confirmed), hold (HOLD), cure (REQUEST_CURE; every other voter then cures, and the
 * ballot is verified and counted when nothing more is owed). A refusal leaves the ballot where it is.
 */
async function adjudicate(s: Services, ballots: readonly BallotEntity[], decisions: ReadonlyMap<string, EligibilityDecision>): Promise<void> {
  const refused = new Map<string, number>();
  const done = await measureHere(async () => {
    let transitions = 0;
    let cures = 0;
    for (const ballot of ballots) {
      let version = ballot.version;
      const send = async (actor: StaffActor, command: BallotCommand): Promise<boolean> => {
        try {
          version = (await s.transitions.apply(actor, ballot.id, command, version)).ballot.version;
          transitions += 1;
          return true;
        } catch (error) {
          if (!(error instanceof DomainError) || error.code !== 'event_refused') throw error;
          tally(refused, command.type);
          return false;
        }
      };
      const clerk = clerkOf(ballot.countyCode);
      const supervisor = supervisorOf(ballot.countyCode);
      const decision = decisions.get(ballot.id);
      if (ballot.status === 'received.rejectionProposed') {
        await send(supervisor, { type: 'CONFIRM_REJECTION' });
        continue;
      }
      switch (decision?.outcome) {
        case 'count':
          if (await send(clerk, { type: 'VERIFY' })) await send(clerk, { type: 'COUNT' });
          break;
        case 'cure': {
          if (!(await send(clerk, { type: 'REQUEST_CURE', cureReason: decision.cures[0].reason }))) break;
          cures += 1;
          if (cures % 2 === 1) break;
          if (await send(clerk, { type: 'RECORD_CURE', evidence: 'Photo ID shown at the registrar\'s office' })) {
            if (await send(clerk, { type: 'VERIFY' })) await send(clerk, { type: 'COUNT' });
          }
          break;
        }
        case 'reject':
          if (await send(clerk, { type: 'PROPOSE_REJECTION', reason: decision.rejection, note: decision.reasons.at(-1)?.message ?? 'Not eligible.' })) {
            await send(supervisor, { type: 'CONFIRM_REJECTION' });
          }
          break;
        case 'hold':
          await send(supervisor, { type: 'HOLD', courtOrder: 'Order extending polling hours (benchmark)' });
          break;
        case undefined:
          throw new Error(`no decision for ballot ${ballot.receiptNumber}`);
      }
    }
    return transitions;
  });
  const states = await s.tx.read((m) =>
    m.getRepository(BallotEntity).createQueryBuilder('b').select('b.status', 'status').addSelect('COUNT(*)', 'n').where('b.election_id = :e', { e: ELECTION }).groupBy('b.status').getRawMany<{ status: string; n: string | number }>(),
  );
  const finals = new Map(states.map((r) => [r.status, Number(r.n)]));
  record({ ...done, name: 'lifecycle transitions', who: 'this process', figure: `${thousands(done.result)} transitions, ${perSecond(done.result, done.seconds)}; now ${listed(finals)}${refused.size > 0 ? `; refused: ${listed(refused)}` : ''}`, service: true });
}

interface ReportTiming {
  readonly name: string;
  readonly rows: number;
  readonly median: number;
  readonly max: number;
}

async function timeReport(name: string, run: () => Promise<readonly unknown[] | object>): Promise<ReportTiming> {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < RUNS; i += 1) {
    const started = process.hrtime.bigint();
    const result = await run();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
    rows = Array.isArray(result) ? result.length : Object.values(result as Record<string, unknown[]>).reduce((n, v) => n + (Array.isArray(v) ? v.length : 0), 0);
  }
  const { median, max } = medianAndMax(times);
  console.log(`    ${name.padEnd(44)} median ${median.toFixed(1).padStart(7)} ms, max ${max.toFixed(1).padStart(7)} ms, ${thousands(rows)} rows${median > REPORT_AIM_MS ? '  OVER THE AIM (1 s)' : ''}`);
  return { name, rows, median, max };
}

/** Every report the API and CLI offer (REPORT_DEFINITIONS, whatever it holds now), and the dashboard. */
async function runReports(s: Services): Promise<ReportTiming[]> {
  const reports = new Reports(s.stores, s.rules);
  const observer: StaffActor = { id: 'bench-observer', username: 'state.observer', role: 'observer', countyCode: null };
  console.log(`  reports, ${RUNS} runs each (the first, cold, included), as the state's observer, statewide and for one county:`);
  const timed = await measureHere(async () => {
    const timings: ReportTiming[] = [];
    for (const [name, definition] of Object.entries(REPORT_DEFINITIONS)) {
      timings.push(await timeReport(name, () => definition.run(reports, observer, ELECTION)));
      timings.push(await timeReport(`${name} (one county, FULTON)`, () => definition.run(reports, observer, ELECTION, 'FULTON')));
    }
    timings.push(await timeReport('dashboard (statewide)', () => reports.dashboard(observer, ELECTION)));
    timings.push(await timeReport('dashboard (Fulton supervisor)', () => reports.dashboard(supervisorOf('FULTON'), ELECTION)));
    return timings;
  });
  const slowest = timed.result.reduce((a, b) => (b.max > a.max ? b : a));
  record({ ...timed, name: `reports (${timed.result.length} queries x ${RUNS})`, who: 'this process', figure: `slowest ${slowest.name}: median ${slowest.median.toFixed(0)} ms, max ${slowest.max.toFixed(0)} ms`, service: true });
  return timed.result;
}

function summary(total: number, timings: readonly ReportTiming[], kind: string): void {
  console.log(`\nsummary (${kind}, ${thousands(VOTERS)} voters, ${thousands(BALLOTS)} ballots, ${GEORGIA_PRECINCTS.toLocaleString('en-US')} precincts):`);
  console.log(`  ${'step'.padEnd(46)} ${'wall s'.padStart(8)} ${'peak MB'.padStart(8)}  memory of`);
  for (const s of steps) console.log(`  ${(s.service ? '' : '(') + s.name + (s.service ? '' : ')')}`.padEnd(48) + ` ${s.seconds.toFixed(1).padStart(8)} ${s.peakMb.toFixed(0).padStart(8)}  ${s.who}`);
  const service = steps.filter((s) => s.service).reduce((t, s) => t + s.seconds, 0);
  console.log(`  service steps (not in brackets): ${service.toFixed(1)} s (aim: under ${RUN_AIM_S} s: ${service < RUN_AIM_S ? 'met' : 'missed'}); the whole run ${total.toFixed(1)} s`);
  const over = timings.filter((t) => t.median > REPORT_AIM_MS);
  console.log(`  reports: slowest median ${Math.max(...timings.map((t) => t.median)).toFixed(1)} ms, slowest run ${Math.max(...timings.map((t) => t.max)).toFixed(1)} ms (aim: each under ${REPORT_AIM_MS} ms: ${over.length === 0 ? 'met' : `missed by ${over.map((t) => t.name).join(', ')}`})`);
}

/** The commit measured, and whether the code under it had changes not yet committed. */
function sourceVersion(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const changed = execFileSync('git', ['status', '--porcelain', 'libs', 'apps'], { cwd: ROOT }).toString().split('\n').filter((l) => l !== '').length;
    return `commit ${head}${changed > 0 ? ` with ${changed} changed files in libs/ and apps/` : ''}`;
  } catch {
    return `source ${process.env['BENCH_SOURCE'] ?? 'not in a git checkout'}`;
  }
}

async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  mkdirSync(OUT, { recursive: true });
  const target = PG_ADMIN === null ? sqliteTarget() : await postgresTarget(PG_ADMIN);
  console.log(`Georgia-scale benchmark on ${target.kind === 'sqlite' ? `SQLite (${target.config.kind === 'sqlite' ? target.config.path : ''})` : `PostgreSQL (${new URL(target.config.kind === 'postgres' ? target.config.url : '').pathname.slice(1)})`}: ${thousands(VOTERS)} voters, ${thousands(BALLOTS)} ballots; ${sourceVersion()}; Node ${process.version}`);
  let dataSource: DataSource | null = null;
  try {
    await setUp(target);
    const cli = buildCli();
    await importRoll(target, cli);
    await intakeBallots(target, cli);
    dataSource = createDataSource(target.config);
    await dataSource.initialize();
    await openAuditKey(dataSource, auditKeyOf(target));
    const s = services(dataSource, NOW);
    const { ballots, decisions } = await decideAll(s);
    await adjudicate(s, ballots, decisions);
    const timings = await runReports(s);
    summary(Number(process.hrtime.bigint() - started) / 1e9, timings, target.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL');
  } finally {
    if (dataSource?.isInitialized === true) await dataSource.destroy();
    await target.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
