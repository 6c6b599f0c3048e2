import type { VoterLanguage } from '@app/domain';
import type { PortalView } from '@app/portal';
import { wordsFor, type PortalPageWords, type UploadProblemWord } from '@app/wording';
import { html, type Html } from '../console/html';

/**
 * The voter portal's pages: server-rendered, no script, USWDS, one column that fits a 360-pixel
 * phone. Every sentence the voter reads is in `@app/wording` (one module per language); the
 * county's office details are shown as the county gave them.
 */

export type UploadMessage = UploadProblemWord;

/** The page sentences that take no value. */
type PageSentence = { [K in keyof PortalPageWords]: PortalPageWords[K] extends string ? K : never }[keyof PortalPageWords];

export const say = (language: VoterLanguage, key: PageSentence): string => wordsFor(language).pages[key];
const other = (language: VoterLanguage): VoterLanguage => (language === 'en' ? 'es' : 'en');

export interface LookupForm {
  readonly receiptNumber: string;
  readonly month: string;
  readonly day: string;
  readonly year: string;
}
export type FieldErrors = Readonly<Partial<Record<'receiptNumber' | 'dateOfBirth', string>>>;

function shell(language: VoterLanguage, title: string, body: Html, switchTo: Html): Html {
  return html`<!DOCTYPE html>
<html lang="${language}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>${title}</title>
  <link rel="stylesheet" href="/console/assets/uswds/css/uswds.min.css">
</head>
<body>
  <a class="usa-skipnav" href="#main-content">${say(language, 'skipToContent')}</a>
  <header class="usa-header usa-header--basic"><div class="usa-nav-container"><div class="usa-navbar display-flex flex-justify flex-align-center width-full">
    <div class="usa-logo"><em class="usa-logo__text"><a href="/portal?lang=${language}">${say(language, 'siteName')}</a></em></div>
    <div lang="${other(language)}" class="padding-right-2">${switchTo}</div>
  </div></div></header>
  <main id="main-content" class="grid-container padding-bottom-6 maxw-tablet">
    ${body}
  </main>
  <footer class="usa-footer usa-footer--slim"><div class="grid-container padding-y-2 font-body-3xs">${say(language, 'privacy')}</div></footer>
</body>
</html>`;
}

const switchLink = (language: VoterLanguage): Html => html`<a class="usa-link" href="/portal?lang=${other(language)}">${say(language, 'otherLanguage')}</a>`;

function errorMessage(id: string, text: string | undefined): Html {
  return text === undefined ? html`` : html`<span class="usa-error-message" id="${id}">${text}</span>`;
}

