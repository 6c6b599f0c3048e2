import { Body, Controller, Get, HttpCode, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CURE_DOCUMENT_KINDS, DomainError, isOneOf, type VoterLanguage, CLOCK, type Clock } from '@app/domain';
import { CureUploads, MAX_UPLOAD_BYTES, PortalLimits, PortalLookup, UploadTokens, type PortalView } from '@app/portal';
import { Matches } from 'class-validator';
import type { Request, Response } from 'express';
import multer from 'multer';
import { Public } from '../auth/auth.guard';
import { ApiErrors } from '../common/api-errors';
import { clientAddress } from '../common/client-address';
import { PORTAL_LOOKUP_EXAMPLES, PortalLookupView } from './portal-lookup.docs';
import { IsCalendarDate } from '../common/validators';
import { html } from '../console/html';
import { expiredPage, lookupPage, resultPage, say, uploadProblemText, type LookupForm, type UploadMessage } from './portal.pages';

/** The one answer to every failed lookup, whatever failed (SPEC section 5). */
export const PORTAL_NOT_FOUND = { status: 404, code: 'not_found', message: 'No ballot matches that receipt number and date of birth.', fields: [] } as const;

const RECEIPT = /^\s*[A-Za-z0-9_-]{1,32}\s*$/;

export class PortalLookupDto {
  @ApiProperty({ example: 'GA20-P-000123' })
  @Matches(RECEIPT, { message: 'receiptNumber must be 1-32 letters, digits, dashes or underscores' })
  receiptNumber!: string;

  @ApiProperty({ example: '1986-04-28' })
  @IsCalendarDate()
  dateOfBirth!: string;
}

/** `?lang=` first, then the browser's Accept-Language (English or Spanish, by preference), else English. */
export function chooseLanguage(query: unknown, acceptLanguage: string | undefined): VoterLanguage {
  if (query === 'es' || query === 'en') return query;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.trim().slice(2) ?? '1');
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === 'es' || tag.startsWith('es-')) return 'es';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/** A form field as text, cut at 200 characters: longer than any field the portal asks for (an upload token is about 110). */
const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | null | undefined)?.[name];
  return typeof value === 'string' ? value.slice(0, 200) : '';
};

