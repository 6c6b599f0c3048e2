import { BALLOT_KINDS, CURE_REASONS, ISSUED_REASONS, REJECTION_REASONS } from '@app/domain';
import { BALLOT_STATES, TOP_LEVEL_STATES } from '@app/lifecycle';
import type { BallotEntity, ElectionEntity } from '@app/persistence';
import { formatLocal } from '@app/rules';
import { html, type Html } from '../html';
import { label, STATE_LABELS, stateTag } from '../labels';
import type { PageContext } from '../layout';
import { selectField, textField, type FormValues } from './forms';

export interface QueueView {
  readonly elections: readonly ElectionEntity[];
  readonly election: ElectionEntity;
  readonly filters: FormValues;
  readonly items: readonly BallotEntity[];
  /** Each item's cure deadline in force. */
  readonly deadlines: ReadonlyMap<string, number | null>;
  readonly nextCursor: string | null;
}

function query(values: FormValues, extra: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...values, ...extra })) if (v !== '') params.set(k, v);
  return params.toString();
}

/** The work queue: deadline first, filters, paged. */
export function queuePage(ctx: PageContext, v: QueueView): Html {
  const errors = {};
  const f = v.filters;
  return html`
    <h1>Work queue</h1>
    <p>${v.election.name}. Ballots with the nearest cure deadline come first.</p>
    <form method="get" action="/console" class="usa-form maxw-none" aria-label="Filter the work queue">
      <div class="grid-row grid-gap">
        ${v.elections.length > 1 ? html`<div class="tablet:grid-col-4">${selectField({ name: 'election', label: 'Election', errors, values: { election: v.election.id }, options: v.elections.map((e) => [e.id, e.name] as const) })}</div>` : html`<input type="hidden" name="election" value="${v.election.id}">`}
        <div class="tablet:grid-col-2">${selectField({ name: 'kind', label: 'Kind', errors, values: f, blank: 'Any', options: BALLOT_KINDS.map((k) => [k, k === 'uocava' ? 'UOCAVA' : 'Provisional'] as const) })}</div>
        <div class="tablet:grid-col-2">${selectField({ name: 'status', label: 'Status', errors, values: f, blank: 'Any', options: TOP_LEVEL_STATES.map((s) => [s, label(s)] as const) })}</div>
        <div class="tablet:grid-col-4">${selectField({ name: 'subState', label: 'Exact state', errors, values: f, blank: 'Any', options: BALLOT_STATES.map((s) => [s, STATE_LABELS[s]] as const) })}</div>
        <div class="tablet:grid-col-3">${selectField({ name: 'reason', label: 'Reason', errors, values: f, blank: 'Any', options: [...new Set([...ISSUED_REASONS, ...CURE_REASONS, ...REJECTION_REASONS])].map((r) => [r, label(r)] as const) })}</div>
        <div class="tablet:grid-col-3">${textField({ name: 'precinct', label: 'Precinct', errors, values: f })}</div>
        <div class="tablet:grid-col-4">${textField({ name: 'text', label: 'Receipt number or last name', errors, values: f })}</div>
        <div class="tablet:grid-col-2 display-flex flex-align-end"><button class="usa-button margin-top-2" type="submit">Filter</button></div>
      </div>
    </form>
    <table class="usa-table usa-table--striped console-table">
      <caption>Ballots ${v.items.length === 0 ? ': none match' : ''}</caption>
      <thead><tr><th scope="col">Receipt</th><th scope="col">Voter</th><th scope="col">Kind</th><th scope="col">County, precinct</th><th scope="col">State</th><th scope="col">Cure deadline</th><th scope="col">Reason</th></tr></thead>
      <tbody>
        ${v.items.map((b) => html`<tr>
          <th scope="row"><a class="usa-link" href="/console/ballots/${b.id}">${b.receiptNumber}</a></th>
          <td>${b.lastName}, ${b.firstName}</td>
          <td>${b.kind === 'uocava' ? 'UOCAVA' : 'Provisional'}</td>
          <td>${b.countyCode}${b.precinctId !== null ? `, ${b.precinctId}` : ''}</td>
          <td><span class="${stateTag(b.status)}">${STATE_LABELS[b.status]}</span></td>
          <td>${(v.deadlines.get(b.id) ?? null) !== null ? formatLocal(v.deadlines.get(b.id) ?? 0, v.election.timeZone) : ''}</td>
          <td>${label(b.rejectionReason ?? b.cureReason ?? b.issuedReason)}</td>
        </tr>`)}
      </tbody>
    </table>
    ${v.nextCursor !== null ? html`<nav aria-label="Pages"><a class="usa-button usa-button--outline" href="/console?${query(f, { election: v.election.id, cursor: v.nextCursor })}">Next page</a></nav>` : ''}`;
}
