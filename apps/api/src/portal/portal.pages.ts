import type { VoterLanguage } from '@app/domain';
import type { CountyOfficeView } from '@app/portal';
import { wordsFor, type PortalPageWords } from '@app/wording';
import { html, type Html } from '../console/html';
import type { FieldError, LookupForm } from './portal.forms';

/**
 * The voter portal's pages: server-rendered, no script, USWDS, one column that fits a 360-pixel
 * phone. Every sentence the voter reads is in `@app/wording` (one module per language); the
 * county's office details are shown as the county gave them, in the voter's language where it did.
 */

/** The page sentences that take no value. */
type PageSentence = { [K in keyof PortalPageWords]: PortalPageWords[K] extends string ? K : never }[keyof PortalPageWords];

export const say = (language: VoterLanguage, key: PageSentence): string => wordsFor(language).pages[key];
export const other = (language: VoterLanguage): VoterLanguage => (language === 'en' ? 'es' : 'en');

export function shell(language: VoterLanguage, title: string, body: Html, switchTo: Html): Html {
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

/**
 * Every error of the form at once, each a link to its field, focused when the page loads (the
 * `autofocus` of an element that can take focus: no script), so a screen reader reads it first and
 * a phone scrolls to it (USWDS "Validation"; GOV.UK "Error summary").
 */
export function errorSummary(language: VoterLanguage, errors: readonly FieldError[]): Html {
  if (errors.length === 0) return html``;
  return html`<div class="usa-alert usa-alert--error margin-y-2" id="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="error-summary-heading"><div class="usa-alert__body">
    <h2 class="usa-alert__heading" id="error-summary-heading">${wordsFor(language).more.errorSummaryTitle}</h2>
    <ul class="usa-list usa-list--unstyled">${errors.map((e) => html`<li>${e.field === '' ? e.text : html`<a class="usa-link" href="#${e.field}">${e.text}</a>`}</li>`)}</ul>
  </div></div>`;
}

/** The error of one field, if it has one, with the id its input's `aria-describedby` names. */
export const errorAt = (errors: readonly FieldError[], field: string): string | undefined => errors.find((e) => e.field === field)?.text;

export function errorMessage(id: string, text: string | undefined): Html {
  return text === undefined ? html`` : html`<span class="usa-error-message" id="${id}">${text}</span>`;
}

export const groupClass = (text: string | undefined): string => (text === undefined ? 'usa-form-group' : 'usa-form-group usa-form-group--error');
export const describedBy = (hint: string, errorId: string, text: string | undefined): string => (text === undefined ? hint : `${hint} ${errorId}`.trim());

export type LookupProblem = { kind: 'not_found' } | { kind: 'fields'; errors: readonly FieldError[] } | { kind: 'too_many'; minutes: number } | null;

export function lookupPage(language: VoterLanguage, form: LookupForm, problem: LookupProblem): Html {
  const errors: readonly FieldError[] = problem?.kind === 'fields' ? problem.errors : [];
  const alertBox =
    problem === null || problem.kind === 'fields'
      ? errorSummary(language, errors)
      : problem.kind === 'not_found'
        ? html`<div class="usa-alert usa-alert--error margin-y-2" role="alert"><div class="usa-alert__body"><h2 class="usa-alert__heading">${say(language, 'notFoundTitle')}</h2><p class="usa-alert__text">${say(language, 'notFound')}</p></div></div>`
        : html`<div class="usa-alert usa-alert--error margin-y-2" role="alert"><div class="usa-alert__body"><h2 class="usa-alert__heading">${say(language, 'tooManyTitle')}</h2><p class="usa-alert__text">${wordsFor(language).pages.tooMany(problem.minutes)}</p></div></div>`;
  const receiptError = errorAt(errors, 'receiptNumber');
  const dobError = errorAt(errors, 'month');
  const dobDescribed = describedBy('dob-hint', 'dob-error', dobError);
  const body = html`
    <h1 class="margin-top-4">${say(language, 'title')}</h1>
    <p class="font-body-md">${say(language, 'intro')}</p>
    ${alertBox}
    <form class="usa-form usa-form--large" method="post" action="/portal" novalidate>
      <input type="hidden" name="lang" value="${language}">
      <div class="${groupClass(receiptError)}">
        <label class="usa-label" for="receiptNumber">${say(language, 'receipt')}</label>
        <span class="usa-hint" id="receipt-hint">${say(language, 'receiptHint')}</span>
        ${errorMessage('receipt-error', receiptError)}
        <input class="usa-input${receiptError === undefined ? '' : ' usa-input--error'}" id="receiptNumber" name="receiptNumber" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="32" required value="${form.receiptNumber}" aria-describedby="${describedBy('receipt-hint', 'receipt-error', receiptError)}">
      </div>
      <fieldset class="usa-fieldset ${groupClass(dobError)}">
        <legend class="usa-legend">${say(language, 'dob')}</legend>
        <span class="usa-hint" id="dob-hint">${say(language, 'dobHint')}</span>
        ${errorMessage('dob-error', dobError)}
        <div class="usa-memorable-date">
          <div class="usa-form-group usa-form-group--month"><label class="usa-label" for="month">${say(language, 'month')}</label><input class="usa-input${dobError === undefined ? '' : ' usa-input--error'}" id="month" name="month" inputmode="numeric" maxlength="2" autocomplete="bday-month" value="${form.month}" aria-describedby="${dobDescribed}"></div>
          <div class="usa-form-group usa-form-group--day"><label class="usa-label" for="day">${say(language, 'day')}</label><input class="usa-input${dobError === undefined ? '' : ' usa-input--error'}" id="day" name="day" inputmode="numeric" maxlength="2" autocomplete="bday-day" value="${form.day}" aria-describedby="${dobDescribed}"></div>
          <div class="usa-form-group usa-form-group--year"><label class="usa-label" for="year">${say(language, 'year')}</label><input class="usa-input${dobError === undefined ? '' : ' usa-input--error'}" id="year" name="year" inputmode="numeric" minlength="4" maxlength="4" autocomplete="bday-year" value="${form.year}" aria-describedby="${dobDescribed}"></div>
        </div>
      </fieldset>
      <button class="usa-button usa-button--big" type="submit">${say(language, 'submit')}</button>
    </form>`;
  return shell(language, say(language, 'title'), body, switchLink(language));
}

export function officeBlock(language: VoterLanguage, o: CountyOfficeView): Html {
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

export function expiredPage(language: VoterLanguage): Html {
  return shell(language, say(language, 'title'), html`<h1 class="margin-top-4">${say(language, 'title')}</h1><div class="usa-alert usa-alert--warning margin-y-2" role="alert"><div class="usa-alert__body"><p class="usa-alert__text">${say(language, 'sessionEnded')}</p></div></div><p><a class="usa-link" href="/portal?lang=${language}">${say(language, 'another')}</a></p>`, switchLink(language));
}

/** A small form that posts the page's token to `action`: the language switch, "send another document", the affidavit. */
export function tokenButton(action: string, token: string, language: VoterLanguage, label: string, extra: Readonly<Record<string, string>> = {}, buttonClass = 'usa-button usa-button--outline'): Html {
  return html`<form method="post" action="${action}" class="margin-0"><input type="hidden" name="token" value="${token}"><input type="hidden" name="lang" value="${language}">${Object.entries(extra).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}<button class="${buttonClass}" type="submit">${label}</button></form>`;
}
