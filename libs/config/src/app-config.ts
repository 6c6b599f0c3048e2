import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { DEFAULT_SIGN_IN_THROTTLE, type SignInThrottleSettings } from '@app/auth';
import { databaseConfigFrom, type AuditKeySource, type DatabaseConfig } from '@app/persistence';

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
  /** `CLOCK_AT`: unset, `real`, or an instant the clock starts from (demos, training); see `openClock`. */
  readonly clock: ClockSetting;
  /** `SWEEP_INTERVAL_SECONDS`: how often the service runs the deadline sweep (0: never; the CLI's sweep-deadlines still does). */
  readonly sweepIntervalSeconds: number;
  /** `SWEEP_GRACE_MINUTES`: the service's own sweep leaves a ballot alone until its cure deadline is this long past. */
  readonly sweepGraceMinutes: number;
  /** `COOKIE_SECURE=true` behind HTTPS: the session cookie is then sent over HTTPS only. */
  readonly cookieSecure: boolean;
  /** `SMTP_URL` (smtp://user:pass@host:port): voter notices go out by email only when it is set. */
  readonly smtpUrl: string | null;
  /** `NOTICE_FROM`: the From address of voter notices; required with SMTP_URL. */
  readonly noticeFrom: string | null;
  /** `PUBLIC_URL`: where voters reach the service; notices link to `${publicUrl}/portal`. No trailing slash. */
  readonly publicUrl: string;
  /** `NOTICE_INTERVAL_SECONDS`: how often the service sends queued voter notices. */
  readonly noticeIntervalSeconds: number;
  /**
   * `NOTICE_LEASE_SECONDS` (default 600): how long a dispatcher's claim on a notice holds; a claim
   * older than this was left by a process that died, and the notice is sent again (same message id).
   */
  readonly noticeLeaseSeconds: number;
  /**
   * `TRUST_PROXY`: how many reverse proxies stand in front of the service (0: none). With 1 or more,
   * a client's address is read from that many hops of X-Forwarded-For; with 0 the header is ignored,
   * so nobody can dodge the portal's per-client limit by sending one.
   */
  readonly trustProxy: number;
  /**
   * The audit chain's HMAC key, kept outside the database: `AUDIT_KEY` (at least 32 characters), or
   * else `audit.key` in the data folder, made on the first start.
   */
  readonly auditKey: AuditKeySource;
  /**
   * The sign-in throttle (issue 13): `SIGN_IN_FAILURES_PER_ACCOUNT_ADDRESS` (5) and
   * `SIGN_IN_FAILURES_PER_ADDRESS` (50) free failures per `SIGN_IN_WINDOW_SECONDS` (3600), then
   * waits from `SIGN_IN_FIRST_DELAY_SECONDS` (1) doubling to `SIGN_IN_MAX_DELAY_SECONDS` (900).
   */
  readonly signInThrottle: SignInThrottleSettings;
}

/** `CLOCK_AT` as given: unset, `real`, or an instant to start from. */
export type ClockSetting = { readonly kind: 'unset' } | { readonly kind: 'real' } | { readonly kind: 'at'; readonly instant: number };

/** The one parser of CLOCK_AT, for the service, the CLI and the benchmarks. */
export function parseClockSetting(value: string | undefined): ClockSetting {
  if (value === undefined || value.trim() === '') return { kind: 'unset' };
  if (value.trim() === 'real') return { kind: 'real' };
  const instant = Date.parse(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value.trim()) || Number.isNaN(instant)) {
    throw new ConfigError('CLOCK_AT', 'must be an ISO 8601 date and time with its offset, e.g. 2020-11-05T10:00:00-05:00, or "real"');
  }
  return { kind: 'at', instant };
}

export class ConfigError extends Error {
  constructor(readonly variable: string, message: string) {
    super(`${variable}: ${message}`);
    this.name = 'ConfigError';
  }
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text.trim() === '') return fallback;
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) throw new ConfigError(name, `must be a whole number from ${min} to ${max}, not "${text}"`);
  return n;
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

/** `AUDIT_KEY` when set (never echoed), else the key file in the data folder. */
function auditKey(env: NodeJS.ProcessEnv, dataDir: string): AuditKeySource {
  const given = env['AUDIT_KEY'];
  if (given === undefined || given === '') return { kind: 'file', path: join(dataDir, 'audit.key') };
  if (given.trim().length < 32) throw new ConfigError('AUDIT_KEY', 'must be at least 32 characters (e.g. 64 hex digits from `openssl rand -hex 32`)');
  return { kind: 'env', key: Buffer.from(given.trim(), 'utf8') };
}

