import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { DatabaseMaintenance } from '@app/persistence';
import { Can } from '../auth/auth.guard';

class ChainHeadView {
  @ApiProperty() seq!: number;
  @ApiProperty() hash!: string;
}

class AuditVerifyView {
  @ApiProperty() intact!: boolean;
  @ApiProperty({ description: 'entries checked, up to the first broken one' }) entries!: number;
  @ApiProperty({ description: 'entries in the chain' }) total!: number;
  @ApiPropertyOptional({ type: ChainHeadView, nullable: true }) head?: ChainHeadView | null;
  @ApiPropertyOptional({ description: 'the first broken entry' }) brokenAt?: number;
  @ApiPropertyOptional({ enum: ['sequence_gap', 'previous_hash_mismatch', 'hash_mismatch'] }) problem?: string;
  @ApiPropertyOptional() message?: string;
  @ApiPropertyOptional({ type: ChainHeadView, nullable: true, description: 'the head recorded by the last append: keep it with exported reports' }) recordedHead?: ChainHeadView | null;
}

@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/audit')
export class AuditController {
  constructor(private readonly maintenance: DatabaseMaintenance) {}

  /** Walks the whole chain and names the first broken entry, if any. */
  @Get('verify')
  @Can('verify_audit')
  @ApiOkResponse({ type: AuditVerifyView })
  verify(): Promise<AuditVerifyView> {
    return this.maintenance.verifyAudit();
  }
}
