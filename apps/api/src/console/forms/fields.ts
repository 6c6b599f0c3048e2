import { html, type Html } from '../html';
import type { FieldErrors, FormValues } from '../pages/forms';
import type { FieldMessage } from './clerk-messages';
import type { FormState } from './console-form';

/**
 * Form parts the U.S. Web Design System specifies that the console's field helpers (pages/forms.ts)
 * do not have: the error summary, the memorable date, and a local date and time with its zone.
 */

/** The summary's link target of a field: its input, or the first input of a memorable date. */
export type AnchorOf = (field: string) => string;

export const anchorIn =
  (prefix: string, dates: readonly string[] = []): AnchorOf =>
  (field) =>
    dates.includes(field) ? `${prefix}-${field}-month` : `${prefix}-${field}`;

/**
 * The error summary (designsystem.digital.gov/components/validation; GOV.UK "Error summary"): at the
 * top of the form, every error as a link to its field, and focused when the page opens so a screen
 * reader starts there (autofocus; console.js focuses it where autofocus is not honoured).
 */
export function errorSummary(state: FormState, anchorOf: AnchorOf): Html {
  if (state.notice === null) return html``;
  if (state.notice.kind === 'info') {
    return html`<div class="usa-alert usa-alert--info usa-alert--slim margin-y-2" role="status" tabindex="-1" autofocus data-focus-first><div class="usa-alert__body"><p class="usa-alert__text">${state.notice.text}</p></div></div>`;
  }
  return html`<div class="usa-alert usa-alert--error margin-y-2 error-summary" tabindex="-1" autofocus data-focus-first aria-labelledby="error-summary-heading">
    <div class="usa-alert__body">
      <h2 class="usa-alert__heading" id="error-summary-heading">${state.errors.length > 1 ? `There are ${state.errors.length} problems` : 'There is a problem'}</h2>
      <p class="usa-alert__text">${state.notice.text}</p>
      ${state.errors.length > 0 ? html`<ul class="usa-list">${state.errors.map((e) => html`<li><a class="usa-link" href="#${anchorOf(e.field)}">${e.message}</a></li>`)}</ul>` : ''}
    </div>
  </div>`;
}

/** The field helpers' map from a state's ordered errors: the first message of each field. */
export function errorsByField(errors: readonly FieldMessage[]): FieldErrors {
  const out: Record<string, string> = {};
  for (const e of errors) out[e.field] ??= e.message;
  return out;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * USWDS memorable date (designsystem.digital.gov/components/memorable-date): a month list, a day and
 * a four-digit year, for a date a person knows. The parts post as `NAME-month`, `NAME-day` and
 * `NAME-year`; `joinMemorableDate` makes them one ISO date for the DTO.
 */
export function memorableDate(o: { readonly name: string; readonly legend: string; readonly errors: FieldErrors; readonly values: FormValues; readonly idPrefix?: string; readonly required?: boolean }): Html {
  const id = `${o.idPrefix ?? 'f'}-${o.name}`;
  const error = o.errors[o.name];
  const part = (p: string) => o.values[`${o.name}-${p}`] ?? '';
  const describedBy = `${id}-hint${error !== undefined ? ` ${id}-error` : ''}`;
  const invalid = error !== undefined ? html` aria-invalid="true"` : '';
  const inputClass = `usa-input${error !== undefined ? ' usa-input--error' : ''}`;
  return html`<fieldset class="usa-fieldset usa-form-group${error !== undefined ? ' usa-form-group--error' : ''}">
    <legend class="usa-legend${error !== undefined ? ' usa-label--error' : ''}">${o.legend}${o.required === true ? html` <abbr title="required" class="usa-hint usa-hint--required">*</abbr>` : ''}</legend>
    <span class="usa-hint" id="${id}-hint">For example: February 29 1980</span>
    ${error !== undefined ? html`<span class="usa-error-message" id="${id}-error" role="alert">${error}</span>` : ''}
    <div class="usa-memorable-date">
      <div class="usa-form-group usa-form-group--month usa-form-group--select">
        <label class="usa-label" for="${id}-month">Month</label>
        <select class="usa-select${error !== undefined ? ' usa-input--error' : ''}" id="${id}-month" name="${o.name}-month" aria-describedby="${describedBy}"${invalid}>
          <option value="">- Select -</option>
          ${MONTHS.map((month, i) => {
            const value = String(i + 1).padStart(2, '0');
            return html`<option value="${value}"${part('month') === value ? html` selected` : ''}>${value} - ${month}</option>`;
          })}
        </select>
      </div>
      <div class="usa-form-group usa-form-group--day">
        <label class="usa-label" for="${id}-day">Day</label>
        <input class="${inputClass}" id="${id}-day" name="${o.name}-day" maxlength="2" pattern="[0-9]*" inputmode="numeric" value="${part('day')}" aria-describedby="${describedBy}"${invalid}>
      </div>
      <div class="usa-form-group usa-form-group--year">
        <label class="usa-label" for="${id}-year">Year</label>
        <input class="${inputClass}" id="${id}-year" name="${o.name}-year" minlength="4" maxlength="4" pattern="[0-9]*" inputmode="numeric" value="${part('year')}" aria-describedby="${describedBy}"${invalid}>
      </div>
    </div>
  </fieldset>`;
}

/**
 * A memorable date's parts as one `YYYY-MM-DD` for the DTO: '' when nothing was entered, the parts
 * as typed (which the DTO refuses by the field's name) when they do not make a date. A form that
 * posts the date whole (`NAME=1980-02-29`, as scripts and older pages do) is read as it is.
 */
export function joinMemorableDate(body: Readonly<Record<string, unknown>>, name: string): string {
  const text = (key: string): string => {
    const value = body[key];
    return typeof value === 'string' ? value.trim() : '';
  };
  const [month, day, year] = [text(`${name}-month`), text(`${name}-day`), text(`${name}-year`)];
  if (month === '' && day === '' && year === '') return text(name);
  if (!/^\d{1,2}$/.test(month) || !/^\d{1,2}$/.test(day) || !/^\d{4}$/.test(year)) return `${year}-${month}-${day}`;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/**
 * The words under a local date and time: the zone it is read in, by name and offset on the day that
 * matters, so the clerk types the envelope's time and the service adds the offset.
 */
export function zoneHint(zone: string, on: number, extra = ''): string {
  const part = (style: 'long' | 'longOffset') => new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: style }).formatToParts(on).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const offset = part('longOffset').replace('GMT', 'UTC').replace('-', '\u2212');
  return `Local time: ${part('long')} (${zone}, ${offset === 'UTC' ? 'UTC+00:00' : offset} on election day). The service adds the offset.${extra === '' ? '' : ` ${extra}`}`;
}
