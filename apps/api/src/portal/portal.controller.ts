import { Body, Controller, Get, HttpCode, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { MAX_UPLOAD_BYTES, type PortalView } from '@app/portal';
import { Matches } from 'class-validator';
import type { Request, Response } from 'express';
import multer from 'multer';
import { Public } from '../auth/auth.guard';
import { ApiErrors } from '../common/api-errors';
import { PORTAL_LOOKUP_EXAMPLES, PortalLookupView } from './portal-lookup.docs';
import { IsCalendarDate } from '../common/validators';
import { RECEIPT, visitOf } from './portal.forms';
import { PORTAL_NOT_FOUND, PortalFlows } from './portal.flows';

export { PORTAL_NOT_FOUND };

export class PortalLookupDto {
  @ApiProperty({ example: 'GA20-P-000123' })
  @Matches(RECEIPT, { message: 'receiptNumber must be 1-32 letters, digits, dashes or underscores' })
  receiptNumber!: string;

  @ApiProperty({ example: '1986-04-28' })
  @IsCalendarDate()
  dateOfBirth!: string;
}

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 8, fieldSize: 1024, parts: 10 } }).single('document');

/** The upload's multipart body parsed into `request.body` and `request.file`, or why the parser refused it. */
function parseUpload(request: Request, response: Response): Promise<{ file: { buffer: Buffer } | undefined; error: 'too_large' | 'not_a_document' | null }> {
  return new Promise((resolve) => {
    upload(request, response, (error: unknown) => {
      const file = (request as Request & { file?: { buffer: Buffer } }).file;
      if (error === undefined || error === null) resolve({ file, error: null });
      else resolve({ file: undefined, error: error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE' ? 'too_large' : 'not_a_document' });
    });
  });
}

/**
 * The voter portal (HAVA's free access system) and its JSON form. Public: no session, no cookie.
 * One line per route: the request read by the form layer (`portal.forms.ts`), the work and the
 * page by `PortalFlows`.
 */
@ApiTags('voter portal')
@Public()
@Controller()
export class PortalController {
  constructor(private readonly flows: PortalFlows) {}

  @Get('portal')
  @ApiExcludeEndpoint()
  form(@Query('lang') lang: unknown, @Req() request: Request): string {
    return this.flows.form(visitOf(request, lang));
  }

  @Post('portal')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  lookupForm(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    return this.flows.lookup(visitOf(request), response);
  }

  @Post('portal/view')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  view(@Req() request: Request): Promise<string> {
    return this.flows.view(visitOf(request));
  }

  @Post('portal/cure')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  async cure(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    const { file, error } = await parseUpload(request, response);
    return this.flows.cure(visitOf(request), file, error, response);
  }

  @Post('portal/updates')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  requestUpdates(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    return this.flows.requestUpdates(visitOf(request), response);
  }

  @Post('portal/updates/confirm')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  confirmUpdates(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    return this.flows.confirmUpdates(visitOf(request), response);
  }

  @Post('portal/updates/remove')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  removeUpdates(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    return this.flows.removeUpdates(visitOf(request), response);
  }

  @Post('portal/affidavit')
  @HttpCode(200)
  @ApiExcludeEndpoint()
  affidavit(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<StreamableFile | string> {
    return this.flows.affidavit(visitOf(request), response);
  }

  @Post('api/portal/lookup')
  @HttpCode(200)
  @ApiOperation({ summary: 'A voter\u2019s ballot by receipt number and date of birth (language from ?lang= or Accept-Language)' })
  @ApiBody({ type: PortalLookupDto, examples: PORTAL_LOOKUP_EXAMPLES })
  @ApiOkResponse({ type: PortalLookupView, description: 'the ballot\u2019s status in plain language, with what to do and by when' })
  @ApiErrors(400, [404, 'the same body for every failed lookup: no such receipt, or another date of birth'], [429, 'too many lookups from this client or for this receipt number; see Retry-After'], 413, 415)
  lookupJson(@Body() dto: PortalLookupDto, @Query('lang') lang: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<PortalView | typeof PORTAL_NOT_FOUND | { status: 429; code: 'too_many_requests'; message: string; fields: [] }> {
    return this.flows.lookupJson(visitOf(request, lang), dto.receiptNumber, dto.dateOfBirth, response);
  }
}
