import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './app-config';

describe('the audit key setting (issue 13, section 6)', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'config-'));

  it('without AUDIT_KEY: the key file in the data folder', () => {
    const cwd = dir();
    expect(loadConfig({}, cwd).auditKey).toEqual({ kind: 'file', path: join(cwd, 'data', 'audit.key') });
  });

  it('AUDIT_KEY of 32 characters or more is the key; a shorter one is refused by name, without echoing it', () => {
    const key = 'k'.repeat(40);
    expect(loadConfig({ AUDIT_KEY: key }, dir()).auditKey).toEqual({ kind: 'env', key: Buffer.from(key, 'utf8') });
    expect(() => loadConfig({ AUDIT_KEY: 'short-secret' }, dir())).toThrow(/^AUDIT_KEY: must be at least 32 characters/);
    expect(() => loadConfig({ AUDIT_KEY: 'short-secret' }, dir())).not.toThrow(/short-secret/);
  });
});
