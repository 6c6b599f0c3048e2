import { Injectable } from '@nestjs/common';
import { BallotQueries, BULK_EVENTS, BulkDecisions, Elections, MAX_BULK, type BulkItem } from '@app/ballots';
import { DomainError, isOneOf } from '@app/domain';
import type { AuthedRequest } from '../../auth/auth.guard';
import { actorOf, chooseElection, field, pageContext } from '../console-context';
import { html, type Html } from '../html';
import { page } from '../layout';
import { bulkConfirmPage, bulkReportPage } from '../pages/bulk.page';
import type { ConsoleForm, FormState } from './console-form';
import { errorSummary } from './fields';

const ITEM = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(\d{1,9})$/i;

interface BulkInput {
  readonly election: string;
  readonly action: string;
  readonly ids: readonly string[];
  readonly confirmed: boolean;
}

/** The checkboxes of the queue: `id:version` each, one or many (at most one past the limit is read, for the service to refuse). */
function selectedItems(ids: readonly string[]): BulkItem[] {
  const items: BulkItem[] = [];
  for (const value of ids.slice(0, MAX_BULK + 1)) {
    const match = ITEM.exec(value);
    if (match === null) throw new DomainError('invalid_input', 'a selected ballot is not one the queue offered', {}, [{ field: 'ids', message: 'must be ballots the queue offered' }]);
    items.push({ ballotId: match[1]!.toLowerCase(), expectedVersion: Number(match[2]) });
  }
  return items;
}

/**
 * Bulk verify and count from the queue (`POST /console/bulk`, issue 14 item 3). Counting confirms
 * first, like Count on a ballot's page; the answer is that second step, or the report of what
 * happened to each ballot (each still checked and audited on its own by the service).
 */
@Injectable()
export class BulkForm implements ConsoleForm<BulkInput, string | Html> {
  readonly dto = null;
  constructor(
    private readonly elections: Elections,
    private readonly queries: BallotQueries,
    private readonly bulk: BulkDecisions,
  ) {}

  parse(_request: AuthedRequest, body: Record<string, unknown>): BulkInput {
    const raw = body['ids'];
    return { election: field(body, 'election'), action: field(body, 'action'), ids: (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string'), confirmed: field(body, 'confirmed') === 'yes' };
  }

  async run(request: AuthedRequest, input: BulkInput): Promise<string | Html> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, input.election);
    const action = input.action;
    if (!isOneOf(BULK_EVENTS, action)) throw new DomainError('invalid_input', 'choose Verify selected or Count selected', {}, [{ field: 'action', message: 'must be Verify selected or Count selected' }]);
    const items = selectedItems(input.ids);
    if (items.length === 0) return `/console?election=${encodeURIComponent(election.id)}`;
    const ctx = pageContext(request);
    if (action === 'COUNT' && !input.confirmed && items.length <= MAX_BULK) {
      const selected = await Promise.all(items.map(async (i) => ({ detail: await this.queries.detail(actor, i.ballotId), value: `${i.ballotId}:${i.expectedVersion}` })));
      return page(ctx, 'Count the selected ballots', bulkConfirmPage(ctx, election.id, selected));
    }
    const results = await this.bulk.apply(actor, action, items);
    return page(ctx, 'Bulk action', bulkReportPage(action, election.id, results));
  }

  /** Nothing selected goes back to the queue; otherwise the confirmation or the report is the answer. */
  redirect(_request: AuthedRequest, done: string | Html): string | Html {
    return done;
  }

  /** A refused bulk action: what was wrong, in the error summary, and the way back to the queue; no ballot was changed. */
  page(request: AuthedRequest, state: FormState): Promise<Html> {
    const back = `/console?election=${encodeURIComponent(field(request.body as Record<string, unknown> | undefined, 'election'))}`;
    const summary = errorSummary({ ...state, notice: state.notice === null ? null : { ...state.notice, text: 'Go back to the queue and choose the ballots again.' } }, () => 'back-to-queue');
    return Promise.resolve(page(pageContext(request), 'Bulk action refused', html`<h1>The selected ballots were not changed</h1>${summary}<p><a class="usa-button" id="back-to-queue" href="${back}">Back to the queue</a></p>`));
  }
}
