import type { CertificationReadiness, CertificationRecord } from '@app/ballots';
import type { ElectionEntity } from '@app/persistence';
import type { RollupRow } from '@app/reports';
import { formatLocal } from '@app/rules';
import { html, type Html } from '../html';
import { alert, csrfField, type PageContext } from '../layout';
import { anchorIn, errorSummary, errorsByField } from '../forms/fields';
import type { FormState } from '../forms/console-form';
import { textField } from './forms';

const queueLink = (electionId: string, county: string, extra: string): string => `/console?election=${encodeURIComponent(electionId)}&county=${encodeURIComponent(county)}${extra}`;

/**
 * A county's certification checklist and attestation (issue 14, item 4). The checklist is the
 * service's (`Certification.readiness`); the page only shows it. Certifying needs every item done,
 * the supervisor's full name and the attestation ticked: the second step that says what happens.
 */
export function certificationPage(ctx: PageContext, election: ElectionEntity, r: CertificationReadiness, canCertify: boolean, state: FormState | null): Html {
  const c = r.county;
  const tz = election.timeZone;
  const errors = errorsByField(state?.errors ?? []);
  const attestError = errors['attested'];
  return html`
    <h1>Certify ${c.name}</h1>
    <p>${election.name}. As the county's supervisor you certify that its provisional and UOCAVA ballots are adjudicated. After it, no ballot of ${c.name} can change, and no ballot can be taken in for it, unless an administrator reopens the county on a court order.</p>
    ${c.certifiedAt !== null ? alert('success', 'Certified:', html`${c.name} certified ${formatLocal(c.certifiedAt, tz)}. <a class="usa-link" href="/console/counties/${c.code}/certificate?election=${election.id}">Open the certificate</a>`) : ''}
    ${state !== null ? errorSummary(state, anchorIn('f')) : ''}
    <h2>Checklist</h2>
    <ul class="usa-icon-list console-checklist" id="checklist">
      ${r.items.map((i) => html`<li class="usa-icon-list__item" data-item="${i.key}" data-ok="${i.ok ? 'yes' : 'no'}">
        <div class="usa-icon-list__content"><strong>${i.ok ? 'Done' : 'Not yet'}:</strong> ${i.text}
        ${i.key === 'outstanding' && !i.ok ? html` <a class="usa-link" href="${queueLink(election.id, c.code, '')}">Open the ${c.name} queue</a>` : ''}
        ${i.key === 'pendingUploads' && !i.ok ? html` <a class="usa-link" href="${queueLink(election.id, c.code, '&subState=received.awaitingCure')}">Ballots waiting for a cure</a>` : ''}</div>
      </li>`)}
    </ul>
    <h2>Court orders in force for ${c.name}</h2>
    ${r.courtOrders.length === 0
      ? html`<p id="court-orders">None: the rule pack's deadlines apply.</p>`
      : html`<ul class="usa-list" id="court-orders">${r.courtOrders.map((o) => html`<li><strong>${o.citation}</strong>: ${o.deadline} moved to ${o.extendedTo}${o.countyCodes === null ? ' (whole election)' : ''}${o.summary !== null ? `. ${o.summary}` : ''}</li>`)}</ul>`}
    ${c.certifiedAt === null && canCertify
      ? r.ready
        ? html`<h2>Attestation</h2>
          <form method="post" action="/console/counties/${c.code}/certification" class="usa-form usa-form--large" aria-label="Attest and certify ${c.name}">
            ${csrfField(ctx)}<input type="hidden" name="election" value="${election.id}">
            ${textField({ name: 'attestedBy', label: 'Your full name', hint: 'As it will appear on the certificate.', errors, values: state?.values ?? {}, required: true, autocomplete: 'name' })}
            <div class="usa-form-group${attestError !== undefined ? ' usa-form-group--error' : ''}">
              ${attestError !== undefined ? html`<span class="usa-error-message" id="f-attested-error" role="alert">${attestError}</span>` : ''}
              <div class="usa-checkbox"><input class="usa-checkbox__input" id="f-attested" type="checkbox" name="attested" value="yes" required${attestError !== undefined ? html` aria-describedby="f-attested-error"` : ''}>
              <label class="usa-checkbox__label" for="f-attested">I attest that every provisional and UOCAVA ballot of ${c.name} in this election was adjudicated under the rules and court orders listed above, and that the checklist is complete.</label></div>
            </div>
            <p><strong>What will happen:</strong> ${c.name} is certified now, in your name; its ballots are locked and intake for it closes. The audit chain records it, and the certificate carries the chain's head.</p>
            <button class="usa-button" type="submit">Certify ${c.name}</button>
          </form>`
        : html`<p><strong>${c.name} cannot certify yet:</strong> every item of the checklist must be done first.</p>`
      : ''}`;
}

export interface CertificateView {
  readonly election: ElectionEntity;
  readonly record: CertificationRecord;
  readonly certifiedByName: string;
  readonly figures: RollupRow | null;
  readonly now: number;
}

/** The printable certificate: the county's figures, who certified and attested, and the audit chain's head at that moment. */
export function certificatePage(v: CertificateView): Html {
  const r = v.record;
  const tz = v.election.timeZone;
  const n = (x: number) => x.toLocaleString('en-US');
  return html`
    <p class="console-no-print"><a class="usa-link" href="/console/dashboard?election=${v.election.id}">Back to the dashboard</a> · Print this page with your browser's Print command (Ctrl+P or ⌘P).</p>
    <h1>Certificate of adjudication: ${r.county.name}</h1>
    <p>${v.election.name}.</p>
    <p>The provisional and UOCAVA ballots of ${r.county.name} are adjudicated, and the county certified ${formatLocal(r.certifiedAt, tz)}.</p>
    ${v.figures !== null ? html`<table class="usa-table usa-table--compact" id="certificate-figures">
      <caption>Ballots adjudicated</caption>
      <tbody>
        <tr><th scope="row">Ballots</th><td class="text-right">${n(v.figures.ballots)}</td></tr>
        <tr><th scope="row">Counted in full</th><td class="text-right">${n(v.figures.countedFull)}</td></tr>
        <tr><th scope="row">Counted in part</th><td class="text-right">${n(v.figures.countedPartial)}</td></tr>
        <tr><th scope="row">Rejected</th><td class="text-right">${n(v.figures.rejected)}</td></tr>
        <tr><th scope="row">Outstanding</th><td class="text-right">${n(v.figures.outstanding)}</td></tr>
      </tbody></table>` : ''}
    <dl class="console-facts">
      <dt>Certified by</dt><dd>${v.certifiedByName}</dd>
      <dt>Attested by</dt><dd id="attested-by">${r.attestedBy ?? 'no attestation recorded (certified through the API)'}</dd>
      <dt>Audit chain head at certification</dt><dd class="console-hash" id="certificate-head">${r.head.seq}:${r.head.hash}</dd>
      <dt>Printed</dt><dd>${formatLocal(v.now, tz)}</dd>
    </dl>
    <p class="font-body-3xs">The head is the audit entry that recorded this certification. <code>verify-audit --head ${r.head.seq}:${r.head.hash}</code> proves later that it, and everything before it, is still in the chain unchanged.</p>
    <p class="console-signature">Signature: ______________________________ &nbsp; Date: ______________</p>`;
}
