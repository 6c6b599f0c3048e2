import { isDraftPath, keptFields, RETURNABLE } from './draft-paths';

describe('a form kept across a sign-in', () => {
  it('keeps what was typed, never a password or the old CSRF token, and only strings', () => {
    expect(keptFields({ _csrf: 'old-token', password: 'secret', username: 'new.clerk', receiptNumber: 'P-1', fwab: ['a', 'b'] })).toEqual({ username: 'new.clerk', receiptNumber: 'P-1' });
    expect(keptFields(undefined)).toEqual({});
  });

  it('is taken back only to the forms listed', () => {
    expect(isDraftPath('/console/intake')).toBe(true);
    expect(isDraftPath('/console/ballots/0b6f4a52-3b1c-4c55-9b0e-2f7d8e1a9c40/events')).toBe(true);
    expect(isDraftPath('/console/deadlines/court-orders')).toBe(true);
    expect(isDraftPath('/console/ballots/not-a-uuid/events')).toBe(false);
    expect(isDraftPath('/console/counties/FULTON/certification')).toBe(true);
    expect(isDraftPath('/console/counties/FULTON/certify')).toBe(false);
    expect(isDraftPath('/console/counties/../users/certification')).toBe(false);
    expect(isDraftPath('/console/bulk')).toBe(false);
    expect(isDraftPath('/console/intake/../users')).toBe(false);
  });

  it('a page to go back to after signing in is a console path on this site, never another site', () => {
    expect(RETURNABLE.test('/console/ballots/0b6f4a52-3b1c-4c55-9b0e-2f7d8e1a9c40?search=1&lastName=Voter')).toBe(true);
    expect(RETURNABLE.test('/console')).toBe(true);
    for (const elsewhere of ['https://evil.example/console', '//evil.example/console', '/consolex', '/api/users', '/console\\evil', '/console/x"onload']) expect(RETURNABLE.test(elsewhere)).toBe(false);
  });
});
