import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** The attestation a supervisor signs to certify (issue 14 item 4): the box ticked and a full name (the service's limit, 100). */
export class AttestationDto {
  @IsIn(['yes'])
  attested!: string;

  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  attestedBy!: string;
}
