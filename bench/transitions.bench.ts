/**
 * Audited writes against the bare driver (issue 16), in one process: intake, then two transitions
 * per ballot (PROPOSE_REJECTION; CONFIRM_REJECTION, which also queues the voter's notice), through
 * the service layer; then the same statements by the raw driver on a copy of the same schema
 * (raw-baseline.ts); then 20 concurrent clients through the service. Prints rates and ratios.
 *
 *   npm run bench -- --transitions-only            (SQLite)
 *   npm run bench -- --transitions-only --postgres (PG_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 *   TX_BALLOTS=2000 ... for the number of ballots per phase
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setUpElection } from '@app/ballots';
import { demoJurisdiction, picker, seededRandom } from '@app/demo';
import { SYSTEM_ACTOR, type StaffActor } from '@app/domain';
import { auditKeyOf, createDataSource, openAuditKey, Stores, TransactionRunner, type DatabaseConfig } from '@app/persistence';
import { loadBundledPacks } from '@app/rules';
import { Client } from 'pg';
import { services, type Services } from '../test/support/services';
import { benchIntake } from './bench-ballot';
import { ROOT } from './measure';
import { RawAudit, rawIntake, rawPostgres, rawSqlite, rawTransition, type RawDb } from './raw-baseline';

const BALLOTS = Number(process.env['TX_BALLOTS'] ?? 3_000);
const CLIENTS = 20;
const ELECTION = 'ga-2020-general';
const NOW = Date.parse('2020-11-05T10:00:00-05:00');
const bundle = demoJurisdiction();
const clerk: StaffActor = { id: 'bench-clerk', username: 'bench.clerk', role: 'admin', countyCode: null };
const supervisor: StaffActor = { ...clerk, id: 'bench-supervisor' };

/** A migrated database with the election and its jurisdiction, its audit key in `dir`. */
async function prepare(config: DatabaseConfig, dir: string): Promise<void> {
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  await dataSource.runMigrations();
  await openAuditKey(dataSource, { kind: 'file', path: join(dir, 'audit.key') });
  await new Stores(new TransactionRunner(dataSource)).write(SYSTEM_ACTOR, (s) =>
    setUpElection(s, loadBundledPacks(), { id: ELECTION, name: 'Georgia 2020 (benchmark)', state: 'GA', electionDay: '2020-11-03' }, bundle, Date.now()),
  );
  await dataSource.destroy();
}

const rate = (count: number, seconds: number): number => count / seconds;
const fmt = (perSecond: number): string => `${Math.round(perSecond).toLocaleString('en-US')}/s`;

async function timed(work: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Intake of `count` ballots with receipts `<prefix>-i`; their ids. */
async function intakeAll(s: Services, prefix: string, count: number): Promise<string[]> {
  const pick = picker(seededRandom(25_000));
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const ballot = await s.intake.intake(clerk, benchIntake(ELECTION, pick(bundle.precincts), { receiptNumber: `${prefix}-${i}`, lastName: `Voter${i}` }));
    ids.push(ballot.id);
  }
  return ids;
}

/** No matched voter: the clerk proposes the rejection, a second admin confirms it. */
async function adjudicate(s: Services, id: string): Promise<void> {
  await s.transitions.apply(clerk, id, { type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'No record' }, 1);
  await s.transitions.apply(supervisor, id, { type: 'CONFIRM_REJECTION' }, 2);
}

async function ours(config: DatabaseConfig, dir: string): Promise<{ intake: number; sequential: number; concurrent: number }> {
  const dataSource = createDataSource(config);
  await dataSource.initialize();
  await openAuditKey(dataSource, { kind: 'file', path: join(dir, 'audit.key') });
  const s = services(dataSource, NOW);
  let ids: string[] = [];
  const intakeSeconds = await timed(async () => void (ids = await intakeAll(s, 'S', BALLOTS)));
  const sequentialSeconds = await timed(async () => {
    for (const id of ids) await adjudicate(s, id);
  });
  const more = await intakeAll(s, 'C', BALLOTS);
  let next = 0;
  const concurrentSeconds = await timed(async () => {
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let id = more[next++]; id !== undefined; id = more[next++]) await adjudicate(s, id);
      }),
    );
  });
  await dataSource.destroy();
  return { intake: rate(BALLOTS, intakeSeconds), sequential: rate(2 * BALLOTS, sequentialSeconds), concurrent: rate(2 * BALLOTS, concurrentSeconds) };
}

