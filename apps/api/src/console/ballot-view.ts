import { Injectable } from '@nestjs/common';
import { UsersService } from '@app/auth';
import { BallotQueries, CureDecisions, Elections, VoterResearch, type RollSearchInput, type RollSearchResult } from '@app/ballots';
import { can, DomainError, isOneOf } from '@app/domain';
import { EVENT_TYPES } from '@app/lifecycle';
import type { AuthedRequest } from '../auth/auth.guard';
import { actorOf, chooseElection, pageContext } from './console-context';
import { html, type Html } from './html';
import { EVENT_LABELS } from './labels';
import { alert, page } from './layout';
import { ballotPage, type EventFormState } from './pages/ballot.page';
import { cureDocumentsSection } from './pages/cure-documents.section';
import { researchSection } from './pages/research.section';

/** What a ballot page shows besides the ballot: a flash, a failed form, a failed document decision, the research asked for. */
export interface BallotViewState {
  readonly flash?: string | null;
  readonly failed?: EventFormState | null;
  readonly documentError?: string | null;
  readonly research?: { readonly asked: RollSearchInput; readonly searched: boolean };
}

/** The console's ballot page, for its GET route and for every form on it shown again. */
@Injectable()
export class BallotView {
  constructor(
    private readonly elections: Elections,
    private readonly users: UsersService,
    private readonly queries: BallotQueries,
    private readonly decisions: CureDecisions,
    private readonly research: VoterResearch,
  ) {}

  /** The page as `GET /console/ballots/:id` shows it: the flash of what was just done, and the research asked for. */
  show(request: AuthedRequest, id: string, query: Readonly<Record<string, unknown>>): Promise<Html> {
    const typed = (name: string): string | undefined => {
      const value = query[name];
      return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, 100) : undefined;
    };
    const asked: RollSearchInput = { lastName: typed('lastName'), firstName: typed('firstName'), dateOfBirth: typed('dateOfBirth'), voterId: typed('voterId'), precinctId: typed('precinct') };
    const done = query['done'];
    return this.render(request, id, { flash: isOneOf(EVENT_TYPES, done) ? `${EVENT_LABELS[done]}.` : null, research: { asked, searched: query['search'] === '1' } });
  }

  async render(request: AuthedRequest, id: string, state: BallotViewState = {}): Promise<Html> {
    const actor = actorOf(request);
    const failed = state.failed ?? null;
    const research = state.research ?? { asked: {}, searched: false };
    const detail = await this.queries.detail(actor, id);
    // Research: the search asked for; with none, for a ballot not matched yet, the affirmation's name and date of birth.
    let search: RollSearchResult | null = null;
    let searchError: string | null = null;
    if (research.searched || detail.voter === null) {
      try {
        search = await this.research.search(actor, id, research.searched ? research.asked : {});
      } catch (error) {
        if (!(error instanceof DomainError) || error.code !== 'invalid_input') throw error;
        searchError = error.message;
      }
    }
    const researchFailed = failed !== null && (failed.event === 'MATCH_VOTER' || failed.event === 'UNMATCH_VOTER') ? { event: failed.event, message: failed.message, errors: failed.errors, note: failed.values['note'] ?? '' } : null;
    const researchHtml = researchSection(pageContext(request), detail, { search, searchError, asked: research.searched ? research.asked : {}, failed: researchFailed });
    const documents = await this.decisions.forStaff(actor, id);
    const { election } = await chooseElection(this.elections, request, detail.ballot.electionId);
    const rules = await this.elections.rulesOf(actor, election.id);
    const names = { contests: new Map(rules.jurisdiction.bundle.contests.map((c) => [c.id, c.name])), users: await this.users.usernames() };
    const ctx = pageContext(request);
    const canDecide = can(actor.role, 'decide_cure_document') && !detail.countyCertified;
    const section = cureDocumentsSection(ctx, id, detail.ballot.version, detail.ballot.status === 'received.awaitingCure', canDecide, documents, election.timeZone);
    const documentError = state.documentError ?? null;
    const withError = documentError === null ? section : html`${alert('error', 'Not done:', documentError)}${section}`;
    return page(ctx, `Ballot ${detail.ballot.receiptNumber}`, ballotPage(ctx, detail, election.timeZone, names, state.flash ?? null, researchFailed === null ? failed : null, withError, researchHtml));
  }
}
