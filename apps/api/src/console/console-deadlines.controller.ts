import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { UsersService } from '@app/auth';
import { DeadlineOrders, Elections } from '@app/ballots';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';
import { ConsoleExceptionFilter } from './console.filter';
import { actorOf, chooseElection, field, pageContext, stringValues } from './console-context';
import { page } from './layout';
import { deadlinesPage, type DeadlinesPageInput } from './pages/deadlines.page';
import { fieldErrors } from './pages/forms';
import { DomainError, countyScopeOf } from '@app/domain';

/** The console's deadlines page: what is in force, the court orders and county hours, and the forms to record them. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/deadlines')
export class ConsoleDeadlinesController {
  constructor(
    private readonly elections: Elections,
    private readonly orders: DeadlineOrders,
    private readonly users: UsersService,
  ) {}

  @Get()
  async show(@Req() request: AuthedRequest, @Query('election') wanted?: string, @Query('county') county?: string, @Query('recorded') recorded?: string): Promise<string> {
    return this.render(request, wanted, county, recorded === 'order' ? 'The court order is in force.' : recorded === 'hours' ? 'The county\'s close of business is in force.' : null, null);
  }

  @Post('court-orders')
  async recordOrder(@Req() request: AuthedRequest, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, field(body, 'election'));
    const codes = field(body, 'countyCodes').split(',').map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
    try {
      const { recorded, noticesQueued } = await this.orders.recordCourtOrder(actor, election.id, {
        citation: field(body, 'citation'),
        summary: field(body, 'summary').trim() === '' ? null : field(body, 'summary'),
        deadline: field(body, 'deadline'),
        countyCodes: countyScopeOf(actor).county === null ? (codes.length === 0 ? null : codes) : null,
        extendedTo: field(body, 'extendedTo'),
      });
      const county = recorded.countyCodes?.[0] ?? '';
      response.redirect(303, `/console/deadlines?election=${encodeURIComponent(election.id)}&recorded=order${county === '' ? '' : `&county=${encodeURIComponent(county)}`}&notices=${noticesQueued}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'unauthenticated' || error.code === 'forbidden') throw error;
      response.status(error.code === 'county_certified' ? 409 : 400).type('html').send(await this.render(request, election.id, undefined, null, { form: 'order', message: error.message, errors: fieldErrors(error.fields), values: stringValues(body) }));
    }
  }

  @Post('close-of-business')
  async setHours(@Req() request: AuthedRequest, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, field(body, 'election'));
    const countyCode = field(body, 'countyCode').trim().toUpperCase();
    try {
      await this.orders.setCloseOfBusiness(actor, election.id, { countyCode, closeOfBusiness: field(body, 'closeOfBusiness').trim() === '' ? null : field(body, 'closeOfBusiness').trim(), source: field(body, 'source') });
      response.redirect(303, `/console/deadlines?election=${encodeURIComponent(election.id)}&county=${encodeURIComponent(countyCode)}&recorded=hours`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'unauthenticated' || error.code === 'forbidden') throw error;
      response.status(error.code === 'county_certified' ? 409 : 400).type('html').send(await this.render(request, election.id, countyCode, null, { form: 'hours', message: error.message, errors: fieldErrors(error.fields), values: stringValues(body) }));
    }
  }

  private async render(request: AuthedRequest, wanted: string | undefined, countyWanted: string | undefined, flash: string | null, failed: DeadlinesPageInput['failed']): Promise<string> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, wanted);
    const rules = await this.elections.rulesOf(actorOf(request), election.id);
    const counties = (await this.elections.view(actorOf(request), election.id)).counties;
    const own = actor.countyCode;
    const county = counties.find((c) => c.code === (own ?? countyWanted)) ?? counties[0];
    if (county === undefined) throw new DomainError('not_found', 'the election has no counties yet: import its jurisdiction first');
    const history = await this.orders.history(actor, election.id);
    const users = await this.users.usernames();
    const ctx = pageContext(request);
    return page(ctx, 'Deadlines and court orders', deadlinesPage(ctx, { election, rules, history, county, counties, flash, failed, users })).value;
  }
}
