import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { UsersService } from '@app/auth';
import { Certification, Elections } from '@app/ballots';
import { can, CLOCK, DomainError, type Clock } from '@app/domain';
import { Reports } from '@app/reports';
import type { Response } from 'express';
import type { AuthedRequest } from '../auth/auth.guard';
import { ConsoleExceptionFilter } from './console.filter';
import { actorOf, chooseElection, field, pageContext, stringValues } from './console-context';
import { page } from './layout';
import { certificatePage, certificationPage, type CertificationFormState } from './pages/certification.page';
import { fieldErrors } from './pages/forms';

/** A county's certification in the console (issue 14, item 4): the checklist, the attestation, the printable certificate. */
@ApiExcludeController()
@UseFilters(ConsoleExceptionFilter)
@Controller('console/counties/:code')
export class ConsoleCertificationController {
  constructor(
    private readonly elections: Elections,
    private readonly certification: Certification,
    private readonly reports: Reports,
    private readonly users: UsersService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('certification')
  async checklist(@Req() request: AuthedRequest, @Param('code') code: string, @Query('election') wanted?: string): Promise<string> {
    return this.render(request, code, wanted, null);
  }

  @Post('certification')
  async certify(@Req() request: AuthedRequest, @Param('code') code: string, @Body() body: Record<string, unknown>, @Res() response: Response): Promise<void> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, field(body, 'election'));
    const refused = async (status: number, state: CertificationFormState) => {
      response.status(status).type('html').send(await this.render(request, code, election.id, state));
    };
    if (field(body, 'attested') !== 'yes') {
      await refused(400, { message: 'tick the attestation to certify.', errors: { attested: 'Tick the attestation to certify', ...(field(body, 'attestedBy').trim() === '' ? { attestedBy: 'Type your full name to attest' } : {}) }, values: stringValues(body) });
      return;
    }
    try {
      await this.certification.certify(actor, election.id, code, { name: field(body, 'attestedBy') });
    } catch (error) {
      if (!(error instanceof DomainError) || !['invalid_input', 'conflict', 'county_certified'].includes(error.code)) throw error;
      await refused(error.code === 'invalid_input' ? 400 : 409, { message: error.message, errors: fieldErrors(error.fields), values: stringValues(body) });
      return;
    }
    response.redirect(303, `/console/counties/${encodeURIComponent(code)}/certificate?election=${encodeURIComponent(election.id)}`);
  }

  @Get('certificate')
  async certificate(@Req() request: AuthedRequest, @Param('code') code: string, @Query('election') wanted?: string): Promise<string> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, wanted);
    const record = await this.certification.record(actor, election.id, code);
    const figures = (await this.reports.stateRollup(actor, election.id, record.county.code)).find((r) => r.countyCode === record.county.code) ?? null;
    const certifiedByName = (await this.users.usernames()).get(record.certifiedBy) ?? record.certifiedBy;
    return page(pageContext(request), `Certificate: ${record.county.name}`, certificatePage({ election, record, certifiedByName, figures, now: this.clock.now() })).value;
  }

  private async render(request: AuthedRequest, code: string, wanted: string | undefined, failed: CertificationFormState | null): Promise<string> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, wanted);
    const readiness = await this.certification.readiness(actor, election.id, code);
    const ctx = pageContext(request);
    return page(ctx, `Certify ${readiness.county.name}`, certificationPage(ctx, election, readiness, can(actor.role, 'certify_county'), failed)).value;
  }
}
