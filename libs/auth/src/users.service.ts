import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { COUNTY_ROLES, DomainError, isOneOf, notFound, requirePermission, ROLES, type Clock, type Role, type StaffActor } from '@app/domain';
import { memoryLimiters, SessionEntity, UserEntity, type Stores } from '@app/persistence';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords';
import { SignInThrottle } from './sign-in-throttle';

export interface NewUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
  readonly role: Role;
  readonly countyCode: string | null;
}

export interface LoginResult {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: number;
  readonly actor: StaffActor;
}

const SESSION_MAX_HOURS = 12;

export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

export function toActor(user: UserEntity): StaffActor {
  return { id: user.id, username: user.username, role: user.role, countyCode: user.countyCode };
}

/** Who tried to sign in with a username no account has, as the audit chain names them. */
const ANONYMOUS = { id: 'anonymous', role: 'anonymous' } as const;

function userProblems(role: unknown, countyCode: string | null): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  if (!isOneOf(ROLES, role)) problems.push({ field: 'role', message: `must be one of: ${ROLES.join(', ')}` });
  else if (COUNTY_ROLES.includes(role) && countyCode === null) problems.push({ field: 'countyCode', message: 'is required for clerks and supervisors' });
  return problems;
}

/**
 * Staff accounts and sessions. Every change of an account, every sign-in (good or failed) and
 * sign-out is audited in the transaction that makes it (issue 12).
 */
