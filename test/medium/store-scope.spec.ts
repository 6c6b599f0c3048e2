/* eslint-disable jest/no-standalone-expect -- the probes below are data; each runs inside the test that walks them. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError, SYSTEM_ACTOR, type StaffActor } from '@app/domain';
import {
  AuditStore,
  BallotEntity,
  BallotStore,
  CountyStore,
  CureDocumentStore,
  CureFiles,
  OutboxStore,
  ReportStore,
  RulesStore,
  VoterEntity,
  VoterStore,
  type ElectionStores,
} from '@app/persistence';
import { CureUploads } from '@app/portal';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { ADMIN, COBB_SUPERVISOR, FULTON_CLERK, GA_2020_ELECTION, provisionalIntake, seedGeorgia2020, services, type Services, uploadGrant } from '@test/support/services';

/**
 * Issue 12: a county clerk's stores never return, count or change another county's row. Every
 * method of every election store is listed below with a probe aimed at Cobb's data, run as a
 * Fulton clerk; the few that read the whole election by design are listed with the reason. A
 * method added to a store without a line here fails the first test, so an unscoped query cannot
 * slip in unnoticed.
 */

const THURSDAY = Date.UTC(2020, 10, 5, 15);
const PDF = Buffer.from('%PDF-1.4\n% a scanned driver licence\n');

/** What the probes aim at: Cobb's ballot (awaiting a cure, with a document), voter and precinct. */
interface Cobb {
  readonly ballot: BallotEntity;
  readonly documentId: string;
}

type Probe = (e: ElectionStores, cobb: Cobb) => Promise<void>;

const STORES = { ballots: BallotStore, counties: CountyStore, voters: VoterStore, cureDocuments: CureDocumentStore, reports: ReportStore, outbox: OutboxStore, audit: AuditStore, rules: RulesStore } as const;
type StoreName = keyof typeof STORES;

/** The call is refused, whether it throws at once or rejects. */
const refused = async (work: () => Promise<unknown>): Promise<void> => {
  await expect(Promise.resolve().then(work)).rejects.toBeDefined();
};
const fultonOnly = (rows: readonly { countyCode: string }[]): void => {
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.every((r) => r.countyCode === 'FULTON')).toBe(true);
};

