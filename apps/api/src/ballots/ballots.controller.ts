import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { BallotIntake, BallotQueries, BallotTransitions, VoterResearch } from '@app/ballots';
import { CurrentActor } from '../auth/auth.guard';
import { ErrorBody } from '../common/error-body';
import { UuidParam } from '../common/uuid.pipe';
import { BallotEventDto, intakeInput, IntakeBallotDto, ListBallotsQuery, queueFilter, RollSearchQuery, toCommand } from './ballot.dto';
import { ballotPageView, ballotView, BallotDetailView, BallotPageView, BallotView, detailView, rollSearchView, RollSearchView } from './ballot.views';
import { type StaffActor } from '@app/domain';

@ApiTags('ballots')
@ApiBearerAuth()
@Controller('api/ballots')
export class BallotsController {
  constructor(
    private readonly intake: BallotIntake,
    private readonly queries: BallotQueries,
    private readonly transitions: BallotTransitions,
    private readonly research: VoterResearch,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: BallotView })
  @ApiConflictResponse({ type: ErrorBody, description: 'the receipt number is already taken in' })
  async create(@CurrentActor() actor: StaffActor, @Body() dto: IntakeBallotDto): Promise<BallotView> {
    return ballotView(await this.intake.intake(actor, intakeInput(dto)));
  }

  @Get()
  @ApiOkResponse({ type: BallotPageView })
  async list(@CurrentActor() actor: StaffActor, @Query() q: ListBallotsQuery): Promise<BallotPageView> {
    return ballotPageView(await this.queries.list(actor, queueFilter(q)));
  }

  @Get(':id')
  @ApiOkResponse({ type: BallotDetailView })
  async get(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string): Promise<BallotDetailView> {
    return detailView(await this.queries.detail(actor, id));
  }

  @Get(':id/roll-search')
  @ApiOperation({ summary: 'Research: search the election\'s roll for the registration of this ballot\'s voter (by name, date of birth, voter id, precinct); match one with the MATCH_VOTER event' })
  @ApiOkResponse({ type: RollSearchView })
  async rollSearch(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string, @Query() q: RollSearchQuery): Promise<RollSearchView> {
    return rollSearchView(await this.research.search(actor, id, { lastName: q.lastName, firstName: q.firstName, dateOfBirth: q.dateOfBirth, voterId: q.voterId, precinctId: q.precinct }));
  }

  @Post(':id/events')
  @ApiCreatedResponse({ type: BallotView, description: 'the event was applied; the ballot in its new state' })
  @ApiConflictResponse({ type: ErrorBody, description: 'stale expectedVersion: reload and try again' })
  @ApiUnprocessableEntityResponse({ type: ErrorBody, description: 'the ballot\'s state refuses the event; details.acceptedEvents lists what it accepts' })
  async event(@CurrentActor() actor: StaffActor, @Param('id', new UuidParam()) id: string, @Body() dto: BallotEventDto): Promise<BallotView> {
    const outcome = await this.transitions.apply(actor, id, toCommand(dto), dto.expectedVersion);
    return ballotView(outcome.ballot);
  }
}
