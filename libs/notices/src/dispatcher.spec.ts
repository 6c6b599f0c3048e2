import { chooseChannel, NoticeDispatcher, scrubDetail } from './dispatcher';
import { parseVoterNotice, portalUrlFrom } from './notice-context';
import type { Stores } from '@app/persistence';

describe('the dispatcher\'s rules', () => {
  const dispatcher = (options: { backoffBaseMs?: number; backoffCapMs?: number } = {}) =>
    new NoticeDispatcher({} as Stores, { email: { send: jest.fn(), close: jest.fn() }, sms: { send: jest.fn() } }, { now: () => 0 }, { publicUrl: 'https://x', ...options });

  it('backs off 60 s after the first failure, doubling, capped at an hour', () => {
    const d = dispatcher();
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => d.backoffAfter(n) / 1000)).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
    expect(dispatcher({ backoffBaseMs: 1000, backoffCapMs: 5000 }).backoffAfter(4)).toBe(5000);
  });

  it('refuses a maxAttempts below one', () => {
    expect(() => new NoticeDispatcher({} as Stores, { email: { send: jest.fn(), close: jest.fn() }, sms: { send: jest.fn() } }, { now: () => 0 }, { publicUrl: 'https://x', maxAttempts: 0 })).toThrow(/maxAttempts/);
  });

  it('chooses email, else a text message, else a letter', () => {
    expect(chooseChannel({ contactEmail: 'a@b.org', contactPhone: '404-555-0187' })).toBe('email');
    expect(chooseChannel({ contactEmail: ' ', contactPhone: '404-555-0187' })).toBe('sms');
    expect(chooseChannel({ contactEmail: null, contactPhone: null })).toBe('letter');
  });

  it('scrubs the recipient, any email address and any phone number from what a transport said, and bounds its length', () => {
    expect(scrubDetail('Message failed for recipient pat@example.org: 451 4.3.0 busy', 'pat@example.org')).toBe('Message failed for recipient [recipient]: 451 4.3.0 busy');
    expect(scrubDetail('550 <other@example.org> unknown', 'pat@example.org')).toBe('550 <[address]> unknown');
    expect(scrubDetail('undeliverable to +1 (404) 555-0187', '404-555-0187')).toBe('undeliverable to [number]');
    expect(scrubDetail('x'.repeat(900), '')).toHaveLength(500);
  });

  it('reads a stored payload back as a notice, or null when it is not one', () => {
    expect(parseVoterNotice({ type: 'cure_requested', cureReason: 'id_required', deadline: 5 })).toEqual({ type: 'cure_requested', cureReason: 'id_required', deadline: 5 });
    expect(parseVoterNotice({ type: 'partially_counted', contests: ['a'] })).toEqual({ type: 'partially_counted', contests: ['a'] });
    expect(parseVoterNotice({ type: 'rejected', reason: 'late' })).toEqual({ type: 'rejected', reason: 'late' });
    expect(parseVoterNotice({ type: 'counted', extra: 1 })).toEqual({ type: 'counted' });
    expect(parseVoterNotice({ type: 'cure_requested', cureReason: 'bribery', deadline: 5 })).toBeNull();
    expect(parseVoterNotice({ type: 'partially_counted', contests: [1] })).toBeNull();
    expect(parseVoterNotice({ type: 'rejected', reason: 'nope' })).toBeNull();
    expect(parseVoterNotice({ type: 'mystery' })).toBeNull();
    expect(parseVoterNotice(null)).toBeNull();
  });

  it('links to the portal under PUBLIC_URL whatever its trailing slash', () => {
    expect(portalUrlFrom('https://vote.example.gov/')).toBe('https://vote.example.gov/portal');
    expect(portalUrlFrom('https://example.gov/elections')).toBe('https://example.gov/elections/portal');
  });
});
