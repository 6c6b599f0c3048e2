import { ROLES } from '@app/domain';
import type { UserEntity } from '@app/persistence';
import { html, type Html } from '../html';
import { alert, csrfField, type PageContext } from '../layout';
import { selectField, textField, type FieldErrors, type FormValues } from './forms';

const isLocked = (u: UserEntity, now: number): boolean => u.disabled || (u.lockedUntil !== null && u.lockedUntil > now);

function accountState(u: UserEntity, now: number): string {
  if (u.disabled) return 'Locked by an administrator';
  return isLocked(u, now) ? 'Locked for a while' : 'Active';
}

/** Lock or unlock, one button per account (not one's own: an administrator cannot lock themselves out). */
function lockButton(ctx: PageContext, u: UserEntity, now: number): Html | string {
  const locked = isLocked(u, now);
  if (!locked && ctx.actor?.id === u.id) return '';
  const action = locked ? 'unlock' : 'lock';
  const label = locked ? 'Unlock' : 'Lock';
  return html`<form method="post" action="/console/users/${u.id}/${action}" class="margin-0">${csrfField(ctx)}<button class="usa-button usa-button--outline usa-button--small" type="submit" aria-label="${label} ${u.username}">${label}</button></form>`;
}

export function usersPage(ctx: PageContext, users: readonly UserEntity[], errors: FieldErrors, values: FormValues, message: string | null, now: number): Html {
  return html`
    <h1>Users</h1>
    ${message !== null ? alert('success', 'Done:', message) : ''}
    <table class="usa-table usa-table--compact usa-table--striped console-table">
      <caption class="usa-sr-only">Staff accounts</caption>
      <thead><tr><th scope="col">Username</th><th scope="col">Name</th><th scope="col">Role</th><th scope="col">County</th><th scope="col">Account</th><th scope="col"><span class="usa-sr-only">Actions</span></th></tr></thead>
      <tbody>${users.map((u) => html`<tr><th scope="row">${u.username}</th><td>${u.displayName}</td><td>${u.role}</td><td>${u.countyCode ?? 'All'}</td><td>${accountState(u, now)}</td><td>${lockButton(ctx, u, now)}</td></tr>`)}</tbody>
    </table>
    <h2>Add a user</h2>
    ${Object.keys(errors).length > 0 ? alert('error', 'Not added:', 'correct the fields marked below.') : ''}
    <form method="post" action="/console/users" class="usa-form usa-form--large" aria-label="Add a user">
      ${csrfField(ctx)}
      ${textField({ name: 'username', label: 'Username', hint: 'lower-case letters, digits, dots, dashes', errors, values, required: true })}
      ${textField({ name: 'displayName', label: 'Full name', errors, values, required: true })}
      ${textField({ name: 'password', label: 'Initial password', hint: 'at least 12 characters, any characters; a phrase of unrelated words works well. Common or leaked passwords and ones made from the username or name are refused.', errors, values: {}, type: 'password', autocomplete: 'new-password', required: true })}
      ${selectField({ name: 'role', label: 'Role', errors, values, required: true, blank: '- Select -', options: ROLES.map((r) => [r, r] as const) })}
      ${textField({ name: 'countyCode', label: 'County code', hint: 'required for clerks and supervisors', errors, values })}
      <button class="usa-button" type="submit">Add user</button>
    </form>`;
}
