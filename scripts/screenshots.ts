/**
 * The README's screenshots (issue 14, "Done when"): starts the demo service on a fresh data folder
 * at the demo's first minute, signs in as the demo's Fulton clerk, and writes
 *
 *   docs/screenshots/queue.png         the work queue, 1366x900
 *   docs/screenshots/ballot.png        a ballot's page, 1366x900
 *   docs/screenshots/portal-phone.png  the voter portal after a lookup, 360x740
 *
 *   npm run screenshots
 *
 * Needs Chromium (/usr/bin/chromium, as the browser tests). The demo's first start seeds 50,000
 * voters; the script waits for it (up to 5 minutes).
 */
/// <reference lib="dom" />
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../test/support/app';
import { launchBrowser } from '../test/support/browser';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'docs/screenshots');
const START_TIMEOUT_MS = 300_000;

/** The service exactly as `npm start` runs it with `--demo`, from the sources, on its own data folder. */
async function startDemo(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/api/src/main.ts', '--demo'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', CLOCK_AT: '2020-11-05T10:00:00-05:00', SWEEP_INTERVAL_SECONDS: '0', TS_NODE_TRANSPILE_ONLY: 'true' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the demo service exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/rule-packs`)).ok) return { url, child };
    } catch {
      // not listening yet: the first start seeds the demo
    }
    if (Date.now() > deadline) throw new Error('the demo service did not start within 5 minutes');
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function api<T>(url: string, token: string): Promise<T> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return (await response.json()) as T;
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'adjudication-screenshots-'));
  const { url, child } = await startDemo(dataDir);
  const browser = await launchBrowser();
  try {
    const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as { username: string; password: string }[];
    const clerk = credentials.find((c) => c.username === 'fulton.clerk');
    if (clerk === undefined) throw new Error('the demo has no fulton.clerk');
    mkdirSync(OUT, { recursive: true });

    const desktop = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
    await desktop.goto(`${url}/console`);
    await desktop.fill('#f-username', clerk.username);
    await desktop.fill('#f-password', clerk.password);
    await desktop.click('form[aria-label="Sign in"] button[type=submit]');
    await desktop.waitForURL(/\/console$/);
    await desktop.screenshot({ path: join(OUT, 'queue.png') });
    // A ballot under research: its page shows the decision, the affirmation beside the registration and the actions.
    await desktop.goto(`${url}/console?subState=received.pending`);
    await desktop.click('main table tbody tr:first-child th a');
    await desktop.waitForURL(/\/console\/ballots\//);
    await desktop.screenshot({ path: join(OUT, 'ballot.png') });

    // The portal on a phone, after a lookup of a ballot waiting for a cure.
    const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: clerk.username, password: clerk.password }) });
    const token = ((await login.json()) as { token: string }).token;
    const election = (await api<{ id: string }[]>(`${url}/api/elections`, token))[0];
    if (election === undefined) throw new Error('the demo has no election');
    const waiting = (await api<{ items: { id: string }[] }>(`${url}/api/ballots?electionId=${election.id}&subState=received.awaitingCure&limit=1`, token)).items[0];
    if (waiting === undefined) throw new Error('the demo has no ballot waiting for a cure');
    const detail = await api<{ ballot: { receiptNumber: string; dateOfBirth: string } }>(`${url}/api/ballots/${waiting.id}`, token);
    const [year, month, day] = detail.ballot.dateOfBirth.split('-');
    const phone = await (await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true })).newPage();
    await phone.goto(`${url}/portal`);
    await phone.fill('#receiptNumber', detail.ballot.receiptNumber);
    await phone.fill('#month', String(Number(month)));
    await phone.fill('#day', String(Number(day)));
    await phone.fill('#year', year ?? '');
    await phone.click('main form button[type=submit]');
    await phone.waitForLoadState();
    await phone.screenshot({ path: join(OUT, 'portal-phone.png') });
    console.log(`screenshots written to ${OUT}: queue.png, ballot.png, portal-phone.png`);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
