import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A rule pack in the list: which state, which period. */
export class RulePackSummaryView {
  @ApiProperty({ example: 'GA-2020' }) id!: string;
  @ApiProperty({ example: 'GA' }) state!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ example: '2020-01-01' }) effectiveFrom!: string;
  @ApiProperty({ type: String, nullable: true, example: null }) effectiveTo!: string | null;
}

const RULE = { type: 'object', additionalProperties: true } as const;

/**
 * A whole rule pack as loaded (libs/rules/src/pack.schema.ts is its full definition, checked on
 * load). Each rule is an object carrying its value and the source (statute, rule) it comes from.
 */
export class RulePackView extends RulePackSummaryView {
  @ApiProperty({ example: 'America/New_York' }) timeZone!: string;
  @ApiPropertyOptional({ ...RULE, description: 'counties that keep another zone than timeZone' }) countyTimeZones?: object;
  @ApiProperty({ ...RULE, description: 'the offices\u2019 close of business, with its source' }) closeOfBusiness!: object;
  @ApiProperty({ ...RULE, description: 'the close of the polls on election day, with its source' }) pollsClose!: object;
  @ApiProperty({ ...RULE, description: 'the holidays that do not count as business days' }) holidays!: object;
  @ApiProperty({ ...RULE, description: 'the cure, UOCAVA receipt and postmark, and certification deadlines, each with its source' }) deadlines!: object;
  @ApiProperty({ ...RULE, description: 'the first day a ballot can be cast in person' }) votingOpens!: object;
  @ApiProperty({ ...RULE, description: 'when UOCAVA ballots are sent out' }) uocavaTransmission!: object;
  @ApiProperty({ ...RULE, description: 'what a ballot cast out of precinct counts for' }) outOfPrecinct!: object;
  @ApiProperty({ ...RULE, description: 'what a ballot cast out of county counts for' }) outOfCounty!: object;
  @ApiProperty({ ...RULE, description: 'whether a provisional voter may cure a missing ID' }) provisionalIdCure!: object;
  @ApiProperty({ ...RULE, description: 'whether the state registers voters on election day' }) sameDayRegistration!: object;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'the statutes and rules cited' }) sources!: object[];
  @ApiPropertyOptional() notes?: string;
}
