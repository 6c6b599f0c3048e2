import { isCalendarDate } from '@app/imports';
import type { ElectionCalendar } from '@app/rules';
import { field } from './console-context';
import { joinMemorableDate } from './forms/fields';

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/;

/**
 * A datetime-local value (`2020-11-03T19:05`, no zone) as the instant it names in a zone, read
 * strictly: a real calendar date, hours 00-23, minutes 00-59. Anything else comes back as typed,
 * for the DTO to refuse by its field's name (never a `RangeError` from an impossible date).
 */
export function localInstantOrAsTyped(value: string, instantAt: (date: string, time: string) => number): string {
  const match = LOCAL_DATE_TIME.exec(value);
  if (match === null) return value;
  const [date, hour, minute] = [match[1] ?? '', Number(match[2]), Number(match[3])];
  if (!isCalendarDate(date) || hour > 23 || minute > 59) return value;
  const instant = instantAt(date, `${match[2]}:${match[3]}`);
  return Number.isFinite(instant) ? new Date(instant).toISOString() : value;
}

/**
 * The console's intake form as the intake DTO's input: text trimmed, codes upper-cased, fields of
 * the other kind of ballot left out, the memorable date of birth joined, and the datetime-local
 * fields (which carry no zone) read in the county's zone (the election's when the county has none
 * of its own). What is malformed is passed on as typed, for the DTO to name.
 */
export function intakeFormInput(body: Record<string, unknown>, electionId: string, calendar: Pick<ElectionCalendar, 'instantAt' | 'zoneOf'>): Record<string, unknown> {
  const zone = calendar.zoneOf(field(body, 'countyCode').trim().toUpperCase());
  const instant = (name: string): string | undefined => (field(body, name) === '' ? undefined : localInstantOrAsTyped(field(body, name), (date, time) => calendar.instantAt(date, time, zone)));
  const optional = (name: string): string | undefined => (field(body, name) === '' ? undefined : field(body, name));
  const kind = field(body, 'kind');
  return {
    electionId,
    receiptNumber: field(body, 'receiptNumber').trim(),
    kind,
    countyCode: field(body, 'countyCode').trim().toUpperCase(),
    precinctId: kind === 'provisional' ? optional('precinctId') : undefined,
    firstName: field(body, 'firstName').trim(),
    lastName: field(body, 'lastName').trim(),
    dateOfBirth: joinMemorableDate(body, 'dateOfBirth'),
    address: field(body, 'address').trim(),
    claimedVoterId: optional('claimedVoterId'),
    issuedReason: kind === 'provisional' ? optional('issuedReason') : undefined,
    uocavaCategory: kind === 'uocava' ? optional('uocavaCategory') : undefined,
    // Sent as ticked whatever the kind, so that a provisional ballot marked FWAB is refused at the field, not silently cleared.
    fwab: field(body, 'fwab') === 'true',
    postmarkDate: optional('postmarkDate'),
    signedDate: optional('signedDate'),
    receivedAt: instant('receivedAt') ?? '',
    castAt: kind === 'provisional' ? instant('castAt') : undefined,
    idShown: field(body, 'idShown') === 'true',
    outOfPrecinctAffidavit: field(body, 'outOfPrecinctAffidavit') === 'true',
    signature: optional('signature'),
    notes: optional('notes'),
    contactEmail: optional('contactEmail')?.trim(),
    contactPhone: optional('contactPhone')?.trim(),
    language: optional('language'),
  };
}