/** The notice settings; a bad one is named, and an SMTP URL is never echoed (it may hold a password). */
function notices(env: NodeJS.ProcessEnv, listenPort: number): Pick<AppConfig, 'smtpUrl' | 'noticeFrom' | 'publicUrl' | 'noticeIntervalSeconds' | 'noticeLeaseSeconds'> {
  const given = (name: string): string | null => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? null : value;
  };
  const smtpUrl = given('SMTP_URL');
  if (smtpUrl !== null && !/^smtps?:\/\/[^/?#]+/.test(smtpUrl)) throw new ConfigError('SMTP_URL', 'must be an smtp:// or smtps:// URL, e.g. smtp://user:password@mail.example.gov:587');
  const noticeFrom = given('NOTICE_FROM');
  if (noticeFrom !== null && !/^[^@\s]+@[^@\s]+$|<[^@\s<>]+@[^@\s<>]+>$/.test(noticeFrom)) throw new ConfigError('NOTICE_FROM', 'must be an email address, e.g. notices@example.gov or "County Elections" <notices@example.gov>');
  if (smtpUrl !== null && noticeFrom === null) throw new ConfigError('NOTICE_FROM', 'must be set when SMTP_URL is: the address voter notices come from');
  const publicUrl = (given('PUBLIC_URL') ?? `http://localhost:${listenPort}`).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*)?$/.test(publicUrl)) throw new ConfigError('PUBLIC_URL', `must be an http:// or https:// URL without a query, not "${publicUrl}"`);
  const interval = Number(given('NOTICE_INTERVAL_SECONDS') ?? 60);
  if (!Number.isInteger(interval) || interval < 1) throw new ConfigError('NOTICE_INTERVAL_SECONDS', 'must be a whole number of seconds, at least 1');
  // Longer than any one send can take (the transports give up within two minutes), so a claim
  // still being worked on never runs out and is sent twice.
  const lease = Number(given('NOTICE_LEASE_SECONDS') ?? 600);
  if (!Number.isInteger(lease) || lease < 180) throw new ConfigError('NOTICE_LEASE_SECONDS', 'must be a whole number of seconds, at least 180 (longer than a send can take)');
  return { smtpUrl, noticeFrom, publicUrl, noticeIntervalSeconds: interval, noticeLeaseSeconds: lease };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): AppConfig {
  const dirSetting = env['DATA_DIR'] ?? 'data';
  const dataDir = isAbsolute(dirSetting) ? dirSetting : resolve(cwd, dirSetting);
  const database = databaseConfigFrom(env, join(dataDir, 'adjudication.sqlite'));
  privateDataDir(dataDir, database.kind === 'sqlite' && database.path !== ':memory:' ? [database.path] : []);
  const idle = Number(env['SESSION_IDLE_MINUTES'] ?? 30);
  if (!Number.isInteger(idle) || idle < 1) throw new ConfigError('SESSION_IDLE_MINUTES', 'must be a whole number of minutes');
  const clock = parseClockSetting(env['CLOCK_AT']);
  const sweepIntervalSeconds = wholeNumber(env, 'SWEEP_INTERVAL_SECONDS', 60, 0, 86_400);
  const sweepGraceMinutes = wholeNumber(env, 'SWEEP_GRACE_MINUTES', 60, 0, 7 * 24 * 60);
  const secure = env['COOKIE_SECURE'] ?? 'false';
  if (secure !== 'true' && secure !== 'false') throw new ConfigError('COOKIE_SECURE', 'must be true or false');
  const listenPort = port(env['PORT']);
  const hops = Number(env['TRUST_PROXY'] === undefined || env['TRUST_PROXY'] === '' ? 0 : env['TRUST_PROXY']);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) throw new ConfigError('TRUST_PROXY', 'must be the number of reverse proxies in front of the service, 0 to 10');
  const signInThrottle: SignInThrottleSettings = {
    perAccountAddress: wholeNumber(env, 'SIGN_IN_FAILURES_PER_ACCOUNT_ADDRESS', DEFAULT_SIGN_IN_THROTTLE.perAccountAddress, 1, 1_000),
    perAddress: wholeNumber(env, 'SIGN_IN_FAILURES_PER_ADDRESS', DEFAULT_SIGN_IN_THROTTLE.perAddress, 1, 100_000),
    windowSeconds: wholeNumber(env, 'SIGN_IN_WINDOW_SECONDS', DEFAULT_SIGN_IN_THROTTLE.windowSeconds, 60, 7 * 86_400),
    firstDelaySeconds: wholeNumber(env, 'SIGN_IN_FIRST_DELAY_SECONDS', DEFAULT_SIGN_IN_THROTTLE.firstDelaySeconds, 1, 3_600),
    maxDelaySeconds: wholeNumber(env, 'SIGN_IN_MAX_DELAY_SECONDS', DEFAULT_SIGN_IN_THROTTLE.maxDelaySeconds, 1, 86_400),
  };
  if (signInThrottle.maxDelaySeconds < signInThrottle.firstDelaySeconds) throw new ConfigError('SIGN_IN_MAX_DELAY_SECONDS', 'must be at least SIGN_IN_FIRST_DELAY_SECONDS');
  return {
    signInThrottle,
    trustProxy: hops,
    clock,
    sweepIntervalSeconds,
    sweepGraceMinutes,
    cookieSecure: secure === 'true',
    port: listenPort,
    host: env['HOST'] ?? '127.0.0.1',
    dataDir,
    database,
    sessionSecret: sessionSecret(env, dataDir),
    auditKey: auditKey(env, dataDir),
    sessionIdleMinutes: idle,
    ...notices(env, listenPort),
  };
}

/**
 * The data folder holds the database, the voters' uploaded documents and the secrets: only the
 * service's own user may read it (issue 13). The folder is made (or set to) mode 0700, and each
 * file already in it, and the SQLite database with its journal wherever it lives, to 0600. New
 * files are private by the processes' umask (0077, set by the service and the CLI at start).
 * A file this user does not own is left as it is: changing it would fail, and is not ours to do.
 */
export function privateDataDir(dataDir: string, extraFiles: readonly string[] = []): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const tighten = (path: string, mode: number) => {
    try {
      chmodSync(path, mode);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EPERM' && code !== 'ENOENT') throw error;
    }
  };
  tighten(dataDir, 0o700);
  for (const entry of readdirSync(dataDir, { withFileTypes: true })) {
    if (entry.isFile()) tighten(join(dataDir, entry.name), 0o600);
  }
  for (const file of extraFiles) for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) if (existsSync(path)) tighten(path, 0o600);
}
