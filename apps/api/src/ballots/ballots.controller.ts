import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BallotIntake, BallotQueries, BallotTransitions, VoterResearch } from '@app/ballots';
import { CurrentActor } from '../auth/auth.guard';
import { ApiErrors, JsonBodyErrors, StaffErrors } from '../common/api-errors';
import { BALLOT_EVENT_BODY } from './ballot-events.docs';
import { INTAKE_EXAMPLES } from './intake.docs';
import { UuidParam } from '../common/uuid.pipe';
import { BallotEventDto, intakeInput, IntakeBallotDto, ListBallotsQuery, queueFilter, RollSearchQuery, toCommand } from './ballot.dto';
import { ballotPageView, ballotView, BallotDetailView, BallotPageView, BallotView, detailView, rollSearchView, RollSearchView } from './ballot.views';
import { type StaffActor } from '@app/domain';

@ApiTags('ballots')
@ApiBearerAuth()
@StaffErrors()
@Controller('api/ballots')
export class BallotsController {
  constructor(
    private readonly intake: BallotIntake,
    private readonly queries: BallotQueries,
    private readonly transitions: BallotTransitions,
    private readonly research: VoterResearch,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Take in one ballot: the envelope\u2019s affirmation and intake record, checked and decided as far as the rules allow' })
  @ApiBody({ type: IntakeBallotDto, examples: INTAKE_EXAMPLES })
  @ApiCreatedResponse({ type: BallotView })
  @JsonBodyErrors()
  @ApiErrors([404, 'no such election, county or precinct (or not yours)'], [409, 'the receipt number is already taken in, or the county has certified'])
  async create(@CurrentActor() actor: StaffActor, @Body() dto: IntakeBallotDto): Promise<BallotView> {
    return ballotView(await this.intake.intake(actor, intakeInput(dto)));
  }

  @Get()
  @ApiOperation({
    summary: 'The work queue: ballots of an election filtered by county, kind, status, reason, precinct, deadline or text',
    description: 'Paged by cursor: pass `nextCursor` back as `cursor` until it is null. There is no total: counting every match would cost a second scan of the queue on each page, and the counts by county, kind and status are the outstanding report (GET /api/reports/outstanding).',
  })
  @ApiOkResponse({ type: BallotPageView })
  @ApiErrors(400)
  async list(@CurrentActor() actor: StaffActor, @Query() q: ListBallotsQuery): Promise<BallotPageView> {
    return ballotPageView(await this.queries.list(actor, queueFilter(q)));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One ballot: its affirmation, decision, deadlines, the events it accepts, and its history' })
  @ApiOkResponse({ type: BallotDetailView })
  @ApiErrors(400, 404)
  async get(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string): Promise<BallotDetailView> {
    return detailView(await this.queries.detail(actor, id));
  }

  @Get(':id/roll-search')
  @ApiOperation({ summary: 'Research: search the election\'s roll for the registration of this ballot\'s voter (by name, date of birth, voter id, precinct); match one with the MATCH_VOTER event' })
  @ApiOkResponse({ type: RollSearchView })
  @ApiErrors(400, 404)
  async rollSearch(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string, @Query() q: RollSearchQuery): Promise<RollSearchView> {
    return rollSearchView(await this.research.search(actor, id, { lastName: q.lastName, firstName: q.firstName, dateOfBirth: q.dateOfBirth, voterId: q.voterId, precinctId: q.precinct }));
  }

  @Post(':id/events')
  @ApiOperation({ summary: 'Apply a lifecycle event to a ballot (verify, ask for a cure, propose a rejection, count, ...); the body\u2019s schema depends on `type`' })
  @ApiBody(BALLOT_EVENT_BODY)
  @ApiCreatedResponse({ type: BallotView, description: 'the event was applied; the ballot in its new state' })
  @JsonBodyErrors()
  @ApiErrors(404, [409, 'stale expectedVersion (reload and try again), or the county has certified'], 422)
  async event(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string, @Body() dto: BallotEventDto): Promise<BallotView> {
    const outcome = await this.transitions.apply(actor, id, toCommand(dto), dto.expectedVersion);
    return ballotView(outcome.ballot);
  }
}
