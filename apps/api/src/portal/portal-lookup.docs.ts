import { ApiProperty } from '@nestjs/swagger';
import { BALLOT_KINDS, REJECTION_REASONS, VOTER_LANGUAGES } from '@app/domain';
import { PORTAL_STATUSES } from '@app/portal';

/** OpenAPI documentation of the portal lookup's answer (PortalView in libs/portal): the minimum a voter needs. */
class PortalDeadlineDoc {
  @ApiProperty({ example: '2020-11-06T22:00:00.000Z' }) at!: string;
  @ApiProperty({ example: 'Friday, November 6, 2020, 5:00 PM EST' }) local!: string;
  @ApiProperty({ example: 1 }) daysLeft!: number;
  @ApiProperty() passed!: boolean;
}

class PortalActionDoc {
  @ApiProperty({ type: [String], description: 'what to do, in order' }) steps!: string[];
  @ApiProperty({ type: PortalDeadlineDoc }) deadline!: PortalDeadlineDoc;
  @ApiProperty({ description: 'the portal still takes an upload' }) uploadOpen!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'why the last upload was declined, in words' }) lastUploadDeclined!: string | null;
  @ApiProperty({ description: 'the cure asks for a signed affidavit: the portal offers the form as a PDF' }) affidavit!: boolean;
}

class PortalTimelineEntryDoc {
  @ApiProperty({ example: 'received', description: 'the step, as a code' }) step!: string;
  @ApiProperty({ example: 'Your ballot was received.' }) text!: string;
  @ApiProperty({ example: '2020-11-03T17:00:00.000Z' }) at!: string;
  @ApiProperty({ example: 'Tuesday, November 3, 2020', description: 'the day in the election\u2019s time zone, in the voter\u2019s language' }) day!: string;
}

class PortalReasonDoc {
  @ApiProperty({ enum: REJECTION_REASONS }) code!: string;
  @ApiProperty() text!: string;
}

class PortalOfficeDoc {
  @ApiProperty({ example: 'Fulton County Registration and Elections' }) name!: string;
  @ApiProperty({ type: String, nullable: true }) address!: string | null;
  @ApiProperty({ type: String, nullable: true }) hours!: string | null;
  @ApiProperty({ type: String, nullable: true }) phone!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
}

export class PortalLookupView {
  @ApiProperty({ example: 'GA20-P-000123' }) receiptNumber!: string;
  @ApiProperty({ example: 'General Election, November 3, 2020' }) electionName!: string;
  @ApiProperty({ example: 'America/New_York', description: 'the election\u2019s time zone: the deadline and the timeline are in it' }) timeZone!: string;
  @ApiProperty({ enum: BALLOT_KINDS }) ballotKind!: string;
  @ApiProperty({ enum: PORTAL_STATUSES }) status!: string;
  @ApiProperty({ example: 'We need something from you' }) heading!: string;
  @ApiProperty({ type: [String] }) paragraphs!: string[];
  @ApiProperty({ type: PortalActionDoc, nullable: true, description: 'while a cure is owed: what to do and by when' }) action!: PortalActionDoc | null;
  @ApiProperty({ type: [String], nullable: true, description: 'a partial count: the contests counted' }) contestsCounted!: string[] | null;
  @ApiProperty({ type: PortalReasonDoc, nullable: true, description: 'why the ballot was not counted' }) reason!: PortalReasonDoc | null;
  @ApiProperty({ type: PortalOfficeDoc }) office!: PortalOfficeDoc;
  @ApiProperty({ type: [PortalTimelineEntryDoc], description: 'the ballot\u2019s steps with their dates, oldest first' }) timeline!: PortalTimelineEntryDoc[];
  @ApiProperty({ enum: VOTER_LANGUAGES }) language!: string;
}

/** Examples of the lookup body: a synthetic receipt number and date of birth. */
export const PORTAL_LOOKUP_EXAMPLES = {
  lookup: { summary: 'a voter looks up a ballot', value: { receiptNumber: 'GA20-P-000123', dateOfBirth: '1986-04-28' } },
};
