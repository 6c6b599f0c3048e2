import { plainToInstance } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';

function flatten(errors: readonly ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix === '' ? error.property : `${prefix}.${error.property}`;
    return [...Object.values(error.constraints ?? {}).map((message) => ({ field, message })), ...flatten(error.children ?? [], field)];
  });
}

/** Validates a form with the same DTO the JSON API uses: one set of rules for both front doors. */
export async function validateForm<T extends object>(dto: new () => T, plain: object): Promise<{ ok: true; value: T } | { ok: false; fields: { field: string; message: string }[] }> {
  const value = plainToInstance(dto, plain);
  const errors = await validate(value, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  return errors.length === 0 ? { ok: true, value } : { ok: false, fields: flatten(errors) };
}
