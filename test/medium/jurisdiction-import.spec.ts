import { ElectionRulesCache, importJurisdiction, type JurisdictionImportMode, type JurisdictionImportResult } from '@app/ballots';
import type { JurisdictionBundle } from '@app/domain';
import { AuditEntryEntity, ContestEntity, CountyEntity, DistrictEntity, PrecinctDistrictEntity, PrecinctEntity, VoterEntity } from '@app/persistence';
import { loadBundledPacks } from '@app/rules';
import { GEORGIA_BUNDLE } from '@test/fixtures/jurisdiction';
import { openTestDatabase, testDatabases, type TestDatabase } from '@test/support/database';
import { FULTON_CLERK, provisionalIntake, seedEmptyElection, services, type Services } from '@test/support/services';
import { type StaffActor } from '@app/domain';

const THURSDAY = Date.UTC(2020, 10, 5, 15); // Thu 5 Nov 2020, 10:00 EST
const ADMIN: StaffActor = { id: 'u-admin', username: 'state.admin', role: 'admin', countyCode: null };

/** The fixture bundle with one more county (Clayton) that nothing will refer to: its precinct, district and contest. */
const WITH_CLAYTON: JurisdictionBundle = {
  counties: [...GEORGIA_BUNDLE.counties, { code: 'CLAYTON', name: 'Clayton' }],
  districts: [...GEORGIA_BUNDLE.districts, { id: 'clayton', kind: 'county', name: 'Clayton County' }],
  precincts: [...GEORGIA_BUNDLE.precincts, { id: 'CLA-01', countyCode: 'CLAYTON', districtIds: ['ga', 'cd-5', 'clayton'] }],
  contests: [...GEORGIA_BUNDLE.contests, { id: 'clayton-commission', districtId: 'clayton', name: 'Clayton County Commission' }],
};

