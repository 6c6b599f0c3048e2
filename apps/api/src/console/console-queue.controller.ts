import { Controller, Get, Query, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { BallotQueries, Elections } from '@app/ballots';
import { can, countyScopeOf, isOneOf } from '@app/domain';
import type { AuthedRequest } from '../auth/auth.guard';
import { ConsoleExceptionFilter } from './console.filter';
import { actorOf, chooseElection, pageContext } from './console-context';
import { page } from './layout';
import { QUEUE_VIEWS, queuePage } from './pages/queue.page';

const QUEUE_FILTERS = ['county', 'kind', 'status', 'subState', 'reason', 'precinct', 'text'] as const;

/** The work queue (issue 14, item 3): by default what needs work; every filter kept in the URL. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleQueueController {
  constructor(
    private readonly elections: Elections,
    private readonly queries: BallotQueries,
  ) {}

  @Get()
  async queue(@Req() request: AuthedRequest, @Query() query: Record<string, string | undefined>): Promise<string> {
    const actor = actorOf(request);
    const { election, elections } = await chooseElection(this.elections, request, query['election']);
    const filters: Record<string, string> = {};
    for (const name of QUEUE_FILTERS) {
      const value = query[name];
      if (typeof value === 'string' && value.trim() !== '') filters[name] = value.trim().slice(0, 100);
    }
    const view = isOneOf(QUEUE_VIEWS, query['view']) ? query['view'] : 'todo';
    const stateStaff = countyScopeOf(actor).county === null;
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
      cursor: typeof query['cursor'] === 'string' && query['cursor'] !== '' ? query['cursor'] : undefined,
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
    })).value;
  }
}