export function lookupPage(language: VoterLanguage, form: LookupForm, problem: { kind: 'not_found' } | { kind: 'fields'; errors: FieldErrors } | { kind: 'too_many'; minutes: number } | null): Html {
  const errors: FieldErrors = problem?.kind === 'fields' ? problem.errors : {};
  const alertBox =
    problem === null
      ? html``
      : problem.kind === 'not_found'
        ? html`<div class="usa-alert usa-alert--error margin-y-2" role="alert"><div class="usa-alert__body"><h2 class="usa-alert__heading">${say(language, 'notFoundTitle')}</h2><p class="usa-alert__text">${say(language, 'notFound')}</p></div></div>`
        : problem.kind === 'too_many'
          ? html`<div class="usa-alert usa-alert--error margin-y-2" role="alert"><div class="usa-alert__body"><h2 class="usa-alert__heading">${say(language, 'tooManyTitle')}</h2><p class="usa-alert__text">${wordsFor(language).pages.tooMany(problem.minutes)}</p></div></div>`
          : html`<div class="usa-alert usa-alert--error usa-alert--slim margin-y-2" role="alert"><div class="usa-alert__body"><p class="usa-alert__text">${say(language, 'fixErrors')}</p></div></div>`;
  const receiptError = errors.receiptNumber;
  const dobError = errors.dateOfBirth;
  const body = html`
    <h1 class="margin-top-4">${say(language, 'title')}</h1>
    <p class="font-body-md">${say(language, 'intro')}</p>
    ${alertBox}
    <form class="usa-form usa-form--large" method="post" action="/portal" novalidate>
      <input type="hidden" name="lang" value="${language}">
      <div class="usa-form-group${receiptError === undefined ? '' : ' usa-form-group--error'}">
        <label class="usa-label" for="receiptNumber">${say(language, 'receipt')}</label>
        <span class="usa-hint" id="receipt-hint">${say(language, 'receiptHint')}</span>
        ${errorMessage('receipt-error', receiptError)}
        <input class="usa-input${receiptError === undefined ? '' : ' usa-input--error'}" id="receiptNumber" name="receiptNumber" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="32" required value="${form.receiptNumber}" aria-describedby="receipt-hint${receiptError === undefined ? '' : ' receipt-error'}">
      </div>
      <fieldset class="usa-fieldset usa-form-group${dobError === undefined ? '' : ' usa-form-group--error'}">
        <legend class="usa-legend">${say(language, 'dob')}</legend>
        <span class="usa-hint" id="dob-hint">${say(language, 'dobHint')}</span>
        ${errorMessage('dob-error', dobError)}
        <div class="usa-memorable-date">
          <div class="usa-form-group usa-form-group--month"><label class="usa-label" for="month">${say(language, 'month')}</label><input class="usa-input" id="month" name="month" inputmode="numeric" maxlength="2" autocomplete="bday-month" value="${form.month}" aria-describedby="dob-hint${dobError === undefined ? '' : ' dob-error'}"></div>
          <div class="usa-form-group usa-form-group--day"><label class="usa-label" for="day">${say(language, 'day')}</label><input class="usa-input" id="day" name="day" inputmode="numeric" maxlength="2" autocomplete="bday-day" value="${form.day}" aria-describedby="dob-hint${dobError === undefined ? '' : ' dob-error'}"></div>
          <div class="usa-form-group usa-form-group--year"><label class="usa-label" for="year">${say(language, 'year')}</label><input class="usa-input" id="year" name="year" inputmode="numeric" minlength="4" maxlength="4" autocomplete="bday-year" value="${form.year}" aria-describedby="dob-hint${dobError === undefined ? '' : ' dob-error'}"></div>
        </div>
      </fieldset>
      <button class="usa-button usa-button--big" type="submit">${say(language, 'submit')}</button>
    </form>`;
  return shell(language, say(language, 'title'), body, switchLink(language));
}

function officeBlock(language: VoterLanguage, view: PortalView): Html {
  const o = view.office;
  return html`<section class="margin-top-4" aria-labelledby="office-heading">
    <h2 id="office-heading">${say(language, 'office')}</h2>
    <address class="font-body-md" style="font-style: normal">
      <strong>${o.name}</strong><br>
      ${o.address === null ? '' : html`${o.address}<br>`}
      ${o.hours === null ? '' : html`${say(language, 'hours')}: ${o.hours}<br>`}
      ${o.phone === null ? '' : html`${say(language, 'phone')}: <a class="usa-link" href="tel:${o.phone.replace(/[^+\d]/g, '')}">${o.phone}</a><br>`}
      ${o.email === null ? '' : html`${say(language, 'email')}: <a class="usa-link" href="mailto:${o.email}">${o.email}</a>`}
    </address>
  </section>`;
}

const ALERT_KIND: Readonly<Record<PortalView['status'], string>> = {
  under_review: 'info',
  action_needed: 'warning',
  cure_submitted: 'info',
  counted: 'success',
  partially_counted: 'success',
  not_counted: 'error',
};

