import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { UsersService } from '@app/auth';
import { BallotIntake, Elections } from '@app/ballots';
import type { Role } from '@app/domain';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';
import { intakeInput, IntakeBallotDto } from '../ballots/ballot.dto';
import { UuidParam } from '../common/uuid.pipe';
import { ConsoleExceptionFilter } from './console.filter';
import { actorOf, chooseElection, field, pageContext, stringValues } from './console-context';
import { validateForm } from './form-validation';
import { intakeFormInput } from './intake-form';
import { page } from './layout';
import { fieldErrors } from './pages/forms';
import { intakePage } from './pages/intake.page';
import { usersPage } from './pages/users.page';
import { CLOCK, DomainError, requirePermission, type Clock } from '@app/domain';

@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleAdminController {
  constructor(
    private readonly elections: Elections,
    private readonly intake: BallotIntake,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly users: UsersService,
  ) {}

  @Get('intake')
  async intakeForm(@Req() request: AuthedRequest, @Query('election') wanted?: string): Promise<string> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, wanted);
    const ctx = pageContext(request);
    const values = { kind: 'provisional', countyCode: actor.countyCode ?? '', signature: 'present' };
    return page(ctx, 'Take in a ballot', intakePage(ctx, election, {}, values, null)).value;
  }

  @Post('intake')
  async intakeSubmit(@Req() request: AuthedRequest, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, field(body, 'electionId'));
    const values = stringValues(body);
    const plain = intakeFormInput(body, election.id, (await this.elections.rulesOf(actor, election.id)).calendar);
    const ctx = pageContext(request);
    const again = (status: number, fields: { field: string; message: string }[], message: string) =>
      response.status(status).type('html').send(page(ctx, 'Take in a ballot', intakePage(ctx, election, fieldErrors(fields), values, message)).value);
    const checked = await validateForm(IntakeBallotDto, plain);
    if (!checked.ok) return void again(400, checked.fields, 'correct the fields marked below.');
    try {
      const ballot = await this.intake.intake(actor, intakeInput(checked.value));
      response.redirect(303, `/console/ballots/${ballot.id}`);
    } catch (error) {
      if (!(error instanceof DomainError) || error.code === 'unauthenticated') throw error;
      again(error.code === 'conflict' ? 409 : 400, [...error.fields], error.message);
    }
  }

  @Get('users')
  async usersList(@Req() request: AuthedRequest, @Query('added') added?: string, @Query('locked') locked?: string, @Query('unlocked') unlocked?: string): Promise<string> {
    this.requireAdmin(request);
    const ctx = pageContext(request);
    const named = (value: string | undefined): value is string => typeof value === 'string' && value !== '';
    const message = named(added) ? `${added} can now sign in.` : named(locked) ? `${locked} is locked: it cannot sign in until an administrator unlocks it.` : named(unlocked) ? `${unlocked} is unlocked and can sign in again.` : null;
    return page(ctx, 'Users', usersPage(ctx, await this.users.list(actorOf(request)), {}, {}, message, this.clock.now())).value;
  }

  /** Locks an account on purpose (audited as ACCOUNT_LOCKED). */
  @Post('users/:id/lock')
  async usersLock(@Req() request: AuthedRequest, @Param('id', new UuidParam()) id: string, @Res() response: Response): Promise<void> {
    const user = await this.users.lock(actorOf(request), id, null);
    response.redirect(303, `/console/users?locked=${encodeURIComponent(user.username)}`);
  }

  /** Lifts a lock (audited as ACCOUNT_UNLOCKED). */
  @Post('users/:id/unlock')
  async usersUnlock(@Req() request: AuthedRequest, @Param('id', new UuidParam()) id: string, @Res() response: Response): Promise<void> {
    const user = await this.users.unlock(actorOf(request), id);
    response.redirect(303, `/console/users?unlocked=${encodeURIComponent(user.username)}`);
  }

  @Post('users')
  async usersCreate(@Req() request: AuthedRequest, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    this.requireAdmin(request);
    const values = stringValues(body);
    try {
      const user = await this.users.create(actorOf(request), {
        username: field(body, 'username').trim(),
        displayName: field(body, 'displayName').trim(),
        password: field(body, 'password'),
        role: field(body, 'role') as Role,
        countyCode: field(body, 'countyCode').trim() === '' ? null : field(body, 'countyCode').trim().toUpperCase(),
      });
      response.redirect(303, `/console/users?added=${encodeURIComponent(user.username)}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const ctx = pageContext(request);
      const errors = error.fields.length > 0 ? fieldErrors(error.fields) : { username: error.message };
      response.status(400).type('html').send(page(ctx, 'Users', usersPage(ctx, await this.users.list(actorOf(request)), errors, values, null, this.clock.now())).value);
    }
  }

  private requireAdmin(request: AuthedRequest): void {
    requirePermission(actorOf(request), 'manage_users');
  }
}
