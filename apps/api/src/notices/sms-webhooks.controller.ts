import { Controller, HttpCode, Inject, Logger, Post, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AppConfig } from '@app/config';
import { receiveDeliveryStatus, receiveInboundMessage, SIGNATURE_HEADER, type FormParams, type SmsSettings } from '@app/notices';
import { Stores } from '@app/persistence';
import { type Clock, CLOCK } from '@app/domain';
import { Public } from '../auth/auth.guard';
import { APP_CONFIG } from '../config.token';
import { SMS_SETTINGS } from './sms.token';
import { ApiErrors } from '../common/api-errors';

export const SMS_STATUS_PATH = '/api/notices/sms/status';
export const SMS_INBOUND_PATH = '/api/notices/sms/inbound';

const formOf = (request: Request): FormParams => (typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, string | string[]>) : {});

/**
 * The SMS provider's callbacks: no staff session, the provider's signature instead (verified with
 * the account's token over PUBLIC_URL and the path, or SMS_STATUS_CALLBACK_URL for statuses).
 */
@ApiTags('notices')
@Public()
@Controller('api/notices/sms')
export class SmsWebhooksController {
  private readonly logger = new Logger('Notices');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SMS_SETTINGS) private readonly settings: SmsSettings,
    private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('status')
  @HttpCode(204)
  @ApiOperation({ summary: 'The SMS provider\u2019s delivery status callback (signed by the provider)' })
  @ApiNoContentResponse({ description: 'recorded' })
  @ApiErrors([403, 'the provider\u2019s signature is missing or wrong'], 413, 415)
  async status(@Req() request: Request): Promise<void> {
    const url = (this.settings.kind === 'http' ? this.settings.provider.statusCallbackUrl : null) ?? `${this.config.publicUrl}${SMS_STATUS_PATH}`;
    await receiveDeliveryStatus(this.stores, this.settings, { url, params: formOf(request), signature: request.header(SIGNATURE_HEADER), now: this.clock.now() }, (line) => this.logger.log(line));
  }

  @Post('inbound')
  @HttpCode(204)
  @ApiOperation({ summary: 'The SMS provider\u2019s inbound message callback: STOP and START from voters (signed by the provider)' })
  @ApiNoContentResponse({ description: 'recorded' })
  @ApiErrors([403, 'the provider\u2019s signature is missing or wrong'], 413, 415)
  async inbound(@Req() request: Request): Promise<void> {
    await receiveInboundMessage(this.stores, this.settings, { url: `${this.config.publicUrl}${SMS_INBOUND_PATH}`, params: formOf(request), signature: request.header(SIGNATURE_HEADER), now: this.clock.now() }, (line) => this.logger.log(line));
  }
}
