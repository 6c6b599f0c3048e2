import { BALLOT_KINDS, CURE_REASONS, ISSUED_REASONS, REJECTION_REASONS } from '@app/domain';
import { BALLOT_STATES, TOP_LEVEL_STATES } from '@app/lifecycle';
import type { BallotEntity, CountyEntity, ElectionEntity } from '@app/persistence';
import { formatLocal } from '@app/rules';
import { html, type Html } from '../html';
import { label, STATE_LABELS, stateTag } from '../labels';
import { csrfField, type PageContext } from '../layout';
import { selectField, textField, type FormValues } from './forms';

export const QUEUE_VIEWS = ['todo', 'all'] as const;
export type QueueViewName = (typeof QUEUE_VIEWS)[number];

export interface QueueView {
  readonly elections: readonly ElectionEntity[];
  readonly election: ElectionEntity;
  /** The filters as given in the URL (the view, the county and the rest). */
  readonly filters: FormValues;
  readonly view: QueueViewName;
  /** Counties a state user may pick from; empty for county staff, who see their county only. */
  readonly counties: readonly CountyEntity[];
  readonly items: readonly BallotEntity[];
  readonly total: number;
  /** Each item's cure deadline in force. */
  readonly deadlines: ReadonlyMap<string, number | null>;
  readonly pendingUploads: ReadonlyMap<string, number>;
  readonly returned: ReadonlySet<string>;
  readonly nextCursor: string | null;
  /** The signed-in user may verify or count: the table offers bulk actions. */
  readonly canBulk: boolean;
  /** "Next ballot" found nothing left to do. */
  readonly emptied: boolean;
}

function query(values: FormValues, extra: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v !== '') params.set(k, v);
  return params.toString();
}

function badges(v: QueueView, b: BallotEntity): Html {
  const uploads = v.pendingUploads.get(b.id) ?? 0;
  return html`${uploads > 0 ? html` <span class="usa-tag bg-primary-dark console-badge">Voter uploaded a document</span>` : ''}${v.returned.has(b.id) ? html` <span class="usa-tag bg-accent-warm-dark console-badge">Returned by supervisor</span>` : ''}`;
}

function filterForm(v: QueueView): Html {
  const errors = {};
  const f = v.filters;
  return html`<form method="get" action="/console" class="usa-form maxw-none" aria-label="Filter the work queue">
    <div class="grid-row grid-gap">
      ${v.elections.length > 1 ? html`<div class="tablet:grid-col-3">${selectField({ name: 'election', label: 'Election', errors, values: { election: v.election.id }, options: v.elections.map((e) => [e.id, e.name] as const) })}</div>` : html`<input type="hidden" name="election" value="${v.election.id}">`}
      <div class="tablet:grid-col-2">${selectField({ name: 'view', label: 'Show', errors, values: { view: v.view }, options: [['todo', 'What needs work'], ['all', 'Every ballot, decided too']] as const })}</div>
      ${v.counties.length > 0 ? html`<div class="tablet:grid-col-2">${selectField({ name: 'county', label: 'County', errors, values: f, blank: 'All counties', options: v.counties.map((c) => [c.code, c.name] as const) })}</div>` : ''}
      <div class="tablet:grid-col-2">${selectField({ name: 'kind', label: 'Kind', errors, values: f, blank: 'Any', options: BALLOT_KINDS.map((k) => [k, k === 'uocava' ? 'UOCAVA' : 'Provisional'] as const) })}</div>
      <div class="tablet:grid-col-2">${selectField({ name: 'status', label: 'Status', errors, values: f, blank: 'Any', options: TOP_LEVEL_STATES.map((s) => [s, label(s)] as const) })}</div>
      <div class="tablet:grid-col-3">${selectField({ name: 'subState', label: 'Exact state', errors, values: f, blank: 'Any', options: BALLOT_STATES.map((s) => [s, STATE_LABELS[s]] as const) })}</div>
      <div class="tablet:grid-col-3">${selectField({ name: 'reason', label: 'Reason', errors, values: f, blank: 'Any', options: [...new Set([...ISSUED_REASONS, ...CURE_REASONS, ...REJECTION_REASONS])].map((r) => [r, label(r)] as const) })}</div>
      <div class="tablet:grid-col-2">${textField({ name: 'precinct', label: 'Precinct', errors, values: f })}</div>
      <div class="tablet:grid-col-3">${textField({ name: 'text', label: 'Receipt number or last name', errors, values: f })}</div>
      <div class="tablet:grid-col-2 display-flex flex-align-end"><button class="usa-button margin-top-2" type="submit">Filter</button> <a class="usa-button usa-button--unstyled margin-top-2 margin-left-2" href="/console?election=${v.election.id}">Clear</a></div>
    </div>
  </form>`;
}

