import type { BallotDetail } from '@app/ballots';
import type { EventType } from '@app/lifecycle';
import { html, type Html } from '../html';
import { EVENT_LABELS, label } from '../labels';
import { csrfField, type PageContext } from '../layout';

/** What a final action will do to this ballot, said before it is done. */
function consequences(d: BallotDetail, event: EventType, names: { readonly contests: ReadonlyMap<string, string>; readonly users: ReadonlyMap<string, string> }): Html {
  const b = d.ballot;
  if (event === 'COUNT') {
    const partial = d.decision.outcome === 'count' && d.decision.determination === 'partial';
    return html`<p>Ballot <strong>${b.receiptNumber}</strong> (${b.lastName}, ${b.firstName}) will be <strong>counted ${partial ? 'in part' : 'in full'}</strong>.</p>
      ${partial ? html`<p>Only these contests are counted (the duplication team copies them):</p><ul class="usa-list">${d.decision.contests.map((c) => html`<li>${names.contests.get(c) ?? c}</li>`)}</ul>` : ''}
      <p>This is final: a counted ballot cannot be changed or taken back out of the count.</p>`;
  }
  const p = b.lifecycle.proposal;
  return html`<p>Ballot <strong>${b.receiptNumber}</strong> (${b.lastName}, ${b.firstName}) will be <strong>rejected</strong> for: <strong>${label(p?.reason)}</strong>.</p>
    ${p !== null ? html`<p>Proposed by ${p.byRole === 'system' ? 'the service at intake' : (names.users.get(p.by) ?? p.by)}${p.note !== '' ? html`, with the note: “${p.note}”` : ''}.</p>` : ''}
    <p>The voter is sent a notice saying why. This is final: only a court order can reinstate a rejected ballot.</p>`;
}

/**
 * The second step of a final action (issue 14, item 2; STYLE.md "Pages people use"): what will
 * happen, then one button that does it, or a way back. A plain form: it works without script.
 */
export function confirmPage(ctx: PageContext, d: BallotDetail, event: EventType, expectedVersion: number, back: 'review' | null, names: { readonly contests: ReadonlyMap<string, string>; readonly users: ReadonlyMap<string, string> }): Html {
  const b = d.ballot;
  const available = d.availableEvents.includes(event);
  const stale = expectedVersion !== b.version;
  const cancel = back === 'review' ? '/console/review' : `/console/ballots/${b.id}`;
  return html`
    <h1>${EVENT_LABELS[event]}: ballot ${b.receiptNumber}?</h1>
    ${!available
      ? html`<p>This ballot can no longer be given this action: someone may have decided it meanwhile.</p><p><a class="usa-button" href="/console/ballots/${b.id}">See the ballot as it is now</a></p>`
      : html`<section aria-labelledby="will-happen" class="usa-summary-box maxw-tablet margin-bottom-3"><div class="usa-summary-box__body">
          <h2 id="will-happen" class="usa-summary-box__heading">What will happen</h2>
          <div class="usa-summary-box__text">${consequences(d, event, names)}
          ${stale ? html`<p><strong>The ballot changed since you opened it:</strong> check it again before you confirm.</p>` : ''}</div>
        </div></section>
        <form method="post" action="/console/ballots/${b.id}/events" aria-label="Confirm: ${EVENT_LABELS[event]}">
          ${csrfField(ctx)}
          <input type="hidden" name="type" value="${event}">
          <input type="hidden" name="expectedVersion" value="${stale ? b.version : expectedVersion}">
          ${back !== null ? html`<input type="hidden" name="back" value="${back}">` : ''}
          <button class="usa-button${event === 'CONFIRM_REJECTION' ? ' usa-button--secondary' : ''}" type="submit">Yes, ${event === 'COUNT' ? `count ballot ${b.receiptNumber}` : `reject ballot ${b.receiptNumber}`}</button>
          <a class="usa-button usa-button--outline" href="${cancel}">No, go back</a>
        </form>`}`;
}
