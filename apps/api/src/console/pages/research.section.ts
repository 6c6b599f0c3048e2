import type { BallotDetail, RollSearchInput, RollSearchResult } from '@app/ballots';
import { html, type Html } from '../html';
import { label } from '../labels';
import { alert, csrfField, type PageContext } from '../layout';
import { textArea, textField, type FieldErrors } from './forms';

/** What the research section shows: the search asked for (or made for the clerk), or why it could not run. */
export interface ResearchState {
  readonly search: RollSearchResult | null;
  readonly searchError: string | null;
  /** The clerk's search fields as typed, to show them again. */
  readonly asked: RollSearchInput;
  /** A match or unmatch that was refused: its message and field errors. */
  readonly failed: { readonly event: 'MATCH_VOTER' | 'UNMATCH_VOTER'; readonly message: string; readonly errors: FieldErrors; readonly note: string } | null;
}

const yesNo = (value: boolean) => (value ? 'Yes' : 'No');
const dt = (term: string, value: string | Html | null | undefined) => html`<dt class="text-bold">${term}</dt><dd class="margin-left-0 margin-bottom-1">${value ?? '—'}</dd>`;

/**
 * The clerk's registration research on the ballot page (issue 11): the record matched, a search
 * of the election's roll (by name, date of birth, voter id, precinct; accents, hyphens and case do
 * not matter), and matching or unmatching a record with a reason. Matching is a lifecycle event:
 * audited, and the decision above is worked out again from it.
 */
