import { asText, type ReportRow } from '../console-reports';
import { html, type Html } from '../html';

/** Counties named in the one-line summary; the rest are added up after them. */
const NAMED_COUNTIES = 10;

interface CountyTotal {
  readonly name: string;
  provisional: number;
  uocava: number;
  total: number;
}

const figure = (n: number): string => n.toLocaleString('en-US');

/** "Fulton County", as the news prints it; a name that already says County is left alone. */
export const countyTitle = (name: string): string => (/\bcounty$/i.test(name) ? name : `${name} County`);

/** Outstanding ballots per county from the outstanding report's rows (county, kind, status), most first. */
export function countyTotals(rows: readonly ReportRow[]): CountyTotal[] {
  const byCounty = new Map<string, CountyTotal>();
  for (const row of rows) {
    const code = asText(row['countyCode']);
    const n = Number(row['ballots']);
    const county = byCounty.get(code) ?? { name: asText(row['countyName']) || code, provisional: 0, uocava: 0, total: 0 };
    if (row['kind'] === 'uocava') county.uocava += n;
    else county.provisional += n;
    county.total += n;
    byCounty.set(code, county);
  }
  return [...byCounty.values()].sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));
}

/**
 * The figures the news prints ("Clayton County: 4,355, Cobb County: 700, …") and the table behind
 * them: outstanding ballots per county, most first, with the total.
 */
export function outstandingSummary(rows: readonly ReportRow[], scoped: boolean): Html {
  const counties = countyTotals(rows);
  const sum = (k: 'provisional' | 'uocava' | 'total') => counties.reduce((t, c) => t + c[k], 0);
  const total = sum('total');
  const named = counties.slice(0, NAMED_COUNTIES).map((c) => `${countyTitle(c.name)}: ${figure(c.total)}`);
  const rest = counties.slice(NAMED_COUNTIES);
  const restTotal = rest.reduce((t, c) => t + c.total, 0);
  const line = rest.length === 0 ? named.join(', ') : `${named.join(', ')}, and ${rest.length} other ${rest.length === 1 ? 'county' : 'counties'}: ${figure(restTotal)}`;
  return html`
    <div class="usa-summary-box margin-y-3" role="region" aria-labelledby="outstanding-headline">
      <div class="usa-summary-box__body">
        <h2 class="usa-summary-box__heading" id="outstanding-headline">${figure(total)} ${total === 1 ? 'ballot' : 'ballots'} outstanding${scoped ? ' in your county' : counties.length > 0 ? ` in ${counties.length} ${counties.length === 1 ? 'county' : 'counties'}` : ''}</h2>
        <div class="usa-summary-box__text"><p class="margin-0" id="outstanding-line">${counties.length === 0 ? 'No ballot is outstanding: every ballot is counted or rejected.' : `${line}.`}</p></div>
      </div>
    </div>
    <h2>Outstanding by county</h2>
    <div class="maxw-tablet-lg">
    <table class="usa-table usa-table--compact usa-table--striped console-table" id="outstanding-by-county">
      <caption>Outstanding ballots per county, the most first</caption>
      <thead><tr><th scope="col">County</th><th scope="col" class="text-right">Provisional</th><th scope="col" class="text-right">UOCAVA</th><th scope="col" class="text-right">Outstanding</th></tr></thead>
      <tbody>${counties.length === 0 ? html`<tr><td colspan="4">None</td></tr>` : counties.map((c) => html`<tr>
        <th scope="row">${countyTitle(c.name)}</th>
        <td class="text-right text-tabular">${figure(c.provisional)}</td>
        <td class="text-right text-tabular">${figure(c.uocava)}</td>
        <td class="text-right text-tabular">${figure(c.total)}</td>
      </tr>`)}</tbody>
      <tfoot><tr>
        <th scope="row">${scoped ? 'Total' : 'All counties'}</th>
        <td class="text-right text-tabular text-bold">${figure(sum('provisional'))}</td>
        <td class="text-right text-tabular text-bold">${figure(sum('uocava'))}</td>
        <td class="text-right text-tabular text-bold">${figure(total)}</td>
      </tr></tfoot>
    </table>
    </div>`;
}
