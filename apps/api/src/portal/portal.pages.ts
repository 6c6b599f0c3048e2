import type { VoterLanguage } from '@app/domain';
import type { PortalView } from '@app/portal';
import { html, type Html } from '../console/html';

/**
 * The voter portal's pages: server-rendered, no script, USWDS, one column that fits a 360-pixel
 * phone. Every string the voter reads is here in English and Spanish.
 */
const UI = {
  title: { en: 'Check your provisional or overseas ballot', es: 'Consulte su boleta provisional o del extranjero' },
  intro: {
    en: 'Find out whether your provisional ballot or your military or overseas ballot was counted and, if it was not, why. If the election office needs something from you, this page says what and by when.',
    es: 'Averig\u00fce si su boleta provisional o su boleta de votante militar o en el extranjero fue contada y, si no lo fue, por qu\u00e9. Si la oficina electoral necesita algo de usted, esta p\u00e1gina le dice qu\u00e9 y para cu\u00e1ndo.',
  },
  receipt: { en: 'Receipt number', es: 'N\u00famero de recibo' },
  receiptHint: { en: 'It is printed on the receipt you were given when you voted, for example GA20-P-000123.', es: 'Est\u00e1 impreso en el recibo que le dieron al votar, por ejemplo GA20-P-000123.' },
  dob: { en: 'Date of birth', es: 'Fecha de nacimiento' },
  dobHint: { en: 'For example: 4 28 1986', es: 'Por ejemplo: 4 28 1986' },
  month: { en: 'Month', es: 'Mes' },
  day: { en: 'Day', es: 'D\u00eda' },
  year: { en: 'Year', es: 'A\u00f1o' },
  submit: { en: 'Check my ballot', es: 'Consultar mi boleta' },
  notFoundTitle: { en: 'We could not find that ballot', es: 'No encontramos esa boleta' },
  notFound: {
    en: 'Check the receipt number and the date of birth, and try again. If you still cannot find your ballot, call your county election office.',
    es: 'Revise el n\u00famero de recibo y la fecha de nacimiento, e int\u00e9ntelo de nuevo. Si a\u00fan no encuentra su boleta, llame a la oficina electoral de su condado.',
  },
  tooManyTitle: { en: 'Too many tries', es: 'Demasiados intentos' },
  tooMany: { en: 'For your security, wait {minutes} minutes before you try again.', es: 'Por su seguridad, espere {minutes} minutos antes de volver a intentarlo.' },
  fixErrors: { en: 'Please correct the fields marked below.', es: 'Corrija los campos marcados abajo.' },
  receiptLabel: { en: 'Receipt', es: 'Recibo' },
  whatToDo: { en: 'What you need to do', es: 'Lo que debe hacer' },
  deadline: { en: 'Deadline', es: 'Fecha l\u00edmite' },
  daysLeft: { en: '{n} days left', es: 'Quedan {n} d\u00edas' },
  oneDayLeft: { en: '1 day left', es: 'Queda 1 d\u00eda' },
  lastDay: { en: 'Today is the last day', es: 'Hoy es el \u00faltimo d\u00eda' },
  declined: { en: 'We could not accept your last upload', es: 'No pudimos aceptar su \u00faltimo documento' },
  racesCounted: { en: 'Races that were counted', es: 'Contiendas que se contaron' },
  office: { en: 'Election office', es: 'Oficina electoral' },
  hours: { en: 'Hours', es: 'Horario' },
  phone: { en: 'Phone', es: 'Tel\u00e9fono' },
  email: { en: 'Email', es: 'Correo electr\u00f3nico' },
  uploadTitle: { en: 'Upload your document', es: 'Suba su documento' },
  uploadIntro: { en: 'A clear photo or scan: JPEG, PNG or PDF, up to 5 MB.', es: 'Una foto o un escaneo claro: JPEG, PNG o PDF, de hasta 5 MB.' },
  docKind: { en: 'What are you sending?', es: '\u00bfQu\u00e9 est\u00e1 enviando?' },
  idDocument: { en: 'A photo ID', es: 'Una identificaci\u00f3n con foto' },
  affidavit: { en: 'A signed cure affidavit', es: 'Una declaraci\u00f3n jurada de subsanaci\u00f3n firmada' },
  file: { en: 'File', es: 'Archivo' },
  affirm: { en: 'I affirm that this document is mine and that the ballot with this receipt number is mine.', es: 'Afirmo que este documento es m\u00edo y que la boleta con este n\u00famero de recibo es m\u00eda.' },
  send: { en: 'Send document', es: 'Enviar documento' },
  uploadClosed: { en: 'Online uploads are closed for this ballot.', es: 'Ya no se pueden subir documentos para esta boleta.' },
  uploaded: { en: 'Thank you. We received your document.', es: 'Gracias. Recibimos su documento.' },
  another: { en: 'Check another ballot', es: 'Consultar otra boleta' },
  sessionEnded: { en: 'This page has expired. Look up your ballot again to upload.', es: 'Esta p\u00e1gina venci\u00f3. Vuelva a consultar su boleta para subir el documento.' },
  privacy: {
    en: 'This service is required by the Help America Vote Act (52 U.S.C. 21082). Only someone with your receipt number and date of birth can see your ballot\u2019s status.',
    es: 'Este servicio lo exige la Ley Ayude a Estados Unidos a Votar (52 U.S.C. 21082). Solo alguien con su n\u00famero de recibo y su fecha de nacimiento puede ver el estado de su boleta.',
  },
  otherLanguage: { en: 'Ver en espa\u00f1ol', es: 'View in English' },
  uploadProblem: {
    empty: { en: 'Choose a file to upload.', es: 'Elija un archivo para subir.' },
    too_large: { en: 'The file is larger than 5 MB. Send a smaller photo or scan.', es: 'El archivo pesa m\u00e1s de 5 MB. Env\u00ede una foto o un escaneo m\u00e1s peque\u00f1o.' },
    not_a_document: { en: 'The file must be a JPEG or PNG photo or a PDF.', es: 'El archivo debe ser una foto JPEG o PNG o un PDF.' },
    closed: { en: 'Online uploads are closed for this ballot.', es: 'Ya no se pueden subir documentos para esta boleta.' },
    affirm: { en: 'Check the box to affirm the document is yours.', es: 'Marque la casilla para afirmar que el documento es suyo.' },
    kind: { en: 'Choose what you are sending.', es: 'Elija qu\u00e9 est\u00e1 enviando.' },
  },
} as const;

