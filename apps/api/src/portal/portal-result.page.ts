import type { VoterLanguage } from '@app/domain';
import type { PortalView } from '@app/portal';
import { wordsFor } from '@app/wording';
import { html, type Html } from '../console/html';
import type { FieldError } from './portal.forms';
import { errorAt, errorMessage, errorSummary, groupClass, officeBlock, other, say, shell, tokenButton } from './portal.pages';
import { updatesSection, type UpdatesState } from './portal-updates.page';

const ALERT_KIND: Readonly<Record<PortalView['status'], string>> = {
  under_review: 'info',
  action_needed: 'warning',
  cure_submitted: 'info',
  counted: 'success',
  partially_counted: 'success',
  not_counted: 'error',
};

/** What the page after a lookup shows besides the view: the upload form or its confirmation, the opt-in, every error of the form just sent. */
export interface ResultState {
  readonly token: string;
  readonly showUploadForm: boolean;
  /** Just uploaded: the reference number and the time it was received, in the election's zone. */
  readonly received: { readonly reference: string; readonly at: string } | null;
  /** Refused by the office's rules rather than a field (closed, spent, too many, unavailable). */
  readonly uploadRefused: string | null;
  readonly errors: readonly FieldError[];
  readonly updates: UpdatesState;
}

export function resultPage(language: VoterLanguage, view: PortalView, state: ResultState): Html {
  const action = view.action;
  const submitted = view.status === 'cure_submitted';
  const days = action === null ? '' : action.deadline.daysLeft === 0 ? say(language, 'lastDay') : action.deadline.daysLeft === 1 ? say(language, 'oneDayLeft') : wordsFor(language).pages.daysLeft(action.deadline.daysLeft);
  const more = wordsFor(language).more;
  const body = html`
    <p class="margin-top-4 margin-bottom-0 text-base">${say(language, 'receiptLabel')}: <strong>${view.receiptNumber}</strong></p>
    ${errorSummary(language, state.errors)}
    ${state.received === null ? '' : receivedBox(language, state.received, state.errors.length === 0)}
    <div class="usa-alert usa-alert--${ALERT_KIND[view.status]} margin-y-2" data-status="${view.status}"><div class="usa-alert__body">
      <h1 class="usa-alert__heading font-heading-lg">${view.heading}</h1>
      ${view.paragraphs.map((p) => html`<p class="usa-alert__text">${p}</p>`)}
    </div></div>
    ${action === null ? '' : html`<section aria-labelledby="todo-heading">
      <h2 id="todo-heading">${say(language, 'whatToDo')}</h2>
      <ul class="usa-list">${action.steps.map((s) => html`<li>${s}</li>`)}</ul>
      <p class="font-body-lg"><strong>${say(language, 'deadline')}:</strong> ${action.deadline.local}${action.deadline.passed || submitted ? '' : html` <span class="usa-tag bg-secondary-dark">${days}</span>`}</p>
      ${action.lastUploadDeclined === null || submitted ? '' : html`<div class="usa-alert usa-alert--error usa-alert--slim" role="alert"><div class="usa-alert__body"><p class="usa-alert__text"><strong>${say(language, 'declined')}.</strong> ${action.lastUploadDeclined}</p></div></div>`}
    </section>`}
    ${action !== null && action.affidavit && action.uploadOpen ? html`<section aria-labelledby="affidavit-heading" class="margin-top-3">
      <h2 id="affidavit-heading">${more.affidavitTitle}</h2>
      <p>${more.affidavitIntro}</p>
      ${tokenButton('/portal/affidavit', state.token, language, more.affidavitDownload)}
    </section>` : ''}
    ${state.uploadRefused === null ? '' : html`<div class="usa-alert usa-alert--error usa-alert--slim margin-y-2" role="alert"><div class="usa-alert__body"><p class="usa-alert__text">${state.uploadRefused}</p></div></div>`}
    ${action === null ? '' : !action.uploadOpen ? html`<p><strong>${say(language, 'uploadClosed')}</strong></p>` : state.showUploadForm ? uploadForm(language, state.token, state.errors) : html`<div class="margin-top-3">${tokenButton('/portal/view', state.token, language, more.addAnother, { show: 'upload' })}</div>`}
    ${view.contestsCounted === null ? '' : html`<section aria-labelledby="races-heading"><h2 id="races-heading">${say(language, 'racesCounted')}</h2><ul class="usa-list">${view.contestsCounted.map((c) => html`<li>${c}</li>`)}</ul></section>`}
    ${timeline(language, view)}
    ${updatesSection(language, state.token, { ...state.updates, focusCode: state.updates.focusCode && state.errors.length === 0 && state.received === null }, state.errors)}
    ${officeBlock(language, view.office)}
    <p class="margin-top-4"><a class="usa-link" href="/portal?lang=${language}">${say(language, 'another')}</a></p>`;
  const switchTo = tokenButton('/portal/view', state.token, other(language), say(language, 'otherLanguage'), {}, 'usa-button usa-button--unstyled');
  return shell(language, `${view.heading} · ${say(language, 'title')}`, body, switchTo);
}

