import fc from 'fast-check';
import { DateTime } from 'luxon';
import { QUIET_FROM_HOUR, QUIET_UNTIL_HOUR, whenTextMayGo } from './quiet-hours';

const NEW_YORK = 'America/New_York';
/** A local wall-clock time in a zone, as an instant. */
const at = (local: string, zone = NEW_YORK): number => {
  const time = DateTime.fromISO(local, { zone });
  if (!time.isValid) throw new Error(`bad fixture ${local}`);
  return time.toMillis();
};
const local = (instant: number, zone = NEW_YORK): string => DateTime.fromMillis(instant, { zone }).toFormat("yyyy-MM-dd'T'HH:mm ZZZZ");

describe('quiet hours: no text between 9 p.m. and 8 a.m. where the voter is', () => {
  it.each([
    ['8:59 p.m.: still daytime, now', '2020-11-04T20:59', 'daytime', '2020-11-04T20:59 EST'],
    ['9:00 p.m.: quiet, the next 8 a.m.', '2020-11-04T21:00', 'quiet_hours', '2020-11-05T08:00 EST'],
    ['11:30 p.m.: the next 8 a.m.', '2020-11-04T23:30', 'quiet_hours', '2020-11-05T08:00 EST'],
    ['midnight: 8 a.m. that day', '2020-11-05T00:00', 'quiet_hours', '2020-11-05T08:00 EST'],
    ['7:59 a.m.: a minute to wait', '2020-11-05T07:59', 'quiet_hours', '2020-11-05T08:00 EST'],
    ['8:00 a.m.: now', '2020-11-05T08:00', 'daytime', '2020-11-05T08:00 EST'],
    ['noon: now', '2020-11-05T12:00', 'daytime', '2020-11-05T12:00 EST'],
  ])('%s', (_name, now, why, expected) => {
    const timing = whenTextMayGo({ now: at(now), timeZone: NEW_YORK, deadline: null });
    expect({ why: timing.why, at: local(timing.at) }).toEqual({ why, at: expected });
  });

  describe('unless the deadline comes before the next 8 a.m.', () => {
    const elevenPm = at('2020-11-05T23:00');
    it.each([
      ['a deadline at 7:00 a.m.: now', '2020-11-06T07:00', 'deadline_before_morning', '2020-11-05T23:00 EST'],
      ['a deadline at 7:59 a.m.: now', '2020-11-06T07:59', 'deadline_before_morning', '2020-11-05T23:00 EST'],
      ['a deadline at 8:00 a.m. itself: not nearer, the morning', '2020-11-06T08:00', 'quiet_hours', '2020-11-06T08:00 EST'],
      ['a deadline at 5:00 p.m. tomorrow: the morning', '2020-11-06T17:00', 'quiet_hours', '2020-11-06T08:00 EST'],
      ['a deadline already passed: nothing to hurry for, the morning', '2020-11-05T17:00', 'quiet_hours', '2020-11-06T08:00 EST'],
    ])('%s', (_name, deadline, why, expected) => {
      const timing = whenTextMayGo({ now: elevenPm, timeZone: NEW_YORK, deadline: at(deadline) });
      expect({ why: timing.why, at: local(timing.at) }).toEqual({ why, at: expected });
    });

    it('in daytime a deadline changes nothing: now', () => {
      expect(whenTextMayGo({ now: at('2020-11-05T15:00'), timeZone: NEW_YORK, deadline: at('2020-11-05T17:00') })).toEqual({ at: at('2020-11-05T15:00'), why: 'daytime' });
    });
  });

  describe('a daylight-saving night', () => {
    it('clocks back (Sunday 1 Nov 2020, 2 a.m. EDT becomes 1 a.m. EST): 10 p.m. Saturday waits 11 hours for 8 a.m. EST', () => {
      const now = at('2020-10-31T22:00');
      const timing = whenTextMayGo({ now, timeZone: NEW_YORK, deadline: null });
      expect(local(timing.at)).toBe('2020-11-01T08:00 EST');
      expect((timing.at - now) / 3_600_000).toBe(11);
    });

    it('clocks forward (Sunday 8 Mar 2020, 2 a.m. EST becomes 3 a.m. EDT): 10 p.m. Saturday waits 9 hours for 8 a.m. EDT', () => {
      const now = at('2020-03-07T22:00');
      const timing = whenTextMayGo({ now, timeZone: NEW_YORK, deadline: null });
      expect(local(timing.at)).toBe('2020-03-08T08:00 EDT');
      expect((timing.at - now) / 3_600_000).toBe(9);
    });

    it('in the repeated hour (1:30 a.m. EDT and again EST) both wait for the same 8 a.m.', () => {
      const first = Date.parse('2020-11-01T05:30:00Z'); // 1:30 a.m. EDT
      const second = Date.parse('2020-11-01T06:30:00Z'); // 1:30 a.m. EST
      expect(local(first)).toBe('2020-11-01T01:30 EDT');
      expect(local(second)).toBe('2020-11-01T01:30 EST');
      expect(whenTextMayGo({ now: first, timeZone: NEW_YORK, deadline: null }).at).toBe(at('2020-11-01T08:00'));
      expect(whenTextMayGo({ now: second, timeZone: NEW_YORK, deadline: null }).at).toBe(at('2020-11-01T08:00'));
    });

    it('a deadline at 7:00 a.m. on the morning the clocks go back still goes now', () => {
      const timing = whenTextMayGo({ now: at('2020-10-31T23:00'), timeZone: NEW_YORK, deadline: at('2020-11-01T07:00') });
      expect(timing).toEqual({ at: at('2020-10-31T23:00'), why: 'deadline_before_morning' });
    });
  });

  it('the voter\u2019s zone, not the election\u2019s: 9:30 p.m. in New York is 8:30 p.m. in Chicago and 6:30 p.m. in Phoenix', () => {
    const now = at('2020-11-04T21:30');
    expect(whenTextMayGo({ now, timeZone: NEW_YORK, deadline: null }).why).toBe('quiet_hours');
    expect(whenTextMayGo({ now, timeZone: 'America/Chicago', deadline: null })).toEqual({ at: now, why: 'daytime' });
    expect(whenTextMayGo({ now, timeZone: 'America/Phoenix', deadline: null })).toEqual({ at: now, why: 'daytime' });
    const honolulu = whenTextMayGo({ now: at('2020-11-04T21:30', 'Pacific/Honolulu'), timeZone: 'Pacific/Honolulu', deadline: null });
    expect(local(honolulu.at, 'Pacific/Honolulu')).toBe('2020-11-05T08:00 HST');
  });

  it('an unknown zone is a bug, not a guess', () => {
    expect(() => whenTextMayGo({ now: 0, timeZone: 'Mars/Olympus_Mons', deadline: null })).toThrow(/not a time zone/);
  });

  it('whatever the instant, zone and deadline: never earlier than now, never in quiet hours unless the deadline is nearer than morning, never more than 12 hours away', () => {
    const zones = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu', 'America/Puerto_Rico', 'Pacific/Guam'];
    const start = Date.parse('2020-01-01T00:00:00Z');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 366 * 24 * 60 }), fc.constantFrom(...zones), fc.option(fc.integer({ min: -24 * 60, max: 48 * 60 })), (minute, zone, deadlineIn) => {
        const now = start + minute * 60_000;
        const deadline = deadlineIn === null ? null : now + deadlineIn * 60_000;
        const timing = whenTextMayGo({ now, timeZone: zone, deadline });
        const hour = DateTime.fromMillis(timing.at, { zone }).hour;
        const daytime = hour >= QUIET_UNTIL_HOUR && hour < QUIET_FROM_HOUR;
        return timing.at >= now && timing.at - now <= 12 * 3_600_000 && (daytime || (timing.why === 'deadline_before_morning' && timing.at === now)) && (timing.why !== 'quiet_hours' || DateTime.fromMillis(timing.at, { zone }).toFormat('HH:mm') === '08:00');
      }),
      { numRuns: 2000 },
    );
  });
});
