import { DateTime } from 'luxon';
import { formatLocal } from './local-time';

describe('formatLocal: the display of an instant for people', () => {
  const ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu', 'America/Puerto_Rico', 'Pacific/Guam', 'America/Indiana/Knox', 'America/Adak'];
  const luxon = (instant: number, zone: string): string => DateTime.fromMillis(instant, { zone }).setLocale('en-US').toFormat('ccc, LLL d, yyyy, h:mm a ZZZZ');

  it('reads as luxon formats it, abbreviation included, across zones, seasons and decades', () => {
    let seed = 1;
    const random = (): number => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);
    const differ: string[] = [];
    for (let i = 0; i < 5_000; i += 1) {
      const instant = Date.UTC(1970, 0, 1) + Math.floor(random() * 60 * 365.25 * 86_400_000);
      const zone = ZONES[i % ZONES.length] as string;
      if (formatLocal(instant, zone) !== luxon(instant, zone)) differ.push(`${new Date(instant).toISOString()} ${zone}`);
    }
    expect(differ).toEqual([]);
  });

  it('names a zone that kept its offset but changed its name (Anchorage, 1983) as luxon does', () => {
    for (const iso of ['1983-10-31T12:00:00Z', '1983-12-09T14:42:48Z']) expect(formatLocal(Date.parse(iso), 'America/Anchorage')).toBe(luxon(Date.parse(iso), 'America/Anchorage'));
  });

  it('names standard and daylight time on either side of a change', () => {
    expect(formatLocal(Date.parse('2020-11-01T05:59:00Z'), 'America/New_York')).toBe('Sun, Nov 1, 2020, 1:59 AM EDT');
    expect(formatLocal(Date.parse('2020-11-01T06:00:00Z'), 'America/New_York')).toBe('Sun, Nov 1, 2020, 1:00 AM EST');
  });
});
