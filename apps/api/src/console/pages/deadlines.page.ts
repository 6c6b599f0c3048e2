import { can, countyScopeOf } from '@app/domain';
import type { ElectionRules, RulesHistory } from '@app/ballots';
import type { CountyEntity, ElectionEntity } from '@app/persistence';
import { COURT_ORDER_TARGETS, formatLocal, type CourtOrderTarget, type Deadline } from '@app/rules';
import { html, type Html } from '../html';
import { alert, csrfField, type PageContext } from '../layout';
import { selectField, textArea, textField, type FieldErrors, type FormValues } from './forms';

/** What each target of a court order is, in words. */
export const TARGET_LABELS: { readonly [T in CourtOrderTarget]: string } = {
  provisionalCure: 'Provisional ballot cure deadline',
  uocavaReceipt: 'UOCAVA ballot receipt deadline',
  uocavaPostmark: 'UOCAVA postmark deadline',
  pollsClose: 'Close of the polls on election day (extended hours)',
  countyCertification: 'County certification deadline',
};

export interface DeadlinesPageInput {
  readonly election: ElectionEntity;
  readonly rules: ElectionRules;
  readonly history: RulesHistory;
  /** The county whose deadlines are shown. */
  readonly county: CountyEntity;
  readonly counties: readonly CountyEntity[];
  readonly flash: string | null;
  readonly failed: { readonly form: 'order' | 'hours'; readonly message: string; readonly errors: FieldErrors; readonly values: FormValues } | null;
  readonly users: ReadonlyMap<string, string>;
}

const deadlineRow = (label: string, d: Deadline | null, zone: string): Html =>
  d === null ? html`` : html`<tr><th scope="row">${label}</th><td>${formatLocal(d.at, zone)}</td><td>${d.courtOrder !== null ? html`<strong>Court order:</strong> ${d.courtOrder}` : d.source}</td></tr>`;

/**
 * Deadlines and what moved them (issue 11): the deadlines in force for a county, every court
 * order and county-hours record (never edited; a later one supersedes), and the forms to record
 * one: a supervisor for their county, an administrator for any counties or the whole election.
 */
