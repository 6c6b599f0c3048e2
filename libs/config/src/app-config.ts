import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { databaseConfigFrom, type DatabaseConfig } from '@app/persistence';

/** The service's configuration, from the environment, with working defaults (issue 3). */
export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Where the SQLite file, the session secret and backups live. */
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly sessionSecret: string;
  /** Idle minutes after which a session ends. */
  readonly sessionIdleMinutes: number;
  /** `CLOCK_AT`: an instant the service's clock starts from (demos, training); null for the real clock. */
  readonly clockAt: number | null;
  /** `COOKIE_SECURE=true` behind HTTPS: the session cookie is then sent over HTTPS only. */
  readonly cookieSecure: boolean;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 3000;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new ConfigError('PORT', `must be a port number, not "${value}"`);
  return n;
}

/** Reads the secret from the environment, else from the data folder, else makes one and keeps it there. */
function sessionSecret(env: NodeJS.ProcessEnv, dataDir: string): string {
  const given = env['SESSION_SECRET'];
  if (given !== undefined && given !== '') {
    if (given.length < 32) throw new ConfigError('SESSION_SECRET', 'must be at least 32 characters');
    return given;
  }
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const dirSetting = env['DATA_DIR'] ?? 'data';
  const dataDir = isAbsolute(dirSetting) ? dirSetting : resolve(cwd, dirSetting);
  mkdirSync(dataDir, { recursive: true });
  const idle = Number(env['SESSION_IDLE_MINUTES'] ?? 30);
  if (!Number.isInteger(idle) || idle < 1) throw new ConfigError('SESSION_IDLE_MINUTES', 'must be a whole number of minutes');
  const clockSetting = env['CLOCK_AT'];
  let clockAt: number | null = null;
  if (clockSetting !== undefined && clockSetting !== '' && clockSetting !== 'real') {
    clockAt = Date.parse(clockSetting);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(clockSetting) || Number.isNaN(clockAt)) {
      throw new ConfigError('CLOCK_AT', 'must be an ISO 8601 date and time with its offset, e.g. 2020-11-05T10:00:00-05:00, or "real"');
    }
  }
  const secure = env['COOKIE_SECURE'] ?? 'false';
  if (secure !== 'true' && secure !== 'false') throw new ConfigError('COOKIE_SECURE', 'must be true or false');
  return {
    clockAt,
    cookieSecure: secure === 'true',
    port: port(env['PORT']),
    host: env['HOST'] ?? '127.0.0.1',
    dataDir,
    database: databaseConfigFrom(env, join(dataDir, 'adjudication.sqlite')),
    sessionSecret: sessionSecret(env, dataDir),
    sessionIdleMinutes: idle,
  };
}