export class UsersService {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly idleMinutes: number,
    /** Where failed sign-ins are counted: the database on PostgreSQL (every instance), else memory. */
    private readonly throttle: SignInThrottle = new SignInThrottle(memoryLimiters),
  ) {}

  /** An account, made by an administrator (or the service: the demo, `create-user` with no one named). */
  async create(actor: StaffActor, input: NewUser): Promise<UserEntity> {
    requirePermission(actor, 'manage_users');
    const problems: { field: string; message: string }[] = [];
    if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(input.username)) problems.push({ field: 'username', message: 'must be 3-64 lower-case letters, digits, dots, dashes or underscores' });
    const weak = typeof input.password === 'string' ? passwordProblem(input.password, input) : 'must be text';
    if (weak !== null) problems.push({ field: 'password', message: weak });
    problems.push(...userProblems(input.role, input.countyCode));
    if (problems.length > 0) throw new DomainError('invalid_input', 'the user is not valid', {}, problems);
    const passwordHash = await hashPassword(input.password);
    return this.stores.accountsWrite(async (accounts) => {
      if ((await accounts.userByUsername(input.username)) !== null) {
        throw new DomainError('conflict', `user ${input.username} already exists`, {}, [{ field: 'username', message: 'is taken' }]);
      }
      const now = this.clock.now();
      const user = Object.assign(new UserEntity(), {
        id: randomUUID(),
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        role: input.role,
        countyCode: COUNTY_ROLES.includes(input.role) ? input.countyCode : null,
        failedLogins: 0,
        lockedUntil: null,
        disabled: false,
        createdAt: now,
      });
      await accounts.insertUser(user);
      await accounts.audit(actor).append({ event: 'USER_CREATED', payload: { userId: user.id, username: user.username, role: user.role, countyCode: user.countyCode }, at: now });
      return user;
    });
  }

  /** Changes an account's role (and county), audited with before and after. */
  async changeRole(actor: StaffActor, userId: string, role: Role, countyCode: string | null): Promise<UserEntity> {
    requirePermission(actor, 'manage_users');
    const problems = userProblems(role, countyCode);
    if (problems.length > 0) throw new DomainError('invalid_input', 'the role is not valid', {}, problems);
    return this.stores.accountsWrite(async (accounts) => {
      const user = await accounts.userById(userId);
      if (user === null) throw notFound('user');
      const after = { role, countyCode: COUNTY_ROLES.includes(role) ? countyCode : null };
      await accounts.updateUser(userId, after);
      await accounts.audit(actor).append({ event: 'ROLE_CHANGED', payload: { userId, username: user.username, before: { role: user.role, countyCode: user.countyCode }, after }, at: this.clock.now() });
      return Object.assign(user, after);
    });
  }

  /**
   * Locks an account on purpose (a lost laptop, a departure, a compromise): it cannot sign in and
   * its sessions stop working, until an administrator unlocks it. Audited with who and why. Nothing
   * but an administrator locks an account: failed sign-ins only slow the address they come from.
   */
  async lock(actor: StaffActor, userId: string, reason: string | null): Promise<UserEntity> {
    requirePermission(actor, 'manage_users');
    if (actor.id === userId) throw new DomainError('conflict', 'you cannot lock your own account', {}, [{ field: 'id', message: 'is your own account' }]);
    return this.stores.accountsWrite(async (accounts) => {
      const user = await accounts.userById(userId);
      if (user === null) throw notFound('user');
      await accounts.updateUser(userId, { disabled: true });
      await accounts.audit(actor).append({ event: 'ACCOUNT_LOCKED', payload: { userId, username: user.username, by: 'administrator', reason, wasLocked: this.isLocked(user) }, at: this.clock.now() });
      return Object.assign(user, { disabled: true });
    });
  }

  /** Lifts a lock (an administrator's, or a timed one from before issue 13), audited. */
  async unlock(actor: StaffActor, userId: string): Promise<UserEntity> {
    requirePermission(actor, 'manage_users');
    return this.stores.accountsWrite(async (accounts) => {
      const user = await accounts.userById(userId);
      if (user === null) throw notFound('user');
      await accounts.updateUser(userId, { failedLogins: 0, lockedUntil: null, disabled: false });
      await accounts.audit(actor).append({ event: 'ACCOUNT_UNLOCKED', payload: { userId, username: user.username, wasLocked: this.isLocked(user), wasLockedUntil: user.lockedUntil, wasDisabled: user.disabled }, at: this.clock.now() });
      return Object.assign(user, { failedLogins: 0, lockedUntil: null, disabled: false });
    });
  }

  /**
   * Checks a password from a client address. Unknown usernames, wrong passwords and locked
   * accounts get one answer (401, one message) at one cost (an unknown user is checked against a
   * dummy hash); the throttle counts every username alike, so its 429 tells nothing either.
   * Every checked attempt is audited: the username, never the password. A try the throttle turns
   * away is not checked and not audited (an attacker must not be able to flood the chain).
   */
  async login(username: string, password: string, client: string): Promise<LoginResult> {
    const admission = await this.throttle.admit(username, client);
    if (!admission.ok) {
      throw new DomainError('locked_out', `too many failed sign-ins from this address: try again in ${admission.retryAfterSeconds} seconds`, { retryAfterSeconds: admission.retryAfterSeconds });
    }
    const user = await this.stores.accountsRead((accounts) => accounts.userByUsername(username));
    const now = this.clock.now();
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    const usable = user !== null && !this.isLocked(user);
    if (!valid || !usable) {
      const why = user === null ? 'unknown username' : !usable ? 'account locked' : 'wrong password';
      await this.stores.accountsWrite(async (accounts) => {
        const who = user === null ? ANONYMOUS : { id: user.id, role: user.role };
        await accounts.audit().append({ event: 'SIGN_IN_FAILED', payload: { username: username.slice(0, 64), why }, at: now, as: who });
      });
      throw new DomainError('unauthenticated', 'wrong username or password, or the account is locked');
    }
    await this.throttle.succeeded(username, client);
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = now + SESSION_MAX_HOURS * 3_600_000;
    await this.stores.accountsWrite(async (accounts) => {
      await accounts.insertSession(Object.assign(new SessionEntity(), { tokenHash: tokenHash(token), userId: user.id, csrfToken, createdAt: now, lastSeenAt: now, expiresAt }));
      await accounts.audit(toActor(user)).append({ event: 'SIGNED_IN', payload: { username }, at: now });
    });
    return { token, csrfToken, expiresAt, actor: toActor(user) };
  }

  /** The session's user, if the token is live and not idle too long; touches it. */
  async authenticate(token: string): Promise<{ actor: StaffActor; csrfToken: string } | null> {
    const now = this.clock.now();
    const hash = tokenHash(token);
    const found = await this.stores.accountsRead(async (accounts) => {
      const session = await accounts.sessionByTokenHash(hash);
      if (session === null || session.expiresAt <= now || now - session.lastSeenAt > this.idleMinutes * 60_000) return null;
      const user = await accounts.userById(session.userId);
      return user === null || this.isLocked(user) ? null : { session, user };
    });
    if (found === null) return null;
    // Touch at most once a minute: a busy console should not write on every request.
    if (now - found.session.lastSeenAt > 60_000) await this.stores.accountsWrite((accounts) => accounts.touchSession(hash, now));
    return { actor: toActor(found.user), csrfToken: found.session.csrfToken };
  }

  async logout(token: string): Promise<void> {
    await this.stores.accountsWrite(async (accounts) => {
      const userId = await accounts.deleteSession(tokenHash(token));
      const user = userId === null ? null : await accounts.userById(userId);
      if (user !== null) await accounts.audit(toActor(user)).append({ event: 'SIGNED_OUT', payload: { username: user.username }, at: this.clock.now() });
    });
  }

  /** Every account, for an administrator. */
  list(actor: StaffActor): Promise<UserEntity[]> {
    requirePermission(actor, 'manage_users');
    return this.stores.accountsRead((accounts) => accounts.listUsers());
  }

  /** The staff member a CLI command acts as (`--as <username>`): an account that exists and is not disabled, else not found. */
  async actorNamed(username: string): Promise<StaffActor> {
    const user = await this.stores.accountsRead((accounts) => accounts.userByUsername(username));
    if (user === null || this.isLocked(user)) throw notFound(`user ${username}`);
    return toActor(user);
  }

  /**
   * Whether the account cannot sign in now: locked by an administrator (the `disabled` flag, until
   * unlocked), or a timed lock left from before issue 13 that has not run out by the service's clock.
   */
  isLocked(user: Pick<UserEntity, 'lockedUntil' | 'disabled'>): boolean {
    return user.disabled || (user.lockedUntil !== null && user.lockedUntil > this.clock.now());
  }

  /** Who is who, by id: for showing who did what (any staff member). */
  usernames(): Promise<ReadonlyMap<string, string>> {
    return this.stores.accountsRead((accounts) => accounts.usernames());
  }
}
