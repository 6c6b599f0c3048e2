import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ValidationFailed } from './exception.filter';

/**
 * One message per field (issue 14): a field left out is "required"; otherwise the first check
 * declared on it that failed. class-validator lists a property's failed constraints in the reverse
 * of their declaration, and our DTOs declare the kind check first (`@IsInt() @Min(1) @Max(...)`),
 * so the last one listed is the one that says what the field must be.
 */
function oneMessage(error: ValidationError, field: string): string | null {
  const messages = Object.values(error.constraints ?? {});
  if (messages.length === 0) return null;
  if (error.value === undefined) return `${field} is required`;
  return messages[messages.length - 1] ?? null;
}

function flatten(errors: readonly ValidationError[], prefix = ''): { field: string; message: string }[] {
  return errors.flatMap((error) => {
    const field = prefix === '' ? error.property : `${prefix}.${error.property}`;
    const message = oneMessage(error, field);
    return [...(message === null ? [] : [{ field, message }]), ...flatten(error.children ?? [], field)];
  });
}

/** Whitelist, refuse unknown fields, transform; every problem named by its field path, once. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    // The value is read here to tell a missing field from a wrong one; it never leaves this file.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => new ValidationFailed(flatten(errors)),
  });
}
