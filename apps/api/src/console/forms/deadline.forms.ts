import { Injectable } from '@nestjs/common';
import { UsersService } from '@app/auth';
import { DeadlineOrders, Elections } from '@app/ballots';
import { countyScopeOf, DomainError } from '@app/domain';
import type { AuthedRequest } from '../../auth/auth.guard';
import { actorOf, chooseElection, field, pageContext } from '../console-context';
import type { Html } from '../html';
import { page } from '../layout';
import { deadlinesPage, type DeadlinesPageInput } from '../pages/deadlines.page';
import type { ConsoleForm, FormState } from './console-form';
import { errorsByField } from './fields';

/** The deadlines page: what is in force, the court orders and county hours, and the forms to record them. */
@Injectable()
export class DeadlinesView {
  constructor(
    private readonly elections: Elections,
    private readonly orders: DeadlineOrders,
    private readonly users: UsersService,
  ) {}

  async render(request: AuthedRequest, wanted: string | undefined, countyWanted: string | undefined, flash: string | null, failed: DeadlinesPageInput['failed']): Promise<Html> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, wanted);
    const rules = await this.elections.rulesOf(actor, election.id);
    const counties = (await this.elections.view(actor, election.id)).counties;
    const county = counties.find((c) => c.code === (actor.countyCode ?? countyWanted)) ?? counties[0];
    if (county === undefined) throw new DomainError('not_found', 'the election has no counties yet: import its jurisdiction first');
    const history = await this.orders.history(actor, election.id);
    const users = await this.users.usernames();
    const ctx = pageContext(request);
    return page(ctx, 'Deadlines and court orders', deadlinesPage(ctx, { election, rules, history, county, counties, flash, failed, users }));
  }

  /** The page as `GET /console/deadlines` shows it, with the flash of what was just recorded. */
  show(request: AuthedRequest, query: Readonly<Record<string, unknown>>): Promise<Html> {
    const text = (name: string) => (typeof query[name] === 'string' ? query[name] : undefined);
    const recorded = text('recorded');
    const flash = recorded === 'order' ? 'The court order is in force.' : recorded === 'hours' ? "The county's close of business is in force." : null;
    return this.render(request, text('election'), text('county'), flash, null);
  }

  failed(request: AuthedRequest, form: 'order' | 'hours', state: FormState, county?: string): Promise<Html> {
    return this.render(request, field(request.body as Record<string, unknown>, 'election'), county, null, { form, message: state.notice?.text ?? '', errors: errorsByField(state.errors), values: state.values });
  }
}

interface CourtOrderInput {
  readonly citation: string;
  readonly summary: string | null;
  readonly deadline: string;
  readonly countyCodes: readonly string[];
  readonly extendedTo: string;
}

/** What the deadline forms share: the services they call and the page they are on (the service checks their fields and names them). */
@Injectable()
abstract class DeadlineForm {
  readonly dto = null;
  constructor(
    protected readonly elections: Elections,
    protected readonly orders: DeadlineOrders,
    protected readonly view: DeadlinesView,
  ) {}
}

/** Recording a court order that moves a deadline. */
@Injectable()
export class CourtOrderForm extends DeadlineForm implements ConsoleForm<CourtOrderInput, { electionId: string; county: string; notices: number }> {
  parse(_request: AuthedRequest, body: Record<string, unknown>): CourtOrderInput {
    const codes = field(body, 'countyCodes').split(',').map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
    return { citation: field(body, 'citation'), summary: field(body, 'summary').trim() === '' ? null : field(body, 'summary'), deadline: field(body, 'deadline'), countyCodes: codes, extendedTo: field(body, 'extendedTo') };
  }

  async run(request: AuthedRequest, input: CourtOrderInput): Promise<{ electionId: string; county: string; notices: number }> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, field(request.body as Record<string, unknown>, 'election'));
    const countyCodes = countyScopeOf(actor).county === null ? (input.countyCodes.length === 0 ? null : [...input.countyCodes]) : null;
    const { recorded, noticesQueued } = await this.orders.recordCourtOrder(actor, election.id, { ...input, countyCodes });
    return { electionId: election.id, county: recorded.countyCodes?.[0] ?? '', notices: noticesQueued };
  }

  redirect(_request: AuthedRequest, done: { electionId: string; county: string; notices: number }): string {
    return `/console/deadlines?election=${encodeURIComponent(done.electionId)}&recorded=order${done.county === '' ? '' : `&county=${encodeURIComponent(done.county)}`}&notices=${done.notices}`;
  }

  page(request: AuthedRequest, state: FormState): Promise<Html> {
    return this.view.failed(request, 'order', state);
  }
}

interface HoursInput {
  readonly countyCode: string;
  readonly closeOfBusiness: string | null;
  readonly source: string;
}

/** A county's own close of business, or back to the rule pack's, citing where it is set. */
@Injectable()
export class CloseOfBusinessForm extends DeadlineForm implements ConsoleForm<HoursInput, { electionId: string; county: string }> {
  parse(_request: AuthedRequest, body: Record<string, unknown>): HoursInput {
    const time = field(body, 'closeOfBusiness').trim();
    return { countyCode: field(body, 'countyCode').trim().toUpperCase(), closeOfBusiness: time === '' ? null : time, source: field(body, 'source') };
  }

  async run(request: AuthedRequest, input: HoursInput): Promise<{ electionId: string; county: string }> {
    const { election } = await chooseElection(this.elections, request, field(request.body as Record<string, unknown>, 'election'));
    await this.orders.setCloseOfBusiness(actorOf(request), election.id, input);
    return { electionId: election.id, county: input.countyCode };
  }

  redirect(_request: AuthedRequest, done: { electionId: string; county: string }): string {
    return `/console/deadlines?election=${encodeURIComponent(done.electionId)}&county=${encodeURIComponent(done.county)}&recorded=hours`;
  }

  page(request: AuthedRequest, state: FormState): Promise<Html> {
    return this.view.failed(request, 'hours', state, field(request.body as Record<string, unknown>, 'countyCode').trim().toUpperCase());
  }
}
