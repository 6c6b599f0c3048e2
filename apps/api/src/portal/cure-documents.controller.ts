import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CURE_DECLINE_REASONS, type CureDeclineReason, type StaffActor } from '@app/domain';
import { CureDecisions } from '@app/ballots';
import type { CureSubmissionEntity } from '@app/persistence';
import { IsIn, IsInt, Min } from 'class-validator';
import type { Response } from 'express';
import { CurrentActor } from '../auth/auth.guard';
import { UuidParam } from '../common/uuid.pipe';
import { ballotView, BallotView } from '../ballots/ballot.views';
import { sendCureDocument } from './cure-document.response';
import { ApiErrors, JsonBodyErrors, StaffErrors } from '../common/api-errors';

class CureDocumentView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['id_document', 'cure_affidavit'] }) kind!: string;
  @ApiProperty({ enum: ['image/jpeg', 'image/png', 'application/pdf'] }) mediaType!: string;
  @ApiProperty() sizeBytes!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty() submittedAt!: string;
  @ApiProperty({ enum: ['pending', 'accepted', 'declined'] }) status!: string;
  @ApiProperty({ nullable: true, type: String }) decidedBy!: string | null;
  @ApiProperty({ nullable: true, type: String, enum: CURE_DECLINE_REASONS }) declineReason!: string | null;
}

const documentView = (r: CureSubmissionEntity): CureDocumentView => ({
  id: r.id,
  kind: r.kind,
  mediaType: r.mediaType,
  sizeBytes: r.sizeBytes,
  sha256: r.sha256,
  submittedAt: new Date(r.submittedAt).toISOString(),
  status: r.status,
  decidedBy: r.decidedBy,
  declineReason: r.declineReason,
});

class AcceptDto {
  @ApiProperty({ description: 'the ballot version the clerk saw' }) @IsInt() @Min(1) expectedVersion!: number;
}

class DeclineDto {
  @ApiProperty({ enum: CURE_DECLINE_REASONS }) @IsIn(CURE_DECLINE_REASONS) reason!: CureDeclineReason;
}

/** Cure documents voters uploaded through the portal: listed, opened and decided by staff of the ballot's county. */
@ApiTags('ballots')
@ApiBearerAuth()
@StaffErrors()
@Controller('api/ballots/:id/cure-documents')
export class CureDocumentsController {
  constructor(private readonly decisions: CureDecisions) {}

  @Get()
  @ApiOperation({ summary: 'The cure documents the voter uploaded for a ballot, newest first', description: 'The whole list (a voter uploads a few at most), so its length is the total.' })
  @ApiOkResponse({ type: [CureDocumentView] })
  @ApiErrors(400, 404)
  async list(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string): Promise<CureDocumentView[]> {
    return (await this.decisions.forStaff(actor, id)).map(documentView);
  }

  /** The file, as uploaded, with its detected type; never rendered as a page of this site. */
  @Get(':documentId')
  @ApiOperation({ summary: 'Open an uploaded document: the file as uploaded, with its detected type, as an attachment' })
  @ApiOkResponse({ description: 'the file', content: Object.fromEntries(['image/jpeg', 'image/png', 'application/pdf'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }])) })
  @ApiErrors(400, 404)
  async open(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string, @Param('documentId', new UuidParam()) documentId: string, @Res() response: Response): Promise<void> {
    const { submission, bytes } = await this.decisions.open(actor, id, documentId);
    sendCureDocument(response, submission, bytes);
  }

  @Post(':documentId/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accept an uploaded document as the cure (RECORD_CURE, the document its evidence)' })
  @ApiOkResponse({ type: BallotView, description: 'the cure is recorded (RECORD_CURE) with the document as its evidence' })
  @JsonBodyErrors()
  @ApiErrors(404, [409, 'stale expectedVersion, or the document is already decided'], 422)
  async accept(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string, @Param('documentId', new UuidParam()) documentId: string, @Body() dto: AcceptDto): Promise<BallotView> {
    return ballotView(await this.decisions.accept(actor, id, documentId, dto.expectedVersion));
  }

  @Post(':documentId/decline')
  @HttpCode(204)
  @ApiOperation({ summary: 'Decline an uploaded document with a reason; the voter is told and may upload another' })
  @ApiNoContentResponse({ description: 'declined' })
  @JsonBodyErrors()
  @ApiErrors(404, [409, 'the document is already decided'])
  async decline(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string, @Param('documentId', new UuidParam()) documentId: string, @Body() dto: DeclineDto): Promise<void> {
    await this.decisions.decline(actor, id, documentId, dto.reason);
  }
}
