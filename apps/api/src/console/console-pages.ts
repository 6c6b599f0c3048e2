import { Inject, Injectable } from '@nestjs/common';
import { UsersService } from '@app/auth';
import { formatHead } from '@app/audit';
import { BallotQueries, CureDecisions, Elections } from '@app/ballots';
import { can, CLOCK, countyScopeOf, isOneOf, requirePermission, type Clock } from '@app/domain';
import { noticeCounts } from '@app/notices';
import { DatabaseMaintenance, Stores } from '@app/persistence';
import { ReportExports, Reports } from '@app/reports';
import type { Response } from 'express';
import { AUDIT_HEAD_HEADER } from '../audit/audit-head';
import type { AuthedRequest } from '../auth/auth.guard';
import { sendCureDocument } from '../portal/cure-document.response';
import { actorOf, chooseElection, pageContext } from './console-context';
import { reportNames, runReport } from './console-reports';
import type { Html } from './html';
import { reportTitle } from './labels';
import { page } from './layout';
import { dashboardPage } from './pages/dashboard.page';
import { QUEUE_VIEWS, queuePage } from './pages/queue.page';
import { reportPage, reportsListPage } from './pages/reports.page';
import { reviewPage } from './pages/review.page';

const QUEUE_FILTERS = ['county', 'kind', 'status', 'subState', 'reason', 'precinct', 'text'] as const;

type Query = Readonly<Record<string, unknown>>;

/** A query parameter as a string ('' when absent or not one). */
const text = (query: Query, name: string): string => {
  const value = query[name];
  return typeof value === 'string' ? value : '';
};

/** The console's pages that show and do not take a form: each GET route of the controller is one call here. */
@Injectable()
export class ConsolePages {
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
  ) {}

  /** The work queue (issue 14, item 3): by default what needs work; every filter kept in the URL. */
  async queue(request: AuthedRequest, query: Query): Promise<Html> {
    const actor = actorOf(request);
    const { election, elections } = await chooseElection(this.elections, request, text(query, 'election'));
    const filters: Record<string, string> = {};
    for (const name of QUEUE_FILTERS) if (text(query, name).trim() !== '') filters[name] = text(query, name).trim().slice(0, 100);
    const view = isOneOf(QUEUE_VIEWS, query['view']) ? query['view'] : 'todo';
    const stateStaff = countyScopeOf(actor).county === null;
    const cursor = text(query, 'cursor');
    const pageOf = await this.queries.list(actor, {
      electionId: election.id,
      outstanding: view === 'todo',
      countyCode: stateStaff ? filters['county'] : undefined,
      kind: filters['kind'],
      status: filters['status'],
      subState: filters['subState'],
      reason: filters['reason'],
      precinctId: filters['precinct'],
      text: filters['text'],
      cursor: cursor === '' ? undefined : cursor,
      limit: 50,
    });
    const counties = stateStaff ? (await this.elections.view(actor, election.id)).counties : [];
    const ctx = pageContext(request);
    return page(ctx, 'Work queue', queuePage(ctx, {
      elections,
      election,
      filters,
      view,
      counties,
      items: pageOf.items,
      total: pageOf.total,
      deadlines: pageOf.cureDeadlinesInForce,
      pendingUploads: pageOf.pendingUploads,
      returned: pageOf.returned,
      nextCursor: pageOf.nextCursor,
      canBulk: can(actor.role, 'VERIFY') || can(actor.role, 'COUNT'),
      emptied: query['empty'] === '1',
    }));
  }

  async review(request: AuthedRequest, wanted: string | undefined): Promise<Html> {
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
    return page(ctx, 'Review proposed rejections', reviewPage(ctx, election, items, await this.users.usernames()));
  }

  async dashboard(request: AuthedRequest, wanted: string | undefined): Promise<Html> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, wanted);
    const { outstanding, cureDeadlines, rejections, readiness } = await this.reports.dashboard(actor, election.id);
    const notices = await noticeCounts(this.stores, actor, election.id);
    const ctx = pageContext(request);
    return page(ctx, 'Dashboard', dashboardPage(ctx, { election, outstanding, cureDeadlines, rejections, readiness, notices, now: this.clock.now() }));
  }

  async reportList(request: AuthedRequest, wanted: string | undefined): Promise<Html> {
    const { election } = await chooseElection(this.elections, request, wanted);
    const ctx = pageContext(request);
    return page(ctx, 'Reports', reportsListPage(ctx, election, reportNames()));
  }

  /** A report for the election, scoped to the signed-in user's county as in the API; `?county=` for one county. */
  async report(request: AuthedRequest, name: string, query: Query): Promise<Html> {
    const { election } = await chooseElection(this.elections, request, text(query, 'election'));
    const counties = (await this.elections.view(actorOf(request), election.id)).counties;
    const auditHead = formatHead(await this.maintenance.auditHead());
    const county = query['county'] === undefined ? undefined : text(query, 'county');
    const report = await runReport(this.reports, actorOf(request), name, election.id, county);
    const ctx = pageContext(request);
    return page(ctx, reportTitle(name), reportPage(ctx, { election, report, counties, now: this.clock.now(), auditHead }));
  }

  /** The same CSV as `GET /api/reports/:name?format=csv` (and `countyCode`), for the console's Download link. */
  async reportCsv(request: AuthedRequest, name: string, query: Query, response: Response): Promise<void> {
    const { election } = await chooseElection(this.elections, request, text(query, 'election'));
    const county = text(query, 'county');
    const file = await this.exports.csv(actorOf(request), name, election.id, county === '' ? undefined : county);
    response.type('text/csv').setHeader('content-disposition', `attachment; filename="${file.filename}"`).setHeader(AUDIT_HEAD_HEADER, formatHead(file.auditHead)).send(file.csv);
  }

  /** A document a voter uploaded, shown as-is to staff of the ballot's county; sandboxed, never cached. */
  async document(request: AuthedRequest, id: string, documentId: string, response: Response): Promise<void> {
    const { submission, bytes } = await this.decisions.open(actorOf(request), id, documentId);
    sendCureDocument(response, submission, bytes);
  }
}
