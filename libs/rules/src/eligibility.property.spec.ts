import { Jurisdiction, type BallotFacts, type JurisdictionBundle, type VoterRecord } from '@app/domain';
import { CURE_REASONS, ISSUED_REASONS, REGISTRATION_STATUSES, SIGNATURE_STATES } from '@app/domain';
import { pack } from '@test/fixtures/ballots';
import fc from 'fast-check';
import { ElectionCalendar } from './deadlines';
import { decideEligibility } from './eligibility';

/**
 * Property-based tests of the eligibility engine (SPEC section 4) over random jurisdictions,
 * voters, ballots, packs and times.
 */

const PACK_IDS = ['GA-2020', 'GA-2021'] as const;

/** A random jurisdiction: 1-3 counties, each precinct in the statewide district plus a random set of others. */
const bundleArb: fc.Arbitrary<JurisdictionBundle> = fc
  .record({
    counties: fc.integer({ min: 1, max: 3 }),
    districts: fc.integer({ min: 1, max: 6 }),
    precinctsPerCounty: fc.integer({ min: 1, max: 4 }),
    contestsPerDistrict: fc.integer({ min: 1, max: 3 }),
    seed: fc.array(fc.boolean(), { minLength: 80, maxLength: 80 }),
  })
  .map(({ counties, districts, precinctsPerCounty, contestsPerDistrict, seed }) => {
    const countyCodes = Array.from({ length: counties }, (_, i) => `C${i}`);
    const districtIds = Array.from({ length: districts }, (_, i) => `D${i}`);
    let bit = 0;
    const flip = (): boolean => seed[bit++ % seed.length] ?? false;
    return {
      counties: countyCodes.map((code) => ({ code, name: code })),
      districts: [
        { id: 'state', kind: 'statewide' as const, name: 'State' },
        ...districtIds.map((id) => ({ id, kind: 'congressional' as const, name: id })),
      ],
      precincts: countyCodes.flatMap((county) =>
        Array.from({ length: precinctsPerCounty }, (_, p) => ({
          id: `${county}-P${p}`,
          countyCode: county,
          districtIds: ['state', ...districtIds.filter(() => flip())],
        })),
      ),
      contests: ['state', ...districtIds].flatMap((districtId) =>
        Array.from({ length: contestsPerDistrict }, (_, k) => ({ id: `${districtId}-k${k}`, districtId, name: districtId })),
      ),
    };
  });

