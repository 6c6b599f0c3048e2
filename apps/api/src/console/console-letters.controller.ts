import { Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';
import { ConsoleExceptionFilter } from './console.filter';
import { submitForm } from './forms/console-form';
import { LettersView, PrintLettersForm } from './forms/letters.form';

/** Printable cure notice letters for the county (issue 14, item 6): each route one call (forms/letters.form.ts). */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/letters')
export class ConsoleLettersController {
  constructor(
    private readonly view: LettersView,
    private readonly form: PrintLettersForm,
  ) {}

  @Get()
  async show(@Req() request: AuthedRequest, @Query('election') wanted?: string): Promise<string> {
    return (await this.view.show(request, wanted, null)).value;
  }

  @Post()
  print(@Req() request: AuthedRequest, @Res() response: Response): Promise<void> {
    return submitForm(this.form, request, response);
  }
}
