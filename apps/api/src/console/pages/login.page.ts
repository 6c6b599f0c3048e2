import { html, type Html } from '../html';
import { alert, type PageContext } from '../layout';
import { textField, type FormValues } from './forms';

/** A form posted after the session ended: where it went and what was typed, carried through the sign-in. */
export interface KeptForm {
  readonly returnTo: string;
  readonly values: FormValues;
}

/** Hidden fields carrying a kept form: `returnTo`, and each typed field as `kept:NAME`. */
const keptFields = (kept: KeptForm | null): Html =>
  kept === null ? html`` : html`<input type="hidden" name="returnTo" value="${kept.returnTo}">${Object.entries(kept.values).map(([name, value]) => html`<input type="hidden" name="kept:${name}" value="${value}">`)}`;

export function loginPage(ctx: PageContext, values: FormValues, error: string | null, notice: string | null, kept: KeptForm | null = null): Html {
  return html`
    <div class="grid-row"><div class="tablet:grid-col-6">
      <h1>Sign in</h1>
      ${notice !== null ? alert('info', kept !== null ? 'Your session ended:' : 'Signed out:', notice) : ''}
      ${error !== null ? alert('error', 'Not signed in:', error) : ''}
      <form method="post" action="/console/login" class="usa-form" aria-label="Sign in">
        ${keptFields(kept)}
        ${textField({ name: 'username', label: 'Username', errors: {}, values, autocomplete: 'username', required: true })}
        ${textField({ name: 'password', label: 'Password', errors: {}, values: {}, type: 'password', autocomplete: 'current-password', required: true })}
        <button class="usa-button" type="submit">Sign in</button>
      </form>
    </div></div>`;
}
