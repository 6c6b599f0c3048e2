import { countyScopeOf } from '@app/domain';
import type { CountyEntity, ElectionEntity } from '@app/persistence';
import { formatLocal } from '@app/rules';
import type { ReportResult } from '../console-reports';
import { html, type Html } from '../html';
import { reportDescription, reportTitle } from '../labels';
import type { PageContext } from '../layout';
import { eavsSummary } from './eavs-summary';
import { outstandingSummary } from './outstanding-summary';
import { reportTable } from './report-table';

const reportHref = (name: string, election: ElectionEntity, suffix = '', countyCode?: string): string =>
  `/console/reports/${encodeURIComponent(name)}${suffix}?election=${encodeURIComponent(election.id)}${countyCode === undefined ? '' : `&county=${encodeURIComponent(countyCode)}`}`;

/** Whom the figures cover: county staff see their own county only. */
function scopeNote(ctx: PageContext): string {
  const actor = ctx.actor;
  if (actor === null || countyScopeOf(actor).county === null) return 'All counties.';
  return `Your county only (${actor.countyCode ?? 'none'}).`;
}

const isScoped = (ctx: PageContext): boolean => ctx.actor !== null && countyScopeOf(ctx.actor).county !== null;

/** Every report there is, with what it shows and its CSV. */
export function reportsListPage(ctx: PageContext, election: ElectionEntity, names: readonly string[]): Html {
  return html`
    <h1>Reports</h1>
    <p>${election.name}. ${scopeNote(ctx)} Each report opens as a table and downloads as CSV, the same file the API and the command line give.</p>
    <ul class="usa-collection" aria-label="Reports">
      ${names.map((name) => html`<li class="usa-collection__item">
        <div class="usa-collection__body">
          <h2 class="usa-collection__heading"><a class="usa-link" href="${reportHref(name, election)}">${reportTitle(name)}</a></h2>
          ${reportDescription(name) === '' ? '' : html`<p class="usa-collection__description">${reportDescription(name)}</p>`}
          <ul class="usa-collection__meta" aria-label="More about ${reportTitle(name)}">
            <li class="usa-collection__meta-item"><a class="usa-link" href="${reportHref(name, election, '/csv')}">Download ${reportTitle(name)} as CSV</a></li>
          </ul>
        </div>
      </li>`)}
    </ul>`;
}

export interface ReportView {
  readonly election: ElectionEntity;
  readonly report: ReportResult;
  readonly counties: readonly CountyEntity[];
  readonly now: number;
  /** The audit chain's head (SEQ:HASH) when the report was read, printed with it (issue 13, section 6). */
  readonly auditHead: string;
}

/** For staff who see every county: all of them, or one (a county files its own EAVS figures). */
function countyPicker(v: ReportView): Html {
  return html`<form class="usa-form maxw-none margin-bottom-2" method="get" action="/console/reports/${encodeURIComponent(v.report.name)}">
      <input type="hidden" name="election" value="${v.election.id}">
      <label class="usa-label" for="report-county">County</label>
      <div class="display-flex flex-align-end">
        <select class="usa-select maxw-mobile-lg" id="report-county" name="county">
          <option value=""${v.report.countyCode === undefined ? ' selected' : ''}>All counties</option>
          ${v.counties.map((c) => html`<option value="${c.code}"${c.code === v.report.countyCode ? ' selected' : ''}>${c.name}</option>`)}
        </select>
        <button class="usa-button margin-left-1" type="submit">Show</button>
      </div>
    </form>`;
}

/** One report for the current election: the outstanding report leads with its totals per county. */
export function reportPage(ctx: PageContext, v: ReportView): Html {
  const title = reportTitle(v.report.name);
  const description = reportDescription(v.report.name);
  return html`
    <nav class="usa-breadcrumb padding-top-2" aria-label="Breadcrumbs">
      <ol class="usa-breadcrumb__list">
        <li class="usa-breadcrumb__list-item"><a class="usa-breadcrumb__link" href="/console/reports?election=${encodeURIComponent(v.election.id)}"><span>Reports</span></a></li>
        <li class="usa-breadcrumb__list-item usa-current" aria-current="page"><span>${title}</span></li>
      </ol>
    </nav>
    <h1>${title}</h1>
    ${description === '' ? '' : html`<p class="font-body-md">${description}</p>`}
    <p>${v.election.name}. ${v.report.countyCode === undefined ? scopeNote(ctx) : `${v.counties.find((c) => c.code === v.report.countyCode)?.name ?? v.report.countyCode} only.`} As of ${formatLocal(v.now, v.election.timeZone)}.</p>
    ${isScoped(ctx) ? '' : countyPicker(v)}
    <p><a class="usa-button usa-button--outline" href="${reportHref(v.report.name, v.election, '/csv', v.report.countyCode)}">Download CSV</a></p>
    ${v.report.name === 'outstanding' ? outstandingSummary(v.report.rows, isScoped(ctx)) : ''}
    ${v.report.name === 'eavs' ? eavsSummary(v.report.rows) : ''}
    ${v.report.name === 'outstanding' ? html`<h2 id="report-rows">By county, kind and status</h2>` : ''}
    ${reportTable(`${title}, ${v.election.name}: ${v.report.rows.length.toLocaleString('en-US')} ${v.report.rows.length === 1 ? 'row' : 'rows'}`, v.report.columns, v.report.rows, v.election.timeZone)}
    <p class="font-body-2xs text-base">Audit chain head when this report was read: <code class="text-wrap">${v.auditHead}</code>. Keep it with the printed report; an administrator can check later that the audit trail still holds it.</p>`;
}