/** The work queue as a to-do list (issue 14, item 3): what needs work first, nearest deadline first, a count, badges, bulk actions. */
export function queuePage(ctx: PageContext, v: QueueView): Html {
  const f = v.filters;
  const n = v.total.toLocaleString('en-US');
  const summary = v.view === 'todo' ? `${n} ballot${v.total === 1 ? '' : 's'} need${v.total === 1 ? 's' : ''} work` : `${n} ballot${v.total === 1 ? '' : 's'}`;
  const table = html`<div class="console-scroll" tabindex="0" role="region" aria-label="Ballots, scrolls sideways on a small screen"><table class="usa-table usa-table--striped usa-table--compact console-table console-queue">
    <caption class="usa-sr-only">${summary}${v.items.length < v.total ? `, ${v.items.length} shown on this page` : ''}</caption>
    <thead><tr>${v.canBulk ? html`<th scope="col"><span class="usa-sr-only">Select</span></th>` : ''}<th scope="col">Receipt</th><th scope="col">Voter</th><th scope="col">Kind</th><th scope="col">County, precinct</th><th scope="col">State</th><th scope="col">Cure deadline</th><th scope="col">Reason</th></tr></thead>
    <tbody>
      ${v.items.map((b) => html`<tr>
        ${v.canBulk ? html`<td><input class="console-check" type="checkbox" name="ids" value="${b.id}:${b.version}" id="pick-${b.id}" aria-label="Select ballot ${b.receiptNumber}"></td>` : ''}
        <th scope="row" class="console-nowrap"><a class="usa-link" href="/console/ballots/${b.id}">${b.receiptNumber}</a></th>
        <td>${b.lastName}, ${b.firstName}</td>
        <td>${b.kind === 'uocava' ? 'UOCAVA' : 'Provisional'}</td>
        <td>${b.countyCode}${b.precinctId !== null ? `, ${b.precinctId}` : ''}</td>
        <td><span class="${stateTag(b.status)}">${STATE_LABELS[b.status]}</span>${badges(v, b)}</td>
        <td>${(v.deadlines.get(b.id) ?? null) !== null ? formatLocal(v.deadlines.get(b.id) ?? 0, v.election.timeZone) : ''}</td>
        <td>${label(b.rejectionReason ?? b.cureReason ?? b.issuedReason)}</td>
      </tr>`)}
    </tbody>
  </table></div>`;
  return html`
    <h1>Work queue</h1>
    <p>${v.election.name}. ${v.view === 'todo' ? 'Ballots not yet counted or rejected, the nearest cure deadline first.' : 'Every ballot, decided ones too, the nearest cure deadline first.'}</p>
    ${v.emptied ? html`<div class="usa-alert usa-alert--success usa-alert--slim" role="status"><div class="usa-alert__body"><p class="usa-alert__text">No ballot is left to work on in this queue.</p></div></div>` : ''}
    ${filterForm(v)}
    <p class="font-body-lg text-bold margin-bottom-0" id="result-count">${summary}</p>
    ${v.items.length < v.total ? html`<p class="margin-top-05">${v.items.length} shown on this page.</p>` : ''}
    ${v.items.length === 0
      ? html`<p>No ballot matches these filters.</p>`
      : v.canBulk
        ? html`<form method="post" action="/console/bulk" aria-label="Act on the selected ballots">
            ${csrfField(ctx)}<input type="hidden" name="election" value="${v.election.id}">
            <fieldset class="usa-fieldset console-bulk"><legend class="usa-legend margin-top-1">With the selected ballots (each is checked and recorded on its own)</legend>
              <button class="usa-button usa-button--outline" type="submit" name="action" value="VERIFY">Verify selected</button>
              <button class="usa-button usa-button--outline" type="submit" name="action" value="COUNT">Count selected…</button>
            </fieldset>
            ${table}
          </form>`
        : table}
    ${v.nextCursor !== null ? html`<nav aria-label="Pages"><a class="usa-button usa-button--outline" href="/console?${query(f, { election: v.election.id, view: v.view, cursor: v.nextCursor })}">Next page</a></nav>` : ''}`;
}
