import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BallotQueries, createElection, CureDecisions, ElectionRulesCache, type IntakeInput } from '@app/ballots';
import { AuditEntryEntity, BallotEntity, CountyHoursEntity, CourtOrderEntity, CureFiles, CureSubmissionEntity, OutboxEntity, TransactionRunner, VoterEntity } from '@app/persistence';
import { CureUploads, MAX_PENDING_UPLOADS } from '@app/portal';
import { loadBundledPacks } from '@app/rules';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import {
  ADMIN,
  COBB_CLERK,
  COBB_SUPERVISOR,
  FULTON_CLERK,
  FULTON_SUPERVISOR,
  GA_2020_ELECTION,
  provisionalIntake,
  seedEmptyElection,
  seedGeorgia2020,
  services,
  type Services,
  uploadGrant,
} from '@test/support/services';
import { DomainError } from '@app/domain';
import { Reports } from '@app/reports';

/** Georgia 2020: the cure deadline is close of business (5:00 p.m. EST) Friday 6 November, 22:00 UTC. */
const THURSDAY = Date.UTC(2020, 10, 5, 15);
const CURE_DEADLINE = Date.UTC(2020, 10, 6, 22);
const MINUTE = 60_000;
/** Voter 1002 has no ID on file: a ballot without ID shown needs an ID cure. */
const NEEDS_ID: Partial<IntakeInput> = { claimedVoterId: '1002', lastName: 'Voter1002', idShown: false, issuedReason: 'no_id' };
const PDF = Buffer.from('%PDF-1.4\n% a scanned driver licence\n');

async function refusalOf(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a domain error');
}

