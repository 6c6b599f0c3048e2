import { html, type Html } from '../html';
import { alert, type PageContext } from '../layout';
import { textField, type FormValues } from './forms';

export function loginPage(ctx: PageContext, values: FormValues, error: string | null, notice: string | null): Html {
  return html`
    <div class="grid-row"><div class="tablet:grid-col-6">
      <h1>Sign in</h1>
      ${notice !== null ? alert('info', 'Signed out:', notice) : ''}
      ${error !== null ? alert('error', 'Not signed in:', error) : ''}
      <form method="post" action="/console/login" class="usa-form" aria-label="Sign in">
        ${textField({ name: 'username', label: 'Username', errors: {}, values, autocomplete: 'username', required: true })}
        ${textField({ name: 'password', label: 'Password', errors: {}, values: {}, type: 'password', autocomplete: 'current-password', required: true })}
        <button class="usa-button" type="submit">Sign in</button>
      </form>
    </div></div>`;
}
