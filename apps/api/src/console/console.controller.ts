import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public, type AuthedRequest } from '../auth/auth.guard';
import { UuidParam } from '../common/uuid.pipe';
import { BallotView } from './ballot-view';
import { CONSOLE_CSS } from './console.css';
import { ConsoleExceptionFilter } from './console.filter';
import { ConsolePages } from './console-pages';
import { CertificationForm } from './forms/admin.forms';
import { BallotEventForm } from './forms/ballot-event.form';
import { submitForm } from './forms/console-form';
import { AcceptDocumentForm, DeclineDocumentForm } from './forms/cure-document.forms';

/** The staff console (SPEC section 5): server-rendered pages on the same services as the API. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleController {
  constructor(
    private readonly pages: ConsolePages,
    private readonly view: BallotView,
    private readonly eventForm: BallotEventForm,
    private readonly acceptForm: AcceptDocumentForm,
    private readonly declineForm: DeclineDocumentForm,
    private readonly certificationForm: CertificationForm,
  ) {}

  @Public()
  @Get('assets/console.css')
  css(@Res() response: Response): void {
    response.type('text/css').setHeader('cache-control', 'public, max-age=3600');
    response.send(CONSOLE_CSS);
  }

  @Get()
  async queue(@Req() request: AuthedRequest, @Query() query: Record<string, unknown>): Promise<string> {
    return (await this.pages.queue(request, query)).value;
  }

  @Get('ballots/:id')
  async ballot(@Req() request: AuthedRequest, @Param('id', new UuidParam()) id: string, @Query() query: Record<string, unknown>): Promise<string> {
    return (await this.view.show(request, id, query)).value;
  }

  @Post('ballots/:id/events')
  event(@Req() request: AuthedRequest, @Param('id', new UuidParam()) _id: string, @Res() response: Response): Promise<void> {
    return submitForm(this.eventForm, request, response);
  }

  @Get('review')
  async review(@Req() request: AuthedRequest, @Query('election') wanted?: string): Promise<string> {
    return (await this.pages.review(request, wanted)).value;
  }

  @Get('dashboard')
  async dashboard(@Req() request: AuthedRequest, @Query('election') wanted?: string): Promise<string> {
    return (await this.pages.dashboard(request, wanted)).value;
  }

  @Get('reports')
  async reportList(@Req() request: AuthedRequest, @Query('election') wanted?: string): Promise<string> {
    return (await this.pages.reportList(request, wanted)).value;
  }

  /** A report for the election, scoped to the signed-in user's county as in the API; `?county=` for one county. */
  @Get('reports/:name')
  async report(@Req() request: AuthedRequest, @Param('name') name: string, @Query() query: Record<string, unknown>): Promise<string> {
    return (await this.pages.report(request, name, query)).value;
  }

  /** The same CSV as `GET /api/reports/:name?format=csv` (and `countyCode`), for the console's Download link. */
  @Get('reports/:name/csv')
  reportCsv(@Req() request: AuthedRequest, @Param('name') name: string, @Res() response: Response, @Query() query: Record<string, unknown>): Promise<void> {
    return this.pages.reportCsv(request, name, query, response);
  }

  /** A document a voter uploaded, shown as-is to staff of the ballot's county; sandboxed, never cached. */
  @Get('ballots/:id/documents/:documentId')
  document(@Req() request: AuthedRequest, @Param('id', new UuidParam()) id: string, @Param('documentId', new UuidParam()) documentId: string, @Res() response: Response): Promise<void> {
    return this.pages.document(request, id, documentId, response);
  }

  @Post('ballots/:id/documents/:documentId/accept')
  acceptDocument(@Req() request: AuthedRequest, @Param('id', new UuidParam()) _id: string, @Param('documentId', new UuidParam()) _documentId: string, @Res() response: Response): Promise<void> {
    return submitForm(this.acceptForm, request, response);
  }

  @Post('ballots/:id/documents/:documentId/decline')
  declineDocument(@Req() request: AuthedRequest, @Param('id', new UuidParam()) _id: string, @Param('documentId', new UuidParam()) _documentId: string, @Res() response: Response): Promise<void> {
    return submitForm(this.declineForm, request, response);
  }

  @Post('counties/:code/reopen')
  reopen(@Req() request: AuthedRequest, @Res() response: Response): Promise<void> {
    return submitForm(this.certificationForm, request, response);
  }
}
