import { Inject, Injectable } from '@nestjs/common';
import { UsersService } from '@app/auth';
import { formatHead } from '@app/audit';
import { BallotQueries, Elections, type BallotDetail } from '@app/ballots';
import { CLOCK, DomainError, type Clock, type StaffActor } from '@app/domain';
import { DatabaseMaintenance } from '@app/persistence';
import type { AuthedRequest } from '../auth/auth.guard';
import { actorOf, pageContext } from './console-context';
import type { Html } from './html';
import { page } from './layout';
import type { BallotPageNames } from './pages/ballot.page';
import { confirmPage } from './pages/confirm.page';
import { decisionRecordPage } from './pages/decision-record.page';
import { FINAL_EVENTS } from './pages/decision-actions';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The ballot page's companions (issue 14, items 2 and 3): the confirmation step of a final action,
 * the printable decision record, and "next ballot" after an action. Reads only; every change still
 * goes through the console's one events route (BallotEventForm).
 */
@Injectable()
export class DecisionPages {
  constructor(
    private readonly elections: Elections,
    private readonly queries: BallotQueries,
    private readonly users: UsersService,
    private readonly maintenance: DatabaseMaintenance,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The second step of Count or Confirm rejection: what will happen, and one button that does it. */
  async confirm(request: AuthedRequest, id: string, query: Readonly<Record<string, unknown>>): Promise<Html> {
    const final = FINAL_EVENTS.find((e) => e === query['type']);
    if (final === undefined) throw new DomainError('invalid_input', 'choose Count or Confirm rejection on the ballot page', {}, [{ field: 'type', message: 'must be a final action: COUNT or CONFIRM_REJECTION' }]);
    const version = Number(query['expectedVersion']);
    const actor = actorOf(request);
    const detail = await this.queries.detail(actor, id);
    const ctx = pageContext(request);
    const back = query['back'] === 'review' ? 'review' : null;
    return page(ctx, `Confirm: ballot ${detail.ballot.receiptNumber}`, confirmPage(ctx, detail, final, Number.isInteger(version) ? version : detail.ballot.version, back, await this.names(actor, detail)));
  }

  /** The printable decision record: reasons, sources, and the audit entries with the chain's head. */
  async record(request: AuthedRequest, id: string): Promise<Html> {
    const actor = actorOf(request);
    const detail = await this.queries.detail(actor, id);
    const election = (await this.elections.list(actor)).find((e) => e.id === detail.ballot.electionId);
    if (election === undefined) throw new DomainError('not_found', 'election not found');
    const auditHead = formatHead(await this.maintenance.auditHead());
    const view = { detail, election, names: await this.names(actor, detail), printedAt: this.clock.now(), printedBy: actor.username, auditHead };
    return page(pageContext(request), `Decision record: ballot ${detail.ballot.receiptNumber}`, decisionRecordPage(view));
  }

  /** Where "next ballot" leads: the ballot after `after` in the to-do queue (nearest deadline first), or the queue when none is left. */
  async next(request: AuthedRequest, after: unknown): Promise<string> {
    const actor = actorOf(request);
    if (typeof after !== 'string' || !UUID.test(after)) return '/console';
    const current = await this.queries.detail(actor, after);
    const queue = await this.queries.list(actor, { electionId: current.ballot.electionId, outstanding: true, limit: 200 });
    const ids = queue.items.map((b) => b.id);
    const at = ids.indexOf(after);
    const nextId = (at >= 0 ? ids[at + 1] : undefined) ?? ids.find((id) => id !== after);
    return nextId === undefined ? `/console?election=${encodeURIComponent(current.ballot.electionId)}&empty=1` : `/console/ballots/${nextId}`;
  }

  private async names(actor: StaffActor, detail: BallotDetail): Promise<BallotPageNames> {
    const rules = await this.elections.rulesOf(actor, detail.ballot.electionId);
    return { contests: new Map(rules.jurisdiction.bundle.contests.map((c) => [c.id, c.name])), users: await this.users.usernames() };
  }
}
