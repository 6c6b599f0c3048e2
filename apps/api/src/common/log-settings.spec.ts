import { Writable } from 'node:stream';
import pino from 'pino';
import { logLevel, REDACTED } from './log-settings';

describe('the service log', () => {
  it('never carries a date of birth, an address, a password, a token or a cookie, wherever they sit in a logged object', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk: Buffer, _encoding, done) => { lines.push(chunk.toString()); done(); } });
    const logger = pino({ redact: { paths: REDACTED, censor: '[redacted]' } }, sink);
    logger.info({ dateOfBirth: '1980-02-29', voter: { address: '1 Main St', dateOfBirth: '1980-02-29' }, body: { password: 'hunter2 hunter2', token: 'abc' }, req: { headers: { cookie: 'session=abc', authorization: 'Bearer abc' } } }, 'x');
    const text = lines.join('');
    for (const secret of ['1980-02-29', '1 Main St', 'hunter2', 'session=abc', 'Bearer abc', '"abc"']) expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });

  it('takes LOG_LEVEL by name, and refuses one it does not know, naming the variable', () => {
    expect(logLevel({})).toBe('info');
    expect(logLevel({ LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(() => logLevel({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
  });
});