export function researchSection(ctx: PageContext, d: BallotDetail, state: ResearchState): Html {
  const b = d.ballot;
  const canMatch = d.availableEvents.includes('MATCH_VOTER');
  const canUnmatch = d.availableEvents.includes('UNMATCH_VOTER');
  const failedMatch = state.failed?.event === 'MATCH_VOTER' ? state.failed : null;
  const failedUnmatch = state.failed?.event === 'UNMATCH_VOTER' ? state.failed : null;
  return html`<section id="research" aria-labelledby="research-heading">
    <h2 id="research-heading">Registration record</h2>
    ${d.voter === null
      ? html`<p>No registration record is matched to this ballot. Search the roll below and match the voter's record.</p>`
      : html`<dl>
          ${dt('Voter id', d.voter.voterId)}
          ${dt('Name', `${d.voter.firstName} ${d.voter.lastName}`)}
          ${dt('Date of birth', html`${d.voter.dateOfBirth}${d.voter.dateOfBirth === b.dateOfBirth ? '' : html` <span class="usa-tag bg-accent-warm-dark">differs from the affirmation</span>`}`)}
          ${dt('County and precinct', `${d.voter.countyCode}, ${d.voter.precinctId}`)}
          ${dt('Status', d.voter.removedAt !== null ? 'Removed from the roll by a full roll import' : label(d.voter.status))}
          ${dt('Registered', d.voter.registrationDate)}
          ${dt('ID on file', yesNo(d.voter.idOnFile))}
          ${dt('Matched', b.lifecycle.match === null ? null : `${b.lifecycle.match.note}`)}
        </dl>
        ${canUnmatch
          ? html`<form method="post" action="/console/ballots/${b.id}/events" class="usa-form" aria-label="Unmatch the registration">
              ${csrfField(ctx)}
              <input type="hidden" name="type" value="UNMATCH_VOTER"><input type="hidden" name="expectedVersion" value="${b.version}">
              ${failedUnmatch !== null ? alert('error', 'Not done:', failedUnmatch.message) : ''}
              ${textArea({ name: 'note', label: 'Why this record is not the voter\'s', errors: failedUnmatch?.errors ?? {}, values: { note: failedUnmatch?.note ?? '' }, idPrefix: 'unmatch', required: true })}
              <button class="usa-button usa-button--outline" type="submit">Unmatch this record</button>
            </form>`
          : ''}`}

    ${canMatch ? searchAndResults(ctx, d, state, failedMatch) : html`<p class="usa-hint">The record matched can no longer change${d.countyCertified ? ': the county has certified' : ' in this state'}.</p>`}
  </section>`;
}

/** The roll search, and what it found with a form to match one record. */
function searchAndResults(ctx: PageContext, d: BallotDetail, state: ResearchState, failedMatch: ResearchState['failed']): Html {
  const ballotId = d.ballot.id;
  return html`
    <h3>Search the roll</h3>
    <form method="get" action="/console/ballots/${ballotId}#research" class="usa-form usa-form--large" aria-label="Search the roll">
      <input type="hidden" name="search" value="1">
      <div class="grid-row grid-gap">
        <div class="tablet:grid-col-6">${textField({ name: 'lastName', label: 'Last name (or its start)', errors: {}, values: { lastName: state.asked.lastName ?? '' }, idPrefix: 'search', hint: 'Accents, hyphens and capitals do not matter.' })}</div>
        <div class="tablet:grid-col-6">${textField({ name: 'firstName', label: 'First name (or its start)', errors: {}, values: { firstName: state.asked.firstName ?? '' }, idPrefix: 'search' })}</div>
        <div class="tablet:grid-col-4">${textField({ name: 'dateOfBirth', label: 'Date of birth', errors: {}, values: { dateOfBirth: state.asked.dateOfBirth ?? '' }, idPrefix: 'search', hint: 'YYYY-MM-DD' })}</div>
        <div class="tablet:grid-col-4">${textField({ name: 'voterId', label: 'Voter id', errors: {}, values: { voterId: state.asked.voterId ?? '' }, idPrefix: 'search' })}</div>
        <div class="tablet:grid-col-4">${textField({ name: 'precinct', label: 'Precinct', errors: {}, values: { precinct: state.asked.precinctId ?? '' }, idPrefix: 'search' })}</div>
      </div>
      <button class="usa-button usa-button--outline" type="submit">Search the roll</button>
    </form>
    ${state.searchError !== null ? alert('error', 'Not searched:', state.searchError) : ''}
    ${state.search === null ? '' : results(ctx, d, state.search, true, failedMatch)}`;
}

function results(ctx: PageContext, d: BallotDetail, search: RollSearchResult, canMatch: boolean, failed: ResearchState['failed']): Html {
  const b = d.ballot;
  const searched = Object.entries(search.criteria)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${label(k.replace(/([A-Z])/g, '_$1').toLowerCase())} ${v}`)
    .join(', ');
  if (search.candidates.length === 0) return html`<p>No registration on the roll fits ${searched}.</p>`;
  const rows = search.candidates.map(
    (c) => html`<tr>
      <th scope="row">${canMatch && !c.matched
        ? html`<div class="usa-radio bg-transparent"><input class="usa-radio__input" type="radio" id="pick-${c.voterId}" name="voterId" value="${c.voterId}"><label class="usa-radio__label margin-top-0" for="pick-${c.voterId}">${c.voterId}<span class="usa-sr-only">: ${c.firstName} ${c.lastName}</span></label></div>`
        : html`${c.voterId}${c.matched ? html` <span class="usa-tag">matched</span>` : ''}`}</th>
      <td>${c.firstName} ${c.lastName}</td>
      <td>${c.dateOfBirth} ${c.dateOfBirthMatches ? html`<span class="usa-tag bg-green">same</span>` : html`<span class="usa-tag bg-accent-warm-dark">differs</span>`}</td>
      <td>${c.countyCode}${c.countyCode === b.countyCode ? '' : html` <span class="usa-tag bg-accent-warm-dark">other county</span>`}, ${c.precinctId}</td>
      <td>${c.removedAt !== null ? 'removed from the roll' : label(c.status)}</td>
      <td>${c.registrationDate}</td>
      <td>${yesNo(c.idOnFile)}</td>
    </tr>`,
  );
  const table = html`<div class="console-scroll" tabindex="0" role="region" aria-label="Registrations found">
    <table class="usa-table usa-table--borderless usa-table--compact console-table">
      <caption>${search.candidates.length}${search.more ? '+' : ''} registration${search.candidates.length === 1 ? '' : 's'} found for ${searched}${search.more ? ' (more fit: narrow the search)' : ''}</caption>
      <thead><tr><th scope="col">Voter id${canMatch ? ' (choose one to match)' : ''}</th><th scope="col">Name</th><th scope="col">Date of birth</th><th scope="col">County, precinct</th><th scope="col">Status</th><th scope="col">Registered</th><th scope="col">ID on file</th></tr></thead>
      <tbody>${rows}</tbody>
    </table></div>`;
  if (!canMatch) return table;
  // The table takes the column's width; the note and the button keep a form's width.
  return html`<form method="post" action="/console/ballots/${b.id}/events" aria-label="Match a registration">
    ${csrfField(ctx)}
    <input type="hidden" name="type" value="MATCH_VOTER"><input type="hidden" name="expectedVersion" value="${b.version}">
    ${failed !== null ? alert('error', 'Not done:', failed.errors['voterId'] !== undefined ? 'choose the record to match.' : failed.message) : ''}
    ${table}
    <div class="usa-form usa-form--large">
      ${textArea({ name: 'note', label: 'Why this record is the voter\'s', errors: failed?.errors ?? {}, values: { note: failed?.note ?? '' }, idPrefix: 'match', required: true, hint: 'For example: same name and date of birth; registered under her maiden name.' })}
      <button class="usa-button" type="submit">Match the chosen record</button>
      <p class="usa-hint">Matching sends a ballot already verified or cured back under research: its decision is worked out again from the record matched.</p>
    </div>
  </form>`;
}
