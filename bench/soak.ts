/**
 * Soak (issue 13): election week's load held at once, for DURATION seconds (60 by default):
 * - 50 portal connections looking ballots up (autocannon; nine in ten with the right date of birth),
 * - 5 clerks, each signed in as a clerk of their own county, taking ballots in, reading them back,
 *   listing their queue and proposing rejections, one request after another,
 * - one voter roll import by the CLI (ROLL voters, 1,000,000 by default), as its own process.
 * Not a test and not timed against an aim: it prints what went wrong (errors must be 0; the portal's
 * 404s for a wrong date of birth and any 429s are designed and counted apart), the p50 and p99 of
 * each endpoint beside the bare GET /api/health measured alone first (the baseline), how far the
 * import got, and the audit chain's verification at the end.
 *
 *   npm run soak                    (SQLite in a temporary folder)
 *   npm run soak -- --postgres      (a database made on TEST_PG_ADMIN_URL's server, dropped after)
 *   DURATION=20 ROLL=200000 BALLOTS=20000 npm run soak   (a shorter run)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { demoJurisdiction, seededRandom } from '@app/demo';
import type { DatabaseConfig } from '@app/persistence';
import { Client } from 'pg';
import { startService, type RunningService } from '../test/support/app';
import { writeRoll } from './georgia-data';
import { ROOT } from './measure';
import { BENCH_ELECTION, BENCH_PASSWORD, benchDateOfBirth, benchReceipt, seedBallots } from './seed-ballots';

const DURATION = Number(process.env['DURATION'] ?? 60);
const BALLOTS = Number(process.env['BALLOTS'] ?? 100_000);
const ROLL = Number(process.env['ROLL'] ?? 1_000_000);
const CLERKS = 5;
const PORTAL_CONNECTIONS = 50;
const POSTGRES = process.argv.includes('--postgres');
const ADMIN_URL = process.env['TEST_PG_ADMIN_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const CLOCK_AT = '2020-11-05T10:00:00-05:00';

/** Latencies and outcomes of one endpoint, as the clerks saw them. */
class Endpoint {
  readonly times: number[] = [];
  errors = 0;
  readonly samples: string[] = [];
  constructor(readonly name: string) {}
  record(ms: number, ok: boolean, detail: string): void {
    this.times.push(ms);
    if (!ok) {
      this.errors += 1;
      if (this.samples.length < 3) this.samples.push(detail);
    }
  }
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
};

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

interface Target {
  readonly label: string;
  readonly config: DatabaseConfig;
  readonly env: NodeJS.ProcessEnv;
  readonly dir: string;
  drop(): Promise<void>;
}

async function target(): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'soak-'));
  if (!POSTGRES) {
    return { label: 'SQLite', config: { kind: 'sqlite', path: join(dir, 'adjudication.sqlite') }, env: { DATABASE_URL: '', DATA_DIR: dir }, dir, drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })) };
  }
  const name = `soak_${process.pid}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    label: 'PostgreSQL',
    config: { kind: 'postgres', url: url.toString() },
    env: { DATABASE_URL: url.toString(), DATA_DIR: dir },
    dir,
    drop: async () => {
      await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function call(url: string, init: RequestInit): Promise<{ status: number; body: unknown; ms: number }> {
  const started = process.hrtime.bigint();
  try {
    const response = await fetch(url, init);
    const text = await response.text();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: response.status, body, ms };
  } catch (error) {
    return { status: 0, body: error instanceof Error ? error.message : String(error), ms: Number(process.hrtime.bigint() - started) / 1e6 };
  }
}

async function signIn(service: RunningService, username: string, password: string): Promise<string> {
  const response = await call(`${service.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { token: string }).token;
}

