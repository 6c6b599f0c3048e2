import { ROLES } from '@app/domain';
import type { UserEntity } from '@app/persistence';
import { html, type Html } from '../html';
import { alert, csrfField, type PageContext } from '../layout';
import { selectField, textField, type FieldErrors, type FormValues } from './forms';

export function usersPage(ctx: PageContext, users: readonly UserEntity[], errors: FieldErrors, values: FormValues, message: string | null, now: number): Html {
  return html`
    <h1>Users</h1>
    ${message !== null ? alert('success', 'Done:', message) : ''}
    <table class="usa-table usa-table--compact usa-table--striped console-table">
      <caption class="usa-sr-only">Staff accounts</caption>
      <thead><tr><th scope="col">Username</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">County</th><th scope="col">Account</th></tr></thead>
      <tbody>${users.map((u) => html`<tr><th scope="row">${u.username}</th><td>${u.displayName}</td><td>${u.role}</td><td>${u.countyCode ?? 'All'}</td><td>${u.disabled ? 'Disabled' : u.lockedUntil !== null && u.lockedUntil > now ? 'Locked after failed sign-ins' : 'Active'}</td></tr>`)}</tbody>
    </table>
    <h2>Add a user</h2>
    ${Object.keys(errors).length > 0 ? alert('error', 'Not added:', 'correct the fields marked below.') : ''}
    <form method="post" action="/console/users" class="usa-form usa-form--large" aria-label="Add a user">
      ${csrfField(ctx)}
      ${textField({ name: 'username', label: 'Username', hint: 'lower-case letters, digits, dots, dashes', errors, values, required: true })}
      ${textField({ name: 'displayName', label: 'Full name', errors, values, required: true })}
      ${textField({ name: 'password', label: 'Initial password', hint: 'at least 12 characters', errors, values: {}, type: 'password', autocomplete: 'new-password', required: true })}
      ${selectField({ name: 'role', label: 'Role', errors, values, required: true, blank: '- Select -', options: ROLES.map((r) => [r, r] as const) })}
      ${textField({ name: 'countyCode', label: 'County code', hint: 'required for clerks and supervisors', errors, values })}
      <button class="usa-button" type="submit">Add user</button>
    </form>`;
}