/** The reassurance after an upload: a reference number, the time, and what happens next; focused when nothing else is. */
function receivedBox(language: VoterLanguage, received: { reference: string; at: string }, focus: boolean): Html {
  const more = wordsFor(language).more;
  return html`<div class="usa-alert usa-alert--success margin-y-2" id="upload-received" role="status" tabindex="-1"${focus ? html` autofocus` : ''}><div class="usa-alert__body">
    <h2 class="usa-alert__heading">${say(language, 'uploaded')}</h2>
    <p class="usa-alert__text">${more.reference}: <strong class="font-mono-md text-no-wrap" data-reference>${received.reference}</strong><br>${more.receivedAt}: ${received.at}</p>
    <p class="usa-alert__text"><strong>${more.receivedStatus}</strong> ${more.receivedNext}</p>
  </div></div>`;
}

function timeline(language: VoterLanguage, view: PortalView): Html {
  if (view.timeline.length === 0) return html``;
  return html`<section aria-labelledby="timeline-heading" class="margin-top-4">
    <h2 id="timeline-heading">${wordsFor(language).more.timelineTitle}</h2>
    <ol class="usa-process-list">${view.timeline.map((t) => html`<li class="usa-process-list__item padding-bottom-2" data-step="${t.step}"><p class="usa-process-list__heading font-sans-sm">${t.text}</p><p class="margin-top-05"><time datetime="${t.at}">${t.day}</time></p></li>`)}</ol>
  </section>`;
}

function uploadForm(language: VoterLanguage, token: string, errors: readonly FieldError[]): Html {
  const kindError = errorAt(errors, 'kind-id');
  const fileError = errorAt(errors, 'document');
  const affirmError = errorAt(errors, 'affirm');
  return html`<section aria-labelledby="upload-heading" class="margin-top-3">
    <h2 id="upload-heading">${say(language, 'uploadTitle')}</h2>
    <p>${say(language, 'uploadIntro')}</p>
    <form class="usa-form usa-form--large" method="post" action="/portal/cure" enctype="multipart/form-data" novalidate>
      <input type="hidden" name="token" value="${token}">
      <input type="hidden" name="lang" value="${language}">
      <fieldset class="usa-fieldset ${groupClass(kindError)}">
        <legend class="usa-legend">${say(language, 'docKind')}</legend>
        ${errorMessage('kind-error', kindError)}
        <div class="usa-radio"><input class="usa-radio__input" id="kind-id" type="radio" name="kind" value="id_document" checked><label class="usa-radio__label" for="kind-id">${say(language, 'idDocument')}</label></div>
        <div class="usa-radio"><input class="usa-radio__input" id="kind-affidavit" type="radio" name="kind" value="cure_affidavit"><label class="usa-radio__label" for="kind-affidavit">${say(language, 'affidavit')}</label></div>
      </fieldset>
      <div class="${groupClass(fileError)}">
        <label class="usa-label" for="document">${say(language, 'file')}</label>
        ${errorMessage('document-error', fileError)}
        <input class="usa-input padding-1 height-auto${fileError === undefined ? '' : ' usa-input--error'}" id="document" name="document" type="file" accept="image/jpeg,image/png,application/pdf"${fileError === undefined ? '' : html` aria-describedby="document-error"`}>
      </div>
      <div class="${groupClass(affirmError)} margin-top-2">
        ${errorMessage('affirm-error', affirmError)}
        <div class="usa-checkbox"><input class="usa-checkbox__input" id="affirm" type="checkbox" name="affirm" value="yes"${affirmError === undefined ? '' : html` aria-describedby="affirm-error"`}><label class="usa-checkbox__label" for="affirm">${say(language, 'affirm')}</label></div>
      </div>
      <button class="usa-button usa-button--big" type="submit">${say(language, 'send')}</button>
    </form>
  </section>`;
}
