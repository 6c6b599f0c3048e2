import { DomainError } from '@app/domain';
import { AuditEntryEntity, BallotEntity, OutboxEntity, verifyAuditChain } from '@app/persistence';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { FULTON_CLERK, FULTON_SUPERVISOR, provisionalIntake, seedGeorgia2020, services, type Services } from '@test/support/services';

const THURSDAY = Date.UTC(2020, 10, 5, 15); // Thu 5 Nov 2020, 10:00 EST

/**
 * Issue 16: concurrent transitions on SQLite are committed in groups, each in its own savepoint.
 * Each must still be checked on its own, as if alone: a refused one changes and audits nothing and
 * fails no other; a stale version loses to the one that came first. On PostgreSQL each has its own
 * transaction; the same tests hold there.
 */
describe.each(testDatabases())('transitions sent at once, on %s', (kind) => {
  let db: TestDatabase;
  let s: Services;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedGeorgia2020(db.dataSource);
    s = services(db.dataSource, THURSDAY);
  });
  afterAll(async () => db.destroy());

  const entriesOf = (ballotId: string) => db.dataSource.getRepository(AuditEntryEntity).countBy({ ballotId });

  it('20 at once, some refused: each refusal is its own, every accepted one is written and audited, the chain intact', async () => {
    const ballots = [];
    for (let i = 0; i < 20; i += 1) ballots.push(await s.intake.intake(FULTON_CLERK, provisionalIntake()));
    // Even ones: a valid proposal. Odd ones: a stale version (refused), or COUNT from received.pending (refused).
    const results = await Promise.allSettled(
      ballots.map((b, i) =>
        i % 2 === 0
          ? s.transitions.apply(FULTON_CLERK, b.id, { type: 'PROPOSE_REJECTION', reason: 'other', note: 'Envelope empty' }, 1)
          : i % 4 === 1
            ? s.transitions.apply(FULTON_CLERK, b.id, { type: 'VERIFY' }, 7)
            : s.transitions.apply(FULTON_CLERK, b.id, { type: 'COUNT' }, 1),
      ),
    );
    const codes = results.map((r) => (r.status === 'fulfilled' ? r.value.ballot.status : r.reason instanceof DomainError ? r.reason.code : String(r.reason)));
    expect(codes).toEqual(ballots.map((_, i) => (i % 2 === 0 ? 'received.rejectionProposed' : i % 4 === 1 ? 'stale_version' : 'event_refused')));
    for (const [i, b] of ballots.entries()) {
      const stored = await db.dataSource.getRepository(BallotEntity).findOneByOrFail({ id: b.id });
      expect({ i, status: stored.status, version: stored.version, entries: await entriesOf(b.id) }).toEqual(
        i % 2 === 0 ? { i, status: 'received.rejectionProposed', version: 2, entries: 2 } : { i, status: 'received.pending', version: 1, entries: 1 },
      );
    }
    expect((await verifyAuditChain(db.dataSource)).intact).toBe(true);
  });

  it('two clients sending to one ballot at the same version: one wins, the other is stale and leaves no trace', async () => {
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake());
    await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'PROPOSE_REJECTION', reason: 'other', note: 'Envelope empty' }, 1);
    const results = await Promise.allSettled([
      s.transitions.apply(FULTON_SUPERVISOR, ballot.id, { type: 'CONFIRM_REJECTION' }, 2),
      s.transitions.apply(FULTON_SUPERVISOR, ballot.id, { type: 'RETURN', note: 'Look again' }, 2),
    ]);
    const outcomes = results.map((r) => (r.status === 'fulfilled' ? r.value.ballot.status : r.reason instanceof DomainError ? r.reason.code : String(r.reason)));
    // On SQLite the first sent wins (the group runs in arrival order); on PostgreSQL either may.
    const possible = kind === 'sqlite' ? [['rejected', 'stale_version']] : [['rejected', 'stale_version'], ['stale_version', 'received.pending']];
    expect(possible).toContainEqual(outcomes);
    const stored = await db.dataSource.getRepository(BallotEntity).findOneByOrFail({ id: ballot.id });
    expect({ version: stored.version, entries: await entriesOf(ballot.id) }).toEqual({ version: 3, entries: 3 });
    // Only a confirmed rejection queues the voter's notice; the refused event queued nothing.
    expect(await db.dataSource.getRepository(OutboxEntity).countBy({ ballotId: ballot.id })).toBe(outcomes[0] === 'rejected' ? 1 : 0);
    expect((await verifyAuditChain(db.dataSource)).intact).toBe(true);
  });
});
