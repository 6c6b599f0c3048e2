import { Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';
import { ConsoleExceptionFilter } from './console.filter';
import { CertificationView, CertifyForm } from './forms/certification.forms';
import { submitForm } from './forms/console-form';

/** A county's certification in the console (issue 14, item 4): the checklist, the attestation, the printable certificate. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/counties/:code')
export class ConsoleCertificationController {
  constructor(
    private readonly view: CertificationView,
    private readonly certifyForm: CertifyForm,
  ) {}

  @Get('certification')
  async checklist(@Req() request: AuthedRequest, @Query('election') wanted?: string): Promise<string> {
    return (await this.view.checklist(request, wanted, null)).value;
  }

  @Post('certification')
  certify(@Req() request: AuthedRequest, @Res() response: Response): Promise<void> {
    return submitForm(this.certifyForm, request, response);
  }

  @Get('certificate')
  async certificate(@Req() request: AuthedRequest, @Query('election') wanted?: string): Promise<string> {
    return (await this.view.certificate(request, wanted)).value;
  }
}
