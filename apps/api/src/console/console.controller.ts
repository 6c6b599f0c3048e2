import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { UsersService } from '@app/auth';
import { BallotQueries, BallotTransitions, Certification, CureDecisions, Elections, VoterResearch, type RollSearchInput, type RollSearchResult } from '@app/ballots';
import { CURE_DECLINE_REASONS, isOneOf, DomainError, type Clock, type StaffActor, CLOCK, can, requirePermission } from '@app/domain';
import { EVENT_TYPES } from '@app/lifecycle';
import { Inject } from '@nestjs/common';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';
import { BallotEventDto, toCommand } from '../ballots/ballot.dto';
import { UuidParam } from '../common/uuid.pipe';
import { CONSOLE_CSS } from './console.css';
import { ConsoleExceptionFilter } from './console.filter';
import { actorOf, chooseElection, field, pageContext, stringValues } from './console-context';
import { localInstantOrAsTyped } from './intake-form';
import { reportNames, runReport } from './console-reports';
import { validateForm } from './form-validation';
import { EVENT_LABELS, reportTitle } from './labels';
import { alert, page } from './layout';
import { html } from './html';
import { ballotPage, type EventFormState } from './pages/ballot.page';
import { cureDocumentsSection } from './pages/cure-documents.section';
import { dashboardPage } from './pages/dashboard.page';
import { noticeCounts } from '@app/notices';
import { Stores } from '@app/persistence';
import { fieldErrors } from './pages/forms';
import { reportPage, reportsListPage } from './pages/reports.page';
import { researchSection } from './pages/research.section';
import { reviewPage } from './pages/review.page';
import { Public } from '../auth/auth.guard';
import { sendCureDocument } from '../portal/cure-document.response';
import { ReportExports, Reports } from '@app/reports';
import { formatHead } from '@app/audit';
import { DatabaseMaintenance } from '@app/persistence';
import { AUDIT_HEAD_HEADER } from '../audit/audit-head';

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
    private readonly transitions: BallotTransitions,
    private readonly reports: Reports,
    private readonly exports: ReportExports,
    private readonly certification: Certification,
    private readonly decisions: CureDecisions,
    private readonly research: VoterResearch,
    private readonly maintenance: DatabaseMaintenance,
    private readonly stores: Stores,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Public()
  @Get('assets/console.css')
  css(@Res() response: Response): void {
    response.type('text/css').setHeader('cache-control', 'public, max-age=3600');
    response.send(CONSOLE_CSS);
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
    return this.renderBallot(request, id, isOneOf(EVENT_TYPES, done) ? `${EVENT_LABELS[done]}.` : null, null, null, { asked, searched: query['search'] === '1' });
  }

  @Post('ballots/:id/events')
  async event(@Req() request: AuthedRequest, @Param('id', new UuidParam()) id: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const actor = actorOf(request);
    const type = field(body, 'type');
    const values = stringValues(body);
    const plain: Record<string, unknown> = { type, expectedVersion: Number(field(body, 'expectedVersion')) };
    for (const name of ['cureReason', 'evidence', 'reason', 'note', 'courtOrder', 'voterId']) if (field(body, name) !== '') plain[name] = field(body, name);
    // datetime-local carries no zone: it is the election's local time (a malformed one is left for the validator to name).
    const submittedAt = field(body, 'submittedAt');
    if (submittedAt !== '') plain['submittedAt'] = await this.localInstant(id, actor, submittedAt);
    const back = field(body, 'back') === 'review' ? '/console/review' : null;
    const failed = (message: string, fields: { field: string; message: string }[]): EventFormState | null =>
      isOneOf(EVENT_TYPES, type) ? { event: type, errors: fieldErrors(fields), values, message } : null;
    const checked = await validateForm(BallotEventDto, plain);
    if (!checked.ok) {
      response.status(400).type('html').send(await this.renderBallot(request, id, null, failed('correct the fields marked below.', checked.fields)));
      return;
    }
    try {
      await this.transitions.apply(actor, id, toCommand(checked.value), checked.value.expectedVersion);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found' || error.code === 'unauthenticated') throw error;
      const message = error.code === 'stale_version' ? 'someone else changed this ballot meanwhile; it is shown as it is now. Check it and try again.' : error.message;
      response.status(error.code === 'stale_version' ? 409 : 422).type('html').send(await this.renderBallot(request, id, null, failed(message, [...error.fields])));
      return;
    }
    response.redirect(303, back ?? `/console/ballots/${id}?done=${encodeURIComponent(type)}`);
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
  async acceptDocument(@Req() request: AuthedRequest, @Param('id', new UuidParam()) id: string, @Param('documentId', new UuidParam()) documentId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    try {
      await this.decisions.accept(actorOf(request), id, documentId, Number(field(body, 'expectedVersion')));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found' || error.code === 'unauthenticated') throw error;
      response.status(error.code === 'stale_version' || error.code === 'conflict' ? 409 : 422).type('html').send(await this.renderBallot(request, id, null, null, error.message));
      return;
    }
    response.redirect(303, `/console/ballots/${id}?done=RECORD_CURE`);
  }

  @Post('ballots/:id/documents/:documentId/decline')
  async declineDocument(@Req() request: AuthedRequest, @Param('id', new UuidParam()) id: string, @Param('documentId', new UuidParam()) documentId: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const reason = field(body, 'reason');
    if (!isOneOf(CURE_DECLINE_REASONS, reason)) {
      response.status(400).type('html').send(await this.renderBallot(request, id, null, null, 'choose why the document is declined.'));
      return;
    }
    try {
      await this.decisions.decline(actorOf(request), id, documentId, reason);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'not_found' || error.code === 'unauthenticated') throw error;
      response.status(409).type('html').send(await this.renderBallot(request, id, null, null, error.message));
      return;
    }
    response.redirect(303, `/console/ballots/${id}`);
  }

  @Post('counties/:code/reopen')
  async reopen(@Req() request: AuthedRequest, @Param('code') code: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const { election } = await chooseElection(this.elections, request, field(body, 'election'));
    await this.certification.reopen(actorOf(request), election.id, code, field(body, 'courtOrder'));
    response.redirect(303, `/console/dashboard?election=${encodeURIComponent(election.id)}`);
  }

  /** A console datetime-local value as an instant in the ballot's county's zone; as typed when it is not one. */
  private async localInstant(ballotId: string, actor: StaffActor, value: string): Promise<string> {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return value;
    const detail = await this.queries.detail(actor, ballotId);
    const rules = await this.elections.rulesOf(actor, detail.ballot.electionId);
    const zone = rules.calendar.zoneOf(detail.ballot.countyCode);
    return localInstantOrAsTyped(value, (date, time) => rules.calendar.instantAt(date, time, zone));
  }

  private async renderBallot(request: AuthedRequest, id: string, flash: string | null, failed: EventFormState | null, documentError: string | null = null, research: { asked: RollSearchInput; searched: boolean } = { asked: {}, searched: false }): Promise<string> {
    const actor = actorOf(request);
    const detail = await this.queries.detail(actor, id);
    // Research: the search asked for; with none, for a ballot not matched yet, the affirmation's name and date of birth.
    let search: RollSearchResult | null = null;
    let searchError: string | null = null;
    if (research.searched || detail.voter === null) {
      try {
        search = await this.research.search(actor, id, research.searched ? research.asked : {});
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'invalid_input') throw error;
        searchError = error.message;
      }
    }
    const researchFailed = failed !== null && (failed.event === 'MATCH_VOTER' || failed.event === 'UNMATCH_VOTER') ? { event: failed.event, message: failed.message, errors: failed.errors, note: failed.values['note'] ?? '' } : null;
    const researchHtml = researchSection(pageContext(request), detail, { search, searchError, asked: research.searched ? research.asked : {}, failed: researchFailed });
    const documents = await this.decisions.forStaff(actor, id);
    const { election } = await chooseElection(this.elections, request, detail.ballot.electionId);
    const rules = await this.elections.rulesOf(actorOf(request), election.id);
    const names = { contests: new Map(rules.jurisdiction.bundle.contests.map((c) => [c.id, c.name])), users: await this.users.usernames() };
    const ctx = pageContext(request);
    const canDecide = can(actor.role, 'decide_cure_document') && !detail.countyCertified;
    const section = cureDocumentsSection(ctx, id, detail.ballot.version, detail.ballot.status === 'received.awaitingCure', canDecide, documents, election.timeZone);
    const withError = documentError === null ? section : html`${alert('error', 'Not done:', documentError)}${section}`;
    return page(ctx, `Ballot ${detail.ballot.receiptNumber}`, ballotPage(ctx, detail, election.timeZone, names, flash, researchFailed === null ? failed : null, withError, researchHtml)).value;
  }

}
