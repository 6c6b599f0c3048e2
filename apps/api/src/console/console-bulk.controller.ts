import { Controller, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';
import { ConsoleExceptionFilter } from './console.filter';
import { BulkForm } from './forms/bulk.form';
import { submitForm } from './forms/console-form';

/** Bulk verify and count from the queue (issue 14, item 3): one call through the form layer (forms/bulk.form.ts). */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/bulk')
export class ConsoleBulkController {
  constructor(private readonly form: BulkForm) {}

  @Post()
  act(@Req() request: AuthedRequest, @Res() response: Response): Promise<void> {
    return submitForm(this.form, request, response);
  }
}
