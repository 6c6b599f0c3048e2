import type { VoterLanguage } from '@app/domain';
import { CODE_MINUTES, type ContactSummary } from '@app/portal';
import { wordsFor } from '@app/wording';
import { html, type Html } from '../console/html';
import type { FieldError } from './portal.forms';
import { describedBy, errorAt, errorMessage, groupClass, tokenButton } from './portal.pages';

/** The opt-in section's state: where updates go now, a code on its way, what the voter typed, what just happened. */
export interface UpdatesState {
  readonly summary: ContactSummary;
  readonly done: string | null;
  readonly channel: string;
  readonly address: string;
  /** The code step: focus goes to its field when nothing else needs the voter first. */
  readonly focusCode: boolean;
}

/**
 * "Get updates about this ballot" (issue 15): where updates go now (masked), a button to stop each,
 * the code step while a new address waits, and the form to add or change one.
 */
export function updatesSection(language: VoterLanguage, token: string, state: UpdatesState, errors: readonly FieldError[]): Html {
  const w = wordsFor(language).updates;
  const { summary } = state;
  const channelError = errorAt(errors, 'channel-email');
  const addressError = errorAt(errors, 'contact-address');
  const codeError = errorAt(errors, 'code');
  const current = [
    summary.email === null ? null : { label: w.emailLabel, masked: summary.email, channel: 'email', what: w.emailLabel.toLowerCase() },
    summary.phone === null ? null : { label: w.phoneLabel, masked: summary.phone, channel: 'sms', what: w.phoneLabel.toLowerCase() },
  ].filter((c) => c !== null);
  const checked = (channel: string): boolean => state.channel === channel || (state.channel === '' && channel === 'email');
  return html`<section aria-labelledby="updates-heading" class="margin-top-4 border-top border-base-lighter padding-top-2" id="updates">
    <h2 id="updates-heading">${w.title}</h2>
    <p>${w.intro}</p>
    ${state.done === null ? '' : html`<div class="usa-alert usa-alert--success usa-alert--slim margin-y-2" role="status"><div class="usa-alert__body"><p class="usa-alert__text">${state.done}</p></div></div>`}
    ${current.length === 0
      ? html`<p>${w.none}</p>`
      : html`<p class="margin-bottom-1">${w.current}:</p><ul class="usa-list usa-list--unstyled">${current.map((c) => html`<li class="margin-bottom-1"><strong>${c.label}:</strong> <span class="font-mono-xs">${c.masked}</span>${tokenButton('/portal/updates/remove', token, language, w.remove(c.what), { channel: c.channel }, 'usa-button usa-button--unstyled margin-top-05')}</li>`)}</ul>`}
    ${summary.pending === null ? '' : html`<form class="usa-form usa-form--large" method="post" action="/portal/updates/confirm" novalidate>
      <input type="hidden" name="token" value="${token}"><input type="hidden" name="lang" value="${language}"><input type="hidden" name="change" value="${summary.pending.changeId}">
      <p>${w.codeSent(summary.pending.masked, CODE_MINUTES)}</p>
      <div class="${groupClass(codeError)}">
        <label class="usa-label" for="code">${w.codeLabel}</label>
        <span class="usa-hint" id="code-hint">${w.codeHint}</span>
        ${errorMessage('code-error', codeError)}
        <input class="usa-input usa-input--small${codeError === undefined ? '' : ' usa-input--error'}" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="7" aria-describedby="${describedBy('code-hint', 'code-error', codeError)}"${state.focusCode ? html` autofocus` : ''}>
      </div>
      <button class="usa-button" type="submit">${w.confirm}</button>
    </form>`}
    <form class="usa-form usa-form--large" method="post" action="/portal/updates" novalidate>
      <input type="hidden" name="token" value="${token}"><input type="hidden" name="lang" value="${language}">
      <fieldset class="usa-fieldset ${groupClass(channelError)}">
        <legend class="usa-legend">${w.channel}</legend>
        ${errorMessage('channel-error', channelError)}
        <div class="usa-radio"><input class="usa-radio__input" id="channel-email" type="radio" name="channel" value="email"${checked('email') ? html` checked` : ''}><label class="usa-radio__label" for="channel-email">${w.emailLabel}<span class="usa-checkbox__label-description">${w.emailHint}</span></label></div>
        <div class="usa-radio"><input class="usa-radio__input" id="channel-sms" type="radio" name="channel" value="sms"${checked('sms') ? html` checked` : ''}><label class="usa-radio__label" for="channel-sms">${w.phoneLabel}<span class="usa-checkbox__label-description">${w.phoneHint}</span></label></div>
      </fieldset>
      <div class="${groupClass(addressError)}">
        <label class="usa-label" for="contact-address">${w.address}</label>
        ${errorMessage('contact-address-error', addressError)}
        <input class="usa-input${addressError === undefined ? '' : ' usa-input--error'}" id="contact-address" name="address" maxlength="254" autocomplete="email" spellcheck="false" value="${state.address}"${addressError === undefined ? '' : html` aria-describedby="contact-address-error"`}>
      </div>
      <button class="usa-button usa-button--outline" type="submit">${w.sendCode}</button>
    </form>
  </section>`;
}
