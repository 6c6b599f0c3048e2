import 'reflect-metadata';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { RunningClock } from '@app/ballots';
import { loadConfig } from '@app/config';
import { DEMO_CLOCK_START } from '@app/demo';
import { Logger } from '@nestjs/common';
import { createApp } from './app';
import { ensureDemo } from './demo';
import { CLOCK } from '@app/domain';

/**
 * Starts the service. With `--demo` (what `npm start` does) it seeds the demo election on first
 * start and, unless CLOCK_AT says otherwise, runs its clock from election week of November 2020.
 */
async function bootstrap(): Promise<void> {
  // Every file the service makes (the database and its journal, uploads, secrets, backups) is its user's alone.
  process.umask(0o077);
  const demo = process.argv.includes('--demo');
  const config = loadConfig();
  const app = await createApp(config, {
    clock: { setting: config.clock, owner: true, startIfUnset: demo ? Date.parse(DEMO_CLOCK_START) : null, setBy: `the service (pid ${process.pid} on ${hostname()})` },
  });
  const clock = app.get<RunningClock>(CLOCK);
  const credentials = demo ? await ensureDemo(app, config) : [];
  await app.listen(config.port, config.host);
  const url = `http://${config.host}:${config.port}`;
  const database = config.database.kind === 'sqlite' ? config.database.path : 'PostgreSQL (DATABASE_URL)';
  // The log (standard output) stays pure JSON: where to go is one line of it, for a machine.
  new Logger('Service').log({ msg: 'listening', console: `${url}/console`, apiDocs: `${url}/api/docs`, portal: `${url}/portal`, health: `${url}/api/health/ready`, database, clock: clock.simulated ? new Date(clock.now()).toISOString() : 'real', ...(credentials.length > 0 ? { demoUsers: credentials.map((c) => c.username), demoPasswordsIn: join(config.dataDir, 'demo-credentials.json') } : {}) });
  // For a person at a terminal (npm start), the same in words, on standard error; not written when
  // standard error is not a terminal (a service manager, a pipe), so a collected log is JSON only.
  if (process.stderr.isTTY) process.stderr.write(banner(url, database, clock, credentials.map((c) => c.username), join(config.dataDir, 'demo-credentials.json')));
}

function banner(url: string, database: string, clock: RunningClock, demoUsers: readonly string[], credentialsFile: string): string {
  const lines = [
    '',
    `Ballot adjudication service: ${url}/console  (the staff console: open it in a browser and sign in)`,
    `  Staff API and its documentation: ${url}/api/docs`,
    `  Voter portal: ${url}/portal  (demo receipts to try are in the README, "Voter portal")`,
    `  Database: ${database}`,
  ];
  if (clock.simulated) lines.push(`  Clock: ${new Date(clock.now()).toISOString()} now, ${clock.description}; the CLI reads the same clock (CLOCK_AT=real for the real one)`);
  if (demoUsers.length > 0) {
    // The passwords stay in the file (readable by this user only), never in a log that others may read.
    lines.push('', `  Demo users: ${demoUsers.join(', ')}`, `  Their passwords are in ${credentialsFile} (readable by this user only).`);
    lines.push('', '  Try fulton.clerk to work ballots in Fulton County, fulton.supervisor to review rejections and certify, state.admin for everything.');
  }
  return `${lines.join('\n')}\n\n`;
}

bootstrap().catch((error: unknown) => {
  // Before the logger exists or after it failed: still one JSON line, as the log's other lines.
  process.stderr.write(`${JSON.stringify({ level: 'fatal', time: new Date().toISOString(), pid: process.pid, msg: `the service did not start: ${error instanceof Error ? error.message : String(error)}` })}\n`);
  process.exit(1);
});
