import { acceptedTypes, jsonDepthOver } from './body-rules';

describe('JSON depth, counted on the bytes', () => {
  const over = (text: string, limit = 3) => jsonDepthOver(Buffer.from(text), limit);

  it('counts objects and arrays, and stops past the limit', () => {
    expect(over('{"a":[{"b":1}]}')).toBe(false);
    expect(over('{"a":[{"b":[1]}]}')).toBe(true);
    expect(over('['.repeat(1_000_000))).toBe(true);
    expect(over('[[[]],[[]],[[]]]')).toBe(false);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(over('{"a":"[[[[{{{{"}')).toBe(false);
    expect(over('{"a":"\\"[[[[\\\\"}')).toBe(false);
    expect(over('{"a":"\\\\", "b":[[[1]]]}')).toBe(true);
    expect(over(JSON.stringify({ name: 'Zoë [Müller] {日本}' }))).toBe(false);
  });
});

describe('the media types each route takes', () => {
  it('JSON on the API, CSV on the import, a file on the cure upload, forms elsewhere', () => {
    expect(acceptedTypes('/api/ballots')).toEqual(['application/json']);
    expect(acceptedTypes('/api/ballots/import')).toEqual(['text/csv']);
    expect(acceptedTypes('/api/notices/sms/status')).toEqual(['application/x-www-form-urlencoded']);
    expect(acceptedTypes('/api/notices/sms/inbound')).toEqual(['application/x-www-form-urlencoded']);
    expect(acceptedTypes('/api/notices/holds')).toEqual(['application/json']);
    expect(acceptedTypes('/portal/cure')).toEqual(['multipart/form-data']);
    expect(acceptedTypes('/console/login')).toEqual(['application/x-www-form-urlencoded']);
    expect(acceptedTypes('/portal')).toEqual(['application/x-www-form-urlencoded']);
    expect(acceptedTypes('/elsewhere')).toBeNull();
  });
});
