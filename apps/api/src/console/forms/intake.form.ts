import { Injectable } from '@nestjs/common';
import { BallotIntake, Elections } from '@app/ballots';
import type { BallotEntity } from '@app/persistence';
import type { AuthedRequest } from '../../auth/auth.guard';
import { intakeInput, IntakeBallotDto } from '../../ballots/ballot.dto';
import { actorOf, chooseElection, field, pageContext } from '../console-context';
import type { Html } from '../html';
import { intakeFormInput } from '../intake-form';
import { page } from '../layout';
import { intakePage } from '../pages/intake.page';
import { EMPTY_FORM, type ConsoleForm, type FormState } from './console-form';

/** Taking a ballot in from the console: the intake DTO of the API, the same service. */
@Injectable()
export class IntakeForm implements ConsoleForm<IntakeBallotDto, BallotEntity> {
  readonly dto = IntakeBallotDto;

  constructor(
    private readonly elections: Elections,
    private readonly intake: BallotIntake,
  ) {}

  async parse(request: AuthedRequest, body: Record<string, unknown>): Promise<object> {
    const { election } = await chooseElection(this.elections, request, field(body, 'electionId'));
    return intakeFormInput(body, election.id, (await this.elections.rulesOf(actorOf(request), election.id)).calendar);
  }

  run(request: AuthedRequest, input: IntakeBallotDto): Promise<BallotEntity> {
    return this.intake.intake(actorOf(request), intakeInput(input));
  }

  redirect(_request: AuthedRequest, ballot: BallotEntity): string {
    return `/console/ballots/${ballot.id}`;
  }

  async page(request: AuthedRequest, state: FormState, wanted = field(request.body as Record<string, unknown> | undefined, 'electionId')): Promise<Html> {
    const { election } = await chooseElection(this.elections, request, wanted);
    const ctx = pageContext(request);
    return page(ctx, `${state.notice?.kind === 'error' ? 'Error: ' : ''}Take in a ballot`, intakePage(ctx, election, state));
  }

  /** The empty form: a provisional ballot of the clerk's own county, signature present. */
  blank(request: AuthedRequest, wanted: string | undefined): Promise<Html> {
    const values = { kind: 'provisional', countyCode: actorOf(request).countyCode ?? '', signature: 'present' };
    return this.page(request, { ...EMPTY_FORM, values }, wanted);
  }
}
