import { Injectable, type PipeTransform } from '@nestjs/common';
import { ValidationFailed } from './exception.filter';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that must be a UUID; otherwise 400 naming the parameter. */
@Injectable()
export class UuidParam implements PipeTransform<string, string> {
  constructor(private readonly name = 'id') {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new ValidationFailed([{ field: this.name, message: `${this.name} must be a UUID` }]);
    return value;
  }
}
