import { Body, Controller, Get, Inject, Post, Query, Req, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Elections } from '@app/ballots';
import type { AppConfig } from '@app/config';
import { CLOCK, DomainError, requirePermission, type Clock } from '@app/domain';
import { exportLetters } from '@app/notices';
import { Stores } from '@app/persistence';
import type { AuthedRequest } from '../auth/auth.guard';
import { APP_CONFIG } from '../config.token';
import { ConsoleExceptionFilter } from './console.filter';
import { actorOf, chooseElection, field, pageContext } from './console-context';
import { page } from './layout';
import { lettersPage, printedLettersPage } from './pages/letters.page';

/**
 * Printable cure notice letters for the county (issue 14, item 6): the mailed-letter list's own
 * export (`exportLetters`: same text, same batches, same LETTERS_EXPORTED audit entry) as pages
 * to print, one letter to a sheet.
 */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/letters')
export class ConsoleLettersController {
  constructor(
    private readonly elections: Elections,
    private readonly stores: Stores,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  async show(@Req() request: AuthedRequest, @Query('election') wanted?: string): Promise<string> {
    requirePermission(actorOf(request), 'export_letters');
    const { election } = await chooseElection(this.elections, request, wanted);
    const ctx = pageContext(request);
    return page(ctx, 'Cure notice letters', lettersPage(ctx, election)).value;
  }

  @Post()
  async print(@Req() request: AuthedRequest, @Body() body: Record<string, unknown>): Promise<string> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, field(body, 'election'));
    const batchText = field(body, 'batch').trim();
    if (batchText !== '' && !/^[1-9]\d{0,8}$/.test(batchText)) throw new DomainError('invalid_input', 'a batch number is a whole number from 1', {}, [{ field: 'batch', message: 'must be a whole number from 1' }]);
    const now = this.clock.now();
    const result = await exportLetters(this.stores, actor, election.id, undefined, { publicUrl: this.config.publicUrl, now }, batchText === '' ? undefined : Number(batchText));
    return page(pageContext(request), 'Cure notice letters to print', printedLettersPage(election, result, now)).value;
  }
}
