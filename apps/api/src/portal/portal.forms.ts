import { CURE_DOCUMENT_KINDS, isOneOf, type CureDocumentKind, type VoterLanguage } from '@app/domain';
import { wordsFor, type UploadProblemWord } from '@app/wording';
import type { Request } from 'express';
import { clientAddress } from '../common/client-address';

/**
 * The portal's form layer: what a browser posted, parsed (text fields, the language) and checked
 * field by field, every error at once, each naming the input it belongs to, in the voter's
 * language. The flows (`portal.flows.ts`) take the checked values to the services and the pages.
 */

/** An error at a form field: `field` is the id of the input the error summary links to. */
export interface FieldError {
  readonly field: string;
  readonly text: string;
}

export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly errors: readonly FieldError[] };

/** What every portal request carries: its form fields, the voter's language, the client for the limits. */
export interface Visit {
  readonly field: (name: string) => string;
  readonly language: VoterLanguage;
  readonly client: string;
  readonly token: string;
}

/** `?lang=` (or the form's `lang`) first, then the browser's Accept-Language (English or Spanish, by preference), else English. */
export function chooseLanguage(query: unknown, acceptLanguage: string | undefined): VoterLanguage {
  if (query === 'es' || query === 'en') return query;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'es' || tag.startsWith('es-')) return 'es';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** A form field as text, cut at 300 characters: longer than any field the portal asks for (an email is at most 254). */
const fieldOf = (body: unknown) => (name: string): string => {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 300) : '';
};

/** A portal request as the flows read it; the body is the parsed form (urlencoded or multipart). */
export function visitOf(request: Request, query: unknown = undefined): Visit {
  const field = fieldOf(request.body);
  return { field, language: chooseLanguage(query ?? field('lang'), request.headers['accept-language']), client: clientAddress(request), token: field('token') };
}

export const RECEIPT = /^\s*[A-Za-z0-9_-]{1,32}\s*$/;

/** The date of birth from the three boxes of USWDS's memorable-date pattern. */
export function dateFromParts(month: string, day: string, year: string): string | null {
  if (!/^\d{1,2}$/.test(month.trim()) || !/^\d{1,2}$/.test(day.trim()) || !/^\d{4}$/.test(year.trim())) return null;
  const iso = `${year.trim()}-${month.trim().padStart(2, '0')}-${day.trim().padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso ? iso : null;
}

export interface LookupForm {
  readonly receiptNumber: string;
  readonly month: string;
  readonly day: string;
  readonly year: string;
}

export const EMPTY_LOOKUP: LookupForm = { receiptNumber: '', month: '', day: '', year: '' };

export const lookupFormOf = (visit: Visit): LookupForm => ({ receiptNumber: visit.field('receiptNumber'), month: visit.field('month'), day: visit.field('day'), year: visit.field('year') });

/** The receipt number and the date of birth, both checked, both errors at once. */
export function checkLookup(form: LookupForm, language: VoterLanguage): Checked<{ receiptNumber: string; dateOfBirth: string }> {
  const words = wordsFor(language).pages;
  const errors: FieldError[] = [];
  if (!RECEIPT.test(form.receiptNumber)) errors.push({ field: 'receiptNumber', text: words.receiptError });
  const dateOfBirth = dateFromParts(form.month, form.day, form.year);
  if (dateOfBirth === null) errors.push({ field: 'month', text: words.dateOfBirthError });
  return dateOfBirth === null || errors.length > 0 ? { ok: false, errors } : { ok: true, value: { receiptNumber: form.receiptNumber, dateOfBirth } };
}

/** Where each upload problem is shown: at its field, or (the office's answer) above the form. */
const UPLOAD_FIELD: Readonly<Partial<Record<UploadProblemWord, string>>> = { kind: 'kind-id', empty: 'document', too_large: 'document', not_a_document: 'document', affirm: 'affirm' };

export const uploadError = (language: VoterLanguage, problem: UploadProblemWord): FieldError => ({ field: UPLOAD_FIELD[problem] ?? '', text: wordsFor(language).pages.uploadProblem[problem] });

/**
 * The upload form: what it is, the file, the affirmation; every problem at once. A file the parser
 * refused (too large, not a file) is the file's error; the fields after it in the form were not
 * read, so they are not judged.
 */
export function checkUpload(visit: Visit, file: { buffer: Buffer } | undefined, parseError: 'too_large' | 'not_a_document' | null): Checked<{ kind: CureDocumentKind; bytes: Buffer }> {
  const problems: UploadProblemWord[] = [];
  const kind = visit.field('kind');
  if (!isOneOf(CURE_DOCUMENT_KINDS, kind)) problems.push('kind');
  if (parseError !== null) problems.push(parseError);
  else if (file === undefined || file.buffer.length === 0) problems.push('empty');
  if (parseError === null && visit.field('affirm') !== 'yes') problems.push('affirm');
  if (problems.length > 0 || file === undefined || !isOneOf(CURE_DOCUMENT_KINDS, kind)) return { ok: false, errors: problems.map((p) => uploadError(visit.language, p)) };
  return { ok: true, value: { kind, bytes: file.buffer } };
}