/** A probe for every method that runs in the scope. */
const SCOPED: { readonly [S in StoreName]: Readonly<Record<string, Probe>> } = {
  ballots: {
    query: async (e) => fultonOnly(await (e.ballots as unknown as { query(): { getMany(): Promise<BallotEntity[]> } }).query().getMany()),
    get: async (e, c) => expect(await e.ballots.get(c.ballot.id)).toBeNull(),
    insert: (e, c) => refused(() => e.ballots.insert(Object.assign(new BallotEntity(), { ...c.ballot, id: '00000000-0000-4000-8000-00000000c0bb', receiptNumber: 'COBB-NEW' }))),
    updateLifecycle: async (e, c) => expect(await e.ballots.updateLifecycle(c.ballot.id, c.ballot.version, { status: 'rejected', rejectionReason: 'no_id' } as never)).toBe(false),
    queue: async (e) => {
      fultonOnly((await e.ballots.queue({ limit: 1000 })).items);
      expect((await e.ballots.queue({ limit: 1000, countyCode: 'COBB' })).items).toEqual([]);
    },
    awaitingCure: async (e) => {
      fultonOnly(await e.ballots.awaitingCure(null));
      expect(await e.ballots.awaitingCure(['COBB'])).toEqual([]);
    },
    dueForSweep: async (e, c) => expect((await e.ballots.dueForSweep(Number.MAX_SAFE_INTEGER)).map((b) => b.id)).not.toContain(c.ballot.id),
    countOutstanding: async (e) => expect(await e.ballots.countOutstanding('COBB')).toBe(0),
    countAwaitingCure: async (e) => expect(await e.ballots.countAwaitingCure('COBB')).toBe(0),
  },
  counties: {
    list: async (e) => expect((await e.counties.list()).map((c) => c.code)).toEqual(['FULTON']),
    get: async (e) => expect(await e.counties.get('COBB')).toBeNull(),
    precinct: async (e) => expect(await e.counties.precinct('COB-01')).toBeNull(),
    requireOpen: (e) => refused(() => e.counties.requireOpen('COBB')),
    certify: async (e) => expect(await e.counties.certify('COBB', THURSDAY, FULTON_CLERK.id)).toBe(false),
    reopen: async (e) => expect(await e.counties.reopen('COBB')).toBe(false),
  },
  voters: {
    get: async (e) => expect(await e.voters.get('2001')).toBeNull(),
    add: (e) => refused(() => e.voters.add([Object.assign(new VoterEntity(), { electionId: GA_2020_ELECTION, voterId: '2999', countyCode: 'COBB' })])),
    setIdOnFile: (e) => refused(() => e.voters.setIdOnFile('2001', false)),
  },
  cureDocuments: {
    query: async (e, c) => expect((await (e.cureDocuments as unknown as { query(): { getMany(): Promise<{ ballotId: string }[]> } }).query().getMany()).map((d) => d.ballotId)).not.toContain(c.ballot.id),
    forBallot: async (e, c) => expect(await e.cureDocuments.forBallot(c.ballot.id)).toEqual([]),
    get: async (e, c) => expect(await e.cureDocuments.get(c.ballot.id, c.documentId)).toBeNull(),
    earliestPendingAt: async (e, c) => expect(await e.cureDocuments.earliestPendingAt(c.ballot.id)).toBeNull(),
    decide: async (e, c) => expect(await e.cureDocuments.decide(c.ballot.id, c.documentId, { status: 'declined', decidedBy: FULTON_CLERK.id, decidedAt: THURSDAY, declineReason: 'unreadable' })).toBe(false),
    pendingByBallot: async (e, c) => expect((await e.cureDocuments.pendingByBallot([c.ballot.id])).size).toBe(0),
    countPending: async (e) => expect(await e.cureDocuments.countPending('COBB')).toBe(0),
  },
  reports: {
    ballots: async (e) => fultonOnly(await (e.reports as unknown as { ballots(f: object): { getMany(): Promise<BallotEntity[]> } }).ballots({}).getMany()),
    countBallots: async (e) => {
      expect((await e.reports.countBallots(['countyCode'])).map((g) => g.countyCode)).toEqual(['FULTON']);
      expect(await e.reports.countBallots(['countyCode'], { countyCode: 'COBB' })).toEqual([]);
    },
    partiallyCounted: async (e) => {
      fultonOnly(await e.reports.partiallyCounted());
      expect(await e.reports.partiallyCounted('COBB')).toEqual([]);
    },
  },
  outbox: {
    queueNotice: (e, c) => refused(() => e.outbox.queueNotice(c.ballot, { type: 'counted' }, THURSDAY)),
  },
  audit: {
    append: (e, c) => refused(() => e.audit.append({ event: 'VERIFY', ballot: c.ballot, payload: {}, at: THURSDAY })),
    historyOf: async (e, c) => expect(await e.audit.historyOf(c.ballot.id)).toEqual([]),
    lastOf: async (e, c) => expect((await e.audit.lastOf([c.ballot.id], ['REQUEST_CURE'])).size).toBe(0),
    countyEntries: async (e) => expect(await e.audit.countyEntries('INTAKE', 'COBB')).toEqual([]),
  },
  rules: {
    appendCourtOrder: (e) =>
      refused(() => e.rules.appendCourtOrder({ deadline: 'provisionalCure', countyCodes: ['COBB'], extendedTo: '2020-11-09T17:00', citation: 'x', summary: null, recordedBy: FULTON_CLERK.id, recordedAt: THURSDAY } as never)),
    appendCountyHours: (e) => refused(() => e.rules.appendCountyHours({ countyCode: 'COBB', closeOfBusiness: '18:00', source: 'x', recordedBy: FULTON_CLERK.id, recordedAt: THURSDAY } as never)),
  },
};

