import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorBody {
  @ApiProperty({ example: 'dateOfBirth' })
  field!: string;

  @ApiProperty({ example: 'must be a date, YYYY-MM-DD' })
  message!: string;
}

/** The one error shape of the API. */
export class ErrorBody {
  @ApiProperty({ example: 400 })
  status!: number;

  @ApiProperty({ example: 'invalid_input' })
  code!: string;

  @ApiProperty({ example: 'the request is not valid' })
  message!: string;

  @ApiProperty({ type: [FieldErrorBody] })
  fields!: FieldErrorBody[];

  @ApiPropertyOptional({ description: 'more about the error: accepted events, the current version, ...' })
  details?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'quote it when reporting a server error' })
  correlationId?: string;
}
