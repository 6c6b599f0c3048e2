import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ContestDto, CountyDto, CountyOfficeDto, DistrictDto, JurisdictionBundleDto, NewElectionDto, PrecinctDto } from '@app/ballots';
import { DISTRICT_KINDS } from '@app/domain';
import { ELECTION_TYPES } from '@app/rules';

/**
 * OpenAPI documentation of the election and jurisdiction inputs. The classes and their validation
 * live in libs/ballots (the CLI's jurisdiction file is checked by them too); the documentation is
 * the API's, applied here to the same properties.
 */
function document<T>(dto: { prototype: T }, docs: readonly [keyof T & string, PropertyDecorator][]): void {
  for (const [property, decorate] of docs) decorate(dto.prototype as object, property);
}

document(NewElectionDto, [
  ['id', ApiProperty({ example: 'ga-2020-general' })],
  ['name', ApiProperty({ example: 'Georgia General Election, 3 November 2020' })],
  ['state', ApiProperty({ example: 'GA' })],
  ['electionDay', ApiProperty({ example: '2020-11-03' })],
  ['timeZone', ApiPropertyOptional({ example: 'America/New_York', description: 'the rule pack\'s zone when absent' })],
  ['rulePackId', ApiPropertyOptional({ example: 'GA-2020', description: 'the pack in force on election day when absent' })],
  ['pollsClose', ApiPropertyOptional({ example: '19:00' })],
  ['electionType', ApiPropertyOptional({ enum: ELECTION_TYPES, default: 'general', description: 'some statutes set a deadline by the kind of election' })],
  ['federal', ApiPropertyOptional({ default: true, description: 'a federal office is on the ballot (some statutes set a deadline by it)' })],
]);
document(CountyOfficeDto, [
  ['name', ApiProperty({ example: 'Fulton County Registration and Elections' })],
  ['address', ApiProperty({ example: '5600 Campbellton Fairburn Rd, Fairburn, GA 30213' })],
  ['hours', ApiProperty({ example: 'Monday to Friday, 8:00 AM to 5:00 PM' })],
  ['phone', ApiProperty({ example: '(404) 555-0100' })],
  ['email', ApiPropertyOptional()],
]);
document(CountyDto, [
  ['code', ApiProperty({ example: 'FULTON' })],
  ['name', ApiProperty({ example: 'Fulton' })],
  ['office', ApiPropertyOptional({ type: CountyOfficeDto, description: 'the office a voter is sent to (shown on the portal and in notices)' })],
]);
document(DistrictDto, [
  ['id', ApiProperty()],
  ['kind', ApiProperty({ enum: DISTRICT_KINDS })],
  ['name', ApiProperty()],
]);
document(PrecinctDto, [
  ['id', ApiProperty()],
  ['countyCode', ApiProperty()],
  ['districtIds', ApiProperty({ type: [String] })],
]);
document(ContestDto, [
  ['id', ApiProperty()],
  ['districtId', ApiProperty()],
  ['name', ApiProperty()],
]);
document(JurisdictionBundleDto, [
  ['counties', ApiProperty({ type: [CountyDto] })],
  ['districts', ApiProperty({ type: [DistrictDto] })],
  ['precincts', ApiProperty({ type: [PrecinctDto] })],
  ['contests', ApiProperty({ type: [ContestDto] })],
]);

export { JurisdictionBundleDto, NewElectionDto };
