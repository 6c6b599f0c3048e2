/**
 * Console benchmark (issue 4): with 100,000 ballots in the database, the work queue page and the
 * dashboard each answer in under 200 ms (median of repeated requests). Prints the median and p95
 * of each page, and of a bare endpoint of the same app (GET /api/rule-packs) as the baseline.
 *
 *   npm run bench:console            (BALLOTS=20000 npm run bench:console for a shorter run)
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startService } from '../test/support/app';
import { BENCH_PASSWORD, seedBallots } from './seed-ballots';

const BALLOTS = Number(process.env['BALLOTS'] ?? 100_000);
const REQUESTS = Number(process.env['REQUESTS'] ?? 30);

async function timed(url: string, cookie: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS; i += 1) {
    const started = process.hrtime.bigint();
    const response = await fetch(url, { headers: { cookie } });
    await response.text();
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'console-bench-'));
  const path = join(dir, 'adjudication.sqlite');
  const t0 = Date.now();
  await seedBallots(path, BALLOTS);
  console.log(`console benchmark: ${BALLOTS.toLocaleString('en-US')} ballots seeded in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${REQUESTS} requests per page, one at a time`);
  const service = await startService({ DATABASE_URL: '', DATA_DIR: dirname(path), CLOCK_AT: '2020-11-05T10:00:00-05:00' });
  try {
    const login = await fetch(`${service.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'state.admin', password: BENCH_PASSWORD }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    for (const url of ['/console', '/console/dashboard']) await timed(`${service.url}${url}`, cookie); // warm-up
    const baseline = await timed(`${service.url}/api/rule-packs`, cookie);
    const rows: [string, number[]][] = [
      ['work queue  GET /console', await timed(`${service.url}/console`, cookie)],
      ['filtered    GET /console?subState=received.awaitingCure', await timed(`${service.url}/console?subState=received.awaitingCure`, cookie)],
      ['dashboard   GET /console/dashboard', await timed(`${service.url}/console/dashboard`, cookie)],
    ];
    const baseMedian = percentile(baseline, 0.5);
    console.log(`  baseline    GET /api/rule-packs: median ${baseMedian.toFixed(1)} ms, p95 ${percentile(baseline, 0.95).toFixed(1)} ms`);
    for (const [name, times] of rows) {
      const median = percentile(times, 0.5);
      console.log(`  ${name}: median ${median.toFixed(1)} ms, p95 ${percentile(times, 0.95).toFixed(1)} ms (${(median / baseMedian).toFixed(1)}x baseline; aim: median under 200 ms)`);
    }
  } finally {
    await service.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
