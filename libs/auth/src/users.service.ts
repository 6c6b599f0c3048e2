import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { isOneOf, ROLES, type Role, DomainError, type Clock, type StaffActor, COUNTY_ROLES } from '@app/domain';
import { SessionEntity, TransactionRunner, UserEntity } from '@app/persistence';
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

export class UsersService {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
    private readonly idleMinutes: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  async create(input: NewUser): Promise<UserEntity> {
    const problems: { field: string; message: string }[] = [];
    if (!/^[a-z0-9][a-z0-9._-]{2,63}$/.test(input.username)) problems.push({ field: 'username', message: 'must be 3-64 lower-case letters, digits, dots, dashes or underscores' });
    if (input.password.length < MIN_PASSWORD_LENGTH) problems.push({ field: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` });
    if (!isOneOf(ROLES, input.role)) problems.push({ field: 'role', message: `must be one of: ${ROLES.join(', ')}` });
    if (COUNTY_ROLES.includes(input.role) && input.countyCode === null) problems.push({ field: 'countyCode', message: 'is required for clerks and supervisors' });
    if (problems.length > 0) throw new DomainError('invalid_input', 'the user is not valid', {}, problems);
    const passwordHash = await hashPassword(input.password);
    return this.tx.run(async (manager) => {
      if ((await manager.findOneBy(UserEntity, { username: input.username })) !== null) {
        throw new DomainError('conflict', `user ${input.username} already exists`, {}, [{ field: 'username', message: 'is taken' }]);
      }
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
        createdAt: this.clock.now(),
      });
      await manager.insert(UserEntity, user);
      return user;
    });
  }

  /**
   * Checks a password. Unknown users, wrong passwords and locked accounts get the same answer;
   * an unknown user costs the same hashing work. Failures slow down, then lock the account.
   */
  async login(username: string, password: string): Promise<LoginResult> {
    const user = await this.tx.read((m) => m.findOneBy(UserEntity, { username }));
    const now = this.clock.now();
    const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    const refused = new DomainError('unauthenticated', 'wrong username or password, or the account is locked');
    if (user === null || user.disabled) throw refused;
    if (user.lockedUntil !== null && user.lockedUntil > now) throw new DomainError('locked_out', 'too many failed attempts: the account is locked for a while', { lockedUntil: user.lockedUntil });
    if (!valid) {
      const failures = user.failedLogins + 1;
      const lockedUntil = failures >= LOCK_AFTER_FAILURES ? now + LOCK_MINUTES * 60_000 : null;
      await this.tx.run((m) => m.update(UserEntity, { id: user.id }, { failedLogins: lockedUntil === null ? failures : 0, lockedUntil }));
      await this.sleep(failureDelayMs(failures));
      if (lockedUntil !== null) throw new DomainError('locked_out', 'too many failed attempts: the account is locked for a while', { lockedUntil });
      throw refused;
    }
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = now + SESSION_MAX_HOURS * 3_600_000;
    await this.tx.run(async (m) => {
      await m.update(UserEntity, { id: user.id }, { failedLogins: 0, lockedUntil: null });
      await m.insert(SessionEntity, { tokenHash: tokenHash(token), userId: user.id, csrfToken, createdAt: now, lastSeenAt: now, expiresAt });
    });
    return { token, csrfToken, expiresAt, actor: toActor(user) };
  }

  /** The session's user, if the token is live and not idle too long; touches it. */
  async authenticate(token: string): Promise<{ actor: StaffActor; csrfToken: string } | null> {
    const now = this.clock.now();
    const hash = tokenHash(token);
    const session = await this.tx.read((m) => m.findOneBy(SessionEntity, { tokenHash: hash }));
    if (session === null || session.expiresAt <= now || now - session.lastSeenAt > this.idleMinutes * 60_000) return null;
    const user = await this.tx.read((m) => m.findOneBy(UserEntity, { id: session.userId }));
    if (user === null || user.disabled) return null;
    // Touch at most once a minute: a busy console should not write on every request.
    if (now - session.lastSeenAt > 60_000) await this.tx.run((m) => m.update(SessionEntity, { tokenHash: hash }, { lastSeenAt: now }));
    return { actor: toActor(user), csrfToken: session.csrfToken };
  }

  async logout(token: string): Promise<void> {
    await this.tx.run((m) => m.delete(SessionEntity, { tokenHash: tokenHash(token) }));
  }

  list(): Promise<UserEntity[]> {
    return this.tx.read((m) => m.find(UserEntity, { order: { username: 'ASC' } }));
  }
}
