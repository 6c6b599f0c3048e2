import { formatLocal } from '@app/rules';
import { asText, type ReportRow } from '../console-reports';
import { html, type Html } from '../html';
import { columnLabel, CURE_OUTCOME_LABELS, KIND_LABELS, label, STATE_LABELS } from '../labels';

/** More rows than this are left to the CSV: a page of thousands of rows helps no one. */
export const PAGE_ROWS = 1000;

const CODE_COLUMNS = new Set(['reason', 'cureReason', 'category']);

/** One value of a report in plain words: codes as labels, counts with thousands separators, times in the election's zone. */
function cellText(column: string, value: unknown, timeZone: string): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  const text = asText(value);
  if (column === 'status') return STATE_LABELS[text as keyof typeof STATE_LABELS] ?? label(text);
  if (column === 'kind') return KIND_LABELS[text] ?? label(text);
  if (column === 'outcome') return CURE_OUTCOME_LABELS[text] ?? label(text);
  if (CODE_COLUMNS.has(column)) return label(text);
  if ((column === 'certifiedAt' || column === 'cureDeadline') && !Number.isNaN(Date.parse(text))) return formatLocal(Date.parse(text), timeZone);
  return text;
}

/** The column that names a row, for screen readers moving across it: the county's name when there is one. */
function rowHeader(columns: readonly string[]): string | undefined {
  return columns.includes('countyName') ? 'countyName' : columns[0];
}

/**
 * Any report as a table: a caption, column and row headers, numbers right-aligned. Columns are
 * the CSV's, in its order; rows of every county together (county code `ALL`) are in bold. Wide
 * tables scroll sideways in their own focusable region, so the keyboard reaches every column.
 */
export function reportTable(caption: string, columns: readonly string[], rows: readonly ReportRow[], timeZone: string): Html {
  const header = rowHeader(columns);
  const numeric = new Set(columns.filter((c) => rows.some((r) => typeof r[c] === 'number')));
  const shown = rows.slice(0, PAGE_ROWS);
  return html`
    <div class="console-scroll" tabindex="0" role="region" aria-label="${caption}">
      <table class="usa-table usa-table--compact usa-table--striped console-table">
        <caption>${caption}</caption>
        <thead><tr>${columns.map((c) => html`<th scope="col"${numeric.has(c) ? html` class="text-right"` : ''}>${columnLabel(c)}</th>`)}</tr></thead>
        <tbody>
          ${shown.length === 0 ? html`<tr><td colspan="${columns.length}">No rows: nothing to report.</td></tr>` : ''}
          ${shown.map((row) => html`<tr>${columns.map((c) => {
            const text = cellText(c, row[c], timeZone);
            const classes = [
              numeric.has(c) ? 'text-right text-tabular' : '',
              row['countyCode'] === 'ALL' ? 'text-bold' : '',
              // A failed sum check, or an item number no source confirmed, stands out where it is.
              (c === 'check' && text.startsWith('MISMATCH')) || (c === 'confirmed' && text === 'UNCONFIRMED') ? 'text-bold text-secondary-dark' : '',
            ].filter((k) => k !== '').join(' ');
            const attribute = classes === '' ? '' : html` class="${classes}"`;
            return c === header ? html`<th scope="row"${attribute}>${text}</th>` : html`<td${attribute}>${text}</td>`;
          })}</tr>`)}
        </tbody>
      </table>
    </div>
    ${rows.length > PAGE_ROWS ? html`<p>The first ${PAGE_ROWS.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} rows are shown; the CSV has them all.</p>` : ''}`;
}
