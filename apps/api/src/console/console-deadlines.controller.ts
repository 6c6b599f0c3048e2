import { Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';
import { ConsoleExceptionFilter } from './console.filter';
import { submitForm } from './forms/console-form';
import { CloseOfBusinessForm, CourtOrderForm, DeadlinesView } from './forms/deadline.forms';

/** The console's deadlines page: what is in force, the court orders and county hours, and the forms to record them. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/deadlines')
export class ConsoleDeadlinesController {
  constructor(
    private readonly view: DeadlinesView,
    private readonly courtOrderForm: CourtOrderForm,
    private readonly hoursForm: CloseOfBusinessForm,
  ) {}

  @Get()
  async show(@Req() request: AuthedRequest, @Query() query: Record<string, unknown>): Promise<string> {
    return (await this.view.show(request, query)).value;
  }

  @Post('court-orders')
  recordOrder(@Req() request: AuthedRequest, @Res() response: Response): Promise<void> {
    return submitForm(this.courtOrderForm, request, response);
  }

  @Post('close-of-business')
  setHours(@Req() request: AuthedRequest, @Res() response: Response): Promise<void> {
    return submitForm(this.hoursForm, request, response);
  }
}
