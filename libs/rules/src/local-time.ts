import type { Instant } from '@app/domain';
import { DateTime } from 'luxon';

const DISPLAY_FORMAT = 'ccc, LLL d, yyyy, h:mm a';
const REMEMBERED = 10_000;

/** Keeps a computed value, forgetting everything once the map holds REMEMBERED entries (memory stays bounded). */
export function remember<V>(map: Map<string, V>, key: string, value: V): void {
  if (map.size >= REMEMBERED) map.clear();
  map.set(key, value);
}

/** Zone abbreviations (`EST`) by zone, offset and UTC hour: luxon builds an Intl formatter for each one it names (about 0.1 ms). */
const zoneNames = new Map<string, string>();

/**
 * `Fri, Nov 6, 2020, 5:00 PM EST`: luxon's `ccc, LLL d, yyyy, h:mm a ZZZZ` in en-US, with the zone's
 * abbreviation looked up once per zone, offset and hour: zones change names on the hour (not by year:
 * Anchorage's -9 was YST, then AKST, in 1983). local-time.spec.ts compares this with luxon's own
 * format across zones and decades.
 */
export function formatLocal(instant: Instant, timeZone: string): string {
  const local = DateTime.fromMillis(instant, { zone: timeZone }).setLocale('en-US');
  const key = `${timeZone} ${local.offset} ${Math.floor(instant / 3_600_000)}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    name = local.toFormat('ZZZZ');
    remember(zoneNames, key, name);
  }
  return `${local.toFormat(DISPLAY_FORMAT)} ${name}`;
}
