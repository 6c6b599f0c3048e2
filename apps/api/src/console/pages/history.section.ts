import { html, type Html } from '../html';
import type { HistoryRow } from '../history';

/** A ballot's history in plain words; with `audit`, each entry's place in the audit chain too (the printed record). */
export function historySection(rows: readonly HistoryRow[], audit = false): Html {
  return html`<section aria-labelledby="history-heading">
    <h2 id="history-heading">History</h2>
    <div class="console-scroll" tabindex="0" role="region" aria-label="History, scrolls sideways on a small screen"><table class="usa-table usa-table--borderless usa-table--compact console-table">
      <caption class="usa-sr-only">Every recorded action on this ballot, oldest first</caption>
      <thead><tr>${audit ? html`<th scope="col">Audit entry</th>` : ''}<th scope="col">When</th><th scope="col">What happened</th><th scope="col">Status</th><th scope="col">Who</th><th scope="col">Details</th></tr></thead>
      <tbody>
        ${rows.map((h) => html`<tr>
          ${audit ? html`<td class="font-mono-3xs">#${h.seq}<br><span class="console-hash">${h.hash}</span></td>` : ''}
          <td>${h.when}</td><td>${h.what}</td><td>${h.change ?? 'unchanged'}</td><td>${h.who}</td>
          <td>${h.details.length === 0 ? '' : html`<dl class="margin-0">${h.details.map((x) => html`<div><dt class="text-bold display-inline">${x.term}:</dt> <dd class="display-inline margin-left-0">${x.value}</dd></div>`)}</dl>`}</td>
        </tr>`)}
      </tbody>
    </table></div>
  </section>`;
}