export type UploadMessage = keyof typeof UI.uploadProblem;
export const say = (language: VoterLanguage, key: Exclude<keyof typeof UI, 'uploadProblem'>, values: Record<string, string | number> = {}): string =>
  UI[key][language].replace(/\{(\w+)\}/g, (_m, k: string) => String(values[k] ?? ''));
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
  <a class="usa-skipnav" href="#main-content">${language === 'es' ? 'Saltar al contenido principal' : 'Skip to main content'}</a>
  <header class="usa-header usa-header--basic"><div class="usa-nav-container"><div class="usa-navbar display-flex flex-justify flex-align-center width-full">
    <div class="usa-logo"><em class="usa-logo__text"><a href="/portal?lang=${language}">${language === 'es' ? 'Su boleta' : 'Your ballot'}</a></em></div>
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
          ? html`<div class="usa-alert usa-alert--error margin-y-2" role="alert"><div class="usa-alert__body"><h2 class="usa-alert__heading">${say(language, 'tooManyTitle')}</h2><p class="usa-alert__text">${say(language, 'tooMany', { minutes: problem.minutes })}</p></div></div>`
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
  const days = action === null ? '' : action.deadline.daysLeft === 0 ? say(language, 'lastDay') : action.deadline.daysLeft === 1 ? say(language, 'oneDayLeft') : say(language, 'daysLeft', { n: action.deadline.daysLeft });
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
  return UI.uploadProblem[problem][language];
}

export function expiredPage(language: VoterLanguage): Html {
  return shell(language, say(language, 'title'), html`<h1 class="margin-top-4">${say(language, 'title')}</h1><div class="usa-alert usa-alert--warning margin-y-2" role="alert"><div class="usa-alert__body"><p class="usa-alert__text">${say(language, 'sessionEnded')}</p></div></div><p><a class="usa-link" href="/portal?lang=${language}">${say(language, 'another')}</a></p>`, switchLink(language));
}
