import { Body, Controller, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { BallotQueries, BULK_EVENTS, BulkDecisions, Elections, MAX_BULK, type BulkItem } from '@app/ballots';
import { DomainError, isOneOf } from '@app/domain';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';
import { ConsoleExceptionFilter } from './console.filter';
import { actorOf, chooseElection, field, pageContext } from './console-context';
import { page } from './layout';
import { bulkConfirmPage, bulkReportPage } from './pages/bulk.page';

const ITEM = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(\d{1,9})$/i;

/** The checkboxes of the queue: `id:version` each, one or many. */
function selectedItems(body: Record<string, unknown>): BulkItem[] {
  const raw = body['ids'];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  const items: BulkItem[] = [];
  for (const value of values.slice(0, MAX_BULK + 1)) {
    const match = ITEM.exec(value);
    if (match === null) throw new DomainError('invalid_input', 'a selected ballot is not one the queue offered', {}, [{ field: 'ids', message: 'each must be a ballot id and its version' }]);
    items.push({ ballotId: match[1]!.toLowerCase(), expectedVersion: Number(match[2]) });
  }
  return items;
}

/** Bulk verify and count from the queue (issue 14, item 3); counting confirms first, like Count on a ballot's page. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/bulk')
export class ConsoleBulkController {
  constructor(
    private readonly elections: Elections,
    private readonly queries: BallotQueries,
    private readonly bulk: BulkDecisions,
  ) {}

  @Post()
  async act(@Req() request: AuthedRequest, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, field(body, 'election'));
    const action = field(body, 'action');
    if (!isOneOf(BULK_EVENTS, action)) throw new DomainError('invalid_input', 'choose Verify selected or Count selected', {}, [{ field: 'action', message: 'must be VERIFY or COUNT' }]);
    const items = selectedItems(body);
    const ctx = pageContext(request);
    if (items.length === 0) {
      response.redirect(303, `/console?election=${encodeURIComponent(election.id)}`);
      return;
    }
    if (action === 'COUNT' && field(body, 'confirmed') !== 'yes' && items.length <= MAX_BULK) {
      const selected = await Promise.all(items.map(async (i) => ({ detail: await this.queries.detail(actor, i.ballotId), value: `${i.ballotId}:${i.expectedVersion}` })));
      response.type('html').send(page(ctx, 'Count the selected ballots', bulkConfirmPage(ctx, election.id, selected)).value);
      return;
    }
    const results = await this.bulk.apply(actor, action, items);
    response.type('html').send(page(ctx, 'Bulk action', bulkReportPage(action, election.id, results)).value);
  }
}