/** One clerk's working loop until `until`: intake, read back, the queue, propose a rejection. */
async function clerk(service: RunningService, token: string, index: number, precinct: { id: string; countyCode: string }, until: number, endpoints: Record<string, Endpoint>): Promise<number> {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  let done = 0;
  for (let n = 0; Date.now() < until; n += 1) {
    const intake = await call(`${service.url}/api/ballots`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        electionId: BENCH_ELECTION,
        receiptNumber: `SOAK-${index}-${n}`,
        kind: 'provisional',
        countyCode: precinct.countyCode,
        precinctId: precinct.id,
        firstName: 'Pat',
        lastName: `Soak${n}`,
        dateOfBirth: '1980-02-29',
        address: '1 Main St',
        issuedReason: 'not_on_list',
        receivedAt: '2020-11-03T12:00:00-05:00',
        castAt: '2020-11-03T12:00:00-05:00',
        idShown: true,
      }),
    });
    endpoints['intake']?.record(intake.ms, intake.status === 201, `${intake.status} ${JSON.stringify(intake.body).slice(0, 200)}`);
    if (intake.status !== 201) continue;
    const id = (intake.body as { id: string }).id;
    const read = await call(`${service.url}/api/ballots/${id}`, { headers });
    endpoints['read']?.record(read.ms, read.status === 200, `${read.status}`);
    const queue = await call(`${service.url}/api/ballots?electionId=${BENCH_ELECTION}&county=${precinct.countyCode}&subState=received.pending`, { headers });
    endpoints['queue']?.record(queue.ms, queue.status === 200, `${queue.status} ${JSON.stringify(queue.body).slice(0, 200)}`);
    const propose = await call(`${service.url}/api/ballots/${id}/events`, { method: 'POST', headers, body: JSON.stringify({ type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'Not found on the roll (soak)', expectedVersion: 1 }) });
    endpoints['event']?.record(propose.ms, propose.status === 201, `${propose.status} ${JSON.stringify(propose.body).slice(0, 200)}`);
    done += 1;
  }
  return done;
}

async function portal(url: string, seconds: number): Promise<autocannon.Result> {
  const random = seededRandom(13);
  return autocannon({
    url: `${url}/api/portal/lookup`,
    connections: PORTAL_CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => {
          const i = Math.floor(random() * BALLOTS);
          return { ...request, body: JSON.stringify({ receiptNumber: benchReceipt(i), dateOfBirth: random() < 0.9 ? benchDateOfBirth(i) : '1999-12-31' }) };
        },
      },
    ],
  });
}

