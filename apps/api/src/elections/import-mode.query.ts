import { IsIn, IsOptional } from 'class-validator';

/** `?replace=true|false` of the jurisdiction import; anything else is refused naming the field. */
export class ImportModeQuery {
  @IsOptional() @IsIn(['true', 'false'], { message: 'replace must be true or false' })
  replace?: 'true' | 'false';
}
