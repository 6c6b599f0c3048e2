import type { BallotFacts, VoterRecord } from '@app/domain';
import { aProvisionalBallot, aUocavaBallot, aVoter, at, georgia2020, election, MINUTE } from '@test/fixtures/ballots';
import { georgia } from '@test/fixtures/jurisdiction';
import type { ElectionCalendar } from './deadlines';
import { decideEligibility, type EligibilityDecision } from './eligibility';

const jurisdiction = georgia();
const FUL_01 = ['president', 'us-senate', 'psc-4', 'us-house-5', 'state-senate-36', 'fulton-commission'];
const STATEWIDE = ['president', 'us-senate', 'psc-4'];

function decide(calendar: ElectionCalendar, ballot: BallotFacts, voter: VoterRecord | null, now: number): EligibilityDecision {
  return decideEligibility({ ballot, voter, jurisdiction, calendar, now });
}

describe('eligibility engine, Georgia 2020 (GA-2020)', () => {
  const ga = georgia2020();
  const thursday = at(ga, '2020-11-05T10:00');

  describe('registration (O.C.G.A. § 21-2-224(a))', () => {
    it('a registered voter voting in their own precinct: full count of their ballot style', () => {
      const decision = decide(ga, aProvisionalBallot(ga), aVoter(), thursday);
      expect(decision).toMatchObject({ outcome: 'count', eligible: true, determination: 'full', contests: FUL_01 });
    });

    it('no matching registration record: rejected, not_registered', () => {
      expect(decide(ga, aProvisionalBallot(ga), null, thursday)).toMatchObject({ outcome: 'reject', rejection: 'not_registered', contests: [] });
    });

    it('a cancelled registration: rejected, not_registered', () => {
      expect(decide(ga, aProvisionalBallot(ga), aVoter({ status: 'cancelled' }), thursday)).toMatchObject({ outcome: 'reject', rejection: 'not_registered' });
    });

    it('a voter a full roll re-import left out (removed from the list): rejected, not_registered, as a cancelled registration', () => {
      const removedAt = at(ga, '2020-11-04T09:00');
      const decision = decide(ga, aProvisionalBallot(ga), aVoter({ removedFromRollAt: removedAt }), thursday);
      expect(decision).toMatchObject({ outcome: 'reject', rejection: 'not_registered', contests: [] });
      expect(decision.reasons.map((r) => r.message)).toEqual([`No longer on the registration list: left out of the voter roll imported ${ga.display(removedAt)}.`]);
    });

    it('a voter back on the roll (removal cleared) counts again', () => {
      expect(decide(ga, aProvisionalBallot(ga), aVoter({ removedFromRollAt: null }), thursday)).toMatchObject({ outcome: 'count', determination: 'full' });
    });

    it('an inactive voter is still registered and counts', () => {
      expect(decide(ga, aProvisionalBallot(ga), aVoter({ status: 'inactive' }), thursday)).toMatchObject({ outcome: 'count', determination: 'full' });
    });

    it('registered on the deadline day, Monday 5 Oct 2020: counts', () => {
      expect(decide(ga, aProvisionalBallot(ga), aVoter({ registrationDate: '2020-10-05' }), thursday).outcome).toBe('count');
    });

    it('registered the day after the deadline, 6 Oct 2020: rejected, not_registered, citing the statute', () => {
      const decision = decide(ga, aProvisionalBallot(ga), aVoter({ registrationDate: '2020-10-06' }), thursday);
      expect(decision).toMatchObject({ outcome: 'reject', rejection: 'not_registered' });
      expect(decision.reasons).toContainEqual(expect.objectContaining({ code: 'not_registered', source: 'O.C.G.A. § 21-2-224(a)' }));
    });

    it('a pending registration needs a registration cure by Friday 6 Nov, 5:00 p.m.', () => {
      const decision = decide(ga, aProvisionalBallot(ga), aVoter({ status: 'pending' }), thursday);
      expect(decision).toMatchObject({
        outcome: 'cure',
        cures: [{ reason: 'registration_unresolved', deadline: at(ga, '2020-11-06T17:00'), deadlineDisplay: 'Fri, Nov 6, 2020, 5:00 PM EST' }],
      });
    });

    it('a voter with another ballot already accepted: rejected, already_voted', () => {
      expect(decide(ga, aProvisionalBallot(ga), aVoter({ otherBallotAccepted: true }), thursday)).toMatchObject({ outcome: 'reject', rejection: 'already_voted' });
    });
  });

  describe('where the ballot was cast', () => {
    it('out of precinct, GA 2020 counts only the races the voter was eligible for (O.C.G.A. § 21-2-419(c)(2))', () => {
      const ballot = aProvisionalBallot(ga, { precinctId: 'FUL-02' });
      const decision = decide(ga, ballot, aVoter(), thursday);
      // FUL-02's ballot has CD 6 and Senate 40; the voter lives in CD 5 and Senate 36.
      expect(decision).toMatchObject({
        outcome: 'count',
        determination: 'partial',
        contests: ['president', 'us-senate', 'psc-4', 'fulton-commission'],
      });
      expect(decision.reasons).toContainEqual(expect.objectContaining({ code: 'out_of_precinct', source: 'O.C.G.A. § 21-2-419(c)(2)' }));
    });

    it('out of precinct into a precinct with the same ballot style: every contest counts, so full', () => {
      expect(decide(ga, aProvisionalBallot(ga, { precinctId: 'FUL-03' }), aVoter(), thursday)).toMatchObject({
        outcome: 'count',
        determination: 'full',
        contests: FUL_01,
      });
    });

    it('out of county, GA 2020 counts the statewide races only (O.C.G.A. § 21-2-419(c))', () => {
      const ballot = aProvisionalBallot(ga, { countyCode: 'DEKALB', precinctId: 'DEK-01' });
      const decision = decide(ga, ballot, aVoter(), thursday);
      // DEK-01 shares CD 5 with the voter, but out of county only statewide races count.
      expect(decision).toMatchObject({ outcome: 'count', determination: 'partial', contests: STATEWIDE });
      expect(decision.reasons).toContainEqual(expect.objectContaining({ code: 'out_of_county', source: 'O.C.G.A. § 21-2-419(c)' }));
    });

    it('a precinct the jurisdiction does not know: rejected, wrong_jurisdiction', () => {
      expect(decide(ga, aProvisionalBallot(ga, { precinctId: 'NOWHERE' }), aVoter(), thursday)).toMatchObject({ outcome: 'reject', rejection: 'wrong_jurisdiction' });
      expect(decide(ga, aProvisionalBallot(ga), aVoter({ precinctId: 'NOWHERE' }), thursday)).toMatchObject({ outcome: 'reject', rejection: 'wrong_jurisdiction' });
    });
  });

  describe('ID cure (O.C.G.A. § 21-2-417(b)): three days to present ID', () => {
    const noId = aProvisionalBallot(ga, { issuedReason: 'no_id', idShown: false });
    const noIdOnFile = aVoter({ idOnFile: false });

    it.each([
      ['one minute before the deadline', '2020-11-06T16:59', { outcome: 'cure', cures: [expect.objectContaining({ reason: 'id_required' })] }],
      ['at the deadline, Friday 6 Nov 2020 5:00 p.m.', '2020-11-06T17:00', { outcome: 'cure', cures: [expect.objectContaining({ reason: 'id_required' })] }],
      ['one minute after the deadline', '2020-11-06T17:01', { outcome: 'reject', rejection: 'no_id' }],
    ])('%s: %o', (_name, local, expected) => {
      expect(decide(ga, noId, noIdOnFile, at(ga, local))).toMatchObject(expected);
    });

    it('the cure cites the ID statute', () => {
      const decision = decide(ga, noId, noIdOnFile, thursday);
      expect(decision).toMatchObject({ outcome: 'cure', cures: [{ source: 'O.C.G.A. § 21-2-417(b)' }] });
    });

    it('once the ID cure is recorded the ballot counts, even after the deadline', () => {
      const cured = { ...noId, curedReasons: ['id_required' as const] };
      expect(decide(ga, cured, noIdOnFile, at(ga, '2020-11-09T09:00'))).toMatchObject({ outcome: 'count', determination: 'full' });
    });

    it('no ID at the polls but ID already on file: no cure needed', () => {
      expect(decide(ga, noId, aVoter({ idOnFile: true }), thursday).outcome).toBe('count');
    });

    it('several cures needed: all listed; the first one missed rejects', () => {
      const unsigned = { ...noId, signature: 'missing' as const };
      const before = decide(ga, unsigned, noIdOnFile, thursday);
      expect(before).toMatchObject({ outcome: 'cure', cures: [{ reason: 'id_required' }, { reason: 'signature_missing' }] });
      const partlyCured = { ...unsigned, curedReasons: ['id_required' as const] };
      expect(decide(ga, partlyCured, noIdOnFile, at(ga, '2020-11-06T17:01'))).toMatchObject({ outcome: 'reject', rejection: 'no_signature' });
    });

    it('a signature that does not match needs a signature_mismatch cure; missed, it rejects as signature_mismatch', () => {
      const mismatch = aProvisionalBallot(ga, { signature: 'mismatch' });
      const decision = decide(ga, mismatch, aVoter(), thursday);
      expect(decision).toMatchObject({ outcome: 'cure', cures: [{ reason: 'signature_mismatch' }] });
      expect(decide(ga, mismatch, aVoter(), at(ga, '2020-11-07T09:00'))).toMatchObject({ outcome: 'reject', rejection: 'signature_mismatch' });
    });

    it('a court order extending the cure deadline keeps the cure open past Friday', () => {
      const extended = georgia2020({
        courtOrders: [{ citation: 'Illustrative order', deadline: 'provisionalCure', countyCodes: ['FULTON'], extendedTo: '2020-11-09T17:00' }],
      });
      expect(decide(extended, noId, noIdOnFile, at(extended, '2020-11-09T17:00')).outcome).toBe('cure');
      expect(decide(extended, noId, noIdOnFile, at(extended, '2020-11-09T17:01')).outcome).toBe('reject');
    });
  });

  describe('court-extended polling hours (HAVA section 302(c))', () => {
    it('a ballot cast in court-extended hours is held apart, never counted or rejected by the engine', () => {
      const decision = decide(ga, aProvisionalBallot(ga, { issuedReason: 'extended_hours' }), aVoter(), thursday);
      expect(decision).toMatchObject({ outcome: 'hold', eligible: false, determination: 'none', contests: [] });
      expect(decision.reasons[0]?.source).toBe('HAVA section 302(c), 52 U.S.C. 21082(c)');
    });
  });

  describe('UOCAVA timeliness (O.C.G.A. § 21-2-386(a)(1)(G)): postmarked by 3 Nov, received by close of business Fri 6 Nov', () => {
    const postmarked = (date: string, receivedLocal: string) =>
      aUocavaBallot(ga, { postmarkDate: date, receivedAt: at(ga, receivedLocal) });

    it.each([
      ['received one minute before the deadline', '2020-11-06T16:59', { outcome: 'count' }],
      ['received at the deadline, 5:00 p.m. Friday', '2020-11-06T17:00', { outcome: 'count' }],
      ['received one minute after the deadline', '2020-11-06T17:01', { outcome: 'reject', rejection: 'late' }],
    ])('postmarked 3 Nov, %s: %o', (_name, received, expected) => {
      expect(decide(ga, postmarked('2020-11-03', received), aVoter(), at(ga, '2020-11-09T09:00'))).toMatchObject(expected);
    });

    it.each([
      ['postmarked 2 Nov', '2020-11-02', { outcome: 'count' }],
      ['postmarked election day, 3 Nov', '2020-11-03', { outcome: 'count' }],
      ['postmarked the day after, 4 Nov', '2020-11-04', { outcome: 'reject', rejection: 'postmarked_late' }],
    ])('received Thursday 5 Nov, %s: %o', (_name, postmark, expected) => {
      expect(decide(ga, postmarked(postmark, '2020-11-05T11:00'), aVoter(), at(ga, '2020-11-09T09:00'))).toMatchObject(expected);
    });

    it('no postmark: the voter\'s signed date stands in for it', () => {
      const signedInTime = aUocavaBallot(ga, { signedDate: '2020-11-01', receivedAt: at(ga, '2020-11-05T11:00') });
      const signedLate = aUocavaBallot(ga, { signedDate: '2020-11-04', receivedAt: at(ga, '2020-11-05T11:00') });
      expect(decide(ga, signedInTime, aVoter(), thursday).outcome).toBe('count');
      expect(decide(ga, signedLate, aVoter(), thursday)).toMatchObject({ outcome: 'reject', rejection: 'postmarked_late' });
    });

    it('received after the polls closed with neither postmark nor signed date: rejected, postmarked_late', () => {
      const bare = aUocavaBallot(ga, { receivedAt: at(ga, '2020-11-04T09:00') });
      expect(decide(ga, bare, aVoter(), thursday)).toMatchObject({ outcome: 'reject', rejection: 'postmarked_late' });
    });

    it('in hand before the polls close on election day: no postmark needed', () => {
      const early = aUocavaBallot(ga, { receivedAt: at(ga, '2020-11-03T19:00') });
      expect(decide(ga, early, aVoter(), thursday).outcome).toBe('count');
      const afterPolls = aUocavaBallot(ga, { receivedAt: at(ga, '2020-11-03T19:00') + MINUTE });
      expect(decide(ga, afterPolls, aVoter(), thursday)).toMatchObject({ outcome: 'reject', rejection: 'postmarked_late' });
    });

    it('a county close of business of 16:30: received at 16:30 counts, at 16:31 is late', () => {
      const dekalb = georgia2020({
        countyOverrides: [{ countyCode: 'DEKALB', closeOfBusiness: '16:30', source: 'DeKalb County posted office hours' }],
      });
      const voter = aVoter({ countyCode: 'DEKALB', precinctId: 'DEK-01' });
      const received = (local: string) => aUocavaBallot(dekalb, { countyCode: 'DEKALB', postmarkDate: '2020-11-03', receivedAt: at(dekalb, local) });
      expect(decide(dekalb, received('2020-11-06T16:30'), voter, thursday).outcome).toBe('count');
      expect(decide(dekalb, received('2020-11-06T16:31'), voter, thursday)).toMatchObject({ outcome: 'reject', rejection: 'late' });
    });

    it('a timely UOCAVA ballot counts the voter\'s own ballot style in full', () => {
      expect(decide(ga, postmarked('2020-10-20', '2020-10-28T10:00'), aVoter(), thursday)).toMatchObject({
        outcome: 'count',
        determination: 'full',
        contests: FUL_01,
      });
    });

    it('a UOCAVA ballot received by a county other than the voter\'s: statewide contests only', () => {
      const ballot = aUocavaBallot(ga, { countyCode: 'COBB' });
      expect(decide(ga, ballot, aVoter(), thursday)).toMatchObject({ outcome: 'count', determination: 'partial', contests: STATEWIDE });
    });
  });
});

