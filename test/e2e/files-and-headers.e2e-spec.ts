import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService, type RunningService } from '@test/support/app';

jest.setTimeout(180_000);

const mode = (path: string) => statSync(path).mode & 0o777;

/**
 * Issue 13, files and headers: the data folder is its user's alone, the demo's passwords stay in
 * their file, and the HTTPS-only headers go out only over HTTPS. Runs the real service (`--demo`, as
 * `npm start` does) on SQLite in a fresh data folder.
 */
describe('files and headers (issue 13)', () => {
  let dataDir: string;
  let service: RunningService;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'files-headers-'));
    service = await startService({ DATABASE_URL: '', DATA_DIR: dataDir, TRUST_PROXY: '1', CLOCK_AT: '' }, ['--demo']);
  });
  afterAll(async () => {
    await service.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the data folder is 0700 and the database, the secrets and the demo passwords are 0600', () => {
    expect(mode(dataDir)).toBe(0o700);
    for (const file of ['adjudication.sqlite', 'session-secret', 'demo-credentials.json']) expect([file, mode(join(dataDir, file))]).toEqual([file, 0o600]);
  });

  it('the start banner names the demo users and the file with their passwords, and prints no password', () => {
    const banner = service.output.join('');
    const credentials = JSON.parse(readFileSync(join(dataDir, 'demo-credentials.json'), 'utf8')) as { username: string; password: string }[];
    expect(credentials.length).toBeGreaterThan(0);
    expect(banner).toContain(join(dataDir, 'demo-credentials.json'));
    for (const c of credentials) {
      expect(banner).toContain(c.username);
      expect(banner).not.toContain(c.password);
    }
  });

  it('over plain HTTP: no HSTS and no upgrade-insecure-requests, the other headers as before', async () => {
    const response = await fetch(`${service.url}/console/login`);
    expect(response.headers.get('strict-transport-security')).toBeNull();
    expect(response.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('through a trusted proxy that says https: HSTS and upgrade-insecure-requests', async () => {
    const response = await fetch(`${service.url}/console/login`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });

  it('with COOKIE_SECURE=true the operator says it is served over HTTPS: HSTS on every response', async () => {
    const other = mkdtempSync(join(tmpdir(), 'files-headers-secure-'));
    const secure = await startService({ DATABASE_URL: '', DATA_DIR: other, COOKIE_SECURE: 'true' });
    try {
      const response = await fetch(`${secure.url}/console/login`);
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      expect(response.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
    } finally {
      await secure.stop();
      rmSync(other, { recursive: true, force: true });
    }
  });
});
