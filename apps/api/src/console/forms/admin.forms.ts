import { Inject, Injectable } from '@nestjs/common';
import { UsersService } from '@app/auth';
import { Certification, Elections } from '@app/ballots';
import { CLOCK, type Clock, type Role } from '@app/domain';
import type { UserEntity } from '@app/persistence';
import type { AuthedRequest } from '../../auth/auth.guard';
import { actorOf, chooseElection, field, pageContext } from '../console-context';
import { html, type Html } from '../html';
import { page } from '../layout';
import { usersPage } from '../pages/users.page';
import type { ConsoleForm, FormState } from './console-form';
import { errorsByField } from './fields';

interface NewUserInput {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly role: string;
  readonly countyCode: string | null;
}

/** The users page, with the flash of what was just done, or the new-user form shown again. */
@Injectable()
export class UsersView {
  constructor(
    private readonly users: UsersService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async render(request: AuthedRequest, state: FormState | null, flash: string | null): Promise<Html> {
    const ctx = pageContext(request);
    const list = await this.users.list(actorOf(request));
    return page(ctx, 'Users', usersPage(ctx, list, errorsByField(state?.errors ?? []), state?.values ?? {}, flash, this.clock.now()));
  }

  show(request: AuthedRequest, query: Readonly<Record<string, unknown>>): Promise<Html> {
    const named = (name: string): string | null => (typeof query[name] === 'string' && query[name] !== '' ? query[name] : null);
    const [added, locked, unlocked] = [named('added'), named('locked'), named('unlocked')];
    const flash = added !== null ? `${added} can now sign in.` : locked !== null ? `${locked} is locked: it cannot sign in until an administrator unlocks it.` : unlocked !== null ? `${unlocked} is unlocked and can sign in again.` : null;
    return this.render(request, null, flash);
  }
}

/** A new staff account (the service checks every field and the password's strength). */
@Injectable()
export class NewUserForm implements ConsoleForm<NewUserInput, UserEntity> {
  readonly dto = null;
  constructor(
    private readonly users: UsersService,
    private readonly view: UsersView,
  ) {}

  parse(_request: AuthedRequest, body: Record<string, unknown>): NewUserInput {
    const county = field(body, 'countyCode').trim();
    return { username: field(body, 'username').trim(), displayName: field(body, 'displayName').trim(), password: field(body, 'password'), role: field(body, 'role'), countyCode: county === '' ? null : county.toUpperCase() };
  }

  run(request: AuthedRequest, input: NewUserInput): Promise<UserEntity> {
    // The service refuses a role outside its list, naming the field.
    return this.users.create(actorOf(request), { ...input, role: input.role as Role });
  }

  redirect(_request: AuthedRequest, user: UserEntity): string {
    return `/console/users?added=${encodeURIComponent(user.username)}`;
  }

  page(request: AuthedRequest, state: FormState): Promise<Html> {
    // A refusal without a field (the account exists) is shown at the username.
    const errors = state.errors.length > 0 || state.notice?.kind !== 'error' ? state.errors : [{ field: 'username', message: state.notice.text }];
    return this.view.render(request, { ...state, errors }, null);
  }
}

/** Certifying a county, or reopening it under a court order: back to the dashboard. */
@Injectable()
export class CertificationForm implements ConsoleForm<{ courtOrder: string }, string> {
  readonly dto = null;
  constructor(
    private readonly elections: Elections,
    private readonly certification: Certification,
  ) {}

  parse(_request: AuthedRequest, body: Record<string, unknown>): { courtOrder: string } {
    return { courtOrder: field(body, 'courtOrder') };
  }

  async run(request: AuthedRequest, input: { courtOrder: string }): Promise<string> {
    const { election } = await chooseElection(this.elections, request, field(request.body as Record<string, unknown>, 'election'));
    const code = String(request.params['code']);
    await this.certification.reopen(actorOf(request), election.id, code, input.courtOrder);
    return election.id;
  }

  redirect(_request: AuthedRequest, electionId: string): string {
    return `/console/dashboard?election=${encodeURIComponent(electionId)}`;
  }

  page(request: AuthedRequest, state: FormState): Promise<Html> {
    const words = state.errors.length > 0 ? state.errors.map((e) => e.message).join(' ') : (state.notice?.text ?? '');
    return Promise.resolve(page(pageContext(request), 'Cannot do that', html`<h1>That could not be done</h1><p>${words}</p><p><a class="usa-link" href="/console/dashboard">Back to the dashboard</a></p>`));
  }
}
