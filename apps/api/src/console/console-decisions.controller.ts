import { Controller, Get, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';
import { UuidParam } from '../common/uuid.pipe';
import { ConsoleExceptionFilter } from './console.filter';
import { DecisionPages } from './decision-pages';

/** The ballot page's companions (issue 14, items 2 and 3), each route one call (decision-pages.ts). */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console')
export class ConsoleDecisionsController {
  constructor(private readonly pages: DecisionPages) {}

  @Get('ballots/:id/confirm')
  async confirm(@Req() request: AuthedRequest, @Param('id', new UuidParam()) id: string, @Query() query: Record<string, unknown>): Promise<string> {
    return (await this.pages.confirm(request, id, query)).value;
  }

  @Get('ballots/:id/record')
  async record(@Req() request: AuthedRequest, @Param('id', new UuidParam()) id: string): Promise<string> {
    return (await this.pages.record(request, id)).value;
  }

  @Get('next')
  async next(@Req() request: AuthedRequest, @Query('after') after: unknown, @Res() response: Response): Promise<void> {
    response.redirect(303, await this.pages.next(request, after));
  }
}