describe.each(testDatabases())('jurisdiction re-imports on %s (medium)', (kind) => {
  let db: TestDatabase;
  let s: Services;
  let elections = 0;

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    s = services(db.dataSource, THURSDAY);
  });
  afterAll(async () => db.destroy());

  async function anElection(bundle: JurisdictionBundle = GEORGIA_BUNDLE): Promise<string> {
    elections += 1;
    const id = `jur-test-${elections}`;
    await seedEmptyElection(db.dataSource, id, bundle);
    return id;
  }


  const reimport = (electionId: string, bundle: JurisdictionBundle, mode: JurisdictionImportMode = 'merge'): Promise<JurisdictionImportResult> =>
    s.stores.write(ADMIN, (st) => importJurisdiction(st.election(electionId), bundle, { mode, now: THURSDAY }));

  /** The imports after the election was set up (its first import, as the service, is audited too). */
  const audits = async (electionId: string) => (await db.dataSource.getRepository(AuditEntryEntity).find({ where: { electionId, event: 'JURISDICTION_IMPORTED' }, order: { seq: 'ASC' } })).slice(1);

  /** Everything an election's jurisdiction holds, to compare before and after. */
  async function snapshot(electionId: string): Promise<unknown[]> {
    return [
      await db.dataSource.getRepository(CountyEntity).find({ where: { electionId }, order: { code: 'ASC' } }),
      await db.dataSource.getRepository(DistrictEntity).find({ where: { electionId }, order: { id: 'ASC' } }),
      await db.dataSource.getRepository(PrecinctEntity).find({ where: { electionId }, order: { id: 'ASC' } }),
      await db.dataSource.getRepository(PrecinctDistrictEntity).find({ where: { electionId }, order: { precinctId: 'ASC', districtId: 'ASC' } }),
      await db.dataSource.getRepository(ContestEntity).find({ where: { electionId }, order: { id: 'ASC' } }),
    ];
  }

  async function addVoter(electionId: string, voterId: string, precinctId: string, countyCode: string): Promise<void> {
    await db.dataSource.getRepository(VoterEntity).insert({
      electionId, voterId, firstName: 'Pat', lastName: 'Voter', dateOfBirth: '1980-02-29', countyCode, precinctId, status: 'active', registrationDate: '2012-01-01', idOnFile: true, otherBallotAccepted: false,
    });
  }

  it('the same bundle again changes nothing, writes nothing and appends no audit entry', async () => {
    const e = await anElection();
    const before = await snapshot(e);
    const result = await reimport(e, GEORGIA_BUNDLE);
    expect(result).toMatchObject({ changed: false, counties: 3, districts: 8, precincts: 5, contests: 10 });
    expect(result.changes.precincts).toEqual({ inserted: 0, updated: 0, unchanged: 5, removed: 0, kept: 0 });
    expect(await snapshot(e)).toEqual(before);
    expect(await audits(e)).toHaveLength(0);
  });

  it('a corrected bundle updates names and fields in place (county name and office, district, contest name and order, a precinct\'s districts), audited by id', async () => {
    const e = await anElection();
    const corrected: JurisdictionBundle = {
      counties: GEORGIA_BUNDLE.counties.map((c) => (c.code === 'FULTON' ? { ...c, name: 'Fulton County', office: { name: 'Fulton Registration', address: '141 Pryor St', hours: '8-5', phone: '404-612-7020' } } : c)),
      districts: GEORGIA_BUNDLE.districts.map((d) => (d.id === 'ss-36' ? { ...d, name: 'State Senate 36' } : d)),
      precincts: GEORGIA_BUNDLE.precincts.map((p) => (p.id === 'FUL-03' ? { ...p, districtIds: ['ga', 'cd-6', 'ss-36', 'fulton'] } : p)),
      // The commission race renamed and moved to the top of the county races.
      contests: [...GEORGIA_BUNDLE.contests.filter((c) => c.id !== 'fulton-commission'), { id: 'fulton-commission', districtId: 'fulton', name: 'Fulton County Board of Commissioners' }],
    };
    const result = await reimport(e, corrected);
    expect(result.changed).toBe(true);
    expect(result.changes).toMatchObject({
      counties: { updated: 1, unchanged: 2 },
      districts: { updated: 1, unchanged: 7 },
      contests: { inserted: 0, removed: 0 },
      precinctDistricts: { changedPrecincts: 1 },
    });
    expect(await db.dataSource.getRepository(CountyEntity).findOneByOrFail({ electionId: e, code: 'FULTON' })).toMatchObject({ name: 'Fulton County', officeName: 'Fulton Registration', officePhone: '404-612-7020', certifiedAt: null });
    expect(await db.dataSource.getRepository(ContestEntity).findOneByOrFail({ electionId: e, id: 'fulton-commission' })).toMatchObject({ name: 'Fulton County Board of Commissioners', ballotOrder: 9 });
    const rules = await s.stores.read(ADMIN, (st) => new ElectionRulesCache(loadBundledPacks()).get(st.election(e).rules));
    expect(rules.jurisdiction.ballotStyle('FUL-03')).toEqual(['president', 'us-senate', 'psc-4', 'us-house-6', 'state-senate-36', 'fulton-commission']);
    const [entry] = await audits(e);
    expect(entry).toMatchObject({ actorId: ADMIN.id, actorRole: 'admin', ballotId: null });
    expect(entry?.payload).toMatchObject({ mode: 'merge', updated: { counties: ['FULTON'], districts: ['ss-36'], precinctDistricts: ['FUL-03'] } });
    // Again: nothing more to do.
    expect((await reimport(e, corrected)).changed).toBe(false);
  });

  it('an office\u2019s words in Spanish arrive with the county and a change to them alone is an update (issue 14)', async () => {
    const electionId = await anElection();
    const office = { name: 'Fulton County Registration and Elections', address: '1 Main St', hours: 'Monday to Friday, 8 AM to 5 PM', phone: '404-555-0100' };
    const withSpanish = (hours: string): JurisdictionBundle => ({ ...GEORGIA_BUNDLE, counties: GEORGIA_BUNDLE.counties.map((c) => (c.code === 'FULTON' ? { ...c, office: { ...office, translations: { es: { hours } } } } : c)) });
    await reimport(electionId, withSpanish('De lunes a viernes, de 8 a. m. a 5 p. m.'));
    const result = await reimport(electionId, withSpanish('De lunes a viernes, de 9 a. m. a 5 p. m.'));
    expect(result.changes.counties).toMatchObject({ updated: 1 });
    const fulton = await db.dataSource.getRepository(CountyEntity).findOneByOrFail({ electionId, code: 'FULTON' });
    expect(fulton.officeTranslations).toEqual({ es: { hours: 'De lunes a viernes, de 9 a. m. a 5 p. m.' } });
  });

  it('merge (the default) keeps what the bundle leaves out, and counts it as kept', async () => {
    const e = await anElection(WITH_CLAYTON);
    const result = await reimport(e, GEORGIA_BUNDLE);
    expect(result).toMatchObject({ mode: 'merge', changed: false });
    expect(result.changes.counties).toEqual({ inserted: 0, updated: 0, unchanged: 3, removed: 0, kept: 1 });
    expect(await db.dataSource.getRepository(PrecinctEntity).countBy({ electionId: e, id: 'CLA-01' })).toBe(1);
  });

  it('replace removes what the bundle leaves out when nothing refers to it (a county, its precinct, district and contest)', async () => {
    const e = await anElection(WITH_CLAYTON);
    await s.intake.intake(FULTON_CLERK, provisionalIntake({ electionId: e, claimedVoterId: null, precinctId: 'FUL-02' }));
    const result = await reimport(e, GEORGIA_BUNDLE, 'replace');
    expect(result.changes).toMatchObject({
      counties: { removed: 1, kept: 0 },
      districts: { removed: 1 },
      precincts: { removed: 1 },
      contests: { removed: 1 },
    });
    const fresh = await anElection();
    const [, ...rest] = await snapshot(e);
    const [, ...expected] = await snapshot(fresh);
    const strip = (rows: unknown) => (rows as { electionId: string }[]).map(({ electionId: _e, ...row }) => row);
    expect(rest.map(strip)).toEqual(expected.map(strip));
    expect((await audits(e))[0]?.payload).toMatchObject({ mode: 'replace', removed: { counties: ['CLAYTON'], districts: ['clayton'], precincts: ['CLA-01'], contests: ['clayton-commission'] } });
  });

  it('replace refuses, naming every one, to remove a precinct with ballots, a county and precinct with voters, and a contest or district on a ballot taken in; nothing is changed', async () => {
    const e = await anElection();
    await addVoter(e, '3001', 'DEK-01', 'DEKALB');
    await s.intake.intake(FULTON_CLERK, provisionalIntake({ electionId: e, claimedVoterId: null, precinctId: 'FUL-02' }));
    const before = await snapshot(e);
    const cut: JurisdictionBundle = {
      counties: GEORGIA_BUNDLE.counties.filter((c) => c.code !== 'DEKALB'),
      districts: GEORGIA_BUNDLE.districts.filter((d) => d.id !== 'dekalb' && d.id !== 'cd-6'),
      precincts: GEORGIA_BUNDLE.precincts.filter((p) => p.id !== 'FUL-02' && p.id !== 'DEK-01').map((p) => ({ ...p, districtIds: p.districtIds.filter((d) => d !== 'cd-6') })),
      // cobb-commission was on no ballot taken in; us-house-6 was on FUL-02's.
      contests: GEORGIA_BUNDLE.contests.filter((c) => !['dekalb-commission', 'us-house-6', 'cobb-commission'].includes(c.id)),
    };
    await expect(reimport(e, cut, 'replace')).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/^the bundle would remove or move what ballots or voters refer to; nothing was changed/),
      fields: [
        { field: 'precincts', message: 'left out, but ballots or voters are in them: DEK-01, FUL-02' },
        { field: 'counties', message: 'left out, but ballots, voters, a roll import, their own hours or a certification name them: DEKALB' },
        { field: 'districts', message: 'left out, but on the ballot of ballots taken in: cd-6' },
        { field: 'contests', message: 'left out, but on the ballot of ballots taken in: us-house-6' },
      ],
    });
    expect(await snapshot(e)).toEqual(before);
    expect(await audits(e)).toHaveLength(0);
  });

  it('moving a precinct voters are in to another county is refused in either mode; an empty precinct moves', async () => {
    const e = await anElection();
    await addVoter(e, '1001', 'FUL-01', 'FULTON');
    const move = (id: string): JurisdictionBundle => ({ ...GEORGIA_BUNDLE, precincts: GEORGIA_BUNDLE.precincts.map((p) => (p.id === id ? { ...p, countyCode: 'DEKALB' } : p)) });
    for (const mode of ['merge', 'replace'] as const) {
      await expect(reimport(e, move('FUL-01'), mode)).rejects.toMatchObject({
        code: 'conflict',
        fields: [{ field: 'precincts', message: 'moved to another county, but ballots or voters are in them: FUL-01 (FULTON to DEKALB)' }],
      });
    }
    await reimport(e, move('FUL-03'));
    expect(await db.dataSource.getRepository(PrecinctEntity).findOneByOrFail({ electionId: e, id: 'FUL-03' })).toMatchObject({ countyCode: 'DEKALB' });
  });

  it('a bundle that lists an id twice is refused, naming it', async () => {
    const e = await anElection();
    const twice: JurisdictionBundle = { ...GEORGIA_BUNDLE, contests: [...GEORGIA_BUNDLE.contests, GEORGIA_BUNDLE.contests[0]!] };
    await expect(reimport(e, twice)).rejects.toMatchObject({ code: 'invalid_input', message: 'the bundle lists some ids twice: contests listed twice: president' });
  });
});
