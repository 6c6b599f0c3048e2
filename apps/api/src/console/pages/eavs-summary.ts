import { asText, type ReportRow } from '../console-reports';
import { html, type Html } from '../html';
import { alert } from '../layout';

/**
 * What to know before reading the EAVS table: which instrument its numbers are, any of the
 * survey's sums that do not add up (named, county by county, with the difference), and how many
 * item numbers no source confirmed for that year.
 */
export function eavsSummary(rows: readonly ReportRow[]): Html {
  if (rows.length === 0) return html``;
  const instruments = [...new Set(rows.map((r) => asText(r['instrument'])))];
  const mismatches = rows.filter((r) => r['item'] === 'check' && asText(r['check']).startsWith('MISMATCH'));
  const open = rows.filter((r) => r['item'] === 'check' && asText(r['check']).startsWith('open'));
  const unconfirmed = new Set(rows.filter((r) => r['confirmed'] === 'UNCONFIRMED').map((r) => asText(r['item'])));
  return html`
    <p>Item numbers of the <strong>${instruments.join(', ')}</strong> instrument, chosen by the election day's year (the latest instrument not after it).</p>
    ${mismatches.length > 0
      ? alert('error', `${mismatches.length} ${mismatches.length === 1 ? 'sum does' : 'sums do'} not add up.`, html`<span>${mismatches.map((r) => html`${asText(r['countyName'])}: ${asText(r['label'])}, ${asText(r['check']).replace(/^MISMATCH: /, '')}. `)}</span>`)
      : ''}
    ${open.length > 0 ? alert('info', 'Not final yet.', `${open.length} ${open.length === 1 ? 'sum holds' : 'sums hold'} only once every ballot is decided: the undecided ballots are in E1e (provisional) and B-undecided (UOCAVA).`) : ''}
    ${unconfirmed.size > 0 ? alert('warning', `${unconfirmed.size} item ${unconfirmed.size === 1 ? 'number is' : 'numbers are'} unconfirmed for this year:`, `${[...unconfirmed].join(', ')}. No source seen gives them; check them against the instrument before filing.`) : ''}`;
}