/**
 * The methods that read the whole election by design, and why. Each answers a yes or no, or
 * registration facts a ballot's research needs, or the election's public rules; none returns a
 * ballot, a document or an address of another county.
 */
const STATEWIDE_BY_DESIGN: { readonly [S in StoreName]?: Readonly<Record<string, string>> } = {
  ballots: { receiptTaken: 'receipt numbers are unique per election: a clerk must hear of a clash (yes or no)' },
  counties: { existsInElection: 'county codes are public; "no such county" is a mistake to name (yes or no)' },
  voters: {
    searchRoll: 'a provisional voter may be registered in another county: research reads the whole roll (registration facts, no address)',
    matchingNameAndBirth: 'intake\'s own match, on the whole roll (voter ids only)',
    isOnRoll: 'a match must name a registration (yes or no)',
    forDecision: 'the registration a ballot of the scope is matched to, wherever it is',
  },
  rules: {
    version: 'the election\'s rules version: public law, not county data',
    load: 'the election\'s rules (deadlines, counties\' hours, districts): public law and jurisdiction, not county data',
  },
};

function methodsOf(store: new (...args: never[]) => object): string[] {
  return Object.getOwnPropertyNames(store.prototype).filter((name) => name !== 'constructor' && typeof Object.getOwnPropertyDescriptor(store.prototype, name)?.value === 'function');
}