/** The date of birth from the three boxes of USWDS's memorable-date pattern. */
export function dateFromParts(month: string, day: string, year: string): string | null {
  if (!/^\d{1,2}$/.test(month.trim()) || !/^\d{1,2}$/.test(day.trim()) || !/^\d{4}$/.test(year.trim())) return null;
  const iso = `${year.trim()}-${month.trim().padStart(2, '0')}-${day.trim().padStart(2, '0')}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === iso ? iso : null;
}

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 8, fieldSize: 1024, parts: 10 } }).single('document');

/**
 * The voter portal (HAVA's free access system) and its JSON form. Public: no session, no cookie.
 * Nothing here logs a receipt number or a date of birth.
 */
@ApiTags('voter portal')
@Public()
@Controller()
export class PortalController {
  private readonly logger = new Logger('Portal');

  constructor(
    private readonly lookups: PortalLookup,
    private readonly limits: PortalLimits,
    private readonly tokens: UploadTokens,
    private readonly uploads: CureUploads,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('portal')
  form(@Query('lang') lang: unknown, @Req() request: Request): string {
    return lookupPage(chooseLanguage(lang, request.headers['accept-language']), { receiptNumber: '', month: '', day: '', year: '' }, null).value;
  }

  @Post('portal')
  @HttpCode(200)
  async lookupForm(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    const language = chooseLanguage(field(body, 'lang'), request.headers['accept-language']);
    const form: LookupForm = { receiptNumber: field(body, 'receiptNumber'), month: field(body, 'month'), day: field(body, 'day'), year: field(body, 'year') };
    const errors: { receiptNumber?: string; dateOfBirth?: string } = {};
    if (!RECEIPT.test(form.receiptNumber)) errors.receiptNumber = language === 'es' ? 'Escriba el n\u00famero de recibo tal como aparece en su recibo.' : 'Enter the receipt number as it is printed on your receipt.';
    const dateOfBirth = dateFromParts(form.month, form.day, form.year);
    if (dateOfBirth === null) errors.dateOfBirth = language === 'es' ? 'Escriba una fecha real: mes, d\u00eda y a\u00f1o de 4 cifras.' : 'Enter a real date: month, day and a 4-digit year.';
    if (dateOfBirth === null || Object.keys(errors).length > 0) {
      response.status(400);
      return lookupPage(language, form, { kind: 'fields', errors: errors }).value;
    }
    const outcome = await this.lookup(clientAddress(request), form.receiptNumber, dateOfBirth, language);
    if (outcome.kind === 'limited') {
      response.status(429).setHeader('Retry-After', String(outcome.retryAfterSeconds));
      return lookupPage(language, form, { kind: 'too_many', minutes: Math.ceil(outcome.retryAfterSeconds / 60) }).value;
    }
    if (outcome.kind === 'not_found') return lookupPage(language, { ...form, month: '', day: '', year: '' }, { kind: 'not_found' }).value;
    return this.result(language, outcome.view, outcome.ballotId, null);
  }

  /** The same view again, from the token a lookup handed out: the language switch and the page after an upload. */
  @Post('portal/view')
  @HttpCode(200)
  async view(@Body() body: unknown, @Req() request: Request): Promise<string> {
    const language = chooseLanguage(field(body, 'lang'), request.headers['accept-language']);
    const grant = this.tokens.verify(field(body, 'token'), this.clock.now());
    if (grant === null) return expiredPage(language).value;
    const view = await this.lookups.viewById(grant.ballotId, language);
    return view === null ? expiredPage(language).value : this.result(language, view, grant.ballotId, null);
  }

  @Post('portal/cure')
  @HttpCode(200)
  async cure(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<string> {
    const parsed = await new Promise<{ error: UploadMessage | null }>((resolve) => {
      upload(request, response, (error: unknown) => {
        if (error === undefined || error === null) resolve({ error: null });
        else resolve({ error: error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE' ? 'too_large' : 'not_a_document' });
      });
    });
    const body: unknown = request.body;
    const language = chooseLanguage(field(body, 'lang'), request.headers['accept-language']);
    const grant = this.tokens.verify(field(body, 'token'), this.clock.now());
    if (grant === null) return expiredPage(language).value;
    const ballotId = grant.ballotId;
    const admitted = await this.limits.admit(clientAddress(request), null);
    if (!admitted.ok) {
      response.status(429).setHeader('Retry-After', String(admitted.retryAfterSeconds));
      return lookupPage(language, { receiptNumber: '', month: '', day: '', year: '' }, { kind: 'too_many', minutes: Math.ceil(admitted.retryAfterSeconds / 60) }).value;
    }
    const file = (request as Request & { file?: { buffer: Buffer } }).file;
    const kind = field(body, 'kind');
    let problem: UploadMessage | null = parsed.error;
    if (problem === null && field(body, 'affirm') !== 'yes') problem = 'affirm';
    if (problem === null && !isOneOf(CURE_DOCUMENT_KINDS, kind)) problem = 'kind';
    if (problem === null && file === undefined) problem = 'empty';
    if (problem === null && file !== undefined && isOneOf(CURE_DOCUMENT_KINDS, kind)) {
      try {
        const result = await this.uploads.submit(grant, kind, file.buffer);
        if (!result.ok) problem = result.problem;
      } catch (error) {
        // A full or failing disk: nothing was kept; the voter is asked to try later, the log says why.
        if (!(error instanceof DomainError) || error.code !== 'storage_unavailable') throw error;
        this.logger.error({ msg: 'cure upload not saved', cause: error.cause instanceof Error ? error.cause.message : String(error.cause) });
        problem = 'unavailable';
      }
    }
    const view = await this.lookups.viewById(ballotId, language);
    if (view === null) return expiredPage(language).value;
    if (problem !== null) response.status(problem === 'too_large' ? 413 : problem === 'closed' || problem === 'spent' || problem === 'too_many' ? 409 : problem === 'unavailable' ? 503 : 400);
    const message = problem === null ? { kind: 'success' as const, text: say(language, 'uploaded') } : { kind: 'error' as const, text: uploadProblemText(language, problem) };
    return this.result(language, view, ballotId, message);
  }

  @Post('api/portal/lookup')
  @HttpCode(200)
  @ApiOperation({ summary: 'A voter\u2019s ballot by receipt number and date of birth (language from ?lang= or Accept-Language)' })
  @ApiBody({ type: PortalLookupDto, examples: PORTAL_LOOKUP_EXAMPLES })
  @ApiOkResponse({ type: PortalLookupView, description: 'the ballot\u2019s status in plain language, with what to do and by when' })
  @ApiErrors(400, [404, 'the same body for every failed lookup: no such receipt, or another date of birth'], [429, 'too many lookups from this client or for this receipt number; see Retry-After'], 413, 415)
  async lookupJson(@Body() dto: PortalLookupDto, @Query('lang') lang: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<PortalView | typeof PORTAL_NOT_FOUND | { status: 429; code: 'too_many_requests'; message: string; fields: [] }> {
    const language = chooseLanguage(lang, request.headers['accept-language']);
    const outcome = await this.lookup(clientAddress(request), dto.receiptNumber, dto.dateOfBirth, language);
    if (outcome.kind === 'limited') {
      response.status(429).setHeader('Retry-After', String(outcome.retryAfterSeconds));
      return { status: 429, code: 'too_many_requests', message: 'Too many lookups. Try again later.', fields: [] };
    }
    if (outcome.kind === 'not_found') {
      response.status(404);
      return PORTAL_NOT_FOUND;
    }
    return outcome.view;
  }

  private async lookup(client: string, receiptNumber: string, dateOfBirth: string, language: VoterLanguage) {
    const admitted = await this.limits.admit(client, receiptNumber);
    if (!admitted.ok) return { kind: 'limited' as const, retryAfterSeconds: admitted.retryAfterSeconds };
    const found = await this.lookups.lookup(receiptNumber, dateOfBirth, language);
    if (found === null) {
      await this.limits.failed(client, receiptNumber);
      return { kind: 'not_found' as const };
    }
    return { kind: 'found' as const, ...found };
  }

  private result(language: VoterLanguage, view: PortalView, ballotId: string, message: { kind: 'error' | 'success'; text: string } | null): string {
    const token = this.tokens.issue(ballotId, this.clock.now());
    const other = language === 'en' ? 'es' : 'en';
    const again = html`<form method="post" action="/portal/view" class="margin-0"><input type="hidden" name="token" value="${token}"><input type="hidden" name="lang" value="${other}"><button class="usa-button usa-button--unstyled" type="submit">${say(language, 'otherLanguage')}</button></form>`;
    return resultPage(language, view, { token, message }, again).value;
  }
}
