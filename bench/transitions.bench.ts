/**
 * Audited writes against the bare driver (issue 16), in one process: intake, then two transitions
 * per ballot (PROPOSE_REJECTION; CONFIRM_REJECTION, which also queues the voter's notice), through
 * the service layer; then the same statements by the raw driver on a copy of the same schema
 * (raw-baseline.ts); then 20 concurrent clients through the service. Raw and ours take turns in
 * rounds, so the machine's noise weighs on both. Prints rates and ratios.
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

const fmt = (perSecond: number): string => `${Math.round(perSecond).toLocaleString('en-US')}/s`;

/** Rounds, raw and ours taking turns in each, so a noisy machine weighs on both alike. */
const ROUNDS = 5;

interface Rates {
  intake: number;
  sequential: number;
  concurrent: number;
}

/** Seconds spent per measured phase, summed over the rounds. */
class Clock {
  readonly seconds = new Map<string, number>();
  async time(phase: string, work: () => Promise<void>): Promise<void> {
    const started = process.hrtime.bigint();
    await work();
    this.seconds.set(phase, (this.seconds.get(phase) ?? 0) + Number(process.hrtime.bigint() - started) / 1e9);
  }
  rate(phase: string, count: number): number {
    return count / (this.seconds.get(phase) ?? Number.NaN);
  }
}

/** The service layer: intake one at a time, then two transitions per ballot; the same again by 20 clients. */
class Ours {
  private readonly pick = picker(seededRandom(25_000));
  constructor(private readonly s: Services) {}

  async intake(prefix: string, from: number, to: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = from; i < to; i += 1) {
      const ballot = await this.s.intake.intake(clerk, benchIntake(ELECTION, this.pick(bundle.precincts), { receiptNumber: `${prefix}-${i}`, lastName: `Voter${i}` }));
      ids.push(ballot.id);
    }
    return ids;
  }

  /** No matched voter: the clerk proposes the rejection, a second admin confirms it. */
  async adjudicate(id: string): Promise<void> {
    await this.s.transitions.apply(clerk, id, { type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'No record' }, 1);
    await this.s.transitions.apply(supervisor, id, { type: 'CONFIRM_REJECTION' }, 2);
  }

  async concurrently(ids: readonly string[]): Promise<void> {
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let id = ids[next++]; id !== undefined; id = ids[next++]) await this.adjudicate(id);
      }),
    );
  }
}

/** The bare driver doing the same statements (raw-baseline.ts). */
class Raw {
  private readonly pick = picker(seededRandom(25_000));
  private readonly audit: RawAudit;
  constructor(private readonly db: RawDb, key: Buffer) {
    this.audit = new RawAudit(db, key);
  }

  async intake(from: number, to: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = from; i < to; i += 1) {
      const p = this.pick(bundle.precincts);
      const id = `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
      await rawIntake(this.db, this.audit, { id, electionId: ELECTION, receiptNumber: `R-${i}`, countyCode: p.countyCode, precinctId: p.id, lastName: `Voter${i}` }, NOW);
      ids.push(id);
    }
    return ids;
  }

  async adjudicate(id: string): Promise<void> {
    await rawTransition(this.db, this.audit, id, 'PROPOSE_REJECTION', 'received.rejectionProposed', false, NOW);
    await rawTransition(this.db, this.audit, id, 'CONFIRM_REJECTION', 'rejected', true, NOW);
  }
}

async function measureBoth(oursConfig: DatabaseConfig, rawDb: RawDb, key: Buffer, dir: string): Promise<{ ours: Rates; raw: Rates }> {
  const dataSource = createDataSource(oursConfig);
  await dataSource.initialize();
  await openAuditKey(dataSource, { kind: 'file', path: join(dir, 'audit.key') });
  const ours = new Ours(services(dataSource, NOW));
  const raw = new Raw(rawDb, key);
  const clock = new Clock();
  const per = Math.ceil(BALLOTS / ROUNDS);
  for (let round = 0; round < ROUNDS; round += 1) {
    const [from, to] = [round * per, Math.min(BALLOTS, (round + 1) * per)];
    let rawIds: string[] = [];
    let ourIds: string[] = [];
    await clock.time('raw intake', async () => void (rawIds = await raw.intake(from, to)));
    await clock.time('ours intake', async () => void (ourIds = await ours.intake('S', from, to)));
    await clock.time('raw sequential', async () => {
      for (const id of rawIds) await raw.adjudicate(id);
    });
    await clock.time('ours sequential', async () => {
      for (const id of ourIds) await ours.adjudicate(id);
    });
    const more = await ours.intake('C', from, to);
    await clock.time('ours concurrent', () => ours.concurrently(more));
  }
  await dataSource.destroy();
  await rawDb.close();
  const rates = (who: string): Rates => ({ intake: clock.rate(`${who} intake`, BALLOTS), sequential: clock.rate(`${who} sequential`, 2 * BALLOTS), concurrent: clock.rate(`${who} concurrent`, 2 * BALLOTS) });
  return { ours: rates('ours'), raw: rates('raw') };
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
    const { ours: service, raw: baseline } = await measureBoth(dbs.ours, await dbs.raw(), dbs.key, dir);
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
