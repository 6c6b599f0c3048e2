import { DomainError, forbiddenCharacter, isCalendarDate } from '@app/domain';
import { plainToInstance, Transform } from 'class-transformer';
import { isEmail, registerDecorator, validateSync, type ValidationError, type ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';

/** A real calendar date written `YYYY-MM-DD` (2021-02-30 is refused). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date, YYYY-MM-DD`, ...options },
      validator: {
        validate: (value: unknown) => isCalendarDate(value),
      },
    });
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(?:Z|([+-])(\d{2}):(\d{2}))$/;
/** The furthest offsets any zone uses: UTC-12:00 (Baker Island) to UTC+14:00 (Line Islands). */
const MAX_OFFSET_EAST = 14 * 60;
const MAX_OFFSET_WEST = 12 * 60;

/**
 * Whether a string is an instant the rules can trust: ISO 8601 with seconds optional, a real date,
 * hours 00-23 (never 24:00), and an offset a real zone can have (-12:00 to +14:00) or Z. Luxon alone
 * takes `+25:00` and `T24:00` and quietly moves the instant; a deadline is decided by it.
 */
export function isTrustedInstant(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 40) return false;
  const m = INSTANT.exec(value);
  if (m === null) return false;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  if (hour > 23 || minute > 59 || second > 59) return false;
  if (m[7] !== undefined) {
    const offsetHours = Number(m[8]);
    const offsetMinutes = Number(m[9]);
    if (offsetMinutes > 59) return false;
    const total = offsetHours * 60 + offsetMinutes;
    if (total > (m[7] === '+' ? MAX_OFFSET_EAST : MAX_OFFSET_WEST)) return false;
  }
  return DateTime.fromISO(`${m[1]}-${m[2]}-${m[3]}`, { zone: 'UTC' }).isValid && DateTime.fromISO(value, { setZone: true }).isValid;
}

/** An instant written as ISO 8601 with a time zone offset or Z, e.g. 2020-11-03T19:05:00-05:00. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date and time with its offset, e.g. 2020-11-03T19:05:00-05:00 (hours 00-23, offset -12:00 to +14:00)`, ...options },
      validator: { validate: isTrustedInstant },
    });
}

export const instantMs = (value: string): number => DateTime.fromISO(value, { setZone: true }).toMillis();

/**
 * Text a person wrote: a name, an address, a note. Not blank once trimmed, and free of control
 * characters, bidirectional overrides and broken characters (line breaks and tabs are kept where
 * `multiline`). Trimming itself is the DTO's `@Trim()`.
 */
export function IsPlainText(options: ValidationOptions & { readonly multiline?: boolean; readonly allowEmpty?: boolean } = {}): PropertyDecorator {
  const { multiline = false, allowEmpty = false, ...rest } = options;
  return (target, propertyName) =>
    registerDecorator({
      name: 'isPlainText',
      target: target.constructor,
      propertyName: String(propertyName),
      options: rest,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && (allowEmpty || value.trim() !== '') && forbiddenCharacter(value, multiline) === null,
        defaultMessage: (args) => {
          const value: unknown = args?.value;
          if (typeof value !== 'string') return `${String(propertyName)} must be text`;
          const bad = forbiddenCharacter(value, multiline);
          return bad === null ? `${String(propertyName)} must not be blank` : `${String(propertyName)} must not contain ${bad}`;
        },
      },
    });
}

/** Spaces around a value a person typed are not part of it. */
export const Trim = (): PropertyDecorator => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/**
 * An email address, checked without throwing: class-validator's `isEmail` throws a URIError on a
 * lone surrogate, which would reach the client as a server error.
 */
export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isEmailAddress',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be an email address`, ...options },
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string' || forbiddenCharacter(value) !== null) return false;
          try {
            return isEmail(value);
          } catch {
            return false;
          }
        },
      },
    });
}

/**
 * A flag that only a UOCAVA ballot may set: `true` on any other kind is refused, naming the field
 * (`false` or absent is always fine).
 */
export function OnlyForUocava(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'onlyForUocava',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} can be true only for a UOCAVA ballot (kind uocava): a federal write-in absentee ballot is never provisional`, ...options },
      validator: {
        validate: (value: unknown, args) => value !== true || (args?.object as { kind?: unknown } | undefined)?.kind === 'uocava',
      },
    });
}

/** A field that failed, named as a person would find it: `counties[2].office.phone`. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

function problemsOf(errors: readonly ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix === '' ? error.property : `${prefix}.${error.property}`;
    return [...Object.values(error.constraints ?? {}).map((message) => ({ field, message: message.replace(error.property, field) })), ...problemsOf(error.children ?? [], field)];
  });
}

/**
 * Validates an input (a JSON body, a form, a file the CLI read) against its DTO, refusing unknown
 * fields; the same rules at every edge. Each problem names its field, nested ones by their path.
 */
export function checkInput<T extends object>(dto: new () => T, raw: unknown): { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problems: FieldProblem[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problems: [{ field: '(root)', message: 'must be a JSON object' }] };
  const value = plainToInstance(dto, raw);
  const errors = validateSync(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, stopAtFirstError: true, validationError: { target: false, value: false } });
  return errors.length === 0 ? { ok: true, value } : { ok: false, problems: problemsOf(errors) };
}

/** `checkInput`, or a DomainError (invalid_input) listing the first problems, each by its field. */
export function validInput<T extends object>(dto: new () => T, raw: unknown, what: string): T {
  const checked = checkInput(dto, raw);
  if (checked.ok) return checked.value;
  const shown = checked.problems.slice(0, 20);
  const more = checked.problems.length - shown.length;
  throw new DomainError('invalid_input', `${what}: ${shown.map((p) => (p.message.includes(p.field) ? p.message : `${p.field}: ${p.message}`)).join('; ')}${more > 0 ? `; and ${more} more` : ''}`, {}, shown);
}
