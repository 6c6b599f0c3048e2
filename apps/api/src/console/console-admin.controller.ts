import { Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { UsersService } from '@app/auth';
import type { Response } from 'express';
import { Can, type AuthedRequest } from '../auth/auth.guard';
import { UuidParam } from '../common/uuid.pipe';
import { ConsoleExceptionFilter } from './console.filter';
import { actorOf } from './console-context';
import { submitForm } from './forms/console-form';
import { NewUserForm, UsersView } from './forms/admin.forms';
import { IntakeForm } from './forms/intake.form';

/** Intake and the users page: each route one call (issue 12 item 7); the forms live in ./forms. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleAdminController {
  constructor(
    private readonly intakeForm: IntakeForm,
    private readonly newUserForm: NewUserForm,
    private readonly usersView: UsersView,
    private readonly users: UsersService,
  ) {}

  @Get('intake')
  async intakeBlank(@Req() request: AuthedRequest, @Query('election') wanted?: string): Promise<string> {
    return (await this.intakeForm.blank(request, wanted)).value;
  }

  @Post('intake')
  intakeSubmit(@Req() request: AuthedRequest, @Res() response: Response): Promise<void> {
    return submitForm(this.intakeForm, request, response);
  }

  @Get('users')
  @Can('manage_users')
  async usersList(@Req() request: AuthedRequest, @Query() query: Record<string, unknown>): Promise<string> {
    return (await this.usersView.show(request, query)).value;
  }

  /** Locks an account on purpose (audited as ACCOUNT_LOCKED). */
  @Post('users/:id/lock')
  async usersLock(@Req() request: AuthedRequest, @Param('id', new UuidParam()) id: string, @Res() response: Response): Promise<void> {
    response.redirect(303, `/console/users?locked=${encodeURIComponent((await this.users.lock(actorOf(request), id, null)).username)}`);
  }

  /** Lifts a lock (audited as ACCOUNT_UNLOCKED). */
  @Post('users/:id/unlock')
  async usersUnlock(@Req() request: AuthedRequest, @Param('id', new UuidParam()) id: string, @Res() response: Response): Promise<void> {
    response.redirect(303, `/console/users?unlocked=${encodeURIComponent((await this.users.unlock(actorOf(request), id)).username)}`);
  }

  @Post('users')
  @Can('manage_users')
  usersCreate(@Req() request: AuthedRequest, @Res() response: Response): Promise<void> {
    return submitForm(this.newUserForm, request, response);
  }
}
