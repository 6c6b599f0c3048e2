import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { UsersService } from '@app/auth';
import { BallotQueries, CureDecisions, Elections, type RollSearchInput } from '@app/ballots';
import { isOneOf, type Clock, CLOCK, requirePermission } from '@app/domain';
import { EVENT_TYPES } from '@app/lifecycle';
import { Inject } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';
import { UuidParam } from '../common/uuid.pipe';
import { CONSOLE_CSS } from './console.css';
import { ConsoleExceptionFilter } from './console.filter';
import { actorOf, chooseElection, pageContext } from './console-context';
import { reportNames, runReport } from './console-reports';
import { BallotView } from './ballot-view';
import { submitForm } from './forms/console-form';
import { BallotEventForm } from './forms/ballot-event.form';
import { AcceptDocumentForm, DeclineDocumentForm } from './forms/cure-document.forms';
import { CertificationForm } from './forms/admin.forms';
import { EVENT_LABELS, reportTitle } from './labels';
import { page } from './layout';
import { dashboardPage } from './pages/dashboard.page';
import { noticeCounts } from '@app/notices';
import { Stores } from '@app/persistence';
import { queuePage } from './pages/queue.page';
import { reportPage, reportsListPage } from './pages/reports.page';
import { reviewPage } from './pages/review.page';
import { Public } from '../auth/auth.guard';
import { sendCureDocument } from '../portal/cure-document.response';
import { ReportExports, Reports } from '@app/reports';
import { formatHead } from '@app/audit';
import { DatabaseMaintenance } from '@app/persistence';
import { AUDIT_HEAD_HEADER } from '../audit/audit-head';

const QUEUE_FILTERS = ['kind', 'status', 'subState', 'reason', 'precinct', 'text'] as const;

/** A query parameter a person typed: trimmed, at most 100 characters; absent when empty. */
function queryText(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 100) : undefined;
}

