import { DateTime } from 'luxon';

/**
 * No text message between 9 p.m. and 8 a.m. where the voter is: the hours the FCC's rules under
 * the Telephone Consumer Protection Act keep free of telephone solicitations, "local time at the
 * called party's location" (47 CFR 64.1200(c)(1)). A notice is no solicitation, but a text at
 * midnight is no kinder. The exception: the deadline the message is about comes before the next
 * 8 a.m.; a voter told at 8 a.m. of a cure due at 7 a.m. was not told at all. Pure: the clock and
 * the zone come in.
 *
 * The voter's zone is the county's, from the election's calendar (`ElectionCalendar.zoneOf(county)`),
 * so a county in another zone than the election's keeps its own nights.
 */

/** The first quiet hour (9 p.m.) and the first hour texts may go again (8 a.m.), local time. */
export const QUIET_FROM_HOUR = 21;
export const QUIET_UNTIL_HOUR = 8;

export interface TextTimingQuestion {
  /** Now, in epoch milliseconds. */
  readonly now: number;
  /** The voter's IANA zone (the county's). */
  readonly timeZone: string;
  /** The deadline the message is about (a cure's), or null when it is about none. */
  readonly deadline: number | null;
}

export type TextTiming =
  /** Daytime where the voter is: send now. */
  | { readonly at: number; readonly why: 'daytime' }
  /** Quiet hours, but the deadline comes before morning: send now. */
  | { readonly at: number; readonly why: 'deadline_before_morning' }
  /** Quiet hours: send at the next 8 a.m. where the voter is. */
  | { readonly at: number; readonly why: 'quiet_hours' };

/** When a text message may go: now, or the next 8 a.m. in the voter's zone. */
export function whenTextMayGo(question: TextTimingQuestion): TextTiming {
  const local = DateTime.fromMillis(question.now, { zone: question.timeZone });
  if (!local.isValid) throw new Error(`not a time zone: ${question.timeZone}`);
  if (local.hour >= QUIET_UNTIL_HOUR && local.hour < QUIET_FROM_HOUR) return { at: question.now, why: 'daytime' };
  // The calendar day is moved, then the wall clock set: across a change of daylight saving time the
  // night is an hour longer or shorter, and 8 a.m. stays 8 a.m.
  const morningDay = local.hour >= QUIET_FROM_HOUR ? local.plus({ days: 1 }) : local;
  const morning = morningDay.set({ hour: QUIET_UNTIL_HOUR, minute: 0, second: 0, millisecond: 0 }).toMillis();
  const deadline = question.deadline;
  if (deadline !== null && deadline > question.now && deadline < morning) return { at: question.now, why: 'deadline_before_morning' };
  return { at: morning, why: 'quiet_hours' };
}
