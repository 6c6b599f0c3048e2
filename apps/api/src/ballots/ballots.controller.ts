import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { BallotIntake, BallotQueries, BallotTransitions, VoterResearch } from '@app/ballots';
import { CurrentActor } from '../auth/auth.guard';
import { ErrorBody } from '../common/error-body';
import { UuidParam } from '../common/uuid.pipe';
import { instantMs } from '../common/validators';
import { BallotEventDto, intakeInput, IntakeBallotDto, ListBallotsQuery, RollSearchQuery, toCommand } from './ballot.dto';
import { ballotView, BallotDetailView, BallotPageView, BallotView, detailView, rollSearchView, RollSearchView } from './ballot.views';
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
    const ballot = await this.intake.intake(actor, intakeInput(dto));
    return ballotView(ballot);
  }

  @Get()
  @ApiOkResponse({ type: BallotPageView })
  async list(@CurrentActor() actor: StaffActor, @Query() q: ListBallotsQuery): Promise<BallotPageView> {
    const page = await this.queries.list(actor, {
      electionId: q.electionId,
      countyCode: q.county,
      kind: q.kind,
      status: q.status,
      subState: q.subState,
      reason: q.reason,
      precinctId: q.precinct,
      deadlineBefore: q.deadlineBefore === undefined ? undefined : instantMs(q.deadlineBefore),
      text: q.text,
      cursor: q.cursor,
      limit: q.limit ?? 50,
    });
    return { items: page.items.map((b) => ballotView(b, page.cureDeadlinesInForce.get(b.id) ?? null)), nextCursor: page.nextCursor };
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
