/**
 * Portal benchmark (issue 5): with BALLOTS ballots in SQLite (default 1,000,000), autocannon drives
 * the public lookup (POST /api/portal/lookup; nine in ten with the right date of birth) for 10 s
 * at 50 connections, and in the same run a bare endpoint of the same app (GET /api/health). Prints
 * requests per second, p50 and p99 latency of each, and the ratio. The rate limits stay on but are
 * raised (every request comes from one address here); their cost is measured with the lookup.
 *
 *   npm run bench:portal            (BALLOTS=100000 npm run bench:portal for a shorter run;
 *                                    SEEDED=<file> reuses a database an earlier run seeded)
 *
 * It also times, one at a time, lookups that fail because the receipt does not exist and lookups
 * that fail because the date of birth is wrong: the two must not be told apart by their time.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import autocannon from 'autocannon';
import { seededRandom } from '@app/demo';
import { startService } from '../test/support/app';
import { benchDateOfBirth, benchReceipt, seedBallots } from './seed-ballots';

const BALLOTS = Number(process.env['BALLOTS'] ?? 1_000_000);
const DURATION = Number(process.env['DURATION'] ?? 10);
const CONNECTIONS = 50;

interface Figures { rps: number; p50: number; p99: number; non2xx: number; total: number }

async function load(url: string, request: autocannon.Request): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, requests: [request] });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, total: result.requests.total };
}

async function failedLookupTimes(url: string, body: (i: number) => object): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 400; i += 1) {
    const started = process.hrtime.bigint();
    const response = await fetch(`${url}/api/portal/lookup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body(i)) });
    await response.text();
    if (response.status !== 404) throw new Error(`a failed lookup answered ${response.status}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times;
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function main(): Promise<void> {
  const seeded = process.env['SEEDED'];
  const path = seeded ?? join(mkdtempSync(join(tmpdir(), 'portal-bench-')), 'adjudication.sqlite');
  const t0 = Date.now();
  if (seeded === undefined) await seedBallots(path, BALLOTS);
  console.log(`portal benchmark: ${BALLOTS.toLocaleString('en-US')} ballots ${seeded === undefined ? `seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s` : `already in ${path}`}; autocannon, ${CONNECTIONS} connections, ${DURATION} s per endpoint`);
  const service = await startService({
    DATABASE_URL: '',
    DATA_DIR: dirname(path),
    CLOCK_AT: '2020-11-05T10:00:00-05:00',
    PORTAL_LOOKUPS_PER_CLIENT: '999999999',
    PORTAL_FAILURES_PER_RECEIPT: '999999999',
    PORTAL_FAILURES_PER_RECEIPT_CLIENT: '999999999',
  });
  try {
    const random = seededRandom(5);
    const lookupBody = (): string => {
      const i = Math.floor(random() * BALLOTS);
      return JSON.stringify({ receiptNumber: benchReceipt(i), dateOfBirth: random() < 0.9 ? benchDateOfBirth(i) : '1999-12-31' });
    };
    await load(`${service.url}/api/health`, { method: 'GET' }); // warm-up of the process and the connection pool
    const bare = await load(`${service.url}/api/health`, { method: 'GET' });
    const lookupRequest: autocannon.Request = { method: 'POST', headers: { 'content-type': 'application/json' }, setupRequest: (request) => ({ ...request, body: lookupBody() }) };
    await load(`${service.url}/api/portal/lookup`, lookupRequest); // warm-up, as for the bare endpoint
    const lookup = await load(`${service.url}/api/portal/lookup`, lookupRequest);
    const line = (name: string, f: Figures) =>
      console.log(`  ${name}: ${Math.round(f.rps).toLocaleString('en-US')} requests/s, p50 ${f.p50} ms, p99 ${f.p99} ms (${f.total.toLocaleString('en-US')} requests, ${f.non2xx.toLocaleString('en-US')} not 2xx)`);
    line('bare     GET /api/health        ', bare);
    line('lookup   POST /api/portal/lookup', lookup);
    console.log(`  ratio lookup / bare: ${(lookup.rps / bare.rps).toFixed(2)} (aim: 0.5 or more); lookup p99 ${lookup.p99} ms (aim: under 100 ms)`);
    console.log('  (not 2xx on the lookup: the one in ten with a wrong date of birth, answered 404 by design)');
    const unknown = await failedLookupTimes(service.url, (i) => ({ receiptNumber: `NONE-${i}`, dateOfBirth: '1980-01-01' }));
    const wrongDate = await failedLookupTimes(service.url, (i) => ({ receiptNumber: benchReceipt(i * 7), dateOfBirth: '1999-12-31' }));
    console.log(`  failed lookups, 400 one at a time: unknown receipt median ${median(unknown).toFixed(2)} ms, wrong date of birth median ${median(wrongDate).toFixed(2)} ms`);
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
