import { failureDelayMs, LOCK_AFTER_FAILURES, UsersService } from '@app/auth';
import { AuditEntryEntity, SessionEntity, Stores, TransactionRunner, UserEntity } from '@app/persistence';
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

describe('staff accounts (SQLite; the same code runs on PostgreSQL in the end-to-end suite)', () => {
  let db: TestDatabase;
  let clock: TestClock;
  let slept: number[];
  let users: UsersService;

  beforeEach(async () => {
    db = await openTestDatabase('sqlite');
    clock = new TestClock(Date.UTC(2020, 10, 5, 15));
    slept = [];
    users = new UsersService(new Stores(new TransactionRunner(db.dataSource)), clock, 30, (ms) => {
      slept.push(ms);
      return Promise.resolve();
    });
    await users.create(SYSTEM_ACTOR, { username: 'fulton.clerk', displayName: 'Fulton clerk', password: PASSWORD, role: 'clerk', countyCode: 'FULTON' });
  });
  afterEach(async () => db.destroy());

  it('stores an argon2id hash, never the password', async () => {
    const user = await db.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'fulton.clerk' });
    expect(user.passwordHash).toMatch(/^\$argon2id\$v=19\$m=65536,p=1,t=3\$/);
    expect(user.passwordHash).not.toContain(PASSWORD);
  });

  it('repeated failed logins slow down, then lock the account; a lock refuses even the right password', async () => {
    for (let i = 1; i < LOCK_AFTER_FAILURES; i += 1) {
      expect(await codeOf(users.login('fulton.clerk', `wrong ${i}`))).toBe('unauthenticated');
    }
    expect(slept).toEqual([0, 0, 0, 500, 1000, 2000, 4000, 4000, 4000]);
    expect(await codeOf(users.login('fulton.clerk', 'wrong again'))).toBe('locked_out');
    expect(await codeOf(users.login('fulton.clerk', PASSWORD))).toBe('locked_out');
    clock.current += 15 * 60_000 + 1;
    expect(await codeOf(users.login('fulton.clerk', PASSWORD))).toBe('ok');
  }, 30_000); // eleven argon2id verifications (64 MiB each) on a loaded 2-core machine

  it('a successful login resets the failure count', async () => {
    await codeOf(users.login('fulton.clerk', 'wrong'));
    await codeOf(users.login('fulton.clerk', 'wrong'));
    await users.login('fulton.clerk', PASSWORD);
    expect((await db.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'fulton.clerk' })).failedLogins).toBe(0);
  });

  it('failure delays follow the schedule: none for three, then doubling to a 4 s cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(failureDelayMs)).toEqual([0, 0, 0, 500, 1000, 2000, 4000, 4000]);
  });

  it('sessions are stored hashed, end when idle too long, and end at logout', async () => {
    const session = await users.login('fulton.clerk', PASSWORD);
    const stored = await db.dataSource.getRepository(SessionEntity).find();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.tokenHash).not.toBe(session.token);
    await expect(users.authenticate(session.token)).resolves.toMatchObject({ actor: { username: 'fulton.clerk', countyCode: 'FULTON' } });
    clock.current += 31 * 60_000;
    await expect(users.authenticate(session.token)).resolves.toBeNull();
    const again = await users.login('fulton.clerk', PASSWORD);
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

    it('signing in, failing (by username, never the password), being locked out, signing out', async () => {
      await codeOf(users.login('nobody', 'secret-1'));
      await codeOf(users.login('fulton.clerk', 'secret-2'));
      for (let i = 2; i <= LOCK_AFTER_FAILURES; i += 1) await codeOf(users.login('fulton.clerk', 'secret-3'));
      clock.current += 15 * 60_000 + 1;
      const session = await users.login('fulton.clerk', PASSWORD);
      await users.logout(session.token);
      const log = await entries();
      const clerkId = (await db.dataSource.getRepository(UserEntity).findOneByOrFail({ username: 'fulton.clerk' })).id;
      expect(log[0]).toMatchObject({ event: 'USER_CREATED', actorId: 'system', electionId: null, payload: { username: 'fulton.clerk', role: 'clerk', countyCode: 'FULTON' } });
      expect(log[1]).toMatchObject({ event: 'SIGN_IN_FAILED', actorId: 'anonymous', payload: { username: 'nobody', why: 'unknown username' } });
      expect(log[2]).toMatchObject({ event: 'SIGN_IN_FAILED', actorId: clerkId, actorRole: 'clerk', payload: { username: 'fulton.clerk', why: 'wrong password', failures: 1 } });
      expect(log.filter((e) => e.event === 'ACCOUNT_LOCKED')).toEqual([expect.objectContaining({ actorId: clerkId, payload: expect.objectContaining({ failures: LOCK_AFTER_FAILURES }) as unknown })]);
      expect(log.slice(-2).map((e) => [e.event, e.actorId])).toEqual([['SIGNED_IN', clerkId], ['SIGNED_OUT', clerkId]]);
      expect(JSON.stringify(log)).not.toMatch(/secret-|correct horse/);
    }, 30_000);

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
      expect((await entries()).length).toBe(before);
    });
  });
});