async function raw(db: RawDb, key: Buffer): Promise<{ intake: number; sequential: number }> {
  const audit = new RawAudit(db, key);
  const pick = picker(seededRandom(25_000));
  const ids = Array.from({ length: BALLOTS }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const intakeSeconds = await timed(async () => {
    for (const [i, id] of ids.entries()) {
      const p = pick(bundle.precincts);
      await rawIntake(db, audit, { id, electionId: ELECTION, receiptNumber: `R-${i}`, countyCode: p.countyCode, precinctId: p.id, lastName: `Voter${i}` }, NOW);
    }
  });
  const sequentialSeconds = await timed(async () => {
    for (const id of ids) {
      await rawTransition(db, audit, id, 'PROPOSE_REJECTION', 'received.rejectionProposed', false, NOW);
      await rawTransition(db, audit, id, 'CONFIRM_REJECTION', 'rejected', true, NOW);
    }
  });
  await db.close();
  return { intake: rate(BALLOTS, intakeSeconds), sequential: rate(2 * BALLOTS, sequentialSeconds) };
}

/** Two fresh databases (ours, the baseline's) with the same schema and election; and the audit key. */
async function databases(postgres: boolean, dir: string): Promise<{ ours: DatabaseConfig; raw: () => Promise<RawDb>; key: Buffer; drop: () => Promise<void> }> {
  const keyOf = async (config: DatabaseConfig): Promise<Buffer> => {
    const dataSource = createDataSource(config);
    await dataSource.initialize();
    await openAuditKey(dataSource, { kind: 'file', path: join(dir, 'audit.key') });
    const key = auditKeyOf(dataSource);
    await dataSource.destroy();
    if (key === null) throw new Error('no audit key');
    return key;
  };
  if (!postgres) {
    const path = join(dir, 'adjudication.sqlite');
    await prepare({ kind: 'sqlite', path }, dir);
    copyFileSync(path, join(dir, 'raw.sqlite'));
    const config: DatabaseConfig = { kind: 'sqlite', path };
    return { ours: config, raw: () => rawSqlite(join(dir, 'raw.sqlite')), key: await keyOf(config), drop: () => Promise.resolve() };
  }
  const admin = new URL(process.env['PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const names = [`bench_tx_ours_${process.pid}`, `bench_tx_raw_${process.pid}`];
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  for (const name of names) await client.query(`CREATE DATABASE ${name}`);
  const urlOf = (name: string): string => Object.assign(new URL(admin.toString()), { pathname: `/${name}` }).toString();
  for (const name of names) await prepare({ kind: 'postgres', url: urlOf(name) }, dir);
  const config: DatabaseConfig = { kind: 'postgres', url: urlOf(names[0] as string) };
  return {
    ours: config,
    raw: () => rawPostgres(urlOf(names[1] as string)),
    key: await keyOf(config),
    drop: async () => {
      for (const name of names) await client.query(`DROP DATABASE IF EXISTS ${name}`);
      await client.end();
    },
  };
}

export async function transitionBenchmark(postgres: boolean): Promise<void> {
  const dir = join(ROOT, 'bench', 'out', 'transitions');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const dbs = await databases(postgres, dir);
  try {
    const baseline = await raw(await dbs.raw(), dbs.key);
    const service = await ours(dbs.ours, dir);
    const name = postgres ? 'PostgreSQL (raw: pg client)' : 'SQLite (raw: sqlite3 driver)';
    console.log(`audited writes on ${name}, ${BALLOTS.toLocaleString('en-US')} ballots per phase, Node ${process.version}`);
    console.log(`  intake:                    ours ${fmt(service.intake)}, raw ${fmt(baseline.intake)}, ratio ${(service.intake / baseline.intake).toFixed(2)} (aim 0.5)`);
    console.log(`  transitions, sequential:   ours ${fmt(service.sequential)}, raw ${fmt(baseline.sequential)}, ratio ${(service.sequential / baseline.sequential).toFixed(2)} (aim 0.5)`);
    console.log(`  transitions, ${CLIENTS} clients:   ours ${fmt(service.concurrent)}, raw sequential ${fmt(baseline.sequential)}, ratio ${(service.concurrent / baseline.sequential).toFixed(2)} (aim 1.0)`);
  } finally {
    await dbs.drop();
  }
}

if (require.main === module) {
  transitionBenchmark(process.argv.includes('--postgres')).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
