import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { CHAIN_BREAKS, parseHead } from '@app/audit';
import { DatabaseMaintenance } from '@app/persistence';
import { Can } from '../auth/auth.guard';
import { ApiErrors, StaffErrors } from '../common/api-errors';

class ChainHeadView {
  @ApiProperty() seq!: number;
  @ApiProperty() hash!: string;
}

class PublishedHeadView extends ChainHeadView {
  @ApiProperty({ description: 'whether the entry at seq still has this hash' }) found!: boolean;
  @ApiProperty() message!: string;
}

class AuditVerifyView {
  @ApiProperty({ description: 'every hash and signature holds, the recorded head is signed, and a published head asked about is in the chain' }) intact!: boolean;
  @ApiProperty({ description: 'entries checked, up to the first broken one' }) entries!: number;
  @ApiProperty({ description: 'entries in the chain' }) total!: number;
  @ApiPropertyOptional({ type: ChainHeadView, nullable: true }) head?: ChainHeadView | null;
  @ApiPropertyOptional({ description: 'the first broken entry' }) brokenAt?: number;
  @ApiPropertyOptional({ enum: CHAIN_BREAKS, description: 'key_missing: the audit key is not loaded, so nothing was verified' }) problem?: string;
  @ApiPropertyOptional() message?: string;
  @ApiPropertyOptional({ type: ChainHeadView, nullable: true, description: 'the head recorded by the last append: keep it with exported reports' }) recordedHead?: ChainHeadView | null;
  @ApiProperty({ type: Number, nullable: true, description: 'entries up to this one were written before the audit key existed and are covered by the seal made on the first start with it' }) sealedSeq!: number | null;
  @ApiPropertyOptional({ type: PublishedHeadView, description: 'the head given as ?head=, and whether it is still in the chain' }) published?: PublishedHeadView;
}

class AuditVerifyQuery {
  @ApiPropertyOptional({ description: 'a head published earlier, SEQ:HASH (as in the X-Audit-Chain-Head header of a report): prove it is still in the chain', example: '42:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' })
  @IsOptional()
  @Matches(/^[1-9]\d{0,14}:[0-9a-f]{64}$/, { message: 'head must be SEQ:HASH: a sequence number from 1, a colon, and the 64 hex digit hash of that entry' })
  head?: string;
}

@ApiTags('audit')
@ApiBearerAuth()
@StaffErrors()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly maintenance: DatabaseMaintenance) {}

  /** Walks the whole chain, checks its signatures with the audit key, and names the first broken entry, if any; with `?head=SEQ:HASH`, also proves that head is still in the chain. */
  @Get('verify')
  @Can('verify_audit')
  @ApiOperation({ summary: 'Verify the audit chain: every hash and signature, and optionally a head published earlier' })
  @ApiOkResponse({ type: AuditVerifyView })
  @ApiErrors(400)
  verify(@Query() query: AuditVerifyQuery): Promise<AuditVerifyView> {
    return this.maintenance.verifyAudit(query.head === undefined ? undefined : (parseHead(query.head) ?? undefined));
  }
}
