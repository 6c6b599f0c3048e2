import { Inject, Injectable } from '@nestjs/common';
import { UsersService } from '@app/auth';
import { Certification, Elections } from '@app/ballots';
import { can, CLOCK, type Clock } from '@app/domain';
import { Reports } from '@app/reports';
import type { AuthedRequest } from '../../auth/auth.guard';
import { actorOf, chooseElection, field, pageContext } from '../console-context';
import type { Html } from '../html';
import { page } from '../layout';
import { certificatePage, certificationPage } from '../pages/certification.page';
import { AttestationDto } from './attestation.dto';
import type { ConsoleForm, FormState } from './console-form';

const countyOf = (request: AuthedRequest): string => String(request.params['code']);
const electionIn = (request: AuthedRequest): string => field(request.body as Record<string, unknown> | undefined, 'election');

/** A county's certification pages: the checklist with the attestation (or the form shown again), and the certificate. */
@Injectable()
export class CertificationView {
  constructor(
    private readonly elections: Elections,
    private readonly certification: Certification,
    private readonly reports: Reports,
    private readonly users: UsersService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async checklist(request: AuthedRequest, wanted: string | undefined, state: FormState | null): Promise<Html> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, wanted);
    const readiness = await this.certification.readiness(actor, election.id, countyOf(request));
    const ctx = pageContext(request);
    return page(ctx, `Certify ${readiness.county.name}`, certificationPage(ctx, election, readiness, can(actor.role, 'certify_county'), state));
  }

  async certificate(request: AuthedRequest, wanted: string | undefined): Promise<Html> {
    const actor = actorOf(request);
    const { election } = await chooseElection(this.elections, request, wanted);
    const record = await this.certification.record(actor, election.id, countyOf(request));
    const figures = (await this.reports.stateRollup(actor, election.id, record.county.code)).find((r) => r.countyCode === record.county.code) ?? null;
    const certifiedByName = (await this.users.usernames()).get(record.certifiedBy) ?? record.certifiedBy;
    return page(pageContext(request), `Certificate: ${record.county.name}`, certificatePage({ election, record, certifiedByName, figures, now: this.clock.now() }));
  }
}

/** Certifying a county from its checklist (`POST /console/counties/:code/certification`), then its certificate. */
@Injectable()
export class CertifyForm implements ConsoleForm<AttestationDto, string> {
  readonly dto = AttestationDto;
  constructor(
    private readonly elections: Elections,
    private readonly certification: Certification,
    private readonly view: CertificationView,
  ) {}

  parse(_request: AuthedRequest, body: Record<string, unknown>): object {
    return { attested: field(body, 'attested'), attestedBy: field(body, 'attestedBy').trim() };
  }

  async run(request: AuthedRequest, input: AttestationDto): Promise<string> {
    const { election } = await chooseElection(this.elections, request, electionIn(request));
    await this.certification.certify(actorOf(request), election.id, countyOf(request), { name: input.attestedBy });
    return election.id;
  }

  redirect(request: AuthedRequest, electionId: string): string {
    return `/console/counties/${encodeURIComponent(countyOf(request))}/certificate?election=${encodeURIComponent(electionId)}`;
  }

  page(request: AuthedRequest, state: FormState): Promise<Html> {
    return this.view.checklist(request, electionIn(request), state);
  }
}
