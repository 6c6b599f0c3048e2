import { Injectable } from '@nestjs/common';
import { BallotQueries, BallotTransitions, Elections } from '@app/ballots';
import { isOneOf } from '@app/domain';
import { EVENT_TYPES } from '@app/lifecycle';
import type { AuthedRequest } from '../../auth/auth.guard';
import { BallotEventDto, toCommand } from '../../ballots/ballot.dto';
import { BallotView } from '../ballot-view';
import { actorOf, field } from '../console-context';
import type { Html } from '../html';
import { localInstantOrAsTyped } from '../intake-form';
import type { ConsoleForm, FormState } from './console-form';
import { errorsByField } from './fields';

const TEXT_FIELDS = ['cureReason', 'evidence', 'reason', 'note', 'courtOrder', 'voterId'] as const;

const ballotId = (request: AuthedRequest): string => String(request.params['id']);

/** An event on a ballot from its page (`POST /console/ballots/:id/events`): the API's event DTO, the same transition. */
@Injectable()
export class BallotEventForm implements ConsoleForm<BallotEventDto, string> {
  readonly dto = BallotEventDto;

  constructor(
    private readonly elections: Elections,
    private readonly queries: BallotQueries,
    private readonly transitions: BallotTransitions,
    private readonly view: BallotView,
  ) {}

  async parse(request: AuthedRequest, body: Record<string, unknown>): Promise<object> {
    const plain: Record<string, unknown> = { type: field(body, 'type'), expectedVersion: Number(field(body, 'expectedVersion')) };
    for (const name of TEXT_FIELDS) if (field(body, name) !== '') plain[name] = field(body, name);
    // datetime-local carries no zone: it is the ballot's county's local time (a malformed one is left for the DTO to name).
    const submittedAt = field(body, 'submittedAt');
    if (submittedAt !== '') plain['submittedAt'] = await this.localInstant(request, submittedAt);
    return plain;
  }

  async run(request: AuthedRequest, input: BallotEventDto): Promise<string> {
    await this.transitions.apply(actorOf(request), ballotId(request), toCommand(input), input.expectedVersion);
    return input.type;
  }

  redirect(request: AuthedRequest, type: string): string {
    return field(request.body as Record<string, unknown>, 'back') === 'review' ? '/console/review' : `/console/ballots/${ballotId(request)}?done=${encodeURIComponent(type)}`;
  }

  page(request: AuthedRequest, state: FormState): Promise<Html> {
    const event = state.values['type'];
    const message = state.notice?.text ?? '';
    const failed = isOneOf(EVENT_TYPES, event) ? { event, errors: errorsByField(state.errors), values: state.values, message } : null;
    return this.view.render(request, ballotId(request), { failed });
  }

  private async localInstant(request: AuthedRequest, value: string): Promise<string> {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return value;
    const actor = actorOf(request);
    const detail = await this.queries.detail(actor, ballotId(request));
    const rules = await this.elections.rulesOf(actor, detail.ballot.electionId);
    const zone = rules.calendar.zoneOf(detail.ballot.countyCode);
    return localInstantOrAsTyped(value, (date, time) => rules.calendar.instantAt(date, time, zone));
  }
}
