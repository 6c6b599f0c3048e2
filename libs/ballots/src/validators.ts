import { registerDecorator, type ValidationOptions } from 'class-validator';
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
        validate: (value: unknown) => typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && DateTime.fromISO(value, { zone: 'UTC' }).isValid,
      },
    });
}

/** An instant written as ISO 8601 with a time zone offset or Z, e.g. 2020-11-03T19:05:00-05:00. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message: `${String(propertyName)} must be a date and time with its offset, e.g. 2020-11-03T19:05:00-05:00`, ...options },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          value.length <= 40 &&
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(value) &&
          DateTime.fromISO(value, { setZone: true }).isValid,
      },
    });
}

export const instantMs = (value: string): number => DateTime.fromISO(value, { setZone: true }).toMillis();

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
