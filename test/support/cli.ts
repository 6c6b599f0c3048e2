import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestDatabase } from './database';
import { entryPoint } from './entry';

const ROOT = resolve(__dirname, '../..');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment that points the CLI at a test database. */
export function cliEnv(db: TestDatabase, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return db.config.kind === 'postgres'
    ? { AUDIT_KEY: db.auditKey, ...extra, DATABASE_URL: db.config.url, DATA_DIR: resolve(ROOT, 'test-output', 'cli-data') }
    : { AUDIT_KEY: db.auditKey, ...extra, DATABASE_URL: '', DATA_DIR: resolve(db.config.path, '..') };
}

/** Starts the CLI (exactly apps/cli/src/main.ts) as its own process. */
export function spawnCli(args: readonly string[], env: NodeJS.ProcessEnv, stdin?: string): ChildProcess & { result: Promise<CliResult> } {
  const entry = entryPoint('cli');
  const child = spawn(process.execPath, [...entry.args, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, ...entry.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  child.stdin?.end(stdin ?? '');
  const result = new Promise<CliResult>((done) => child.on('close', (code) => done({ code, stdout, stderr })));
  return Object.assign(child, { result });
}

export const runCli = (args: readonly string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> => spawnCli(args, env, stdin).result;