describe('eligibility engine, Georgia after SB 202 (GA-2021)', () => {
  // The November 2022 general election: Tuesday 8 Nov 2022.
  const ga = election('GA-2021', '2022-11-08');
  const later = at(ga, '2022-11-09T10:00');
  const REJECTED = { outcome: 'reject', rejection: 'wrong_precinct' };
  const PARTIAL = { outcome: 'count', determination: 'partial', contests: ['president', 'us-senate', 'psc-4', 'fulton-commission'] };
  const outOfPrecinct = (castLocal: string, affidavit: boolean) =>
    aProvisionalBallot(ga, { precinctId: 'FUL-02', castAt: at(ga, castLocal), outOfPrecinctAffidavit: affidavit });

  it.each([
    ['cast 4:59 p.m. with the sworn statement', '2022-11-08T16:59', true, REJECTED],
    ['cast at 5:00 p.m. with the sworn statement', '2022-11-08T17:00', true, PARTIAL],
    ['cast 5:01 p.m. with the sworn statement', '2022-11-08T17:01', true, PARTIAL],
    ['cast 6:30 p.m. without the sworn statement', '2022-11-08T18:30', false, REJECTED],
  ])('out of precinct, %s (O.C.G.A. § 21-2-418(a) as amended by SB 202): %o', (_name, cast, affidavit, expected) => {
    const decision = decide(ga, outOfPrecinct(cast, affidavit), aVoter(), later);
    expect(decision).toMatchObject(expected);
    expect(decision.reasons).toContainEqual(
      expect.objectContaining({ code: 'out_of_precinct', source: 'O.C.G.A. § 21-2-418(a) (as amended by SB 202, 2021)' }),
    );
  });

  it('in the voter\'s own precinct the 5 p.m. rule does not apply: a morning ballot counts in full', () => {
    expect(decide(ga, aProvisionalBallot(ga, { castAt: at(ga, '2022-11-08T08:00') }), aVoter(), later)).toMatchObject({
      outcome: 'count',
      determination: 'full',
    });
  });

  it('counties certify by 5 p.m. on the Monday after the election (O.C.G.A. § 21-2-493(k) as amended)', () => {
    expect(ga.forCounty('FULTON').deadlines.countyCertification.display).toBe('Mon, Nov 14, 2022, 5:00 PM EST');
  });
});
