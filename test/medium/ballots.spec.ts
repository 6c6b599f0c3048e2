import { AuditEntryEntity, BallotEntity, OutboxEntity, verifyAuditChain } from '@app/persistence';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import {
  COBB_CLERK,
  FULTON_CLERK,
  FULTON_CLERK_2,
  FULTON_SUPERVISOR,
  OBSERVER,
  provisionalIntake,
  seedGeorgia2020,
  services,
  type Services,
} from '@test/support/services';
import { DomainError } from '@app/domain';

const THURSDAY = Date.UTC(2020, 10, 5, 15); // Thu 5 Nov 2020, 10:00 EST

async function refusalOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a domain error');
}

describe.each(testDatabases())('ballot service on %s (medium: real database built by the migrations)', (kind) => {
  let db: TestDatabase;
  let s: Services;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedGeorgia2020(db.dataSource);
    s = services(db.dataSource, THURSDAY);
  });
  afterAll(async () => db.destroy());

  const auditCount = () => db.dataSource.getRepository(AuditEntryEntity).count();

  it('takes a ballot in at received.pending, matches its voter, and audits the intake', async () => {
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake());
    expect(ballot).toMatchObject({ status: 'received.pending', version: 1, matchedVoterId: '1001' });
    const entries = await db.dataSource.getRepository(AuditEntryEntity).findBy({ ballotId: ballot.id });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ event: 'INTAKE', toState: 'received.pending', actorId: FULTON_CLERK.id });
  });

  it('refuses a receipt number already taken in for the election, naming the field', async () => {
    const first = provisionalIntake();
    await s.intake.intake(FULTON_CLERK, first);
    const error = await refusalOf(s.intake.intake(FULTON_CLERK, first));
    expect(error.code).toBe('conflict');
    expect(error.fields).toEqual([{ field: 'receiptNumber', message: 'is already used in this election' }]);
  });

  it('VERIFY then COUNT: counted, full, each step audited, the chain intact', async () => {
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake());
    const verified = await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'VERIFY' }, 1);
    expect(verified.ballot).toMatchObject({ status: 'verified', version: 2 });
    const counted = await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'COUNT' }, 2);
    expect(counted.ballot).toMatchObject({ status: 'counted', version: 3, determination: 'full' });
    const stored = await db.dataSource.getRepository(BallotEntity).findOneByOrFail({ id: ballot.id });
    expect(stored.lifecycle.count?.contests).toEqual(['president', 'us-senate', 'psc-4', 'us-house-5', 'state-senate-36', 'fulton-commission']);
    const events = (await db.dataSource.getRepository(AuditEntryEntity).find({ where: { ballotId: ballot.id }, order: { seq: 'ASC' } })).map((e) => e.event);
    expect(events).toEqual(['INTAKE', 'VERIFY', 'COUNT']);
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: true });
  });

  it('twenty simultaneous events on one ballot: exactly one succeeds, nineteen are stale, one audit entry', async () => {
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake());
    const before = await auditCount();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => s.transitions.apply(i % 2 === 0 ? FULTON_CLERK : FULTON_CLERK_2, ballot.id, { type: 'VERIFY' }, 1)),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const stale = results.filter((r) => r.status === 'rejected' && r.reason instanceof DomainError && r.reason.code === 'stale_version');
    expect(ok).toHaveLength(1);
    expect(stale).toHaveLength(19);
    expect(await auditCount()).toBe(before + 1);
    const stored = await db.dataSource.getRepository(BallotEntity).findOneByOrFail({ id: ballot.id });
    expect(stored).toMatchObject({ status: 'verified', version: 2 });
  });

  it('an event the state refuses: the accepted events, and nothing written', async () => {
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake());
    const before = await auditCount();
    const error = await refusalOf(s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'COUNT' }, 1));
    expect(error.code).toBe('event_refused');
    expect(error.details).toMatchObject({ refusal: 'not_accepted_in_state', acceptedEvents: ['VERIFY', 'REQUEST_CURE', 'PROPOSE_REJECTION', 'HOLD', 'MATCH_VOTER', 'UNMATCH_VOTER'] });
    expect(await auditCount()).toBe(before);
    await expect(db.dataSource.getRepository(BallotEntity).findOneByOrFail({ id: ballot.id })).resolves.toMatchObject({ status: 'received.pending', version: 1 });
  });

  it('a clerk of another county can neither read nor change the ballot: not found, and the attempt is logged', async () => {
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake());
    const error = await refusalOf(s.transitions.apply(COBB_CLERK, ballot.id, { type: 'VERIFY' }, 1));
    expect(error.code).toBe('not_found');
    expect(s.outOfScope).toContainEqual({ actor: COBB_CLERK.id, ballotId: ballot.id });
    const read = await refusalOf(s.stores.read(COBB_CLERK, (st) => s.transitions.reach(st, ballot.id)));
    expect(read.code).toBe('not_found');
    await expect(s.stores.read(OBSERVER, async (st) => (await s.transitions.reach(st, ballot.id)).ballot)).resolves.toMatchObject({ id: ballot.id });
  });

  it('a cure request queues a voter notice in the same transaction', async () => {
    const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: '1002', lastName: 'Voter1002', idShown: false, issuedReason: 'no_id' }));
    const outcome = await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'REQUEST_CURE', cureReason: 'id_required' }, 1);
    expect(outcome.ballot).toMatchObject({ status: 'received.awaitingCure', cureReason: 'id_required', cureDeadline: Date.UTC(2020, 10, 6, 22) });
    const notices = await db.dataSource.getRepository(OutboxEntity).findBy({ ballotId: ballot.id });
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ kind: 'voter_notice', status: 'pending', payload: { type: 'cure_requested', cureReason: 'id_required', deadline: Date.UTC(2020, 10, 6, 22) } });
  });

  it('a count and a confirmed rejection each queue the voter\'s notice in the same transaction; steps on the way queue none', async () => {
    const counted = await s.intake.intake(FULTON_CLERK, provisionalIntake());
    await s.transitions.apply(FULTON_CLERK, counted.id, { type: 'VERIFY' }, 1);
    await s.transitions.apply(FULTON_CLERK, counted.id, { type: 'COUNT' }, 2);
    const rejected = await s.intake.intake(FULTON_CLERK, provisionalIntake());
    await s.transitions.apply(FULTON_CLERK, rejected.id, { type: 'PROPOSE_REJECTION', reason: 'not_registered', note: 'No record' }, 1);
    const repo = db.dataSource.getRepository(OutboxEntity);
    expect(await repo.findBy({ ballotId: rejected.id })).toEqual([]);
    await s.transitions.apply(FULTON_SUPERVISOR, rejected.id, { type: 'CONFIRM_REJECTION' }, 2);
    expect((await repo.findBy({ ballotId: counted.id })).map((n) => n.payload)).toEqual([{ type: 'counted' }]);
    expect((await repo.findBy({ ballotId: rejected.id })).map((n) => n.payload)).toEqual([{ type: 'rejected', reason: 'not_registered' }]);
  });

  it('the proposer cannot confirm their own rejection; a supervisor can', async () => {
    const ballot = await s.intake.intake(FULTON_SUPERVISOR, provisionalIntake());
    await s.transitions.apply(FULTON_SUPERVISOR, ballot.id, { type: 'PROPOSE_REJECTION', reason: 'other', note: 'Envelope empty' }, 1);
    const own = await refusalOf(s.transitions.apply(FULTON_SUPERVISOR, ballot.id, { type: 'CONFIRM_REJECTION' }, 2));
    expect(own.details).toMatchObject({ refusal: 'same_person' });
  });

  it('a late UOCAVA ballot is proposed for rejection at intake by the system, for a supervisor to confirm', async () => {
    s.clock.current = Date.UTC(2020, 10, 6, 22, 30); // taken in half an hour after it arrived, one minute late
    const ballot = await s.intake.intake(
      FULTON_CLERK,
      provisionalIntake({ kind: 'uocava', precinctId: null, issuedReason: null, castAt: null, uocavaCategory: 'military_overseas', postmarkDate: '2020-11-02', receivedAt: Date.UTC(2020, 10, 6, 22, 1) }),
    );
    s.clock.current = THURSDAY;
    expect(ballot).toMatchObject({ status: 'received.rejectionProposed' });
    expect(ballot.lifecycle.proposal).toMatchObject({ reason: 'late', by: 'system', from: 'received.pending' });
    const confirmed = await s.transitions.apply(FULTON_SUPERVISOR, ballot.id, { type: 'CONFIRM_REJECTION' }, ballot.version);
    expect(confirmed.ballot).toMatchObject({ status: 'rejected', rejectionReason: 'late' });
  });

  it('the database refuses to change or delete an audit entry', async () => {
    await expect(db.dataSource.query(`UPDATE audit_entries SET actor_id = 'someone-else'`)).rejects.toThrow(/append-only/);
    await expect(db.dataSource.query('DELETE FROM audit_entries')).rejects.toThrow(/append-only/);
  });

  it('a restart keeps every ballot and audit entry', async () => {
    const ballots = await db.dataSource.getRepository(BallotEntity).count();
    const entries = await auditCount();
    const again = await db.reopen();
    expect(await again.getRepository(BallotEntity).count()).toBe(ballots);
    expect(await again.getRepository(AuditEntryEntity).count()).toBe(entries);
    await expect(verifyAuditChain(again)).resolves.toMatchObject({ intact: true, entries });
  });

  // Issue 16: concurrent transitions on SQLite are committed in groups, each in its own savepoint.
  // Each must still be checked on its own, as if alone: a refused one changes and audits nothing
  // and fails no other; a stale version loses. On PostgreSQL each has its own transaction.
  describe('transitions sent at once', () => {
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

  it('an audit row altered directly in the database (triggers dropped by someone with full access) is named by verify', async () => {
    if (kind === 'postgres') {
      await db.dataSource.query('DROP TRIGGER audit_entries_append_only ON audit_entries');
    } else {
      await db.dataSource.query('DROP TRIGGER audit_entries_no_update');
    }
    await db.dataSource.query(`UPDATE audit_entries SET to_state = 'counted' WHERE seq = 3`);
    await expect(verifyAuditChain(db.dataSource)).resolves.toMatchObject({ intact: false, brokenAt: 3, problem: 'hash_mismatch' });
  });
});
