import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';

describe('configuration from the environment (issue 3: working defaults, clear errors)', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'config-'));

  it('defaults: port 3000, SQLite in the data folder, a session secret made once and kept', () => {
    const cwd = dir();
    const config = loadConfig({}, cwd);
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', dataDir: join(cwd, 'data'), sessionIdleMinutes: 30, clock: { kind: 'unset' }, sweepIntervalSeconds: 60, sweepGraceMinutes: 60, cookieSecure: false });
    expect(config.database).toEqual({ kind: 'sqlite', path: join(cwd, 'data', 'adjudication.sqlite') });
    expect(config.sessionSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(join(cwd, 'data', 'session-secret'), 'utf8').trim()).toBe(config.sessionSecret);
    expect(statSync(join(cwd, 'data', 'session-secret')).mode & 0o777).toBe(0o600);
    expect(loadConfig({}, cwd).sessionSecret).toBe(config.sessionSecret);
  });

  it('issue 13: an existing data folder and its files become private (0700 folder, 0600 files)', () => {
    const cwd = dir();
    const data = join(cwd, 'data');
    mkdirSync(data, { mode: 0o755 });
    chmodSync(data, 0o755);
    writeFileSync(join(data, 'adjudication.sqlite'), 'x', { mode: 0o644 });
    writeFileSync(join(data, 'demo-credentials.json'), '{}', { mode: 0o644 });
    writeFileSync(join(data, 'adjudication.sqlite-wal'), 'x', { mode: 0o644 });
    loadConfig({}, cwd);
    expect(statSync(data).mode & 0o777).toBe(0o700);
    expect(statSync(join(data, 'adjudication.sqlite')).mode & 0o777).toBe(0o600);
    expect(statSync(join(data, 'demo-credentials.json')).mode & 0o777).toBe(0o600);
    expect(statSync(join(data, 'adjudication.sqlite-wal')).mode & 0o777).toBe(0o600);
  });

  it('voter notices: queued but not emailed without SMTP_URL; the portal link defaults to this port; every minute', () => {
    expect(loadConfig({}, dir())).toMatchObject({ smtpUrl: null, noticeFrom: null, publicUrl: 'http://localhost:3000', noticeIntervalSeconds: 60 });
    expect(loadConfig({ PORT: '8080' }, dir()).publicUrl).toBe('http://localhost:8080');
    const config = loadConfig(
      { SMTP_URL: 'smtp://notices:s3cret@mail.example.gov:587', NOTICE_FROM: '"Fulton Elections" <notices@example.gov>', PUBLIC_URL: 'https://vote.example.gov/', NOTICE_INTERVAL_SECONDS: '15', NOTICE_LEASE_SECONDS: '900' },
      dir(),
    );
    expect(config).toMatchObject({ smtpUrl: 'smtp://notices:s3cret@mail.example.gov:587', noticeFrom: '"Fulton Elections" <notices@example.gov>', publicUrl: 'https://vote.example.gov', noticeIntervalSeconds: 15, noticeLeaseSeconds: 900 });
    expect(loadConfig({}, dir()).noticeLeaseSeconds).toBe(600);
  });

  it('a bad SMTP_URL is refused without echoing it: it may hold a password', () => {
    expect(() => loadConfig({ SMTP_URL: 'http://user:hunter2@mail.example.gov', NOTICE_FROM: 'n@example.gov' }, dir())).toThrow(/^SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(() => loadConfig({ SMTP_URL: 'http://user:hunter2@mail.example.gov', NOTICE_FROM: 'n@example.gov' }, dir())).not.toThrow(/hunter2/);
  });

  it('DATABASE_URL selects PostgreSQL; CLOCK_AT and COOKIE_SECURE are read', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@h/db', CLOCK_AT: '2020-11-05T10:00:00-05:00', COOKIE_SECURE: 'true', PORT: '8080' }, dir());
    expect(config.database).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
    expect(config.clock).toEqual({ kind: 'at', instant: Date.UTC(2020, 10, 5, 15) });
    expect(config.cookieSecure).toBe(true);
    expect(config.port).toBe(8080);
  });

  it('CLOCK_AT: real, an instant with its offset, or refused naming the variable', () => {
    expect(loadConfig({ CLOCK_AT: 'real' }, dir()).clock).toEqual({ kind: 'real' });
    expect(() => loadConfig({ CLOCK_AT: '2020-11-05 10:00' }, dir())).toThrow(/^CLOCK_AT: /);
    expect(() => loadConfig({ CLOCK_AT: 'yesterday' }, dir())).toThrow(/^CLOCK_AT: /);
  });

  it('SWEEP_INTERVAL_SECONDS and SWEEP_GRACE_MINUTES: whole numbers, 0 turns the service\'s own sweep off', () => {
    expect(loadConfig({ SWEEP_INTERVAL_SECONDS: '0', SWEEP_GRACE_MINUTES: '120' }, dir())).toMatchObject({ sweepIntervalSeconds: 0, sweepGraceMinutes: 120 });
    expect(() => loadConfig({ SWEEP_INTERVAL_SECONDS: '-1' }, dir())).toThrow(/^SWEEP_INTERVAL_SECONDS: /);
    expect(() => loadConfig({ SWEEP_GRACE_MINUTES: 'soon' }, dir())).toThrow(/^SWEEP_GRACE_MINUTES: /);
  });

  it('TRUST_PROXY: no proxy trusted unless told how many stand in front', () => {
    expect(loadConfig({}, dir()).trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: '2' }, dir()).trustProxy).toBe(2);
  });

  it('the sign-in throttle: defaults, or whole numbers from the environment (issue 13)', () => {
    expect(loadConfig({}, dir()).signInThrottle).toEqual({ perAccountAddress: 5, perAddress: 50, windowSeconds: 3600, firstDelaySeconds: 1, maxDelaySeconds: 900 });
    expect(loadConfig({ SIGN_IN_FAILURES_PER_ACCOUNT_ADDRESS: '3', SIGN_IN_FIRST_DELAY_SECONDS: '60' }, dir()).signInThrottle).toMatchObject({ perAccountAddress: 3, firstDelaySeconds: 60 });
  });

  it.each([
    ['PORT', { PORT: 'eighty' }],
    ['SIGN_IN_FAILURES_PER_ACCOUNT_ADDRESS', { SIGN_IN_FAILURES_PER_ACCOUNT_ADDRESS: '0' }],
    ['SIGN_IN_FAILURES_PER_ADDRESS', { SIGN_IN_FAILURES_PER_ADDRESS: 'many' }],
    ['SIGN_IN_MAX_DELAY_SECONDS', { SIGN_IN_FIRST_DELAY_SECONDS: '600', SIGN_IN_MAX_DELAY_SECONDS: '60' }],
    ['PORT', { PORT: '70000' }],
    ['SESSION_SECRET', { SESSION_SECRET: 'short' }],
    ['SESSION_IDLE_MINUTES', { SESSION_IDLE_MINUTES: '0' }],
    ['CLOCK_AT', { CLOCK_AT: 'next tuesday' }],
    ['COOKIE_SECURE', { COOKIE_SECURE: 'yes' }],
    ['TRUST_PROXY', { TRUST_PROXY: 'true' }],
    ['TRUST_PROXY', { TRUST_PROXY: '-1' }],
    ['DATABASE_URL', { DATABASE_URL: 'mysql://x' }],
    ['NOTICE_FROM', { SMTP_URL: 'smtp://mail.example.gov:25' }],
    ['NOTICE_FROM', { SMTP_URL: 'smtp://mail.example.gov:25', NOTICE_FROM: 'elections office' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'vote.example.gov' }],
    ['PUBLIC_URL', { PUBLIC_URL: 'https://vote.example.gov/?x=1' }],
    ['NOTICE_INTERVAL_SECONDS', { NOTICE_INTERVAL_SECONDS: '0' }],
    ['NOTICE_INTERVAL_SECONDS', { NOTICE_INTERVAL_SECONDS: 'often' }],
    ['NOTICE_LEASE_SECONDS', { NOTICE_LEASE_SECONDS: '60' }],
    ['NOTICE_LEASE_SECONDS', { NOTICE_LEASE_SECONDS: '10m' }],
  ])('a bad %s is refused, naming the variable', (variable, env) => {
    expect(() => loadConfig(env, dir())).toThrow(new RegExp(`^${variable}`));
  });
});