/** The staff console (SPEC section 5): server-rendered pages on the same services as the API. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleController {
  constructor(
    private readonly elections: Elections,
    private readonly users: UsersService,
    private readonly queries: BallotQueries,
    private readonly reports: Reports,
    private readonly exports: ReportExports,
    private readonly decisions: CureDecisions,
    private readonly maintenance: DatabaseMaintenance,
    private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
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
  async queue(@Req() request: AuthedRequest, @Query() query: Record<string, string | undefined>): Promise<string> {
    const actor = actorOf(request);
    const { election, elections } = await chooseElection(this.elections, request, query['election']);
    const filters: Record<string, string> = {};
    for (const name of QUEUE_FILTERS) {
      const value = query[name];
      if (typeof value === 'string' && value !== '') filters[name] = value.slice(0, 100);
    }
    const pageOf = await this.queries.list(actor, {
      electionId: election.id,
      kind: filters['kind'],
      status: filters['status'],
      subState: filters['subState'],
      reason: filters['reason'],
      precinctId: filters['precinct'],
      text: filters['text'],
      cursor: typeof query['cursor'] === 'string' && query['cursor'] !== '' ? query['cursor'] : undefined,
      limit: 50,
    });
    const ctx = pageContext(request);
    return page(ctx, 'Work queue', queuePage(ctx, { elections, election, filters, items: pageOf.items, deadlines: pageOf.cureDeadlinesInForce, nextCursor: pageOf.nextCursor })).value;
  }

  @Get('ballots/:id')
  async ballot(@Req() request: AuthedRequest, @Param('id', new UuidParam()) id: string, @Query() query: Record<string, unknown>): Promise<string> {
    const done = query['done'];
    const asked: RollSearchInput = {
      lastName: queryText(query, 'lastName'),
      firstName: queryText(query, 'firstName'),
      dateOfBirth: queryText(query, 'dateOfBirth'),
      voterId: queryText(query, 'voterId'),
      precinctId: queryText(query, 'precinct'),
    };
    return (await this.view.render(request, id, { flash: isOneOf(EVENT_TYPES, done) ? `${EVENT_LABELS[done]}.` : null, research: { asked, searched: query['search'] === '1' } })).value;
  }

  @Post('ballots/:id/events')
  event(@Req() request: AuthedRequest, @Param('id', new UuidParam()) _id: string, @Res() response: Response): Promise<void> {
    return submitForm(this.eventForm, request, response);
  }

  @Get('review')
  async review(@Req() request: AuthedRequest, @Query('election') wanted?: string): Promise<string> {
    const actor = actorOf(request);
    requirePermission(actor, 'CONFIRM_REJECTION');
    const { election } = await chooseElection(this.elections, request, wanted);
    const items = [];
    let cursor: string | undefined;
    do {
      const pageOf = await this.queries.list(actor, { electionId: election.id, subState: 'received.rejectionProposed', cursor, limit: 200 });
      items.push(...pageOf.items);
      cursor = pageOf.nextCursor ?? undefined;
    } while (cursor !== undefined && items.length < 1000);
    const ctx = pageContext(request);
    return page(ctx, 'Review proposed rejections', reviewPage(ctx, election, items, await this.users.usernames())).value;
  }

  @Get('dashboard')
  async dashboard(@Req() request: AuthedRequest, @Query('election') wanted?: string): Promise<string> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, wanted);
    const { outstanding, cureDeadlines, rejections, readiness } = await this.reports.dashboard(actor, election.id);
    const notices = await noticeCounts(this.stores, actor, election.id);
    const ctx = pageContext(request);
    return page(ctx, 'Dashboard', dashboardPage(ctx, { election, outstanding, cureDeadlines, rejections, readiness, notices, now: this.clock.now() })).value;
  }

  @Get('reports')
  async reportList(@Req() request: AuthedRequest, @Query('election') wanted?: string): Promise<string> {
    const { election } = await chooseElection(this.elections, request, wanted);
    const ctx = pageContext(request);
    return page(ctx, 'Reports', reportsListPage(ctx, election, reportNames())).value;
  }

  /** A report for the election, scoped to the signed-in user's county as in the API; `?county=` for one county. */
  @Get('reports/:name')
  async report(@Req() request: AuthedRequest, @Param('name') name: string, @Query('election') wanted?: string, @Query('county') county?: string): Promise<string> {
    const { election } = await chooseElection(this.elections, request, wanted);
    const counties = (await this.elections.view(actorOf(request), election.id)).counties;
    const auditHead = formatHead(await this.maintenance.auditHead());
    const report = await runReport(this.reports, actorOf(request), name, election.id, county);
    const ctx = pageContext(request);
    return page(ctx, reportTitle(name), reportPage(ctx, { election, report, counties, now: this.clock.now(), auditHead })).value;
  }

  /** The same CSV as `GET /api/reports/:name?format=csv` (and `countyCode`), for the console's Download link. */
  @Get('reports/:name/csv')
  async reportCsv(@Req() request: AuthedRequest, @Param('name') name: string, @Res() response: Response, @Query('election') wanted?: string, @Query('county') county?: string): Promise<void> {
    const { election } = await chooseElection(this.elections, request, wanted);
    const file = await this.exports.csv(actorOf(request), name, election.id, county === '' ? undefined : county);
    response.type('text/csv').setHeader('content-disposition', `attachment; filename="${file.filename}"`).setHeader(AUDIT_HEAD_HEADER, formatHead(file.auditHead)).send(file.csv);
  }

  /** A document a voter uploaded, shown as-is to staff of the ballot's county; sandboxed, never cached. */
  @Get('ballots/:id/documents/:documentId')
  async document(@Req() request: AuthedRequest, @Param('id', new UuidParam()) id: string, @Param('documentId', new UuidParam()) documentId: string, @Res() response: Response): Promise<void> {
    const { submission, bytes } = await this.decisions.open(actorOf(request), id, documentId);
    sendCureDocument(response, submission, bytes);
  }

  @Post('ballots/:id/documents/:documentId/accept')
  acceptDocument(@Req() request: AuthedRequest, @Param('id', new UuidParam()) _id: string, @Param('documentId', new UuidParam()) _documentId: string, @Res() response: Response): Promise<void> {
    return submitForm(this.acceptForm, request, response);
  }

  @Post('ballots/:id/documents/:documentId/decline')
  declineDocument(@Req() request: AuthedRequest, @Param('id', new UuidParam()) _id: string, @Param('documentId', new UuidParam()) _documentId: string, @Res() response: Response): Promise<void> {
    return submitForm(this.declineForm, request, response);
  }

  @Post('counties/:code/certify')
  certify(@Req() request: AuthedRequest, @Res() response: Response): Promise<void> {
    return submitForm(this.certificationForm, request, response);
  }

  @Post('counties/:code/reopen')
  reopen(@Req() request: AuthedRequest, @Res() response: Response): Promise<void> {
    return submitForm(this.certificationForm, request, response);
  }
}
