import { UsersService } from '@app/auth';
import { ElectionRulesCache } from '@app/ballots';
import { DEMO_ELECTION_ID, seedDemo } from '@app/demo';
import { BallotEntity } from '@app/persistence';
import { loadBundledPacks } from '@app/rules';
import { openTestDatabase, type TestDatabase } from '@test/support/database';
import { services } from '@test/support/services';
import { type StaffActor } from '@app/domain';
import { Reports } from '@app/reports';

const ADMIN: StaffActor = { id: 'a', username: 'a', role: 'admin', countyCode: null };
const FULTON_CLERK: StaffActor = { id: 'c', username: 'c', role: 'clerk', countyCode: 'FULTON' };

describe('reports on the demo election (SQLite)', () => {
  let db: TestDatabase;
  let reports: Reports;

  beforeAll(async () => {
    db = await openTestDatabase('sqlite');
    const s = services(db.dataSource, Date.parse('2020-11-05T10:00:00-05:00'));
    await seedDemo({ stores: s.stores, packs: loadBundledPacks(), intake: s.intake, transitions: s.transitions, users: new UsersService(s.stores, s.clock, 30), clock: s.clock }, { voters: 2_000, ballots: 150 });
    reports = new Reports(s.stores, new ElectionRulesCache(loadBundledPacks()));
  }, 120_000);
  afterAll(async () => db.destroy());

  it.each([['an admin (all counties)', ADMIN], ['a Fulton clerk (one county)', FULTON_CLERK]])('the dashboard\'s single pass gives the same figures as the separate reports, for %s', async (_who, actor) => {
    const dashboard = await reports.dashboard(actor, DEMO_ELECTION_ID);
    // The report splits each county, kind and state by the cure deadline still to meet; the dashboard does not.
    const byDeadline = await reports.outstanding(actor, DEMO_ELECTION_ID);
    const merged = new Map<string, { countyCode: string; countyName: string; kind: string; status: string; ballots: number }>();
    for (const { cureDeadline: _deadline, ...row } of byDeadline) {
      const key = `${row.countyCode}|${row.kind}|${row.status}`;
      merged.set(key, { ...row, ballots: (merged.get(key)?.ballots ?? 0) + row.ballots });
    }
    expect(dashboard.outstanding).toEqual([...merged.values()]);
    expect(byDeadline.filter((r) => r.status === 'received.awaitingCure').every((r) => r.cureDeadline !== null)).toBe(true);
    expect(byDeadline.filter((r) => r.status !== 'received.awaitingCure').every((r) => r.cureDeadline === null)).toBe(true);
    expect(dashboard.rejections).toEqual(await reports.rejectionReasons(actor, DEMO_ELECTION_ID));
    expect(dashboard.readiness).toEqual(await reports.certificationReadiness(actor, DEMO_ELECTION_ID));
  });

  it('counts agree with the ballots table: outstanding is everything not counted or rejected', async () => {
    const ballots = await db.dataSource.getRepository(BallotEntity).find();
    const outstanding = ballots.filter((b) => b.status !== 'counted' && b.status !== 'rejected').length;
    const figures = await reports.dashboard(ADMIN, DEMO_ELECTION_ID);
    expect(figures.outstanding.reduce((n, r) => n + r.ballots, 0)).toBe(outstanding);
    expect(figures.readiness.reduce((n, r) => n + r.total, 0)).toBe(ballots.length);
    expect(figures.readiness).toHaveLength(159);
    const awaiting = ballots.filter((b) => b.status === 'received.awaitingCure').length;
    expect(figures.cureDeadlines.reduce((n, r) => n + r.ballots, 0)).toBe(awaiting);
    expect(awaiting).toBeGreaterThan(0);
  });

  it('a clerk sees only their county', async () => {
    const figures = await reports.dashboard(FULTON_CLERK, DEMO_ELECTION_ID);
    expect(new Set(figures.readiness.map((r) => r.countyCode))).toEqual(new Set(['FULTON']));
    expect(figures.outstanding.every((r) => r.countyCode === 'FULTON')).toBe(true);
  });
});
