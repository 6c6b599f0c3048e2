import { UsersService } from '@app/auth';
import { BallotEntity, ElectionEntity, verifyAuditChain, VoterEntity } from '@app/persistence';
import { DEMO_ELECTION_ID, GEORGIA_COUNTIES, seedDemo } from '@app/demo';
import { BALLOT_STATES } from '@app/lifecycle';
import { loadBundledPacks } from '@app/rules';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { services } from '@test/support/services';

describe.each(testDatabases())('demo election seed on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(async () => db.destroy());

  it('seeds Georgia 2020 with all 159 counties, voters, users and ballots in every state; a second run changes nothing', async () => {
    const s = services(db.dataSource, Date.parse('2020-11-05T10:00:00-05:00'));
    const deps = { stores: s.stores, packs: loadBundledPacks(), intake: s.intake, transitions: s.transitions, users: new UsersService(s.stores, s.clock, 30), clock: s.clock };
    const summary = await seedDemo(deps, { voters: 3_000, ballots: 160 });
    expect(summary).not.toBeNull();
    expect(summary?.counties).toBe(159);
    expect(GEORGIA_COUNTIES).toHaveLength(159);
    expect(await db.dataSource.getRepository(VoterEntity).count()).toBe(3_000);
    const election = await db.dataSource.getRepository(ElectionEntity).findOneByOrFail({ id: DEMO_ELECTION_ID });
    expect(election).toMatchObject({ state: 'GA', electionDay: '2020-11-03', rulePackId: 'GA-2020' });
    const states = new Set((await db.dataSource.getRepository(BallotEntity).find()).map((b) => b.status));
    expect([...states].sort()).toEqual([...BALLOT_STATES].sort());
    expect(summary?.credentials.map((c) => c.username)).toEqual(expect.arrayContaining(['state.admin', 'fulton.clerk', 'fulton.supervisor']));
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: true });

    const ballots = await db.dataSource.getRepository(BallotEntity).count();
    await expect(seedDemo(deps, { voters: 3_000, ballots: 160 })).resolves.toBeNull();
    expect(await db.dataSource.getRepository(BallotEntity).count()).toBe(ballots);
  }, 120_000);
});
