import { SignInThrottle, throttleDelaySeconds, UsersService, type SignInThrottleSettings } from '@app/auth';
import { AuditEntryEntity, memoryLimiters, SessionEntity, Stores, TransactionRunner, UserEntity } from '@app/persistence';
import { openTestDatabase, type TestDatabase } from '@test/support/database';
import { TestClock } from '@test/support/services';
import { DomainError, SYSTEM_ACTOR } from '@app/domain';

const PASSWORD = 'correct horse battery staple';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return 'ok';
}

/** What a caller sees of a refusal: the code, the message and the details (the wait). */
async function answerOf(promise: Promise<unknown>): Promise<{ code: string; message: string; details: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  return { code: 'ok', message: '', details: {} };
}

/** Three free failures per (username, address), ten per address, then a minute's wait, doubling. */
const THROTTLE: SignInThrottleSettings = { perAccountAddress: 3, perAddress: 10, windowSeconds: 3_600, firstDelaySeconds: 60, maxDelaySeconds: 900 };
const STRANGER = '203.0.113.66';
const OFFICE = '198.51.100.10';

describe('staff accounts (SQLite; the same code runs on PostgreSQL in the end-to-end suite)', () => {
  let db: TestDatabase;
  let clock: TestClock;
  let users: UsersService;

  beforeEach(async () => {
    db = await openTestDatabase('sqlite');
    clock = new TestClock(Date.UTC(2020, 10, 5, 15));
    users = new UsersService(new Stores(new TransactionRunner(db.dataSource)), clock, 30, new SignInThrottle(memoryLimiters, THROTTLE));
    await users.create(SYSTEM_ACTOR, { username: 'fulton.clerk', displayName: 'Fulton clerk', password: PASSWORD, role: 'clerk', countyCode: 'FULTON' });
  });
  afterEach(async () => db.destroy());

  it('stores an argon2id hash, never the password', async () => {
    const user = await db.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'fulton.clerk' });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=65536,p=1,t=3\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
  });

  it('a stranger\'s failures slow down that address only: never a lock, and the right password from another address works (issue 13)', async () => {
    for (let i = 1; i <= THROTTLE.perAccountAddress + 1; i += 1) {
      expect(await codeOf(users.login('fulton.clerk', `wrong ${i}`, STRANGER))).toBe('unauthenticated');
    }
    const slowed = await answerOf(users.login('fulton.clerk', PASSWORD, STRANGER));
    expect(slowed.code).toBe('locked_out');
    // A minute from the gate's opening at the fourth failure (a second or two gone on a loaded machine).
    expect((slowed.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(55);
    expect((slowed.details as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(60);
    // Hammering while told to wait does not get a try through, and does not stretch the wait.
    for (let i = 0; i < 5; i += 1) expect(await answerOf(users.login('fulton.clerk', 'wrong again', STRANGER))).toMatchObject({ code: 'locked_out' });
    const clerk = await db.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'fulton.clerk' });
    expect(users.isLocked(clerk)).toBe(false);
    expect(await codeOf(users.login('fulton.clerk', PASSWORD, OFFICE))).toBe('ok');
    expect(await codeOf(users.login('fulton.clerk', PASSWORD, STRANGER))).toBe('locked_out');
    const events = (await db.dataSource.getRepository(AuditEntryEntity).find()).map((e) => e.event);
    expect(events).not.toContain('ACCOUNT_LOCKED');
    expect(events.filter((e) => e === 'SIGN_IN_FAILED')).toHaveLength(THROTTLE.perAccountAddress + 1);
  }, 60_000); // argon2id verifications (64 MiB each) on a loaded 2-core machine

  it('an unknown username gets exactly what a real one gets: the same refusals, the same throttle, the same wait', async () => {
    const tries = async (username: string, client: string) => {
      const answers = [];
      for (let i = 0; i < THROTTLE.perAccountAddress + 2; i += 1) answers.push(await answerOf(users.login(username, 'not the password', client)));
      return answers;
    };
    // The wait counts down from the gate's opening: on a loaded machine the two runs may read it a second apart.
    const waitless = (answers: { code: string; message: string; details: unknown }[]) => answers.map((a) => ({ ...a, message: a.message.replace(/\d+ seconds/, 'N seconds'), details: a.code === 'locked_out' ? {} : a.details }));
    const waits = (answers: { details: unknown }[]) => answers.map((a) => (a.details as { retryAfterSeconds?: number }).retryAfterSeconds ?? 0);
    const real = await tries('fulton.clerk', '192.0.2.1');
    const unknown = await tries('no.such.user', '192.0.2.2');
    expect(waitless(unknown)).toEqual(waitless(real));
    waits(unknown).forEach((wait, i) => expect(Math.abs(wait - (waits(real)[i] ?? 0))).toBeLessThanOrEqual(3));
    expect(real.map((a) => a.code)).toEqual(['unauthenticated', 'unauthenticated', 'unauthenticated', 'unauthenticated', 'locked_out']);
  }, 60_000);

  it('many usernames from one address: the address is slowed too', async () => {
    for (let i = 0; i < THROTTLE.perAddress + 1; i += 1) expect(await codeOf(users.login(`user.${i}`, 'guess', STRANGER))).toBe('unauthenticated');
    expect(await codeOf(users.login('another.user', 'guess', STRANGER))).toBe('locked_out');
    expect(await codeOf(users.login('fulton.clerk', PASSWORD, OFFICE))).toBe('ok');
  }, 60_000);

  it('a successful login clears that address\'s count for the username', async () => {
    await codeOf(users.login('fulton.clerk', 'wrong', OFFICE));
    await codeOf(users.login('fulton.clerk', 'wrong', OFFICE));
    await users.login('fulton.clerk', PASSWORD, OFFICE);
    for (let i = 0; i < THROTTLE.perAccountAddress; i += 1) expect(await codeOf(users.login('fulton.clerk', 'wrong', OFFICE))).toBe('unauthenticated');
  }, 60_000);

  it('waits double after the free failures, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 10].map((k) => throttleDelaySeconds(THROTTLE, k))).toEqual([60, 120, 240, 480, 900, 900]);
  });

  it('refuses weak passwords, naming the field and saying why (NIST SP 800-63B; issue 13)', async () => {
    const refusal = async (password: string, username = 'cobb.clerk', displayName = 'Cobb Clerk') => {
      const error = await users.create(SYSTEM_ACTOR, { username, displayName, password, role: 'clerk', countyCode: 'COBB' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DomainError);
      const fields = (error as DomainError).fields;
      expect(fields.map((f) => f.field)).toEqual(['password']);
      return fields[0]?.message ?? '';
    };
    expect(await refusal('aaaaaaaaaaaa')).toMatch(/too easy to guess/);
    expect(await refusal('password1234')).toMatch(/too easy to guess/);
    expect(await refusal(' '.repeat(12))).toMatch(/too easy to guess/);
    expect(await refusal('cobb.clerk.cobb')).toMatch(/username or the name/);
    expect(await refusal('marguerite.okonkwo', 'cobb.clerk', 'Marguerite Okonkwo')).toMatch(/username or the name/);
    expect(await refusal('short')).toBe('must be at least 12 characters');
    // No composition rules: a long phrase of plain lower-case words is fine, and so is any character.
    await expect(users.create(SYSTEM_ACTOR, { username: 'cobb.clerk', displayName: 'Cobb Clerk', password: 'velvet lantern orbits quietly', role: 'clerk', countyCode: 'COBB' })).resolves.toMatchObject({ username: 'cobb.clerk' });
    await expect(users.create(SYSTEM_ACTOR, { username: 'cobb.clerk2', displayName: 'Cobb Clerk', password: 'ĉu la ŝipo flugas? 🚀 ne', role: 'clerk', countyCode: 'COBB' })).resolves.toMatchObject({ username: 'cobb.clerk2' });
  }, 60_000);

  it('sessions are stored hashed, end when idle too long, and end at logout', async () => {
    const session = await users.login('fulton.clerk', PASSWORD, OFFICE);
    const stored = await db.dataSource.getRepository(SessionEntity).find();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toBe(session.token);
    await expect(users.authenticate(session.token)).resolves.toMatchObject({ actor: { username: 'fulton.clerk', countyCode: 'FULTON' } });
    clock.current += 31 * 60_000;
    await expect(users.authenticate(session.token)).resolves.toBeNull();
    const again = await users.login('fulton.clerk', PASSWORD, OFFICE);
    await users.logout(again.token);
    await expect(users.authenticate(again.token)).resolves.toBeNull();
  });

  it('refuses bad accounts, naming the field', async () => {
    const error = await users.create(SYSTEM_ACTOR, { username: 'X', displayName: 'x', password: 'short', role: 'clerk', countyCode: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fields.map((f) => f.field)).toEqual(['username', 'password', 'countyCode']);
    expect(await codeOf(users.create(SYSTEM_ACTOR, { username: 'fulton.clerk', displayName: 'dup', password: PASSWORD, role: 'observer', countyCode: null }))).toBe('conflict');
  });

  describe('issue 12: every staff action on accounts is in the audit chain', () => {
    const ADMIN = { id: 'u-admin', username: 'state.admin', role: 'admin', countyCode: null } as const;
    const entries = async () =>
      (await db.dataSource.getRepository(AuditEntryEntity).find({ order: { seq: 'ASC' } })).map((e) => ({ event: e.event, actorId: e.actorId, actorRole: e.actorRole, electionId: e.electionId, payload: e.payload }));

    it('signing in, failing (by username, never the password), signing out; being slowed down is never a lock', async () => {
      await codeOf(users.login('nobody', 'secret-1', STRANGER));
      await codeOf(users.login('fulton.clerk', 'secret-2', STRANGER));
      for (let i = 2; i <= THROTTLE.perAccountAddress + 3; i += 1) await codeOf(users.login('fulton.clerk', 'secret-3', STRANGER));
      const session = await users.login('fulton.clerk', PASSWORD, OFFICE);
      await users.logout(session.token);
      const log = await entries();
      const clerkId = (await db.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'fulton.clerk' })).id;
      expect(log[0]).toMatchObject({ event: 'USER_CREATED', actorId: 'system', electionId: null, payload: { username: 'fulton.clerk', role: 'clerk', countyCode: 'FULTON' } });
      expect(log[1]).toMatchObject({ event: 'SIGN_IN_FAILED', actorId: 'anonymous', payload: { username: 'nobody', why: 'unknown username' } });
      expect(log[2]).toMatchObject({ event: 'SIGN_IN_FAILED', actorId: clerkId, actorRole: 'clerk', payload: { username: 'fulton.clerk', why: 'wrong password' } });
      expect(log.filter((e) => e.event === 'ACCOUNT_LOCKED')).toEqual([]);
      expect(log.slice(-2).map((e) => [e.event, e.actorId])).toEqual([['SIGNED_IN', clerkId], ['SIGNED_OUT', clerkId]]);
      expect(JSON.stringify(log)).not.toMatch(/secret-|correct horse/);
    }, 60_000);

    it('an administrator locks an account on purpose: shown as locked, refused like a wrong password, its sessions end; unlocking restores it; both audited', async () => {
      const clerk = await db.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'fulton.clerk' });
      const session = await users.login('fulton.clerk', PASSWORD, OFFICE);
      const locked = await users.lock(ADMIN, clerk.id, 'laptop reported stolen');
      expect(users.isLocked(locked)).toBe(true);
      expect(users.isLocked(await db.dataSource.getRepository(UserEntity).findOneByOrFail({ id: clerk.id }))).toBe(true);
      await expect(users.authenticate(session.token)).resolves.toBeNull();
      const refused = await answerOf(users.login('fulton.clerk', PASSWORD, OFFICE));
      expect(refused).toEqual(await answerOf(users.login('fulton.clerk', 'a wrong password', OFFICE)));
      expect(refused.code).toBe('unauthenticated');
      expect(await codeOf(users.lock(ADMIN, ADMIN.id, null))).toBe('conflict');
      const unlocked = await users.unlock(ADMIN, clerk.id);
      expect(users.isLocked(unlocked)).toBe(false);
      expect(await codeOf(users.login('fulton.clerk', PASSWORD, OFFICE))).toBe('ok');
      const log = (await entries()).filter((e) => e.actorId === ADMIN.id);
      expect(log).toEqual([
        expect.objectContaining({ event: 'ACCOUNT_LOCKED', actorRole: 'admin', payload: { userId: clerk.id, username: 'fulton.clerk', by: 'administrator', reason: 'laptop reported stolen', wasLocked: false } }),
        expect.objectContaining({ event: 'ACCOUNT_UNLOCKED', actorRole: 'admin', payload: expect.objectContaining({ userId: clerk.id, username: 'fulton.clerk', wasLocked: true }) as unknown }),
      ]);
    }, 60_000);

    it('an administrator creates an account, changes its role and unlocks it, each with who did it and what changed', async () => {
      const created = await users.create(ADMIN, { username: 'cobb.clerk', displayName: 'Cobb clerk', password: PASSWORD, role: 'clerk', countyCode: 'COBB' });
      await users.changeRole(ADMIN, created.id, 'supervisor', 'COBB');
      await db.dataSource.getRepository(UserEntity).update({ id: created.id }, { lockedUntil: clock.current + 60_000, failedLogins: 0 });
      expect(users.isLocked(await db.dataSource.getRepository(UserEntity).findOneByOrFail({ id: created.id }))).toBe(true);
      const unlocked = await users.unlock(ADMIN, created.id);
      expect(users.isLocked(unlocked)).toBe(false);
      const log = (await entries()).filter((e) => e.actorId === ADMIN.id);
      expect(log.map((e) => e.event)).toEqual(['USER_CREATED', 'ROLE_CHANGED', 'ACCOUNT_UNLOCKED']);
      expect(log[1]?.payload).toEqual({ userId: created.id, username: 'cobb.clerk', before: { role: 'clerk', countyCode: 'COBB' }, after: { role: 'supervisor', countyCode: 'COBB' } });
      expect(log.every((e) => e.actorRole === 'admin')).toBe(true);
    });

    it('only an administrator manages accounts: a supervisor is refused and nothing is written', async () => {
      const before = (await entries()).length;
      const supervisor = { id: 'u-sup', username: 'fulton.supervisor', role: 'supervisor', countyCode: 'FULTON' } as const;
      expect(await codeOf(users.create(supervisor, { username: 'someone', displayName: 'x', password: PASSWORD, role: 'admin', countyCode: null }))).toBe('forbidden');
      const clerk = await db.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'fulton.clerk' });
      expect(await codeOf(users.changeRole(supervisor, clerk.id, 'admin', null))).toBe('forbidden');
      expect(await codeOf(users.unlock(supervisor, clerk.id))).toBe('forbidden');
      expect(await codeOf(users.lock(supervisor, clerk.id, null))).toBe('forbidden');
      expect((await entries()).length).toBe(before);
    });
  });
});
