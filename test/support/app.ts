import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { UsersService } from '@app/auth';
import { SYSTEM_ACTOR } from '@app/domain';
import { Stores, TransactionRunner } from '@app/persistence';
import request from 'supertest';
import { entryPoint } from './entry';
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from './database';
import { seedGeorgia2020 } from './services';

export const PASSWORD = 'correct horse battery staple';
const ROOT = resolve(__dirname, '../..');

/** A free loopback port, chosen by the kernel. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

export interface RunningService {
  readonly url: string;
  readonly process: ChildProcess;
  readonly output: string[];
  stop(): Promise<void>;
}

/**
 * Starts the real service as its own process (exactly `apps/api/src/main.ts`), on the given
 * database, and waits until it answers. End-to-end tests talk to it over HTTP only.
 */
/** Every service a test started; killed when the test process exits, however it exits, so no service outlives its suite. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export async function startService(env: NodeJS.ProcessEnv, args: readonly string[] = []): Promise<RunningService> {
  const port = await freePort();
  const output: string[] = [];
  const entry = entryPoint('api');
  const child = spawn(process.execPath, [...entry.args, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', ...entry.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  child.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the service exited with ${child.exitCode}:\n${output.join('')}`);
    try {
      const response = await fetch(`${url}/api/rule-packs`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the service did not start within 60 s:\n${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    process: child,
    output,
    stop: () =>
      new Promise<void>((done) => {
        // A service that already ended, by exiting or by a signal, has nothing left to stop.
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

export interface TestApp {
  readonly db: TestDatabase;
  readonly http: ReturnType<typeof request>;
  readonly service: RunningService;
  /** The service's data folder (uploads, the session secret; the SQLite file too on SQLite). */
  readonly dataDir: string;
  /** Another process of the service on the same database (several instances); the caller stops it. */
  startAnother(): Promise<RunningService>;
  /** A bearer token for a user made on first use. */
  token(username: string, role: 'clerk' | 'supervisor' | 'admin' | 'observer', countyCode?: string | null): Promise<string>;
  /** Stops the service and starts it again on the same database. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The whole service on a fresh database of the given kind, seeded with the Georgia 2020 fixture election. */
export async function startTestApp(kind: TestDatabaseKind, extraEnv: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const db = await openTestDatabase(kind);
  await seedGeorgia2020(db.dataSource);
  // SQLite: the service's data folder is the test database's folder (it opens adjudication.sqlite there).
  const env: NodeJS.ProcessEnv =
    db.config.kind === 'postgres'
      ? { AUDIT_KEY: db.auditKey, ...extraEnv, DATABASE_URL: db.config.url, DATA_DIR: mkdtempSync(join(tmpdir(), 'adjudication-app-')) }
      : { AUDIT_KEY: db.auditKey, ...extraEnv, DATABASE_URL: '', DATA_DIR: dirname(db.config.path) };
  let service = await startService(env);
  const users = new UsersService(new Stores(new TransactionRunner(db.dataSource)), { now: () => Date.now() }, 30);
  const tokens = new Map<string, string>();
  const state = {
    db,
    dataDir: env['DATA_DIR'] ?? '',
    startAnother: () => startService(env),
    get http() {
      return request(service.url);
    },
    get service() {
      return service;
    },
    async token(username: string, role: 'clerk' | 'supervisor' | 'admin' | 'observer', countyCode: string | null = null) {
      const known = tokens.get(username);
      if (known !== undefined) return known;
      await users.create(SYSTEM_ACTOR, { username, displayName: username, password: PASSWORD, role, countyCode });
      const response = await request(service.url).post('/api/auth/login').send({ username, password: PASSWORD }).expect(200);
      const token = (response.body as { token: string }).token;
      tokens.set(username, token);
      return token;
    },
    async restart() {
      await service.stop();
      service = await startService(env);
    },
    async close() {
      await service.stop();
      await db.destroy();
    },
  };
  return state;
}
