import type { VoterLanguage } from '@app/domain';
import { WORDS } from './words';

/**
 * A deadline as a voter reads it: weekday, date, time and zone in the election's time zone, e.g.
 * "Friday, November 6, 2020 at 5:00 PM EST" / "viernes, 6 de noviembre de 2020, 5:00 p.m. EST".
 */
export function localDeadline(instant: number, timeZone: string, language: VoterLanguage): string {
  return new Intl.DateTimeFormat(WORDS[language].locale, {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/** Whole local calendar days from `now` to the deadline, in the election's zone (0: the deadline is today). */
export function daysLeft(now: number, deadline: number, timeZone: string): number {
  const day = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(t));
    return Date.parse(`${parts}T00:00:00Z`);
  };
  return Math.round((day(deadline) - day(now)) / 86_400_000);
}

/** A day as a voter reads it on the portal's timeline, in the election's time zone: "November 4, 2020" / "4 de noviembre de 2020". */
export function localDay(instant: number, timeZone: string, language: VoterLanguage): string {
  return new Intl.DateTimeFormat(WORDS[language].locale, { timeZone, year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(instant));
}
