import { html, type Html } from '../html';

export type FieldErrors = Readonly<Record<string, string>>;
export type FormValues = Readonly<Record<string, string>>;

interface FieldOptions {
  readonly name: string;
  readonly label: string;
  readonly errors: FieldErrors;
  readonly values: FormValues;
  readonly hint?: string;
  readonly required?: boolean;
  readonly idPrefix?: string;
}

const ids = (o: FieldOptions) => {
  const id = `${o.idPrefix ?? 'f'}-${o.name}`;
  return { id, errorId: `${id}-error`, hintId: `${id}-hint` };
};

function wrap(o: FieldOptions, control: (describedBy: string) => Html): Html {
  const { id, errorId, hintId } = ids(o);
  const error = o.errors[o.name];
  const describedBy = [o.hint !== undefined ? hintId : '', error !== undefined ? errorId : ''].filter(Boolean).join(' ');
  return html`<div class="usa-form-group${error !== undefined ? ' usa-form-group--error' : ''}">
    <label class="usa-label${error !== undefined ? ' usa-label--error' : ''}" for="${id}">${o.label}${o.required === true ? html` <abbr title="required" class="usa-hint usa-hint--required">*</abbr>` : ''}</label>
    ${o.hint !== undefined ? html`<div class="usa-hint" id="${hintId}">${o.hint}</div>` : ''}
    ${error !== undefined ? html`<span class="usa-error-message" id="${errorId}" role="alert">${error}</span>` : ''}
    ${control(describedBy)}
  </div>`;
}

/** A text input that shows its error beside it and keeps what was typed. */
export function textField(o: FieldOptions & { readonly type?: string; readonly autocomplete?: string }): Html {
  const { id } = ids(o);
  return wrap(o, (describedBy) => html`<input class="usa-input${o.errors[o.name] !== undefined ? ' usa-input--error' : ''}" id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.values[o.name] ?? ''}"${o.autocomplete !== undefined ? html` autocomplete="${o.autocomplete}"` : ''}${o.required === true ? html` required` : ''}${describedBy !== '' ? html` aria-describedby="${describedBy}"` : ''}${o.errors[o.name] !== undefined ? html` aria-invalid="true"` : ''}>`);
}

export function textArea(o: FieldOptions): Html {
  const { id } = ids(o);
  return wrap(o, (describedBy) => html`<textarea class="usa-textarea${o.errors[o.name] !== undefined ? ' usa-input--error' : ''}" id="${id}" name="${o.name}" rows="3"${o.required === true ? html` required` : ''}${describedBy !== '' ? html` aria-describedby="${describedBy}"` : ''}${o.errors[o.name] !== undefined ? html` aria-invalid="true"` : ''}>${o.values[o.name] ?? ''}</textarea>`);
}

export function selectField(o: FieldOptions & { readonly options: readonly (readonly [value: string, text: string])[]; readonly blank?: string }): Html {
  const { id } = ids(o);
  const chosen = o.values[o.name] ?? '';
  return wrap(o, (describedBy) => html`<select class="usa-select${o.errors[o.name] !== undefined ? ' usa-input--error' : ''}" id="${id}" name="${o.name}"${o.required === true ? html` required` : ''}${describedBy !== '' ? html` aria-describedby="${describedBy}"` : ''}>
      ${o.blank !== undefined ? html`<option value="">${o.blank}</option>` : ''}
      ${o.options.map(([value, text]) => html`<option value="${value}"${value === chosen ? html` selected` : ''}>${text}</option>`)}
    </select>`);
}

/** A checkbox; with a hint, the hint is the label's description (USWDS), and an error shows above it like any field's. */
export function checkbox(o: FieldOptions): Html {
  const { id, errorId, hintId } = ids(o);
  const checked = o.values[o.name] === 'true' || o.values[o.name] === 'on';
  const error = o.errors[o.name];
  const describedBy = [o.hint !== undefined ? hintId : '', error !== undefined ? errorId : ''].filter(Boolean).join(' ');
  const box = html`<div class="usa-checkbox"><input class="usa-checkbox__input" id="${id}" type="checkbox" name="${o.name}" value="true"${checked ? html` checked` : ''}${describedBy !== '' ? html` aria-describedby="${describedBy}"` : ''}${error !== undefined ? html` aria-invalid="true"` : ''}><label class="usa-checkbox__label" for="${id}">${o.label}${o.hint !== undefined ? html`<span class="usa-checkbox__label-description" id="${hintId}">${o.hint}</span>` : ''}</label></div>`;
  if (error === undefined && o.hint === undefined) return box;
  return html`<div class="usa-form-group${error !== undefined ? ' usa-form-group--error' : ''}">
    ${error !== undefined ? html`<span class="usa-error-message" id="${errorId}" role="alert">${error}</span>` : ''}
    ${box}
  </div>`;
}

/** Turns a list of {field, message} into a map for the form helpers (first message per field). */
export function fieldErrors(fields: readonly { field: string; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) out[f.field] ??= f.message;
  return out;
}
