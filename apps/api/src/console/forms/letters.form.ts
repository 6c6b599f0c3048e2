import { Inject, Injectable } from '@nestjs/common';
import { Elections } from '@app/ballots';
import type { AppConfig } from '@app/config';
import { CLOCK, DomainError, requirePermission, type Clock } from '@app/domain';
import { exportLetters, type LetterExport } from '@app/notices';
import type { ElectionEntity } from '@app/persistence';
import { Stores } from '@app/persistence';
import type { AuthedRequest } from '../../auth/auth.guard';
import { APP_CONFIG } from '../../config.token';
import { actorOf, chooseElection, field, pageContext } from '../console-context';
import type { Html } from '../html';
import { page } from '../layout';
import { lettersPage, printedLettersPage } from '../pages/letters.page';
import type { ConsoleForm, FormState } from './console-form';

interface PrintInput {
  readonly election: string;
  /** A batch printed before, as typed ('' for the letters waiting). */
  readonly batch: string;
}

interface Printed {
  readonly election: ElectionEntity;
  readonly result: LetterExport;
  readonly now: number;
}

/** The letters page (issue 14 item 6), or its batch form shown again with what was wrong. */
@Injectable()
export class LettersView {
  constructor(private readonly elections: Elections) {}

  async show(request: AuthedRequest, wanted: string | undefined, state: FormState | null): Promise<Html> {
    requirePermission(actorOf(request), 'export_letters');
    const { election } = await chooseElection(this.elections, request, wanted);
    const ctx = pageContext(request);
    return page(ctx, 'Cure notice letters', lettersPage(ctx, election, state));
  }
}

/**
 * Printing cure notice letters (`POST /console/letters`): the mailed-letter list's own export
 * (`exportLetters`: same text, same batches, same LETTERS_EXPORTED audit entry); the answer is the
 * letters as pages to print, one to a sheet.
 */
@Injectable()
export class PrintLettersForm implements ConsoleForm<PrintInput, Printed> {
  readonly dto = null;
  constructor(
    private readonly elections: Elections,
    private readonly stores: Stores,
    private readonly view: LettersView,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  parse(_request: AuthedRequest, body: Record<string, unknown>): PrintInput {
    return { election: field(body, 'election'), batch: field(body, 'batch').trim() };
  }

  async run(request: AuthedRequest, input: PrintInput): Promise<Printed> {
    const { election } = await chooseElection(this.elections, request, input.election);
    if (input.batch !== '' && !/^[1-9]\d{0,8}$/.test(input.batch)) throw new DomainError('invalid_input', 'a batch number is a whole number from 1', {}, [{ field: 'batch', message: 'must be a whole number from 1, as printed on the batch' }]);
    const now = this.clock.now();
    const result = await exportLetters(this.stores, actorOf(request), election.id, undefined, { publicUrl: this.config.publicUrl, now }, input.batch === '' ? undefined : Number(input.batch));
    return { election, result, now };
  }

  redirect(request: AuthedRequest, printed: Printed): Html {
    return page(pageContext(request), 'Cure notice letters to print', printedLettersPage(printed.election, printed.result, printed.now));
  }

  page(request: AuthedRequest, state: FormState): Promise<Html> {
    return this.view.show(request, field(request.body as Record<string, unknown> | undefined, 'election'), state);
  }
}
