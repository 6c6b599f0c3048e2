import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { validationMessage, type FieldMessage } from './clerk-messages';

function present(plain: object, path: readonly string[]): boolean {
  let value: unknown = plain;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  return value !== undefined && value !== null && value !== '';
}

/** Each failed field once, in the form's words (clerk-messages.ts), never the validator's default text. */
function messagesOf(errors: readonly ValidationError[], plain: object, prefix: readonly string[] = []): FieldMessage[] {
  return errors.flatMap((error) => {
    const path = [...prefix, error.property];
    const own = Object.keys(error.constraints ?? {});
    const mine = own.length === 0 ? [] : [{ field: path.join('.'), message: validationMessage(path.join('.'), own, present(plain, path)) }];
    return [...mine, ...messagesOf(error.children ?? [], plain, path)];
  });
}

/** Validates a form with the same DTO the JSON API uses: one set of rules for both front doors. */
export async function validateForm<T extends object>(dto: new () => T, plain: object): Promise<{ ok: true; value: T } | { ok: false; fields: FieldMessage[] }> {
  const value = plainToInstance(dto, plain);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  return errors.length === 0 ? { ok: true, value } : { ok: false, fields: messagesOf(errors, plain) };
}
