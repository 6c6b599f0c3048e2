import { failureDelayMs, LOCK_AFTER_FAILURES, UsersService } from '@app/auth';
import { SessionEntity, TransactionRunner, UserEntity } from '@app/persistence';
import { openTestDatabase, type TestDatabase } from '@test/support/database';
import { TestClock } from '@test/support/services';
import { DomainError } from '@app/domain';

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
    users = new UsersService(new TransactionRunner(db.dataSource), clock, 30, (ms) => {
      slept.push(ms);
      return Promise.resolve();
    });
    await users.create({ username: 'fulton.clerk', displayName: 'Fulton clerk', password: PASSWORD, role: 'clerk', countyCode: 'FULTON' });
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
    const error = await users.create({ username: 'X', displayName: 'x', password: 'short', role: 'clerk', countyCode: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fields.map((f) => f.field)).toEqual(['username', 'password', 'countyCode']);
    expect(await codeOf(users.create({ username: 'fulton.clerk', displayName: 'dup', password: PASSWORD, role: 'observer', countyCode: null }))).toBe('conflict');
  });
});
