import { CURE_DECLINE_REASONS } from '@app/domain';
import type { CureSubmissionEntity } from '@app/persistence';
import { formatLocal } from '@app/rules';
import { html, type Html } from '../html';
import { csrfField, type PageContext } from '../layout';

const DECLINE_LABELS: Readonly<Record<(typeof CURE_DECLINE_REASONS)[number], string>> = {
  unreadable: 'Cannot be read',
  not_an_accepted_id: 'Not an accepted form of ID',
  name_does_not_match: 'Name does not match the envelope',
  affidavit_not_signed: 'Affidavit not signed',
  other: 'Other (the voter is asked to call)',
};

/** Documents the voter uploaded through the portal, newest first, with Accept / Decline while one is pending. */
export function cureDocumentsSection(ctx: PageContext, ballotId: string, version: number, awaitingCure: boolean, canDecide: boolean, documents: readonly CureSubmissionEntity[], timeZone: string): Html {
  if (documents.length === 0) return html``;
  return html`<h2>Documents from the voter portal</h2>
    <ul class="usa-list usa-list--unstyled">
      ${documents.map((d) => html`<li class="margin-bottom-2 border-1px border-base-lighter padding-2 radius-md">
        <p class="margin-0"><strong>${d.kind === 'id_document' ? 'Photo ID' : 'Signed cure affidavit'}</strong> · ${d.mediaType} · ${Math.ceil(d.sizeBytes / 1024)} KB · uploaded ${formatLocal(d.submittedAt, timeZone)}</p>
        <p class="margin-0 font-body-3xs text-base">SHA-256 ${d.sha256}</p>
        <p class="margin-y-1">Status: <strong>${d.status === 'pending' ? 'waiting for a decision' : d.status === 'accepted' ? 'accepted (cure recorded)' : `declined: ${d.declineReason === null ? '' : DECLINE_LABELS[d.declineReason]}`}</strong>
          · <a class="usa-link" href="/console/ballots/${ballotId}/documents/${d.id}" target="_blank" rel="noopener">Open the document<span class="usa-sr-only"> uploaded ${formatLocal(d.submittedAt, timeZone)}</span></a></p>
        ${d.status === 'pending' && awaitingCure && canDecide
          ? html`<div class="display-flex flex-wrap flex-align-end">
              <form method="post" action="/console/ballots/${ballotId}/documents/${d.id}/accept" class="margin-right-2">${csrfField(ctx)}<input type="hidden" name="expectedVersion" value="${version}"><button class="usa-button" type="submit">Accept and record the cure</button></form>
              <form method="post" action="/console/ballots/${ballotId}/documents/${d.id}/decline" class="display-flex flex-align-end">${csrfField(ctx)}
                <div><label class="usa-label margin-top-0" for="decline-${d.id}">Why not</label>
                <select class="usa-select" id="decline-${d.id}" name="reason">${CURE_DECLINE_REASONS.map((r) => html`<option value="${r}">${DECLINE_LABELS[r]}</option>`)}</select></div>
                <button class="usa-button usa-button--secondary margin-left-1" type="submit">Decline</button>
              </form>
            </div>`
          : ''}
      </li>`)}
    </ul>`;
}
