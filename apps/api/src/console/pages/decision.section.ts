import type { BallotDetail } from '@app/ballots';
import { html, type Html } from '../html';
import { label } from '../labels';

const dt = (term: string, value: string | Html | null | undefined) => html`<dt class="text-bold">${term}</dt><dd class="margin-left-0 margin-bottom-1">${value ?? '—'}</dd>`;

/** The eligibility decision now: the outcome, cures needed, contests to count, and every reason with the source it cites. */
export function decisionSection(d: BallotDetail, names: { readonly contests: ReadonlyMap<string, string> }): Html {
  const decision = d.decision;
  return html`<section aria-labelledby="decision-heading">
    <h2 id="decision-heading">Eligibility decision</h2>
    <p><strong>${decision.outcome === 'count' ? `Count: ${decision.determination === 'partial' ? 'partial' : 'full'}` : decision.outcome === 'cure' ? 'A cure is needed' : decision.outcome === 'reject' ? `Reject: ${label(decision.rejection)}` : 'Hold apart'}</strong></p>
    ${decision.outcome === 'cure' ? html`<ul>${decision.cures.map((c) => html`<li>${label(c.reason)}, by <strong>${c.deadlineDisplay}</strong> (${c.source})</li>`)}</ul>` : ''}
    ${decision.contests.length > 0 ? html`<h3>Contests to count (${decision.contests.length})</h3><ul class="usa-list">${decision.contests.map((c) => html`<li>${names.contests.get(c) ?? c}</li>`)}</ul>` : ''}
    <h3>Reasons and the sources they cite</h3>
    <ul class="usa-list">${decision.reasons.map((r) => html`<li>${r.message}${r.source !== null ? html` <span class="text-base-dark">(${r.source})</span>` : ''}</li>`)}</ul>
  </section>`;
}

/** The deadlines in force for the ballot, each with its source and any court order that moved it. */
export function deadlinesList(d: BallotDetail): Html {
  const cure = d.deadlines.provisionalCure;
  return html`<dl>
    ${dt('Cure', html`${cure.display}<br><span class="text-base-dark font-body-3xs">${cure.source}${cure.courtOrder !== null ? `; extended by ${cure.courtOrder}` : ''}</span>`)}
    ${d.ballot.kind === 'uocava' ? dt('UOCAVA receipt', html`${d.deadlines.uocavaReceipt.display}<br><span class="text-base-dark font-body-3xs">${d.deadlines.uocavaReceipt.source}</span>`) : ''}
    ${dt('County certification', html`${d.deadlines.countyCertification.display}<br><span class="text-base-dark font-body-3xs">${d.deadlines.countyCertification.source}</span>`)}
  </dl>`;
}
