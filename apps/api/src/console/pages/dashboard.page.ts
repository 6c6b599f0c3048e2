import { can } from '@app/domain';
import type { ElectionEntity } from '@app/persistence';
import { formatLocal } from '@app/rules';
import { html, trusted, type Html } from '../html';
import { label, STATE_LABELS } from '../labels';
import { csrfField, type PageContext } from '../layout';
import { barChart } from './chart';
import { type CureDeadlineRow, type OutstandingRow, type ReadinessRow, type RejectionRow } from '@app/reports';
import type { NoticeCountRow } from '@app/notices';

export interface DashboardView {
  readonly election: ElectionEntity;
  readonly outstanding: readonly OutstandingRow[];
  readonly cureDeadlines: readonly CureDeadlineRow[];
  readonly rejections: readonly RejectionRow[];
  readonly readiness: readonly ReadinessRow[];
  /** Voter notices per county. */
  readonly notices: readonly NoticeCountRow[];
  readonly now: number;
}

const CHART_COUNTIES = 25;

export function dashboardPage(ctx: PageContext, v: DashboardView): Html {
  const byStatus = new Map<string, number>();
  const byCounty = new Map<string, { name: string; n: number }>();
  for (const row of v.outstanding) {
    byStatus.set(row.status, (byStatus.get(row.status) ?? 0) + row.ballots);
    const c = byCounty.get(row.countyCode) ?? { name: row.countyName, n: 0 };
    c.n += row.ballots;
    byCounty.set(row.countyCode, c);
  }
  const total = [...byStatus.values()].reduce((a, b) => a + b, 0);
  const counties = [...byCounty.values()].sort((a, b) => b.n - a.n || a.name.localeCompare(b.name));
  const chart = barChart(
    'Outstanding ballots by county',
    `${total} ballots outstanding in ${counties.length} counties; the ${Math.min(CHART_COUNTIES, counties.length)} with the most are drawn.`,
    counties.slice(0, CHART_COUNTIES).map((c) => ({ label: c.name, value: c.n })),
  );
  const rejections = new Map<string, number>();
  for (const r of v.rejections) rejections.set(r.reason, (rejections.get(r.reason) ?? 0) + r.ballots);
  const canCertify = ctx.actor !== null && can(ctx.actor.role, 'certify_county');
  const queue = (params: Record<string, string>): string => `/console?${new URLSearchParams({ election: v.election.id, ...params }).toString()}`;
  return html`
    <h1>Dashboard</h1>
    <p>${v.election.name}. As of ${formatLocal(v.now, v.election.timeZone)}.</p>
    <div class="grid-row grid-gap-lg">
      <div class="tablet:grid-col-6">
        <h2>Outstanding ballots by status</h2>
        <table class="usa-table usa-table--compact console-table">
          <caption class="usa-sr-only">Outstanding ballots by status</caption>
          <thead><tr><th scope="col">Status</th><th scope="col" class="text-right">Ballots</th></tr></thead>
          <tbody>${[...byStatus].map(([s, n]) => html`<tr><th scope="row">${STATE_LABELS[s as keyof typeof STATE_LABELS] ?? s}</th><td class="text-right"><a class="usa-link" href="${queue({ subState: s })}">${n.toLocaleString('en-US')}</a></td></tr>`)}
          <tr><th scope="row">All outstanding</th><td class="text-right text-bold"><a class="usa-link" href="${queue({})}">${total.toLocaleString('en-US')}</a></td></tr></tbody>
        </table>
      </div>
      <div class="tablet:grid-col-6">
        <h2>Waiting for a cure, by deadline</h2>
        <table class="usa-table usa-table--compact console-table">
          <caption class="usa-sr-only">Ballots waiting for a cure, by deadline</caption>
          <thead><tr><th scope="col">Cure deadline</th><th scope="col" class="text-right">Ballots</th></tr></thead>
          <tbody>${v.cureDeadlines.length === 0 ? html`<tr><td colspan="2">None</td></tr>` : v.cureDeadlines.map((r) => html`<tr><th scope="row">${formatLocal(r.deadline, v.election.timeZone)}${r.deadline < v.now ? html` <span class="usa-tag bg-secondary-dark">passed</span>` : ''}</th><td class="text-right"><a class="usa-link" href="${queue({ subState: 'received.awaitingCure' })}">${r.ballots}</a></td></tr>`)}</tbody>
        </table>
        <h2>Rejections by reason</h2>
        <table class="usa-table usa-table--compact console-table">
          <caption class="usa-sr-only">Rejected ballots by EAVS reason</caption>
          <thead><tr><th scope="col">Reason (EAVS)</th><th scope="col" class="text-right">Ballots</th></tr></thead>
          <tbody>${rejections.size === 0 ? html`<tr><td colspan="2">None</td></tr>` : [...rejections].map(([r, n]) => html`<tr><th scope="row">${label(r)}</th><td class="text-right"><a class="usa-link" href="${queue({ view: 'all', status: 'rejected', reason: r })}">${n}</a></td></tr>`)}</tbody>
        </table>
      </div>
    </div>
    <h2>Voter notices by county</h2>
    <table class="usa-table usa-table--compact usa-table--striped console-table" id="notice-counts">
      <caption class="usa-sr-only">Voter notices per county: queued, sent, failed, mailed and bounced</caption>
      <thead><tr><th scope="col">County</th><th scope="col" class="text-right">Queued</th><th scope="col" class="text-right">Sent</th><th scope="col" class="text-right">Failed</th><th scope="col" class="text-right">Mailed</th><th scope="col" class="text-right">Bounced</th><th scope="col" class="text-right">No longer true</th></tr></thead>
      <tbody>${v.notices.length === 0 ? html`<tr><td colspan="7">No notices yet</td></tr>` : v.notices.map((r) => html`<tr><th scope="row">${countyName(v, r.countyCode)}</th><td class="text-right">${r.queued}</td><td class="text-right">${r.sent}</td><td class="text-right">${r.failed}</td><td class="text-right">${r.mailed}</td><td class="text-right">${r.bounced}</td><td class="text-right">${r.superseded}</td></tr>`)}</tbody>
    </table>
    <p class="font-body-2xs">Mailed: on the letter list or printed (no contact given, or the email or text failed for good). Bounced: texts the carrier could not deliver; they are mailed too. No longer true: the decision was reversed before the notice went out, so it was not sent.</p>
    <h2>Outstanding ballots by county</h2>
    ${total === 0
      ? html`<p id="no-outstanding" class="usa-alert usa-alert--success usa-alert--slim usa-alert--no-icon padding-2">No ballot is outstanding: every ballot ${ctx.actor?.countyCode !== null && ctx.actor?.countyCode !== undefined ? 'of the county' : 'of every county'} is counted or rejected. ${v.readiness.every((r) => r.certified) ? 'Every county shown has certified.' : 'Counties that have not certified can do so below.'}</p>`
      : html`<figure class="margin-x-0">${trusted(chart)}</figure>`}
    <h2>Certification readiness</h2>
    <table class="usa-table usa-table--compact usa-table--striped console-table">
      <caption class="usa-sr-only">Certification readiness per county</caption>
      <thead><tr><th scope="col">County</th><th scope="col" class="text-right">Outstanding</th><th scope="col" class="text-right">Ballots</th><th scope="col">Certification</th></tr></thead>
      <tbody>${v.readiness.map((r) => html`<tr>
        <th scope="row">${r.countyName}</th>
        <td class="text-right"><a class="usa-link" href="${queue({ county: r.countyCode })}" aria-label="${r.outstanding} outstanding in ${r.countyName}: open the queue">${r.outstanding}</a></td>
        <td class="text-right"><a class="usa-link" href="${queue({ county: r.countyCode, view: 'all' })}" aria-label="${r.total} ballots in ${r.countyName}: open the queue">${r.total}</a></td>
        <td>${r.certified
          ? html`<span class="usa-tag bg-green">Certified</span> ${r.certifiedAt !== null ? formatLocal(Date.parse(r.certifiedAt), v.election.timeZone) : ''} <a class="usa-link" href="/console/counties/${r.countyCode}/certificate?election=${v.election.id}">Certificate</a>
            ${ctx.actor !== null && can(ctx.actor.role, 'reopen_county') ? html`<form method="post" action="/console/counties/${r.countyCode}/reopen" class="margin-top-1"><input type="hidden" name="election" value="${v.election.id}">${csrfField(ctx)}<label class="usa-label margin-top-0 font-body-3xs" for="order-${r.countyCode}">Court order reopening ${r.countyName}</label><input class="usa-input" id="order-${r.countyCode}" name="courtOrder" required><button class="usa-button usa-button--outline margin-top-1" type="submit">Reopen ${r.countyName}</button></form>` : ''}`
          : r.ready && canCertify
            ? html`<a class="usa-button" href="/console/counties/${r.countyCode}/certification?election=${v.election.id}">Certify ${r.countyName}…</a>`
            : r.ready ? 'Ready to certify' : html`${r.outstanding} outstanding${canCertify ? html` · <a class="usa-link" href="/console/counties/${r.countyCode}/certification?election=${v.election.id}">Checklist</a>` : ''}`}</td>
      </tr>`)}</tbody>
    </table>`;
}

function countyName(v: DashboardView, code: string): string {
  return v.readiness.find((r) => r.countyCode === code)?.countyName ?? code;
}