export function resultPage(
  language: VoterLanguage,
  view: PortalView,
  upload: { token: string; message: { kind: 'error' | 'success'; text: string } | null } | null,
  again: Html,
): Html {
  const action = view.action;
  const days = action === null ? '' : action.deadline.daysLeft === 0 ? say(language, 'lastDay') : action.deadline.daysLeft === 1 ? say(language, 'oneDayLeft') : wordsFor(language).pages.daysLeft(action.deadline.daysLeft);
  const body = html`
    <p class="margin-top-4 margin-bottom-0 text-base">${say(language, 'receiptLabel')}: <strong>${view.receiptNumber}</strong></p>
    <div class="usa-alert usa-alert--${ALERT_KIND[view.status]} margin-y-2" data-status="${view.status}"><div class="usa-alert__body">
      <h1 class="usa-alert__heading font-heading-lg">${view.heading}</h1>
      ${view.paragraphs.map((p) => html`<p class="usa-alert__text">${p}</p>`)}
    </div></div>
    ${action === null ? '' : html`<section aria-labelledby="todo-heading">
      <h2 id="todo-heading">${say(language, 'whatToDo')}</h2>
      <ul class="usa-list">${action.steps.map((s) => html`<li>${s}</li>`)}</ul>
      <p class="font-body-lg"><strong>${say(language, 'deadline')}:</strong> ${action.deadline.local}${action.deadline.passed ? '' : html` <span class="usa-tag bg-secondary-dark">${days}</span>`}</p>
      ${action.lastUploadDeclined === null ? '' : html`<div class="usa-alert usa-alert--error usa-alert--slim" role="alert"><div class="usa-alert__body"><p class="usa-alert__text"><strong>${say(language, 'declined')}.</strong> ${action.lastUploadDeclined}</p></div></div>`}
    </section>`}
    ${upload?.message == null ? '' : html`<div class="usa-alert usa-alert--${upload.message.kind} usa-alert--slim margin-y-2" role="${upload.message.kind === 'error' ? 'alert' : 'status'}"><div class="usa-alert__body"><p class="usa-alert__text">${upload.message.text}</p></div></div>`}
    ${action === null ? '' : action.uploadOpen && upload !== null ? uploadForm(language, upload.token) : action.uploadOpen ? '' : html`<p><strong>${say(language, 'uploadClosed')}</strong></p>`}
    ${view.contestsCounted === null ? '' : html`<section aria-labelledby="races-heading"><h2 id="races-heading">${say(language, 'racesCounted')}</h2><ul class="usa-list">${view.contestsCounted.map((c) => html`<li>${c}</li>`)}</ul></section>`}
    ${officeBlock(language, view)}
    <p class="margin-top-4"><a class="usa-link" href="/portal?lang=${language}">${say(language, 'another')}</a></p>`;
  return shell(language, `${view.heading} · ${say(language, 'title')}`, body, again);
}

function uploadForm(language: VoterLanguage, token: string): Html {
  return html`<section aria-labelledby="upload-heading" class="margin-top-3">
    <h2 id="upload-heading">${say(language, 'uploadTitle')}</h2>
    <p>${say(language, 'uploadIntro')}</p>
    <form class="usa-form usa-form--large" method="post" action="/portal/cure" enctype="multipart/form-data">
      <input type="hidden" name="token" value="${token}">
      <input type="hidden" name="lang" value="${language}">
      <fieldset class="usa-fieldset">
        <legend class="usa-legend">${say(language, 'docKind')}</legend>
        <div class="usa-radio"><input class="usa-radio__input" id="kind-id" type="radio" name="kind" value="id_document" checked><label class="usa-radio__label" for="kind-id">${say(language, 'idDocument')}</label></div>
        <div class="usa-radio"><input class="usa-radio__input" id="kind-affidavit" type="radio" name="kind" value="cure_affidavit"><label class="usa-radio__label" for="kind-affidavit">${say(language, 'affidavit')}</label></div>
      </fieldset>
      <div class="usa-form-group">
        <label class="usa-label" for="document">${say(language, 'file')}</label>
        <input class="usa-input padding-1 height-auto" id="document" name="document" type="file" accept="image/jpeg,image/png,application/pdf" required>
      </div>
      <div class="usa-checkbox margin-top-2"><input class="usa-checkbox__input" id="affirm" type="checkbox" name="affirm" value="yes" required><label class="usa-checkbox__label" for="affirm">${say(language, 'affirm')}</label></div>
      <button class="usa-button usa-button--big" type="submit">${say(language, 'send')}</button>
    </form>
  </section>`;
}

export function uploadProblemText(language: VoterLanguage, problem: UploadMessage): string {
  return wordsFor(language).pages.uploadProblem[problem];
}

export function expiredPage(language: VoterLanguage): Html {
  return shell(language, say(language, 'title'), html`<h1 class="margin-top-4">${say(language, 'title')}</h1><div class="usa-alert usa-alert--warning margin-y-2" role="alert"><div class="usa-alert__body"><p class="usa-alert__text">${say(language, 'sessionEnded')}</p></div></div><p><a class="usa-link" href="/portal?lang=${language}">${say(language, 'another')}</a></p>`, switchLink(language));
}
