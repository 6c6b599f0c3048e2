import type { BallotDetail } from '@app/ballots';
import type { ElectionEntity } from '@app/persistence';
import { formatLocal } from '@app/rules';
import { html, type Html } from '../html';
import { historyRows } from '../history';
import { STATE_LABELS } from '../labels';
import { affirmationSection } from './affirmation.section';
import type { BallotPageNames } from './ballot.page';
import { decisionSection, deadlinesList } from './decision.section';
import { historySection } from './history.section';

export interface DecisionRecordView {
  readonly detail: BallotDetail;
  readonly election: ElectionEntity;
  readonly names: BallotPageNames;
  readonly printedAt: number;
  readonly printedBy: string;
  /** The audit chain's head when the record was printed (`SEQ:HASH`): it proves later that these entries were in the chain. */
  readonly auditHead: string;
}

/**
 * A ballot's decision record for the file (issue 14, item 2): the decision with its reasons and
 * the sources they cite, the affirmation beside the registration, the deadlines, and every audit
 * entry about the ballot with its place in the chain. Printed with the console's print stylesheet.
 */
export function decisionRecordPage(v: DecisionRecordView): Html {
  const d = v.detail;
  const b = d.ballot;
  const tz = v.election.timeZone;
  return html`
    <p class="console-no-print"><a class="usa-link" href="/console/ballots/${b.id}">Back to the ballot</a> · Print this page with your browser's Print command (Ctrl+P or ⌘P); navigation and forms are left off the paper.</p>
    <h1>Decision record: ballot ${b.receiptNumber}</h1>
    <dl class="console-facts">
      <dt>Election</dt><dd>${v.election.name}</dd>
      <dt>County, precinct</dt><dd>${b.countyCode}${b.precinctId !== null ? `, ${b.precinctId}` : ''}</dd>
      <dt>Status</dt><dd>${STATE_LABELS[b.status]}</dd>
      <dt>Printed</dt><dd>${formatLocal(v.printedAt, tz)} by ${v.printedBy}</dd>
      <dt>Audit chain head when printed</dt><dd class="console-hash">${v.auditHead}</dd>
    </dl>
    ${decisionSection(d, v.names)}
    ${affirmationSection(d, tz)}
    <h2>Deadlines in force</h2>
    ${deadlinesList(d)}
    ${historySection(historyRows(d.history, v.names.users, tz), true)}
    <p class="font-body-3xs">Each audit entry's hash covers the entry and the one before it; <code>verify-audit --head ${v.auditHead}</code> proves this record's entries are still in the chain.</p>`;
}