describe.each(testDatabases())('issue 11, decisions the law would uphold, on %s (medium)', (kind) => {
  let db: TestDatabase;
  let s: Services;
  let uploadsDir: string;
  let uploads: CureUploads;
  let decisions: CureDecisions;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedGeorgia2020(db.dataSource);
    const voter = (voterId: string, firstName: string, lastName: string, dateOfBirth: string, countyCode: string, precinctId: string) =>
      Object.assign(new VoterEntity(), { electionId: GA_2020_ELECTION, voterId, firstName, lastName, dateOfBirth, countyCode, precinctId, status: 'active', registrationDate: '2010-05-01', idOnFile: true, otherBallotAccepted: false });
    await new TransactionRunner(db.dataSource).run((m) =>
      m.insert(VoterEntity, [
        voter('3001', 'María José', 'García-López', '1975-06-01', 'FULTON', 'FUL-02'),
        voter('3002', 'Sean', "O'Brien", '1969-03-17', 'COBB', 'COB-01'),
        voter('3003', 'Ana', 'Garcia', '1990-01-01', 'FULTON', 'FUL-01'),
        // Two records with one name and date of birth: intake cannot tell them apart.
        voter('3004', 'Kim', 'Twin', '1999-09-09', 'FULTON', 'FUL-01'),
        voter('3005', 'Kim', 'Twin', '1999-09-09', 'FULTON', 'FUL-02'),
      ]),
    );
    s = services(db.dataSource, THURSDAY);
    uploadsDir = mkdtempSync(join(tmpdir(), 'uploads-'));
    const files = new CureFiles(uploadsDir);
    uploads = new CureUploads(s.stores, s.rules, s.clock, files);
    decisions = new CureDecisions(s.stores, s.transitions, s.rules, s.clock, files);
  });
  afterAll(async () => {
    await db.destroy();
    rmSync(uploadsDir, { recursive: true, force: true });
  });
  beforeEach(() => {
    s.clock.current = THURSDAY;
  });

  const ballotRow = (id: string) => db.dataSource.getRepository(BallotEntity).findOneByOrFail({ id });
  const auditOf = (ballotId: string) => db.dataSource.getRepository(AuditEntryEntity).find({ where: { ballotId }, order: { seq: 'ASC' } });

  describe('voter research and matching', () => {
    it('searches the whole roll by name, tolerant of accents, hyphens and case, and says what agrees with the affirmation', async () => {
      const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: null, firstName: 'Maria', lastName: 'Garcia Lopez', dateOfBirth: '1975-06-01' }));
      const found = await s.research.search(FULTON_CLERK, ballot.id, { lastName: 'GARCIA-LOP' });
      expect(found.candidates.map((c) => c.voterId)).toEqual(['3001']);
      expect(found.candidates[0]).toMatchObject({ lastName: 'García-López', dateOfBirthMatches: true, lastNameMatches: true, firstNameMatches: false, matched: false });
      // "garcia" is the start of both Garcia and García-López.
      expect((await s.research.search(FULTON_CLERK, ballot.id, { lastName: 'garcía' })).candidates.map((c) => c.voterId)).toEqual(['3003', '3001']);
    });

    it('a Fulton clerk finds a voter registered in Cobb (out-of-county research), by voter id, by date of birth, by precinct', async () => {
      const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: null, firstName: 'Sean', lastName: 'Obrien', dateOfBirth: '1969-03-17' }));
      expect((await s.research.search(FULTON_CLERK, ballot.id, { lastName: "o'brien" })).candidates).toEqual([expect.objectContaining({ voterId: '3002', countyCode: 'COBB' })]);
      expect((await s.research.search(FULTON_CLERK, ballot.id, { voterId: '3002' })).candidates).toHaveLength(1);
      expect((await s.research.search(FULTON_CLERK, ballot.id, { lastName: 'ga', dateOfBirth: '1990-01-01' })).candidates.map((c) => c.voterId)).toEqual(['3003']);
      expect((await s.research.search(FULTON_CLERK, ballot.id, { lastName: 'ga', precinctId: 'FUL-02' })).candidates.map((c) => c.voterId)).toEqual(['3001']);
    });

    it('with no field given, searches by the affirmation\'s last name and date of birth; a search needs a voter id or two letters of a last name', async () => {
      const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: null, firstName: 'Sean', lastName: "O'Brien", dateOfBirth: '1969-03-17', countyCode: 'FULTON' }));
      const found = await s.research.search(FULTON_CLERK, ballot.id, {});
      expect(found.criteria).toEqual({ lastName: "O'Brien", dateOfBirth: '1969-03-17' });
      const refused = await refusalOf(s.research.search(FULTON_CLERK, ballot.id, { lastName: 'g' }));
      expect(refused.fields).toEqual([{ field: 'lastName', message: 'give at least two letters of the last name, or a voter id' }]);
    });

    it('research runs only from a ballot the clerk may reach: another county\'s ballot is not found', async () => {
      const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake());
      expect((await refusalOf(s.research.search(COBB_CLERK, ballot.id, { lastName: 'voter' }))).code).toBe('not_found');
    });

    it('MATCH_VOTER is an audited lifecycle fact: the decision follows it, and UNMATCH_VOTER undoes it', async () => {
      const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: null, firstName: 'Maria', lastName: 'Garcia Lopez', dateOfBirth: '1975-06-01', precinctId: 'FUL-02' }));
      expect(ballot.matchedVoterId).toBeNull();
      expect((await s.decide(ballot, THURSDAY)).outcome).toBe('reject');
      const matched = await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'MATCH_VOTER', voterId: '3001', note: 'Registered under both surnames' }, 1);
      expect(matched.ballot).toMatchObject({ status: 'received.pending', matchedVoterId: '3001', version: 2 });
      expect((await s.decide(matched.ballot, THURSDAY)).outcome).toBe('count');
      await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'VERIFY' }, 2);
      const unmatched = await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'UNMATCH_VOTER', note: 'A different María José García-López' }, 3);
      expect(unmatched.ballot).toMatchObject({ status: 'received.pending', matchedVoterId: null });
      const entries = await auditOf(ballot.id);
      expect(entries.map((e) => e.event)).toEqual(['INTAKE', 'MATCH_VOTER', 'VERIFY', 'UNMATCH_VOTER']);
      expect(entries[1]?.payload).toMatchObject({ voterId: '3001', note: 'Registered under both surnames', previousVoterId: null });
      expect(entries[3]).toMatchObject({ fromState: 'verified', toState: 'received.pending', payload: expect.objectContaining({ previousVoterId: '3001' }) });
    });

    it('a registration not on the election\'s roll cannot be matched: 400 naming voterId, nothing written', async () => {
      const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: null, lastName: 'Nobody' }));
      const refused = await refusalOf(s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'MATCH_VOTER', voterId: '999999', note: 'n' }, 1));
      expect(refused.fields).toEqual([{ field: 'voterId', message: 'is not on this election\'s roll' }]);
      expect(await auditOf(ballot.id)).toHaveLength(1);
    });

    it('intake matches on its own only where exactly one record fits', async () => {
      const byId = await s.intake.intake(FULTON_CLERK, provisionalIntake());
      expect(byId.lifecycle.match).toMatchObject({ voterId: '1001', by: FULTON_CLERK.id, note: expect.stringMatching(/voter id on the affirmation/) });
      const byName = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: null, firstName: 'ANA', lastName: 'garcía', dateOfBirth: '1990-01-01' }));
      expect(byName.matchedVoterId).toBe('3003');
      expect(byName.lifecycle.match?.note).toMatch(/only registration on the roll with this name and date of birth/);
      const twins = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: null, firstName: 'Kim', lastName: 'Twin', dateOfBirth: '1999-09-09' }));
      expect(twins.matchedVoterId).toBeNull();
      const wrongBirth = await s.intake.intake(FULTON_CLERK, provisionalIntake({ claimedVoterId: '3003', firstName: 'Ana', lastName: 'Garcia', dateOfBirth: '1990-01-02' }));
      expect(wrongBirth.matchedVoterId).toBeNull();
    });
  });

  describe('court orders and county hours', () => {
    it('a supervisor records an order for their own county; the cure deadline in force moves at once, voters awaiting a cure are told, and it is audited', async () => {
      const election = `ga-orders-${kind}`;
      await seedElectionLike(election);
      const waiting = await s.intake.intake(FULTON_CLERK, provisionalIntake({ ...NEEDS_ID, electionId: election }));
      await s.transitions.apply(FULTON_CLERK, waiting.id, { type: 'REQUEST_CURE', cureReason: 'id_required' }, 1);
      const before = (await s.rulesOf(election)).version;
      const { recorded, noticesQueued } = await s.orders.recordCourtOrder(FULTON_SUPERVISOR, election, {
        citation: 'Fulton County Superior Court, No. 2020CV000001 (Nov. 5, 2020)',
        summary: 'Extends the cure period to Monday 9 November, 5:00 p.m.',
        deadline: 'provisionalCure',
        countyCodes: null,
        extendedTo: '2020-11-09T17:00',
      });
      expect(recorded).toMatchObject({ countyCodes: ['FULTON'], rulesVersion: before + 1, recordedBy: FULTON_SUPERVISOR.id });
      expect(noticesQueued).toBe(1);
      const rules = await s.rulesOf(election);
      expect(rules.calendar.forCounty('FULTON').deadlines.provisionalCure).toMatchObject({ display: 'Mon, Nov 9, 2020, 5:00 PM EST', courtOrder: recorded.citation });
      expect(rules.calendar.forCounty('COBB').deadlines.provisionalCure.display).toBe('Fri, Nov 6, 2020, 5:00 PM EST');
      const notices = await db.dataSource.getRepository(OutboxEntity).findBy({ ballotId: waiting.id });
      // Both queued at the same instant of the test clock: compared without an order.
      expect(notices).toHaveLength(2);
      expect(notices.map((n) => [n.kind, n.status, n.payload])).toEqual(expect.arrayContaining([
        ['voter_notice', 'pending', { type: 'cure_requested', cureReason: 'id_required', deadline: CURE_DEADLINE }],
        ['voter_notice', 'pending', { type: 'cure_deadline_moved', cureReason: 'id_required', deadline: Date.UTC(2020, 10, 9, 22), courtOrder: recorded.citation }],
      ]));
      const audit = await db.dataSource.getRepository(AuditEntryEntity).findOneByOrFail({ event: 'COURT_ORDER_RECORDED', electionId: election });
      expect(audit.payload).toMatchObject({ orderId: recorded.id, moved: { FULTON: { provisionalCure: { before: 'Fri, Nov 6, 2020, 5:00 PM EST', after: 'Mon, Nov 9, 2020, 5:00 PM EST' } } } });
      // Every deadline shown follows it: the outstanding report, the work queue.
      const outstanding = await new Reports(s.stores, s.rules).outstanding(ADMIN, election, 'FULTON');
      expect(outstanding).toEqual([expect.objectContaining({ status: 'received.awaitingCure', cureDeadline: '2020-11-09T22:00:00.000Z', ballots: 1 })]);
      const queue = await new BallotQueries(s.stores, s.rules, s.transitions, s.clock).list(FULTON_CLERK, { electionId: election, limit: 10 });
      expect(queue.cureDeadlinesInForce.get(waiting.id)).toBe(Date.UTC(2020, 10, 9, 22));
      // The sweep at the old deadline leaves the ballot alone; RECORD_CURE on Sunday is in time.
      s.clock.current = CURE_DEADLINE + 120 * MINUTE;
      const swept = await s.sweep.run({ holder: 'test', electionId: election });
      expect(swept).toMatchObject({ ran: true, outcome: { due: 1, rejected: 0, extended: 1 } });
    });

    it('who may record: a supervisor only for their county (another county is not found), an administrator for any, a clerk never', async () => {
      const order = { citation: 'Order', summary: null, deadline: 'provisionalCure', extendedTo: '2020-11-09T17:00' };
      expect((await refusalOf(s.orders.recordCourtOrder(COBB_SUPERVISOR, GA_2020_ELECTION, { ...order, countyCodes: ['FULTON'] }))).code).toBe('not_found');
      expect((await refusalOf(s.orders.recordCourtOrder(FULTON_CLERK, GA_2020_ELECTION, { ...order, countyCodes: null }))).code).toBe('forbidden');
      const unknown = await refusalOf(s.orders.recordCourtOrder(ADMIN, GA_2020_ELECTION, { ...order, countyCodes: ['ATLANTIS'] }));
      expect(unknown.fields).toEqual([{ field: 'countyCodes', message: 'not counties of this election: ATLANTIS' }]);
    });

    it.each([
      ['no citation', { citation: '  ' }, 'citation', 'is required'],
      ['a deadline it cannot move', { deadline: 'registration' }, 'deadline', 'must be one of: provisionalCure, uocavaReceipt, uocavaPostmark, pollsClose, countyCertification'],
      ['a time that is not a local date and time', { extendedTo: '2020-11-09 17:00' }, 'extendedTo', 'must be a local date and time, YYYY-MM-DDTHH:MM, e.g. 2020-11-09T17:00'],
      ['a time the clocks skip (2:30 a.m. on the spring daylight-saving change)', { extendedTo: '2021-03-14T02:30' }, 'extendedTo', 'is not a time that exists in America/New_York (a daylight-saving change skips it)'],
      ['polls closing on another day than election day', { deadline: 'pollsClose', extendedTo: '2020-11-04T21:00' }, 'extendedTo', expect.stringMatching(/election day/)],
    ])('refuses an order with %s, naming the field, recording nothing', async (_name, change, field, message) => {
      const count = await db.dataSource.getRepository(CourtOrderEntity).count();
      const refused = await refusalOf(s.orders.recordCourtOrder(ADMIN, GA_2020_ELECTION, { citation: 'Order', summary: null, deadline: 'provisionalCure', countyCodes: null, extendedTo: '2020-11-09T17:00', ...change }));
      expect(refused.fields).toEqual([{ field, message }]);
      expect(await db.dataSource.getRepository(CourtOrderEntity).count()).toBe(count);
    });

    it('an order is never edited or deleted: the database refuses it; a later order supersedes the earlier one and the history shows both', async () => {
      const election = `ga-supersede-${kind}`;
      await seedElectionLike(election);
      const first = await s.orders.recordCourtOrder(ADMIN, election, { citation: 'First order', summary: null, deadline: 'uocavaReceipt', countyCodes: ['COBB'], extendedTo: '2020-11-10T17:00' });
      const second = await s.orders.recordCourtOrder(ADMIN, election, { citation: 'Order amending the first', summary: null, deadline: 'uocavaReceipt', countyCodes: null, extendedTo: '2020-11-12T17:00' });
      await expect(db.dataSource.query(`UPDATE court_orders SET citation = 'rewritten'`)).rejects.toThrow(/append-only/);
      await expect(db.dataSource.query('DELETE FROM court_orders')).rejects.toThrow(/append-only/);
      const history = await s.orders.history(ADMIN, election);
      expect(history.courtOrders.map((r) => [r.order.citation, r.supersededBy?.id ?? null])).toEqual([
        ['Order amending the first', null],
        ['First order', second.recorded.id],
      ]);
      expect(first.recorded.rulesVersion).toBeLessThan(second.recorded.rulesVersion);
      const rules = await s.rulesOf(election);
      expect(rules.calendar.forCounty('COBB').deadlines.uocavaReceipt.display).toBe('Thu, Nov 12, 2020, 5:00 PM EST');
      // A county supervisor sees the orders that name their county, or the whole election.
      expect((await s.orders.history(FULTON_SUPERVISOR, election)).courtOrders.map((r) => r.order.citation)).toEqual(['Order amending the first']);
    });

    it('an order recorded by another process is in force at its next use: the rules carry a version', async () => {
      const election = `ga-versions-${kind}`;
      await seedElectionLike(election);
      const elsewhere = new ElectionRulesCache(loadBundledPacks());
      const before = await s.stores.read(ADMIN, (st) => elsewhere.get(st.election(election).rules));
      expect(before.calendar.forCounty('FULTON').deadlines.countyCertification.display).toBe('Fri, Nov 13, 2020, 5:00 PM EST');
      await s.orders.recordCourtOrder(ADMIN, election, { citation: 'Order extending certification', summary: null, deadline: 'countyCertification', countyCodes: ['FULTON'], extendedTo: '2020-11-16T17:00' });
      const after = await s.stores.read(ADMIN, (st) => elsewhere.get(st.election(election).rules));
      expect(after.version).toBe(before.version + 1);
      expect(after.calendar.forCounty('FULTON').deadlines.countyCertification.display).toBe('Mon, Nov 16, 2020, 5:00 PM EST');
    });

    it('a county sets its own close of business: its cure deadline moves with it, voters awaiting a cure are told; back to the pack\'s the same way', async () => {
      const election = `ga-hours-${kind}`;
      await seedElectionLike(election);
      const waiting = await s.intake.intake(FULTON_CLERK, provisionalIntake({ ...NEEDS_ID, electionId: election }));
      await s.transitions.apply(FULTON_CLERK, waiting.id, { type: 'REQUEST_CURE', cureReason: 'id_required' }, 1);
      // An earlier close than the one the voter was told never shortens their deadline: no notice.
      const earlier = await s.orders.setCloseOfBusiness(FULTON_SUPERVISOR, election, { countyCode: 'FULTON', closeOfBusiness: '16:30', source: 'Fulton County Board of Registration and Elections, resolution 2020-14' });
      expect(earlier.noticesQueued).toBe(0);
      const rules = await s.rulesOf(election);
      expect(rules.calendar.forCounty('FULTON').deadlines.uocavaReceipt.display).toBe('Fri, Nov 6, 2020, 4:30 PM EST');
      const later = await s.orders.setCloseOfBusiness(ADMIN, election, { countyCode: 'FULTON', closeOfBusiness: '18:00', source: 'Extended hours, resolution 2020-15' });
      expect(later.noticesQueued).toBe(1);
      expect((await s.orders.setCloseOfBusiness(ADMIN, election, { countyCode: 'FULTON', closeOfBusiness: null, source: 'Back to the pack' })).recorded.closeOfBusiness).toBeNull();
      expect((await s.rulesOf(election)).calendar.forCounty('FULTON').closeOfBusiness).toBe('17:00');
      await expect(db.dataSource.query('DELETE FROM county_hours')).rejects.toThrow(/append-only/);
      expect(await db.dataSource.getRepository(CountyHoursEntity).countBy({ electionId: election })).toBe(3);
      const audits = await db.dataSource.getRepository(AuditEntryEntity).find({ where: { event: 'CLOSE_OF_BUSINESS_SET', electionId: election }, order: { seq: 'ASC' } });
      expect(audits[0]?.payload).toMatchObject({ countyCode: 'FULTON', before: { closeOfBusiness: '17:00' }, after: { closeOfBusiness: '16:30' } });
    });

    it('a certified county\'s deadlines no longer move', async () => {
      const election = `ga-certified-${kind}`;
      await seedElectionLike(election);
      await db.dataSource.query(`UPDATE counties SET certified_at = 1, certified_by = 'x' WHERE election_id = ${kind === 'postgres' ? '$1' : '?'} AND code = 'COBB'`, [election]);
      const refused = await refusalOf(s.orders.recordCourtOrder(COBB_SUPERVISOR, election, { citation: 'Order', summary: null, deadline: 'provisionalCure', countyCodes: null, extendedTo: '2020-11-09T17:00' }));
      expect(refused.code).toBe('county_certified');
    });
  });

  describe('a cure submitted in time counts', () => {
    async function awaitingCure(): Promise<BallotEntity> {
      const ballot = await s.intake.intake(FULTON_CLERK, provisionalIntake(NEEDS_ID));
      return (await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'REQUEST_CURE', cureReason: 'id_required' }, 1)).ballot;
    }

    it('the sweep leaves a ballot whose document came in before the deadline; the clerk accepts it after the deadline and the cure counts', async () => {
      const ballot = await awaitingCure();
      s.clock.current = CURE_DEADLINE - MINUTE;
      const sent = await uploads.submit(uploadGrant(ballot.id), 'id_document', PDF);
      if (!sent.ok) throw new Error(sent.problem);
      s.clock.current = CURE_DEADLINE + 16 * 60 * MINUTE; // Saturday morning
      expect(await s.sweep.run({ holder: 'test', electionId: GA_2020_ELECTION })).toMatchObject({ ran: true, outcome: { waitingOnDocument: 1 } });
      expect((await ballotRow(ballot.id)).status).toBe('received.awaitingCure');
      const accepted = await decisions.accept(FULTON_CLERK, ballot.id, sent.submission.id, ballot.version);
      expect(accepted.status).toBe('cured');
      const entry = (await auditOf(ballot.id)).find((e) => e.event === 'RECORD_CURE');
      expect(entry?.payload).toMatchObject({ submittedAt: '2020-11-06T21:59:00.000Z' });
    });

    it('a document declined after the deadline lets the sweep reject the ballot, and tells the voter nothing about trying again', async () => {
      const ballot = await awaitingCure();
      s.clock.current = CURE_DEADLINE - 10 * MINUTE;
      const sent = await uploads.submit(uploadGrant(ballot.id), 'id_document', PDF);
      if (!sent.ok) throw new Error(sent.problem);
      s.clock.current = CURE_DEADLINE + 60 * MINUTE;
      await decisions.decline(FULTON_CLERK, ballot.id, sent.submission.id, 'unreadable');
      expect(await db.dataSource.getRepository(OutboxEntity).countBy({ ballotId: ballot.id })).toBe(1); // the cure request only
      await s.sweep.run({ holder: 'test', electionId: GA_2020_ELECTION });
      expect(await ballotRow(ballot.id)).toMatchObject({ status: 'rejected', rejectionReason: 'no_id' });
    });

    it('issue 13: a token sends one document; a second upload with it is refused and leaves no file', async () => {
      const ballot = await awaitingCure();
      s.clock.current = CURE_DEADLINE - 60 * MINUTE;
      const grant = uploadGrant(ballot.id);
      const first = await uploads.submit(grant, 'id_document', PDF);
      expect(first.ok).toBe(true);
      const again = await uploads.submit(grant, 'cure_affidavit', PDF);
      expect(again).toEqual({ ok: false, problem: 'spent' });
      expect(await db.dataSource.getRepository(CureSubmissionEntity).countBy({ ballotId: ballot.id })).toBe(1);
      expect(readdirSync(uploadsDir).filter((f) => !f.startsWith('.'))).toHaveLength(await db.dataSource.getRepository(CureSubmissionEntity).count());
    });

    it(`issue 13: a ballot holds at most ${MAX_PENDING_UPLOADS} documents waiting; once the office declines one, another may come`, async () => {
      const ballot = await awaitingCure();
      s.clock.current = CURE_DEADLINE - 60 * MINUTE;
      const sent = [];
      for (let i = 0; i < MAX_PENDING_UPLOADS; i += 1) sent.push(await uploads.submit(uploadGrant(ballot.id), 'id_document', PDF));
      expect(sent.every((r) => r.ok)).toBe(true);
      expect(await uploads.submit(uploadGrant(ballot.id), 'id_document', PDF)).toEqual({ ok: false, problem: 'too_many' });
      const first = sent[0];
      if (first === undefined || !first.ok) throw new Error('no first upload');
      await decisions.decline(FULTON_CLERK, ballot.id, first.submission.id, 'unreadable');
      expect((await uploads.submit(uploadGrant(ballot.id), 'id_document', PDF)).ok).toBe(true);
      expect(await db.dataSource.getRepository(CureSubmissionEntity).countBy({ ballotId: ballot.id, status: 'pending' })).toBe(MAX_PENDING_UPLOADS);
    });

    it('a cure the voter made at the office before the deadline is recorded after it with the time they made it; one made after is refused', async () => {
      const ballot = await awaitingCure();
      s.clock.current = CURE_DEADLINE + 15 * MINUTE;
      const late = await refusalOf(s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'RECORD_CURE', evidence: 'Licence shown at 5:05 p.m.', submittedAt: CURE_DEADLINE + 5 * MINUTE }, ballot.version));
      expect(late.details).toMatchObject({ refusal: 'cure_deadline_passed' });
      const cured = await s.transitions.apply(FULTON_CLERK, ballot.id, { type: 'RECORD_CURE', evidence: 'Licence shown at 4:55 p.m.', submittedAt: CURE_DEADLINE - 5 * MINUTE }, ballot.version);
      expect(cured.ballot.status).toBe('cured');
    });

    it('the service\'s own sweep waits out its grace period after the deadline', async () => {
      const ballot = await awaitingCure();
      s.clock.current = CURE_DEADLINE + 30 * MINUTE;
      await s.sweep.run({ holder: 'test', electionId: GA_2020_ELECTION, graceMs: 60 * MINUTE });
      expect((await ballotRow(ballot.id)).status).toBe('received.awaitingCure');
      s.clock.current = CURE_DEADLINE + 61 * MINUTE;
      await s.sweep.run({ holder: 'test', electionId: GA_2020_ELECTION, graceMs: 60 * MINUTE });
      expect((await ballotRow(ballot.id)).status).toBe('rejected');
    });
  });

  describe('times and identities the rules can trust, at their edges', () => {
    const fields = async (overrides: Partial<IntakeInput>) => (await refusalOf(s.intake.intake(FULTON_CLERK, provisionalIntake(overrides)))).fields;
    const accepted = async (overrides: Partial<IntakeInput>) => expect((await s.intake.intake(FULTON_CLERK, provisionalIntake(overrides))).status).toBe('received.pending');

    it('receivedAt: up to five minutes ahead of the service\'s clock (skew), not later', async () => {
      await accepted({ receivedAt: THURSDAY + 5 * MINUTE, castAt: Date.UTC(2020, 10, 3, 17) });
      expect(await fields({ receivedAt: THURSDAY + 5 * MINUTE + 1000 })).toEqual([{ field: 'receivedAt', message: 'is later than now (Thu, Nov 5, 2020, 10:00 AM EST): a ballot cannot be received in the future' }]);
    });

    it('castAt: from the day advance voting opens (Mon 12 Oct 2020, O.C.G.A. 21-2-385(d)) to the end of election day, and not after receipt', async () => {
      const opens = Date.UTC(2020, 9, 12, 4); // midnight EDT
      await accepted({ castAt: opens });
      expect(await fields({ castAt: opens - 1000 })).toEqual([{ field: 'castAt', message: 'is before voting opened, Mon, Oct 12, 2020, 12:00 AM EDT (O.C.G.A. § 21-2-385(d))' }]);
      const endOfDay = Date.UTC(2020, 10, 4, 4, 59, 59, 999); // 23:59:59.999 EST, 3 Nov
      await accepted({ castAt: endOfDay, receivedAt: endOfDay });
      expect(await fields({ castAt: endOfDay + 1, receivedAt: THURSDAY })).toEqual([{ field: 'castAt', message: 'is after election day (2020-11-03)' }]);
      expect(await fields({ castAt: Date.UTC(2020, 10, 3, 18), receivedAt: Date.UTC(2020, 10, 3, 17) })).toEqual([{ field: 'castAt', message: 'is after the ballot was received' }]);
    });

    it('dateOfBirth: not after election day (nor in the future), not more than 130 years before it', async () => {
      await accepted({ claimedVoterId: null, dateOfBirth: '2020-11-03' });
      expect(await fields({ dateOfBirth: '2020-11-04' })).toEqual([{ field: 'dateOfBirth', message: 'is after election day (2020-11-03)' }]);
      expect(await fields({ dateOfBirth: '9999-12-31' })).toEqual([{ field: 'dateOfBirth', message: 'is in the future' }]);
      await accepted({ claimedVoterId: null, dateOfBirth: '1890-11-03' });
      expect(await fields({ dateOfBirth: '1890-11-02' })).toEqual([{ field: 'dateOfBirth', message: 'is more than 130 years before election day' }]);
    });

    it('a postmark or signature dated after the ballot was received is refused', async () => {
      const uocava = { kind: 'uocava', precinctId: null, issuedReason: null, castAt: null, uocavaCategory: 'military_overseas', receivedAt: Date.UTC(2020, 10, 4, 15) } as const;
      expect(await fields({ ...uocava, postmarkDate: '2020-11-05' })).toEqual([{ field: 'postmarkDate', message: 'is after the ballot was received (2020-11-04)' }]);
      expect(await fields({ ...uocava, signedDate: '2020-11-05' })).toEqual([{ field: 'signedDate', message: 'is after the ballot was received (2020-11-04)' }]);
    });

    it('every impossible time is named at once', async () => {
      expect((await fields({ receivedAt: THURSDAY + 60 * MINUTE, dateOfBirth: '2021-01-01' })).map((f) => f.field)).toEqual(['receivedAt', 'dateOfBirth']);
    });
  });

  describe('an election is judged under the law in force on its day', () => {
    const create = (input: Partial<Parameters<typeof createElection>[2]>) =>
      refusalOf(s.stores.write(ADMIN, (st) => createElection(st, loadBundledPacks(), { id: `x-${kind}`, name: 'x', state: 'GA', electionDay: '2020-11-03', ...input }, THURSDAY)));

    it('GA-2021 (SB 202) named for the 3 November 2020 election is refused, naming rulePackId', async () => {
      expect((await create({ rulePackId: 'GA-2021' })).fields).toEqual([{ field: 'rulePackId', message: expect.stringMatching(/^Rule pack GA-2021 is not the law on 3 November 2020.*Use GA-2020\.$/) }]);
    });

    it('a Georgia election on America/Denver is refused, naming timeZone', async () => {
      expect((await create({ timeZone: 'America/Denver' })).fields.map((f) => f.field)).toEqual(['timeZone']);
    });
  });

  async function seedElectionLike(id: string): Promise<void> {
    await seedEmptyElection(db.dataSource, id);
    const voters = await db.dataSource.getRepository(VoterEntity).findBy({ electionId: GA_2020_ELECTION, voterId: '1002' });
    await new TransactionRunner(db.dataSource).run((m) => m.insert(VoterEntity, voters.map((v) => Object.assign(new VoterEntity(), { ...v, electionId: id }))));
  }
});