describe.each(testDatabases())('issue 12: a county clerk\'s stores reach their county only, on %s (medium)', (kind) => {
  let db: TestDatabase;
  let s: Services;
  let cobb: Cobb;
  let uploadsDir: string;

  /** Everything of Cobb's: its ballots, voters, county row, documents, notices and audit entries. */
  async function cobbRows(): Promise<string> {
    const q = (sql: string) => db.dataSource.query<Record<string, unknown>[]>(sql);
    return JSON.stringify([
      await q("SELECT * FROM ballots WHERE county_code = 'COBB' ORDER BY id"),
      await q("SELECT * FROM voters WHERE county_code = 'COBB' ORDER BY voter_id"),
      await q("SELECT * FROM counties WHERE code = 'COBB' ORDER BY election_id"),
      await q("SELECT d.* FROM cure_submissions d JOIN ballots b ON b.id = d.ballot_id WHERE b.county_code = 'COBB' ORDER BY d.id"),
      await q("SELECT o.* FROM outbox o JOIN ballots b ON b.id = o.ballot_id WHERE b.county_code = 'COBB' ORDER BY o.id"),
      await q("SELECT e.seq FROM audit_entries e JOIN ballots b ON b.id = e.ballot_id WHERE b.county_code = 'COBB' ORDER BY e.seq"),
      await q("SELECT * FROM court_orders"),
      await q("SELECT * FROM county_hours WHERE county_code = 'COBB'"),
    ]);
  }

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await seedGeorgia2020(db.dataSource);
    await db.dataSource.getRepository(VoterEntity).insert(
      Object.assign(new VoterEntity(), { electionId: GA_2020_ELECTION, voterId: '2002', firstName: 'Pat', lastName: 'Voter2002', dateOfBirth: '1980-02-29', countyCode: 'COBB', precinctId: 'COB-01', status: 'active', registrationDate: '2012-01-01', idOnFile: false, otherBallotAccepted: false }),
    );
    s = services(db.dataSource, THURSDAY);
    uploadsDir = mkdtempSync(join(tmpdir(), 'scope-uploads-'));
    const uploads = new CureUploads(s.stores, s.rules, s.clock, new CureFiles(uploadsDir));
    // Each county: a ballot awaiting an ID cure, with a document uploaded, and one counted in part.
    const awaiting = async (actor: StaffActor, countyCode: string, precinctId: string, voterId: string): Promise<{ ballot: BallotEntity; documentId: string }> => {
      const taken = await s.intake.intake(actor, provisionalIntake({ countyCode, precinctId, claimedVoterId: voterId, lastName: `Voter${voterId}`, idShown: false, issuedReason: 'no_id' }));
      const { ballot } = await s.transitions.apply(actor, taken.id, { type: 'REQUEST_CURE', cureReason: 'id_required' }, 1);
      const sent = await uploads.submit(uploadGrant(ballot.id), 'id_document', PDF);
      if (!sent.ok) throw new Error(sent.problem);
      return { ballot, documentId: sent.submission.id };
    };
    await awaiting(ADMIN, 'FULTON', 'FUL-01', '1002');
    cobb = await awaiting(COBB_SUPERVISOR, 'COBB', 'COB-01', '2002');
    for (const [actor, countyCode, precinctId, voterId] of [[ADMIN, 'FULTON', 'FUL-01', '1001'], [COBB_SUPERVISOR, 'COBB', 'COB-01', '2001']] as const) {
      const ballot = await s.intake.intake(actor, provisionalIntake({ countyCode, precinctId, claimedVoterId: voterId, lastName: `Voter${voterId}` }));
      await db.dataSource.getRepository(BallotEntity).update({ id: ballot.id }, { status: 'counted', determination: 'partial' });
    }
  }, 120_000);

  afterAll(async () => {
    await db.destroy();
    rmSync(uploadsDir, { recursive: true, force: true });
  });

  it('every method of every election store has a scope probe or a reason to read the whole election', () => {
    for (const [name, store] of Object.entries(STORES) as [StoreName, (typeof STORES)[StoreName]][]) {
      const covered = [...Object.keys(SCOPED[name]), ...Object.keys(STATEWIDE_BY_DESIGN[name] ?? {})].sort();
      expect({ store: name, methods: methodsOf(store).sort() }).toEqual({ store: name, methods: covered });
    }
  });

  it('run as a Fulton clerk, no probe returns, counts or changes a row of Cobb\'s', async () => {
    const before = await cobbRows();
    const ran: string[] = [];
    for (const [name, probes] of Object.entries(SCOPED) as [StoreName, Readonly<Record<string, Probe>>][]) {
      for (const [method, probe] of Object.entries(probes)) {
        // Each probe in its own transaction, as a request would be: a refusal rolls back only its own work.
        await s.stores.write(FULTON_CLERK, (st) => probe(st.election(GA_2020_ELECTION), cobb)).catch((error: unknown) => {
          throw new Error(`${name}.${method}: ${error instanceof Error ? error.message : String(error)}`);
        });
        ran.push(`${name}.${method}`);
      }
    }
    expect(ran).toHaveLength(Object.values(SCOPED).reduce((n, p) => n + Object.keys(p).length, 0));
    expect(await cobbRows()).toBe(before);
  });

  it('the same probes aimed at the clerk\'s own county do reach it: the scope narrows, it does not blind', async () => {
    await s.stores.read(FULTON_CLERK, async (st) => {
      const e = st.election(GA_2020_ELECTION);
      expect(await e.counties.get('FULTON')).not.toBeNull();
      expect(await e.ballots.countOutstanding('FULTON')).toBe(1);
      expect(await e.voters.get('1001')).not.toBeNull();
      expect(await e.reports.partiallyCounted('FULTON')).toHaveLength(1);
    });
  });

  it('across elections and beyond the election stores: a ballot by id, the jurisdiction\'s writes, a statewide view', async () => {
    await s.stores.read(FULTON_CLERK, async (st) => {
      expect(await st.ballot(cobb.ballot.id)).toBeNull();
      expect(await st.existsOutsideScope(cobb.ballot.id)).toBe(true);
      expect(() => st.election(GA_2020_ELECTION).jurisdiction()).toThrow(DomainError);
      expect(() => st.statewide()).toThrow(DomainError);
    });
    await s.stores.read(SYSTEM_ACTOR, async (st) => {
      expect(await st.ballot(cobb.ballot.id)).not.toBeNull();
      expect(() => st.statewide()).not.toThrow();
    });
  });
});
