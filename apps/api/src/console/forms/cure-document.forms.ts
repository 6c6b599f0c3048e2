import { Injectable } from '@nestjs/common';
import { CureDecisions } from '@app/ballots';
import { CURE_DECLINE_REASONS, DomainError, isOneOf, type CureDeclineReason } from '@app/domain';
import type { AuthedRequest } from '../../auth/auth.guard';
import { BallotView } from '../ballot-view';
import { actorOf, field } from '../console-context';
import type { Html } from '../html';
import type { ConsoleForm, FormState } from './console-form';

const ids = (request: AuthedRequest): { ballot: string; document: string } => ({ ballot: String(request.params['id']), document: String(request.params['documentId']) });

/** What the two decisions share: the service, and the ballot page they are shown on again. */
@Injectable()
abstract class DocumentForm {
  readonly dto = null;
  constructor(
    protected readonly decisions: CureDecisions,
    protected readonly view: BallotView,
  ) {}

  page(request: AuthedRequest, state: FormState): Promise<Html> {
    const words = state.errors.length > 0 ? state.errors.map((e) => e.message).join(' ') : (state.notice?.text ?? null);
    return this.view.render(request, ids(request).ballot, { documentError: words });
  }
}

/** Accepting a voter's cure document (`.../documents/:documentId/accept`): the cure is recorded with it. */
@Injectable()
export class AcceptDocumentForm extends DocumentForm implements ConsoleForm<{ expectedVersion: number }, void> {
  parse(_request: AuthedRequest, body: Record<string, unknown>): { expectedVersion: number } {
    return { expectedVersion: Number(field(body, 'expectedVersion')) };
  }

  async run(request: AuthedRequest, input: { expectedVersion: number }): Promise<void> {
    await this.decisions.accept(actorOf(request), ids(request).ballot, ids(request).document, input.expectedVersion);
  }

  redirect(request: AuthedRequest): string {
    return `/console/ballots/${ids(request).ballot}?done=RECORD_CURE`;
  }
}

/** Declining a voter's cure document, with one of the reasons the voter is told. */
@Injectable()
export class DeclineDocumentForm extends DocumentForm implements ConsoleForm<{ reason: string }, void> {
  parse(_request: AuthedRequest, body: Record<string, unknown>): { reason: string } {
    return { reason: field(body, 'reason') };
  }

  async run(request: AuthedRequest, input: { reason: string }): Promise<void> {
    const reason: string = input.reason;
    if (!isOneOf(CURE_DECLINE_REASONS, reason)) throw new DomainError('invalid_input', 'Choose why the document is declined.', {}, [{ field: 'reason', message: 'Choose why the document is declined.' }]);
    await this.decisions.decline(actorOf(request), ids(request).ballot, ids(request).document, reason satisfies CureDeclineReason);
  }

  redirect(request: AuthedRequest): string {
    return `/console/ballots/${ids(request).ballot}`;
  }
}