interface Scenario {
  readonly jurisdiction: Jurisdiction;
  readonly calendar: ElectionCalendar;
  readonly ballot: BallotFacts;
  readonly voter: VoterRecord | null;
  readonly now: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = bundleArb.chain((bundle) => {
  const precincts = bundle.precincts;
  const precinct = fc.constantFrom(...precincts);
  return fc
    .record({
      packId: fc.constantFrom(...PACK_IDS),
      castIn: precinct,
      registeredIn: precinct,
      hasVoter: fc.boolean(),
      status: fc.constantFrom(...REGISTRATION_STATUSES),
      registrationDate: fc.constantFrom('2010-01-01', '2020-10-05', '2020-10-06', '2022-10-10', '2022-11-01'),
      idOnFile: fc.boolean(),
      otherBallotAccepted: fc.boolean(),
      kind: fc.constantFrom('provisional' as const, 'uocava' as const),
      issuedReason: fc.constantFrom(...ISSUED_REASONS),
      idShown: fc.boolean(),
      affidavit: fc.boolean(),
      signature: fc.constantFrom(...SIGNATURE_STATES),
      curedReasons: fc.subarray([...CURE_REASONS]),
      castMinute: fc.integer({ min: 7 * 60, max: 19 * 60 }),
      receivedDays: fc.integer({ min: -20, max: 10 }),
      postmarkDays: fc.option(fc.integer({ min: -20, max: 3 }), { nil: null }),
      nowDays: fc.integer({ min: 0, max: 12 }),
    })
    .map((r): Scenario => {
      const electionDay = r.packId === 'GA-2020' ? '2020-11-03' : '2022-11-08';
      const calendar = new ElectionCalendar(pack(r.packId), { electionDay, timeZone: 'America/New_York' });
      const day = (offset: number): string => {
        const d = new Date(`${electionDay}T12:00:00Z`);
        d.setUTCDate(d.getUTCDate() + offset);
        return d.toISOString().slice(0, 10);
      };
      const castAt = calendar.instantAt(electionDay, `${String(Math.floor(r.castMinute / 60)).padStart(2, '0')}:${String(r.castMinute % 60).padStart(2, '0')}`);
      const voter: VoterRecord | null = r.hasVoter
        ? {
            voterId: 'V1',
            status: r.status,
            countyCode: r.registeredIn.countyCode,
            precinctId: r.registeredIn.id,
            registrationDate: r.registrationDate,
            idOnFile: r.idOnFile,
            otherBallotAccepted: r.otherBallotAccepted,
          }
        : null;
      const common = {
        countyCode: r.castIn.countyCode,
        receivedAt: calendar.instantAt(day(r.receivedDays), '12:00'),
        signature: r.signature,
        curedReasons: r.curedReasons,
      };
      const ballot: BallotFacts =
        r.kind === 'provisional'
          ? { ...common, kind: 'provisional', precinctId: r.castIn.id, castAt, issuedReason: r.issuedReason, idShown: r.idShown, outOfPrecinctAffidavit: r.affidavit }
          : { ...common, kind: 'uocava', category: 'military_overseas', postmarkDate: r.postmarkDays === null ? null : day(r.postmarkDays), signedDate: null };
      return { jurisdiction: new Jurisdiction(bundle), calendar, ballot, voter, now: calendar.instantAt(day(r.nowDays), '12:00') };
    });
});

const decideFor = (s: Scenario) => decideEligibility(s);

describe('eligibility engine properties', () => {
  it('a partial count\'s contests are always on both the ballot cast and the voter\'s own ballot style', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const decision = decideFor(s);
        if (decision.outcome !== 'count' || s.voter === null) return;
        const castPrecinct = s.ballot.kind === 'provisional' ? s.ballot.precinctId : s.voter.precinctId;
        const cast = s.jurisdiction.ballotStyleSet(castPrecinct);
        const own = s.jurisdiction.ballotStyleSet(s.voter.precinctId);
        expect(decision.contests.length).toBeGreaterThan(0);
        for (const contest of decision.contests) {
          expect(cast?.has(contest)).toBe(true);
          expect(own?.has(contest)).toBe(true);
        }
        if (decision.determination === 'partial') {
          expect(decision.contests.length).toBeLessThan(cast?.size ?? 0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a voter voting in their own precinct is never partially counted', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        if (s.voter === null) return;
        const ownPrecinct = s.ballot.kind === 'uocava' ? s.ballot.countyCode === s.voter.countyCode : s.ballot.precinctId === s.voter.precinctId;
        if (!ownPrecinct) return;
        const decision = decideFor(s);
        expect(decision.determination).not.toBe('partial');
        if (decision.outcome === 'count') {
          expect(decision.contests).toEqual(s.jurisdiction.ballotStyle(s.voter.precinctId));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('nothing is counted for an unregistered voter (no record, or a cancelled one)', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        if (s.voter !== null && s.voter.status !== 'cancelled') return;
        const decision = decideFor(s);
        expect(decision.eligible).toBe(false);
        expect(decision.contests).toEqual([]);
        expect(decision.outcome === 'count').toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('eligible, outcome count and a determination other than none always go together', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const decision = decideFor(s);
        expect(decision.eligible).toBe(decision.outcome === 'count');
        expect(decision.determination !== 'none').toBe(decision.eligible);
        expect(decision.contests.length > 0).toBe(decision.eligible);
      }),
      { numRuns: 400 },
    );
  });

  it('is a pure function: the same input gives the same decision', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        expect(decideFor(s)).toEqual(decideFor(s));
      }),
      { numRuns: 200 },
    );
  });

  it('a cure is offered only before its deadline', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const decision = decideFor(s);
        if (decision.outcome === 'cure') {
          for (const cure of decision.cures) expect(s.now).toBeLessThanOrEqual(cure.deadline);
        }
      }),
      { numRuns: 400 },
    );
  });
});