async function main(): Promise<void> {
  const t = await target();
  try {
    const seeded = Date.now();
    await seedBallots(t.config, BALLOTS, t.dir);
    const bundle = demoJurisdiction();
    const rollPath = join(t.dir, 'roll.csv');
    await writeRoll(rollPath, ROLL, bundle.precincts);
    console.log(`soak on ${t.label}: ${BALLOTS.toLocaleString('en-US')} ballots and a ${ROLL.toLocaleString('en-US')}-voter roll file made in ${((Date.now() - seeded) / 1000).toFixed(1)} s; ${DURATION} s of load`);
    // Every portal request comes from this one address, so the per-client limits are raised: the
    // soak measures the lookup under load, not the limiter turning one address away.
    const service = await startService({ ...t.env, CLOCK_AT, SWEEP_INTERVAL_SECONDS: '0', PORTAL_LOOKUPS_PER_CLIENT: '999999999', PORTAL_FAILURES_PER_RECEIPT: '999999999', PORTAL_FAILURES_PER_RECEIPT_CLIENT: '999999999' });
    try {
      const admin = await signIn(service, 'state.admin', BENCH_PASSWORD);
      const counties = [...new Set(bundle.precincts.map((p) => p.countyCode))].slice(0, CLERKS);
      const clerks: { token: string; precinct: { id: string; countyCode: string } }[] = [];
      for (const [i, countyCode] of counties.entries()) {
        const username = `soak.clerk${i}`;
        const password = `soak clerk ${i} ${process.pid} lemonade harbour`;
        const made = await call(`${service.url}/api/users`, { method: 'POST', headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, body: JSON.stringify({ username, displayName: `Soak clerk ${i}`, password, role: 'clerk', countyCode }) });
        if (made.status !== 201) throw new Error(`creating ${username}: ${made.status} ${JSON.stringify(made.body)}`);
        const precinct = bundle.precincts.find((p) => p.countyCode === countyCode);
        if (precinct === undefined) throw new Error(`no precinct in ${countyCode}`);
        clerks.push({ token: await signIn(service, username, password), precinct });
      }

      const bare = await autocannon({ url: `${service.url}/api/health`, connections: PORTAL_CONNECTIONS, duration: 5 });

      const endpoints: Record<string, Endpoint> = {
        intake: new Endpoint('POST /api/ballots (intake)'),
        read: new Endpoint('GET /api/ballots/:id'),
        queue: new Endpoint('GET /api/ballots (queue)'),
        event: new Endpoint('POST /api/ballots/:id/events'),
      };
      const until = Date.now() + DURATION * 1000;
      const importStarted = Date.now();
      const cli = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/cli/src/main.ts', 'import', 'voters', rollPath, '--election', BENCH_ELECTION], {
        cwd: ROOT,
        env: { ...process.env, ...t.env, TS_NODE_TRANSPILE_ONLY: 'true' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let cliOutput = '';
      cli.stdout.on('data', (chunk: Buffer) => (cliOutput += chunk.toString()));
      cli.stderr.on('data', (chunk: Buffer) => (cliOutput += chunk.toString()));
      const importEnded = once(cli, 'exit').then(([code]) => ({ code: code as number | null, seconds: (Date.now() - importStarted) / 1000 }));
      const [lookups, worked] = await Promise.all([portal(service.url, DURATION), Promise.all(clerks.map((c, i) => clerk(service, c.token, i, c.precinct, until, endpoints)))]);
      const imported = await importEnded;

      const verify = await call(`${service.url}/api/audit/verify`, { headers: { authorization: `Bearer ${admin}` } });
      const intact = verify.status === 200 && (verify.body as { intact?: boolean }).intact === true;

      const designed = lookups.non2xx; // 404 (wrong date of birth) and 429 (limits): designed answers
      const portalErrors = lookups.errors + lookups.timeouts + (lookups['5xx'] ?? 0);
      const line = (name: string, p50: number, p99: number, n: number, errors: number) =>
        console.log(`  ${name.padEnd(34)} p50 ${p50.toFixed(1).padStart(7)} ms  p99 ${p99.toFixed(1).padStart(8)} ms  ${n.toLocaleString('en-US').padStart(9)} requests  ${errors} errors`);
      console.log(`  baseline: GET /api/health alone, ${PORTAL_CONNECTIONS} connections, 5 s: ${Math.round(bare.requests.average).toLocaleString('en-US')} requests/s, p50 ${bare.latency.p50} ms, p99 ${bare.latency.p99} ms`);
      line('POST /api/portal/lookup', lookups.latency.p50, lookups.latency.p99, lookups.requests.total, portalErrors);
      console.log(`    portal: ${Math.round(lookups.requests.average).toLocaleString('en-US')} requests/s (${(lookups.requests.average / bare.requests.average).toFixed(2)} of the bare endpoint alone); ${designed.toLocaleString('en-US')} designed 404/429 answers`);
      for (const e of Object.values(endpoints)) line(e.name, percentile(e.times, 0.5), percentile(e.times, 0.99), e.times.length, e.errors);
      console.log(`    clerks: ${worked.reduce((a, b) => a + b, 0).toLocaleString('en-US')} ballots taken in and proposed for rejection by ${CLERKS} clerks`);
      const importLine = /imported[^\n]*/i.exec(cliOutput)?.[0] ?? cliOutput.trim().split('\n').at(-1) ?? '';
      console.log(`  roll import (CLI, ${ROLL.toLocaleString('en-US')} voters): exit ${imported.code} after ${imported.seconds.toFixed(1)} s${imported.code === 0 ? '' : `\n${cliOutput.slice(-1000)}`}; ${importLine}`);
      console.log(`  audit chain at the end: ${intact ? 'intact' : 'NOT INTACT'} (${JSON.stringify(verify.body)})`);
      const errors = portalErrors + Object.values(endpoints).reduce((a, e) => a + e.errors, 0) + (imported.code === 0 ? 0 : 1) + (intact ? 0 : 1);
      for (const e of Object.values(endpoints)) for (const s of e.samples) console.log(`    ${e.name}: ${s}`);
      console.log(`  errors: ${errors}`);
      if (errors > 0) {
        // What the service logged last (no voter data: the request log carries paths and statuses only).
        console.log(service.output.join('').split('\n').filter((l) => !l.includes('"msg":"request"')).slice(-15).join('\n'));
        process.exitCode = 1;
      }
    } finally {
      await service.stop();
    }
  } finally {
    await t.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