export function deadlinesPage(ctx: PageContext, p: DeadlinesPageInput): Html {
  const actor = ctx.actor;
  const canRecord = actor !== null && can(actor.role, 'record_deadline_change');
  const calendar = p.rules.calendar.forCounty(p.county.code);
  const zone = calendar.timeZone;
  const d = calendar.deadlines;
  const failedOrder = p.failed?.form === 'order' ? p.failed : null;
  const failedHours = p.failed?.form === 'hours' ? p.failed : null;
  const who = (id: string) => p.users.get(id) ?? id;
  return html`
    <h1>Deadlines and court orders</h1>
    <p class="usa-intro">Every deadline the service applies, for ${p.county.name} County, with what set it. A court order or a county's own hours changes them at once everywhere: the work queue, the ballot pages, the portal, the notices, the reports and the deadline sweep.</p>
    ${p.flash !== null ? alert('success', 'Recorded:', p.flash) : ''}
    ${actor?.countyCode === null || actor?.countyCode === undefined
      ? html`<form method="get" action="/console/deadlines" class="usa-form"><label class="usa-label" for="county-pick">County</label>
          <select class="usa-select" id="county-pick" name="county">${p.counties.map((c) => html`<option value="${c.code}"${c.code === p.county.code ? ' selected' : ''}>${c.name}</option>`)}</select>
          <button class="usa-button usa-button--outline margin-top-1" type="submit">Show</button></form>`
      : ''}
    <h2>In force for ${p.county.name} County</h2>
    <table class="usa-table usa-table--borderless usa-table--compact console-table">
      <caption class="usa-sr-only">Deadlines in force, local time (${zone})</caption>
      <thead><tr><th scope="col">Deadline</th><th scope="col">Local time (${zone})</th><th scope="col">Set by</th></tr></thead>
      <tbody>
        <tr><th scope="row">Polls close</th><td>${formatLocal(calendar.pollsClose, zone)}</td><td>${calendar.pollsCloseCourtOrder !== null ? html`<strong>Court order:</strong> ${calendar.pollsCloseCourtOrder}` : p.rules.pack.pollsClose.source}</td></tr>
        <tr><th scope="row">Close of business</th><td>${calendar.closeOfBusiness}</td><td>${calendar.closeOfBusinessSource}</td></tr>
        ${deadlineRow('Provisional cure', d.provisionalCure, zone)}
        ${d.uocavaPostmark === null ? '' : deadlineRow('UOCAVA postmark', d.uocavaPostmark, zone)}
        ${deadlineRow('UOCAVA receipt', d.uocavaReceipt, zone)}
        ${deadlineRow('County certification', d.countyCertification, zone)}
        ${deadlineRow('State certification', d.stateCertification, zone)}
      </tbody>
    </table>

    <h2>Court orders</h2>
    ${p.history.courtOrders.length === 0
      ? html`<p>No court order has been recorded for this election${actor?.countyCode !== null && actor?.countyCode !== undefined ? ' and your county' : ''}.</p>`
      : html`<table class="usa-table usa-table--borderless usa-table--compact console-table">
          <caption class="usa-sr-only">Court orders, newest first</caption>
          <thead><tr><th scope="col">Order</th><th scope="col">Moves</th><th scope="col">To (local)</th><th scope="col">Counties</th><th scope="col">Recorded</th><th scope="col">In force</th></tr></thead>
          <tbody>${p.history.courtOrders.map(
            (r) => html`<tr>
              <th scope="row">${r.order.citation}${r.order.summary !== null ? html`<br><span class="font-body-3xs">${r.order.summary}</span>` : ''}</th>
              <td>${TARGET_LABELS[r.order.deadline as CourtOrderTarget] ?? r.order.deadline}</td>
              <td>${r.order.extendedTo.replace('T', ' ')}</td>
              <td>${r.order.countyCodes === null ? 'All counties' : r.order.countyCodes.join(', ')}</td>
              <td>${formatLocal(r.order.recordedAt, zone)} by ${who(r.order.recordedBy)}</td>
              <td>${r.supersededBy === null ? 'Yes' : html`No: superseded by ${r.supersededBy.citation}`}</td>
            </tr>`,
          )}</tbody></table>`}

    <h2>County hours</h2>
    ${p.history.countyHours.length === 0
      ? html`<p>No county has set its own close of business: the rule pack's (${p.rules.pack.closeOfBusiness.time}) applies.</p>`
      : html`<table class="usa-table usa-table--borderless usa-table--compact console-table">
          <caption class="usa-sr-only">County close-of-business records, newest first</caption>
          <thead><tr><th scope="col">County</th><th scope="col">Close of business</th><th scope="col">Source</th><th scope="col">Recorded</th></tr></thead>
          <tbody>${p.history.countyHours.map((h) => html`<tr><th scope="row">${h.countyCode}</th><td>${h.closeOfBusiness ?? `the rule pack's (${p.rules.pack.closeOfBusiness.time})`}</td><td>${h.source}</td><td>${formatLocal(h.recordedAt, zone)} by ${who(h.recordedBy)}</td></tr>`)}</tbody></table>`}

    ${canRecord ? forms(ctx, p, failedOrder, failedHours) : ''}`;
}

function forms(ctx: PageContext, p: DeadlinesPageInput, failedOrder: DeadlinesPageInput['failed'], failedHours: DeadlinesPageInput['failed']): Html {
  // Staff who reach every county name the counties an order applies to; a supervisor's is their own.
  const admin = ctx.actor !== null && countyScopeOf(ctx.actor).county === null;
  const orderErrors = failedOrder?.errors ?? {};
  const orderValues = failedOrder?.values ?? {};
  const hoursErrors = failedHours?.errors ?? {};
  const hoursValues = failedHours?.values ?? { countyCode: p.county.code };
  return html`
    <h2>Record a court order</h2>
    <p>An order is never edited or removed: if a court changes it, record the new order, and it takes the place of the earlier one. Voters waiting to cure whose deadline moves are sent the new deadline.</p>
    <form method="post" action="/console/deadlines/court-orders" class="usa-form usa-form--large" aria-label="Record a court order">
      ${csrfField(ctx)}<input type="hidden" name="election" value="${p.election.id}">
      ${failedOrder !== null ? alert('error', 'Not recorded:', failedOrder.message) : ''}
      ${textField({ name: 'citation', label: 'Citation: court, case number and date', errors: orderErrors, values: orderValues, idPrefix: 'order', required: true })}
      ${textArea({ name: 'summary', label: 'What it orders, in a sentence', errors: orderErrors, values: orderValues, idPrefix: 'order' })}
      ${selectField({ name: 'deadline', label: 'The deadline it moves', errors: orderErrors, values: orderValues, idPrefix: 'order', required: true, blank: '- Select -', options: COURT_ORDER_TARGETS.map((t) => [t, TARGET_LABELS[t]] as const) })}
      ${textField({ name: 'extendedTo', label: 'The new date and time', type: 'datetime-local', hint: `Local time in ${p.rules.calendar.timeZone}.`, errors: orderErrors, values: orderValues, idPrefix: 'order', required: true })}
      ${admin
        ? textField({ name: 'countyCodes', label: 'Counties it names', hint: 'County codes separated by commas, e.g. FULTON, DEKALB. Leave empty when it applies to the whole election.', errors: orderErrors, values: orderValues, idPrefix: 'order' })
        : html`<p>It applies to ${p.county.name} County.</p>`}
      <button class="usa-button" type="submit">Record the court order</button>
    </form>

    <h2>Set a county's close of business</h2>
    <form method="post" action="/console/deadlines/close-of-business" class="usa-form usa-form--large" aria-label="Set a county's close of business">
      ${csrfField(ctx)}<input type="hidden" name="election" value="${p.election.id}">
      ${failedHours !== null ? alert('error', 'Not recorded:', failedHours.message) : ''}
      ${admin
        ? selectField({ name: 'countyCode', label: 'County', errors: hoursErrors, values: hoursValues, idPrefix: 'hours', required: true, options: p.counties.map((c) => [c.code, c.name] as const) })
        : html`<input type="hidden" name="countyCode" value="${p.county.code}"><p>For ${p.county.name} County.</p>`}
      ${textField({ name: 'closeOfBusiness', label: 'Close of business', type: 'time', hint: `Leave empty to go back to the rule pack's (${p.rules.pack.closeOfBusiness.time}).`, errors: hoursErrors, values: hoursValues, idPrefix: 'hours' })}
      ${textField({ name: 'source', label: 'Where it is set', hint: 'For example: Board of Elections resolution 2020-14, 1 October 2020.', errors: hoursErrors, values: hoursValues, idPrefix: 'hours', required: true })}
      <button class="usa-button" type="submit">Set the close of business</button>
    </form>`;
}
