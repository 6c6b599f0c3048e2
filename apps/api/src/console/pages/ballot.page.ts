import type { BallotDetail } from '@app/ballots';
import { html, type Html } from '../html';
import { historyRows } from '../history';
import { label, STATE_LABELS, stateTag } from '../labels';
import { alert, type PageContext } from '../layout';
import { actionSections, type EventFormState } from './decision-actions';
import { affirmationSection } from './affirmation.section';
import { decisionSection, deadlinesList } from './decision.section';
import { historySection } from './history.section';

export type { EventFormState } from './decision-actions';

export interface BallotPageNames {
  readonly contests: ReadonlyMap<string, string>;
  readonly users: ReadonlyMap<string, string>;
}

/** After an action: where to go next, so a clerk works down the queue without hunting for it. */
function nextSteps(ballotId: string): Html {
  return html`<p class="console-no-print"><a class="usa-button" href="/console/next?after=${ballotId}">Next ballot</a> <a class="usa-button usa-button--outline" href="/console">Back to the queue</a></p>`;
}

/** A ballot's page as a decision record (issue 14, item 2): the decision, the affirmation beside the registration, one section per action, the history in words. */
export function ballotPage(ctx: PageContext, d: BallotDetail, timeZone: string, names: BallotPageNames, flash: string | null, failed: EventFormState | null, documents: Html = html``, research: Html = html``): Html {
  const b = d.ballot;
  const evidence = d.history.filter((h) => h.event === 'RECORD_CURE').map((h) => (h.payload as { evidence?: string }).evidence ?? '');
  return html`
    <h1 class="margin-bottom-1">Ballot ${b.receiptNumber}</h1>
    <p class="margin-top-0"><span class="${stateTag(b.status)}">${STATE_LABELS[b.status]}</span> · ${b.kind === 'provisional' ? 'Provisional' : `UOCAVA (${label(b.uocavaCategory)})`} · ${b.countyCode}${b.precinctId !== null ? `, precinct ${b.precinctId}` : ''}</p>
    ${flash !== null ? html`${alert('success', 'Done:', flash)}${nextSteps(b.id)}` : ''}
    ${d.countyCertified ? alert('info', 'Locked:', 'the county has certified; this ballot can no longer change.') : ''}
    <p class="console-no-print"><a class="usa-link" href="/console/ballots/${b.id}/record">Printable decision record</a></p>
    <div class="grid-row grid-gap-lg">
      <div class="desktop:grid-col-7">
        ${decisionSection(d, names)}
        ${affirmationSection(d, timeZone)}
        ${research}
        ${evidence.length > 0 ? html`<h2>Cure evidence</h2><ul class="usa-list">${evidence.map((e) => html`<li>${e}</li>`)}</ul>` : ''}
        ${documents}
      </div>
      <div class="desktop:grid-col-5 console-actions">
        <h2>Actions</h2>
        ${actionSections(ctx, d, failed, timeZone)}
        <h2>Deadlines</h2>
        ${deadlinesList(d)}
      </div>
    </div>
    ${historySection(historyRows(d.history, names.users, timeZone))}`;
}
