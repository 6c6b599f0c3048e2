import type { BallotDetail, BulkEvent, BulkResult } from '@app/ballots';
import { html, type Html } from '../html';
import { csrfField, type PageContext } from '../layout';

const VERB: { readonly [E in BulkEvent]: string } = { VERIFY: 'verified', COUNT: 'counted' };

/** The second step of counting a selected set: each ballot and how it would be counted, then one button. */
export function bulkConfirmPage(ctx: PageContext, electionId: string, selected: readonly { readonly detail: BallotDetail; readonly value: string }[]): Html {
  const countable = selected.filter((s) => s.detail.availableEvents.includes('COUNT'));
  return html`
    <h1>Count ${selected.length} selected ballot${selected.length === 1 ? '' : 's'}?</h1>
    <section aria-labelledby="will-happen" class="usa-summary-box margin-bottom-3"><div class="usa-summary-box__body">
      <h2 id="will-happen" class="usa-summary-box__heading">What will happen</h2>
      <div class="usa-summary-box__text">
        <p>Each ballot below is counted on its own, checked and recorded in the audit trail as if you counted it from its page. Counting is final: a counted ballot cannot be taken back out of the count.</p>
        ${countable.length < selected.length ? html`<p><strong>${selected.length - countable.length} of them cannot be counted now</strong> (marked below); they will be reported as refused and left as they are.</p>` : ''}
      </div>
    </div></section>
    <ul class="usa-list">${selected.map((s) => html`<li><a class="usa-link" href="/console/ballots/${s.detail.ballot.id}">${s.detail.ballot.receiptNumber}</a>: ${s.detail.ballot.lastName}, ${s.detail.ballot.firstName}: ${s.detail.availableEvents.includes('COUNT') ? (s.detail.decision.outcome === 'count' && s.detail.decision.determination === 'partial' ? 'counted in part' : 'counted in full') : html`<strong>cannot be counted now</strong>`}</li>`)}</ul>
    <form method="post" action="/console/bulk" aria-label="Confirm: count the selected ballots">
      ${csrfField(ctx)}<input type="hidden" name="election" value="${electionId}"><input type="hidden" name="action" value="COUNT"><input type="hidden" name="confirmed" value="yes">
      ${selected.map((s) => html`<input type="hidden" name="ids" value="${s.value}">`)}
      <button class="usa-button" type="submit">Yes, count ${countable.length === selected.length ? 'these' : 'the'} ${selected.length} ballot${selected.length === 1 ? '' : 's'}</button>
      <a class="usa-button usa-button--outline" href="/console?election=${electionId}">No, back to the queue</a>
    </form>`;
}

/** What happened to each ballot of a bulk action. */
export function bulkReportPage(event: BulkEvent, electionId: string, results: readonly BulkResult[]): Html {
  const done = results.filter((r) => r.ok).length;
  return html`
    <h1>${done} of ${results.length} ballot${results.length === 1 ? '' : 's'} ${VERB[event]}</h1>
    ${done < results.length ? html`<p>The others were refused, each for the reason given; nothing was changed on them.</p>` : ''}
    <table class="usa-table usa-table--compact console-table" id="bulk-results">
      <caption class="usa-sr-only">Each selected ballot and what happened to it</caption>
      <thead><tr><th scope="col">Ballot</th><th scope="col">Result</th></tr></thead>
      <tbody>${results.map((r) => html`<tr><th scope="row">${r.receiptNumber === null ? 'A ballot you cannot reach' : html`<a class="usa-link" href="/console/ballots/${r.ballotId}">${r.receiptNumber}</a>`}</th><td>${r.ok ? html`<span class="usa-tag bg-green">${VERB[event]}</span>` : html`<span class="usa-tag bg-secondary-dark">refused</span> ${r.message}`}</td></tr>`)}</tbody>
    </table>
    <p><a class="usa-button" href="/console?election=${electionId}">Back to the queue</a></p>`;
}
