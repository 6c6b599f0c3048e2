import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IntakeBallotDto } from '@app/ballots/intake.dto';
import { BALLOT_KINDS, ISSUED_REASONS, SIGNATURE_STATES, UOCAVA_CATEGORIES, VOTER_LANGUAGES } from '@app/domain';

/**
 * OpenAPI documentation of the intake body. The class and its validation live in libs/ballots
 * (the CLI's file import uses them too, with no HTTP); the documentation belongs to the API, so it
 * is applied here, to the same properties.
 */
const DOCS: [keyof IntakeBallotDto, PropertyDecorator][] = [
  ['electionId', ApiProperty({ example: 'ga-2020-general' })],
  ['receiptNumber', ApiProperty({ example: 'P-000123', description: 'from the envelope; unique within the election' })],
  ['kind', ApiProperty({ enum: BALLOT_KINDS })],
  ['countyCode', ApiProperty({ example: 'FULTON' })],
  ['precinctId', ApiPropertyOptional({ description: 'where a provisional ballot was cast; absent for UOCAVA' })],
  ['firstName', ApiProperty()],
  ['lastName', ApiProperty()],
  ['dateOfBirth', ApiProperty({ example: '1980-02-29' })],
  ['address', ApiProperty()],
  ['claimedVoterId', ApiPropertyOptional()],
  ['issuedReason', ApiPropertyOptional({ enum: ISSUED_REASONS, description: 'required for provisional ballots' })],
  ['uocavaCategory', ApiPropertyOptional({ enum: UOCAVA_CATEGORIES, description: 'required for UOCAVA ballots' })],
  ['fwab', ApiPropertyOptional({ default: false, description: 'UOCAVA only: the voter returned the federal write-in absentee ballot (FWAB); true on a provisional ballot is refused (400, field fwab)' })],
  ['postmarkDate', ApiPropertyOptional({ example: '2020-11-02' })],
  ['signedDate', ApiPropertyOptional({ example: '2020-10-30' })],
  ['receivedAt', ApiProperty({ example: '2020-11-05T10:12:00-05:00' })],
  ['castAt', ApiPropertyOptional({ example: '2020-11-03T17:40:00-05:00', description: 'required for provisional ballots' })],
  ['idShown', ApiPropertyOptional({ default: false })],
  ['outOfPrecinctAffidavit', ApiPropertyOptional({ default: false })],
  ['signature', ApiPropertyOptional({ enum: SIGNATURE_STATES, default: 'present' })],
  ['notes', ApiPropertyOptional()],
  ['contactEmail', ApiPropertyOptional({ example: 'voter@example.org', description: 'where the voter asked for notices by email' })],
  ['contactPhone', ApiPropertyOptional({ example: '+1 404 555 0100', description: 'where the voter asked for notices by text message' })],
  ['language', ApiPropertyOptional({ enum: VOTER_LANGUAGES, default: 'en', description: 'language of the notices' })],
];

for (const [property, decorate] of DOCS) decorate(IntakeBallotDto.prototype, property);

export { IntakeBallotDto };

/** Examples of the intake body (synthetic voters): a provisional ballot, and a UOCAVA ballot. */
export const INTAKE_EXAMPLES = {
  provisional: {
    summary: 'a provisional ballot, voter not on the precinct\u2019s list',
    value: {
      electionId: 'ga-2020-general', receiptNumber: 'P-000123', kind: 'provisional', countyCode: 'FULTON', precinctId: 'FUL-01',
      firstName: 'Pat', lastName: 'Example', dateOfBirth: '1980-02-29', address: '1 Peachtree St, Atlanta, GA', claimedVoterId: '1001',
      issuedReason: 'not_on_list', receivedAt: '2020-11-03T19:40:00-05:00', castAt: '2020-11-03T17:40:00-05:00', idShown: true, contactEmail: 'voter@example.org', language: 'en',
    },
  },
  uocava: {
    summary: 'a UOCAVA ballot from a voter overseas',
    value: {
      electionId: 'ga-2020-general', receiptNumber: 'U-000045', kind: 'uocava', countyCode: 'FULTON', firstName: 'Sam', lastName: 'Example', dateOfBirth: '1975-06-01',
      address: 'Unit 1234, APO AE 09012', uocavaCategory: 'military_overseas', postmarkDate: '2020-11-02', signedDate: '2020-10-30', receivedAt: '2020-11-05T10:12:00-05:00',
    },
  },
};
