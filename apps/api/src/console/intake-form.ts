import type { ElectionCalendar } from '@app/rules';
import { field } from './console-context';

const LOCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/;

/**
 * The console's intake form as the intake DTO's input: text trimmed, codes upper-cased, fields of
 * the other kind of ballot left out, and the datetime-local fields (which carry no zone) read as
 * the election's local time. What is malformed is passed on as typed, for the DTO to name.
 */
export function intakeFormInput(body: Record<string, unknown>, electionId: string, calendar: Pick<ElectionCalendar, 'instantAt'>): Record<string, unknown> {
  const instant = (name: string): string | undefined => {
    const match = LOCAL_DATE_TIME.exec(field(body, name));
    if (match === null) return field(body, name) === '' ? undefined : field(body, name);
    return new Date(calendar.instantAt(match[1] ?? '', match[2] ?? '')).toISOString();
  };
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
    dateOfBirth: field(body, 'dateOfBirth').trim(),
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
