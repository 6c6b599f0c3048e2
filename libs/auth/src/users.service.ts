import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { COUNTY_ROLES, DomainError, isOneOf, notFound, requirePermission, ROLES, type Clock, type Role, type StaffActor } from '@app/domain';
import { SessionEntity, UserEntity, type Stores } from '@app/persistence';
import { dummyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords';

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

/** After this many failures in a row, an account is locked for LOCK_MINUTES. */
export const LOCK_AFTER_FAILURES = 10;
export const LOCK_MINUTES = 15;
/** Each failure after the third waits longer before answering: 0.5 s, 1 s, 2 s, then 4 s. */
export function failureDelayMs(failures: number): number {
  return failures <= 3 ? 0 : Math.min(4_000, 500 * 2 ** (failures - 4));
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
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** An account, made by an administrator (or the service: the demo, `create-user` with no one named). */
  async create(actor: StaffActor, input: NewUser): Promise<UserEntity> {
    requirePermission(actor, 'manage_users');
    const problems: { field: string; message: string }[] = [];
    if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(input.username)) problems.push({ field: 'username', message: 'must be 3-64 lower-case letters, digits, dots, dashes or underscores' });
    if (input.password.length < MIN_PASSWORD_LENGTH) problems.push({ field: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` });
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

  /** Lifts a lock and the count of failures, audited. */
  async unlock(actor: StaffActor, userId: string): Promise<UserEntity> {
    requirePermission(actor, 'manage_users');
    return this.stores.accountsWrite(async (accounts) => {
      const user = await accounts.userById(userId);
      if (user === null) throw notFound('user');
      await accounts.updateUser(userId, { failedLogins: 0, lockedUntil: null, disabled: false });
      await accounts.audit(actor).append({ event: 'ACCOUNT_UNLOCKED', payload: { userId, username: user.username, wasLockedUntil: user.lockedUntil, wasDisabled: user.disabled }, at: this.clock.now() });
      return Object.assign(user, { failedLogins: 0, lockedUntil: null, disabled: false });
    });
  }

  /**
   * Checks a password. Unknown users, wrong passwords and locked accounts get the same answer;
   * an unknown user costs the same hashing work. Failures slow down, then lock the account.
   * Every attempt is audited: the username, never the password.
   */
  async login(username: string, password: string): Promise<LoginResult> {
    const user = await this.stores.accountsRead((accounts) => accounts.userByUsername(username));
    const now = this.clock.now();
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    const refused = new DomainError('unauthenticated', 'wrong username or password, or the account is locked');
    const failed = (why: string, extra: Record<string, unknown> = {}) =>
      this.stores.accountsWrite(async (accounts) => {
        const who = user === null ? ANONYMOUS : { id: user.id, role: user.role };
        await accounts.audit().append({ event: 'SIGN_IN_FAILED', payload: { username: username.slice(0, 64), why, ...extra }, at: now, as: who });
      });
    if (user === null || user.disabled) {
      await failed(user === null ? 'unknown username' : 'account disabled');
      throw refused;
    }
    if (user.lockedUntil !== null && user.lockedUntil > now) {
      await failed('account locked');
      throw new DomainError('locked_out', 'too many failed attempts: the account is locked for a while', { lockedUntil: user.lockedUntil });
    }
    if (!valid) {
      const failures = user.failedLogins + 1;
      const lockedUntil = failures >= LOCK_AFTER_FAILURES ? now + LOCK_MINUTES * 60_000 : null;
      await this.stores.accountsWrite(async (accounts) => {
        await accounts.updateUser(user.id, { failedLogins: lockedUntil === null ? failures : 0, lockedUntil });
        await accounts.audit(toActor(user)).append({ event: 'SIGN_IN_FAILED', payload: { username, why: 'wrong password', failures }, at: now });
        if (lockedUntil !== null) await accounts.audit(toActor(user)).append({ event: 'ACCOUNT_LOCKED', payload: { username, failures, lockedUntil: new Date(lockedUntil).toISOString() }, at: now });
      });
      await this.sleep(failureDelayMs(failures));
      if (lockedUntil !== null) throw new DomainError('locked_out', 'too many failed attempts: the account is locked for a while', { lockedUntil });
      throw refused;
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = now + SESSION_MAX_HOURS * 3_600_000;
    await this.stores.accountsWrite(async (accounts) => {
      await accounts.updateUser(user.id, { failedLogins: 0, lockedUntil: null });
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
      return user === null || user.disabled ? null : { session, user };
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
    if (user === null || user.disabled) throw notFound(`user ${username}`);
    return toActor(user);
  }

  /** Whether the account is locked now, by the service's clock (the demo's clock included). */
  isLocked(user: Pick<UserEntity, 'lockedUntil'>): boolean {
    return user.lockedUntil !== null && user.lockedUntil > this.clock.now();
  }

  /** Who is who, by id: for showing who did what (any staff member). */
  usernames(): Promise<ReadonlyMap<string, string>> {
    return this.stores.accountsRead((accounts) => accounts.usernames());
  }
}
