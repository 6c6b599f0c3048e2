import type { BallotFacts, UocavaBallotFacts, VoterRecord } from '@app/domain';
import { aProvisionalBallot, aUocavaBallot, aVoter, at, election, MINUTE } from '@test/fixtures/ballots';
import { georgia } from '@test/fixtures/jurisdiction';
import type { DeadlineName } from '../codes';
import type { ElectionCalendar } from '../deadlines';
import { decideEligibility, type EligibilityDecision } from '../eligibility';
import { loadBundledPacks } from '../packs';

/**
 * The Arizona, Pennsylvania, Colorado and Washington packs (SPEC section 4), checked against the
 * November 2020 (3 Nov) and 2022 (8 Nov) general elections. Each case names the rule it checks.
 * The jurisdiction is the Georgia-shaped fixture: its county and precinct codes are only labels.
 */

const jurisdiction = georgia();
const FUL_01 = ['president', 'us-senate', 'psc-4', 'us-house-5', 'state-senate-36', 'fulton-commission'];
const FUL_02_FOR_A_FUL_01_VOTER = ['president', 'us-senate', 'psc-4', 'fulton-commission'];
const STATEWIDE = ['president', 'us-senate', 'psc-4'];

function decide(calendar: ElectionCalendar, ballot: BallotFacts, now: number, voter: VoterRecord | null = aVoter()): EligibilityDecision {
  return decideEligibility({ ballot, voter, jurisdiction, calendar, now });
}

function deadlineOf(calendar: ElectionCalendar, name: DeadlineName, county = 'FULTON') {
  const deadline = calendar.forCounty(county).deadlines[name];
  if (deadline === null) throw new Error(`${name} has no deadline in ${calendar.pack.id}`);
  return deadline;
}

describe('state packs: loaded and chosen by state and election day', () => {
  const registry = loadBundledPacks();

  it('loadBundledPacks() validates and returns all four state packs alongside Georgia', () => {
    expect(registry.packs.map((p) => p.id)).toEqual(
      expect.arrayContaining(['GA-2020', 'GA-2021', 'AZ-2019', 'PA-2020', 'CO-2018', 'WA-2019']),
    );
  });

  it.each([
    ['AZ', '2020-11-03', 'AZ-2019', 'America/Phoenix', 'A.R.S. § 16-550(A) as amended by SB 1054, in force from 27 Aug 2019'],
    ['AZ', '2022-11-08', 'AZ-2019', 'America/Phoenix', 'before HB 2785 (9 Feb 2024)'],
    ['AZ', '2024-02-08', 'AZ-2019', 'America/Phoenix', 'the last day before HB 2785 (Laws 2024, ch. 1) took effect'],
    ['AZ', '2024-02-09', 'AZ-2024', 'America/Phoenix', 'HB 2785, an emergency act, in force on signature, 9 Feb 2024'],
    ['AZ', '2024-11-05', 'AZ-2024', 'America/Phoenix', 'the 5 Nov 2024 general election, under HB 2785'],
    ['AZ', '2026-11-03', 'AZ-2025', 'America/Phoenix', 'elections after 2024: five business days to cure again (A.R.S. § 16-550(A))'],
    ['PA', '2020-11-03', 'PA-2020', 'America/New_York', 'Act 77 of 2019, from the 2020 primary'],
    ['PA', '2022-11-08', 'PA-2020', 'America/New_York', 'Act 77 of 2019'],
    ['CO', '2020-11-03', 'CO-2018', 'America/Denver', 'C.R.S. § 1-10-103 as amended by SB 18-233'],
    ['CO', '2022-11-08', 'CO-2018', 'America/Denver', 'C.R.S. § 1-10-103 as amended by SB 18-233'],
    ['WA', '2020-11-03', 'WA-2019', 'America/Los_Angeles', 'RCW 29A.08.140 same-day registration from 20 Jun 2019'],
    ['WA', '2022-11-08', 'WA-2019', 'America/Los_Angeles', 'RCW 29A.08.140 same-day registration from 20 Jun 2019'],
  ])('select(%s, %s) is %s, in %s (%s)', (state, day, id, zone, _source) => {
    const selected = registry.select(state, day);
    expect(selected?.id).toBe(id);
    expect(selected?.timeZone).toBe(zone);
  });

  it.each([
    ['AZ', '2019-08-06', 'before SB 1054 took effect on 27 Aug 2019'],
    ['PA', '2020-03-17', 'a special election before the 2020 primary, when the Act 77 registration deadline is unconfirmed'],
    ['WA', '2019-04-23', 'before same-day registration (RCW 29A.08.140) took effect on 20 Jun 2019'],
    ['WA', '2029-11-06', 'RCW 29A.40.110 has an unreviewed new version from 1 Jan 2029'],
  ])('no pack is in force for %s on %s (%s)', (state, day, _why) => {
    expect(registry.select(state, day)).toBeUndefined();
  });
});

describe('every deadline of the 2020 and 2022 general elections, as a local instant', () => {
  it.each([
    // [pack, election day, deadline, local ISO instant (null: no such rule), citation]
    ['AZ-2019', '2020-11-03', 'registration', '2020-10-05T23:59:59.999-07:00', 'A.R.S. § 16-120(A): before midnight of the 29th day'],
    ['AZ-2019', '2020-11-03', 'provisionalCure', '2020-11-10T17:00:00.000-07:00', 'A.R.S. § 16-550(A): fifth business day after a federal election'],
    ['AZ-2019', '2020-11-03', 'uocavaPostmark', null, 'A.R.S. § 16-547: no postmark rule, receipt only'],
    ['AZ-2019', '2020-11-03', 'uocavaReceipt', '2020-11-03T19:00:00.000-07:00', 'A.R.S. § 16-547: received by 7:00 p.m. on election day'],
    ['AZ-2019', '2020-11-03', 'countyCertification', '2020-11-23T23:59:59.999-07:00', 'A.R.S. § 16-642(A): within twenty days'],
    ['AZ-2019', '2020-11-03', 'stateCertification', '2020-11-30T23:59:59.999-07:00', 'A.R.S. § 16-648(A): fourth Monday after the election'],
    ['AZ-2019', '2022-11-08', 'registration', '2022-10-11T23:59:59.999-07:00', 'A.R.S. § 16-120(A): the 29th day, Columbus Day (A.R.S. § 1-301), rolls to Tue 11 Oct'],
    ['AZ-2019', '2022-11-08', 'provisionalCure', '2022-11-16T17:00:00.000-07:00', 'A.R.S. § 16-550(A): fifth business day, skipping Veterans Day'],
    ['AZ-2019', '2022-11-08', 'uocavaPostmark', null, 'A.R.S. § 16-547: no postmark rule, receipt only'],
    ['AZ-2019', '2022-11-08', 'uocavaReceipt', '2022-11-08T19:00:00.000-07:00', 'A.R.S. § 16-547: received by 7:00 p.m. on election day'],
    ['AZ-2019', '2022-11-08', 'countyCertification', '2022-11-28T23:59:59.999-07:00', 'A.R.S. § 16-642(A): within twenty days'],
    ['AZ-2019', '2022-11-08', 'stateCertification', '2022-12-05T23:59:59.999-07:00', 'A.R.S. § 16-648(A): fourth Monday after the election'],

    ['PA-2020', '2020-11-03', 'registration', '2020-10-19T23:59:59.999-04:00', 'Act 77 of 2019: registration closes 15 days before'],
    ['PA-2020', '2020-11-03', 'provisionalCure', '2020-11-09T23:59:59.999-05:00', '25 P.S. § 3050: identification within six calendar days'],
    ['PA-2020', '2020-11-03', 'uocavaPostmark', '2020-11-02T23:59:59.999-05:00', '25 Pa.C.S. § 3509: sent by the day before election day'],
    ['PA-2020', '2020-11-03', 'uocavaReceipt', '2020-11-10T17:00:00.000-05:00', '25 Pa.C.S. § 3511: received by 5:00 p.m. on the seventh day'],
    ['PA-2020', '2020-11-03', 'countyCertification', '2020-11-23T23:59:59.999-05:00', '25 P.S. § 2642(k): third Monday after the election'],
    ['PA-2020', '2020-11-03', 'stateCertification', null, '25 P.S. § 3159: no statutory deadline for the Secretary of the Commonwealth'],
    ['PA-2020', '2022-11-08', 'registration', '2022-10-24T23:59:59.999-04:00', 'Act 77 of 2019: registration closes 15 days before'],
    ['PA-2020', '2022-11-08', 'provisionalCure', '2022-11-14T23:59:59.999-05:00', '25 P.S. § 3050: identification within six calendar days'],
    ['PA-2020', '2022-11-08', 'uocavaPostmark', '2022-11-07T23:59:59.999-05:00', '25 Pa.C.S. § 3509: sent by the day before election day'],
    ['PA-2020', '2022-11-08', 'uocavaReceipt', '2022-11-15T17:00:00.000-05:00', '25 Pa.C.S. § 3511: received by 5:00 p.m. on the seventh day'],
    ['PA-2020', '2022-11-08', 'countyCertification', '2022-11-28T23:59:59.999-05:00', '25 P.S. § 2642(k): third Monday after the election'],
    ['PA-2020', '2022-11-08', 'stateCertification', null, '25 P.S. § 3159: no statutory deadline for the Secretary of the Commonwealth'],

    ['CO-2018', '2020-11-03', 'registration', '2020-10-26T23:59:59.999-06:00', 'C.R.S. § 1-2-508(1): mail and online registration closes on the 8th day (MDT, before 1 Nov)'],
    ['CO-2018', '2020-11-03', 'provisionalCure', '2020-11-12T17:00:00.000-07:00', 'C.R.S. § 1-7.5-107.3: eighth day, 11 Nov (Veterans Day) rolled by C.R.S. § 1-1-106(4)'],
    ['CO-2018', '2020-11-03', 'uocavaPostmark', '2020-11-03T19:00:00.000-07:00', 'C.R.S. § 1-8.3-111: submitted by 7:00 p.m. MT on election day'],
    ['CO-2018', '2020-11-03', 'uocavaReceipt', '2020-11-12T17:00:00.000-07:00', 'C.R.S. § 1-8.3-113(2): close of business on the eighth day, rolled past Veterans Day'],
    ['CO-2018', '2020-11-03', 'countyCertification', '2020-11-25T23:59:59.999-07:00', 'C.R.S. § 1-10-103(1): 22nd day'],
    ['CO-2018', '2020-11-03', 'stateCertification', '2020-11-30T23:59:59.999-07:00', 'C.R.S. § 1-10-103(2): 27th day'],
    ['CO-2018', '2022-11-08', 'registration', '2022-10-31T23:59:59.999-06:00', 'C.R.S. § 1-2-508(1): mail and online registration closes on the 8th day'],
    ['CO-2018', '2022-11-08', 'provisionalCure', '2022-11-16T17:00:00.000-07:00', 'C.R.S. § 1-7.5-107.3: eighth day after election day'],
    ['CO-2018', '2022-11-08', 'uocavaPostmark', '2022-11-08T19:00:00.000-07:00', 'C.R.S. § 1-8.3-111: submitted by 7:00 p.m. MT on election day'],
    ['CO-2018', '2022-11-08', 'uocavaReceipt', '2022-11-16T17:00:00.000-07:00', 'C.R.S. § 1-8.3-113(2): close of business on the eighth day'],
    ['CO-2018', '2022-11-08', 'countyCertification', '2022-11-30T23:59:59.999-07:00', 'C.R.S. § 1-10-103(1): 22nd day'],
    ['CO-2018', '2022-11-08', 'stateCertification', '2022-12-05T23:59:59.999-07:00', 'C.R.S. § 1-10-103(2): 27th day'],

    ['WA-2019', '2020-11-03', 'registration', '2020-10-26T23:59:59.999-07:00', 'RCW 29A.08.140(1)(a): mail and online registration closes 8 days before (PDT)'],
    ['WA-2019', '2020-11-03', 'provisionalCure', '2020-11-23T17:00:00.000-08:00', 'RCW 29A.60.165: the day before certification'],
    ['WA-2019', '2020-11-03', 'uocavaPostmark', '2020-11-03T23:59:59.999-08:00', 'WAC 434-235-040(2): signed no later than election day'],
    ['WA-2019', '2020-11-03', 'uocavaReceipt', '2020-11-23T17:00:00.000-08:00', 'WAC 434-250-120(1)(c): close of business the day before certification'],
    ['WA-2019', '2020-11-03', 'countyCertification', '2020-11-24T23:59:59.999-08:00', 'RCW 29A.60.190: 21 days after a general election'],
    ['WA-2019', '2020-11-03', 'stateCertification', '2020-12-03T23:59:59.999-08:00', 'RCW 29A.60.250: thirtieth day'],
    ['WA-2019', '2022-11-08', 'registration', '2022-10-31T23:59:59.999-07:00', 'RCW 29A.08.140(1)(a): mail and online registration closes 8 days before'],
    ['WA-2019', '2022-11-08', 'provisionalCure', '2022-11-28T17:00:00.000-08:00', 'RCW 29A.60.165: the day before certification'],
    ['WA-2019', '2022-11-08', 'uocavaPostmark', '2022-11-08T23:59:59.999-08:00', 'WAC 434-235-040(2): signed no later than election day'],
    ['WA-2019', '2022-11-08', 'uocavaReceipt', '2022-11-28T17:00:00.000-08:00', 'WAC 434-250-120(1)(c): close of business the day before certification'],
    ['WA-2019', '2022-11-08', 'countyCertification', '2022-11-29T23:59:59.999-08:00', 'RCW 29A.60.190: 21 days after a general election'],
    ['WA-2019', '2022-11-08', 'stateCertification', '2022-12-08T23:59:59.999-08:00', 'RCW 29A.60.250: thirtieth day'],
  ] as const)('%s, election %s: %s is %s (%s)', (packId, day, name, local, _citation) => {
    const deadline = election(packId, day).forCounty('FULTON').deadlines[name];
    expect(deadline?.local ?? null).toBe(local);
  });

  it.each([
    ['AZ-2019', 'provisionalCure', 'A.R.S. § 16-550(A) (as amended by SB 1054, 2019)'],
    ['PA-2020', 'uocavaReceipt', '25 Pa.C.S. § 3511'],
    ['CO-2018', 'provisionalCure', 'C.R.S. § 1-7.5-107.3'],
    ['WA-2019', 'provisionalCure', 'RCW 29A.60.165'],
    ['WA-2019', 'countyCertification', 'RCW 29A.60.190'],
  ] as const)('%s %s cites %s', (packId, name, citation) => {
    expect(deadlineOf(election(packId, '2022-11-08'), name).source).toBe(citation);
  });
});

describe('the key deadline of each state: one minute before, at, and one minute after, through the eligibility engine', () => {
  /** A decision whose only variable is the instant `t` (the ballot's receipt, or the time of the decision). */
  type DecideAt = (calendar: ElectionCalendar, t: number) => EligibilityDecision;
  const signatureCure = (signature: 'missing' | 'mismatch'): DecideAt => (calendar, t) =>
    decide(calendar, aProvisionalBallot(calendar, { signature }), t);
  const idCure: DecideAt = (calendar, t) =>
    decide(calendar, aProvisionalBallot(calendar, { idShown: false, issuedReason: 'no_id' }), t, aVoter({ idOnFile: false }));
  const uocavaReceivedAt = (mailed: Partial<Pick<UocavaBallotFacts, 'postmarkDate' | 'signedDate'>>): DecideAt => (calendar, t) =>
    decide(calendar, aUocavaBallot(calendar, { ...mailed, receivedAt: t }), t + 30 * MINUTE);

  const cure = (reason: string) => ({ outcome: 'cure', eligible: false, cures: [{ reason }] });
  const counted = { outcome: 'count', eligible: true, determination: 'full', contests: FUL_01 };
  const rejected = (rejection: string) => ({ outcome: 'reject', eligible: false, rejection });

  describe.each([
    // [case (citation), pack, election day, deadline, its local time, decision at t, in time, late]
    ['AZ signature cure, A.R.S. § 16-550(A): 5th business day after the 2022 general', 'AZ-2019', '2022-11-08', 'provisionalCure', '2022-11-16T17:00', signatureCure('mismatch'), cure('signature_mismatch'), rejected('signature_mismatch')],
    ['AZ identification cure, A.R.S. § 16-579(A): 5th business day after the 2022 general', 'AZ-2019', '2022-11-08', 'provisionalCure', '2022-11-16T17:00', idCure, cure('id_required'), rejected('no_id')],
    ['AZ UOCAVA receipt, A.R.S. § 16-547: 7:00 p.m. on election day 2020', 'AZ-2019', '2020-11-03', 'uocavaReceipt', '2020-11-03T19:00', uocavaReceivedAt({}), counted, rejected('late')],
    ['PA UOCAVA receipt, 25 Pa.C.S. § 3511: 5:00 p.m. on the 7th day after the 2020 general', 'PA-2020', '2020-11-03', 'uocavaReceipt', '2020-11-10T17:00', uocavaReceivedAt({ postmarkDate: '2020-11-02' }), counted, rejected('late')],
    ['PA identification cure, 25 P.S. § 3050: 6 calendar days after the 2022 general', 'PA-2020', '2022-11-08', 'provisionalCure', '2022-11-14T23:59', idCure, cure('id_required'), rejected('no_id')],
    ['CO signature cure, C.R.S. § 1-7.5-107.3: 8 days after the 2022 general', 'CO-2018', '2022-11-08', 'provisionalCure', '2022-11-16T17:00', signatureCure('missing'), cure('signature_missing'), rejected('no_signature')],
    ['CO UOCAVA receipt, C.R.S. § 1-8.3-113(2): close of business on the 8th day after the 2022 general', 'CO-2018', '2022-11-08', 'uocavaReceipt', '2022-11-16T17:00', uocavaReceivedAt({ signedDate: '2022-11-08' }), counted, rejected('late')],
    ['WA signature cure, RCW 29A.60.165: the day before county certification of the 2020 general', 'WA-2019', '2020-11-03', 'provisionalCure', '2020-11-23T17:00', signatureCure('mismatch'), cure('signature_mismatch'), rejected('signature_mismatch')],
    ['WA UOCAVA receipt, WAC 434-250-120(1)(c): the day before county certification of the 2020 general', 'WA-2019', '2020-11-03', 'uocavaReceipt', '2020-11-23T17:00', uocavaReceivedAt({ signedDate: '2020-11-03' }), counted, rejected('late')],
  ] as const)('%s', (_case, packId, day, name, local, decideAt, inTime, late) => {
    const calendar = election(packId, day);
    const deadline = deadlineOf(calendar, name);

    it(`the deadline is ${local} local time`, () => {
      // end_of_day deadlines include the whole last minute.
      expect(deadline.at - at(calendar, local)).toBe(local.endsWith('23:59') ? 59_999 : 0);
    });

    it.each([
      ['one minute before', -MINUTE, inTime],
      ['at the deadline', 0, inTime],
      ['one minute after', MINUTE, late],
    ] as const)('%s', (_when, delta, expected) => {
      expect(decideAt(calendar, deadline.at + delta)).toMatchObject(expected);
    });
  });

  it('a cure still needed carries the deadline instant and its display in local time with the zone (A.R.S. § 16-550(A))', () => {
    const calendar = election('AZ-2019', '2022-11-08');
    const decision = signatureCure('mismatch')(calendar, at(calendar, '2022-11-10T09:00'));
    expect(decision).toMatchObject({
      outcome: 'cure',
      cures: [{ reason: 'signature_mismatch', deadline: at(calendar, '2022-11-16T17:00'), deadlineDisplay: 'Wed, Nov 16, 2022, 5:00 PM MST' }],
    });
  });
});

describe('Arizona (AZ-2019): business days, holidays and a zone without daylight saving', () => {
  const az2022 = election('AZ-2019', '2022-11-08');

  it('A.R.S. § 16-550(A) across Veterans Day (A.R.S. § 1-301): after Tue 8 Nov 2022 the business days are 9, 10, 14, 15 and 16 Nov', () => {
    expect(['2022-11-09', '2022-11-10', '2022-11-11', '2022-11-14', '2022-11-15', '2022-11-16'].map((d) => az2022.isBusinessDay(d))).toEqual([
      true, true, false, true, true, true,
    ]);
    expect(deadlineOf(az2022, 'provisionalCure').display).toBe('Wed, Nov 16, 2022, 5:00 PM MST');
  });

  it('A.R.S. § 1-301: Arizona keeps no day-after-Thanksgiving holiday, and keeps Veterans Day 2023 (a Saturday) on Friday 10 Nov', () => {
    expect(az2022.isBusinessDay('2022-11-25')).toBe(true);
    expect(az2022.isBusinessDay('2023-11-10')).toBe(false);
    // Georgia, by contrast, closes the day after Thanksgiving (O.C.G.A. § 1-4-1).
    expect(election('GA-2021', '2022-11-08').isBusinessDay('2022-11-25')).toBe(false);
  });

  it('A.R.S. § 16-120(A): the 29th day before the 2022 general fell on Columbus Day; a voter registered on Tue 11 Oct counts, one on 12 Oct does not', () => {
    const ballot = aProvisionalBallot(az2022);
    const now = at(az2022, '2022-11-09T10:00');
    expect(decide(az2022, ballot, now, aVoter({ registrationDate: '2022-10-11' }))).toMatchObject({ outcome: 'count' });
    const late = decide(az2022, ballot, now, aVoter({ registrationDate: '2022-10-12' }));
    expect(late).toMatchObject({ outcome: 'reject', rejection: 'not_registered' });
    expect(late.reasons).toContainEqual(expect.objectContaining({ code: 'not_registered', source: 'A.R.S. § 16-120(A)' }));
  });

  it('America/Phoenix keeps UTC-7 all year: the August 2020 primary and the November general cure deadlines are both 5:00 p.m. MST', () => {
    const primary = deadlineOf(election('AZ-2019', '2020-08-04'), 'provisionalCure');
    const general = deadlineOf(election('AZ-2019', '2020-11-03'), 'provisionalCure');
    expect(primary.local).toBe('2020-08-11T17:00:00.000-07:00');
    expect(new Date(primary.at).toISOString()).toBe('2020-08-12T00:00:00.000Z');
    expect(primary.display).toBe('Tue, Aug 11, 2020, 5:00 PM MST');
    expect(general.local).toBe('2020-11-10T17:00:00.000-07:00');
    expect(new Date(general.at).toISOString()).toBe('2020-11-11T00:00:00.000Z');
  });

  it('no shift on the weekend the rest of the country leaves daylight saving (1 Nov 2020): polls close at 7:00 p.m. = 02:00 UTC on both sides', () => {
    const before = election('AZ-2019', '2020-10-27').forCounty('FULTON').pollsClose;
    const after = election('AZ-2019', '2020-11-03').forCounty('FULTON').pollsClose;
    expect(new Date(before).toISOString()).toBe('2020-10-28T02:00:00.000Z');
    expect(new Date(after).toISOString()).toBe('2020-11-04T02:00:00.000Z');
    expect(after - before).toBe(7 * 24 * 60 * MINUTE);
  });
});

describe('Colorado (CO-2018): holidays that move, and holidays it does not keep', () => {
  it('C.R.S. § 1-1-106(4): the 8th day after the 2020 general was Veterans Day (C.R.S. § 24-11-101), so cure and UOCAVA receipt run to Thu 12 Nov', () => {
    const co2020 = election('CO-2018', '2020-11-03');
    expect(co2020.isBusinessDay('2020-11-11')).toBe(false);
    expect(deadlineOf(co2020, 'provisionalCure').localDate).toBe('2020-11-12');
    expect(deadlineOf(co2020, 'uocavaReceipt').localDate).toBe('2020-11-12');
    // A signature cured on the 12th is in time; on the 13th it is not.
    const ballot = aProvisionalBallot(co2020, { signature: 'missing' });
    expect(decide(co2020, ballot, at(co2020, '2020-11-12T16:00'))).toMatchObject({ outcome: 'cure' });
    expect(decide(co2020, ballot, at(co2020, '2020-11-13T09:00'))).toMatchObject({ outcome: 'reject', rejection: 'no_signature' });
  });

  it('C.R.S. § 24-11-101: Cabrini Day (first Monday in October) is a holiday from 2020, Columbus Day and the day after Thanksgiving are not', () => {
    const co2022 = election('CO-2018', '2022-11-08');
    expect(co2022.isBusinessDay('2022-10-03')).toBe(false);
    expect(co2022.isBusinessDay('2022-10-10')).toBe(true);
    expect(co2022.isBusinessDay('2022-11-25')).toBe(true);
    expect(co2022.isBusinessDay('2019-10-14')).toBe(false); // Columbus Day was still a Colorado holiday in 2019
  });
});

describe('where the ballot was cast: each pack\'s out-of-precinct and out-of-county policy', () => {
  const inOtherPrecinct = { precinctId: 'FUL-02' };
  const inSameStylePrecinct = { precinctId: 'FUL-03' };
  const inOtherCounty = { countyCode: 'DEKALB', precinctId: 'DEK-01' };

  it.each([
    ['AZ-2019', 'wrong precinct', 'Brnovich v. Democratic National Committee, Nos. 19-1257, 19-1258 (U.S. July 1, 2021)', inOtherPrecinct, { outcome: 'reject', rejection: 'wrong_precinct' }],
    ['AZ-2019', 'wrong precinct with the same ballot style', 'Brnovich v. Democratic National Committee, Nos. 19-1257, 19-1258 (U.S. July 1, 2021)', inSameStylePrecinct, { outcome: 'reject', rejection: 'wrong_precinct' }],
    ['AZ-2019', 'another county', 'Brnovich v. Democratic National Committee, Nos. 19-1257, 19-1258 (U.S. July 1, 2021)', inOtherCounty, { outcome: 'reject', rejection: 'wrong_jurisdiction' }],
    ['PA-2020', 'wrong precinct in the voter\'s county', 'Pennsylvania Department of State, provisional ballots cast in another election district of the same county', inOtherPrecinct, { outcome: 'count', determination: 'partial', contests: FUL_02_FOR_A_FUL_01_VOTER }],
    ['PA-2020', 'another county', '25 P.S. § 3050(a.4)(5)(i)', inOtherCounty, { outcome: 'reject', rejection: 'wrong_jurisdiction' }],
    ['CO-2018', 'wrong precinct in the voter\'s county', '8 CCR 1505-1, Rule 17', inOtherPrecinct, { outcome: 'count', determination: 'partial', contests: FUL_02_FOR_A_FUL_01_VOTER }],
    ['CO-2018', 'another county', '8 CCR 1505-1, Rule 17', inOtherCounty, { outcome: 'count', determination: 'partial', contests: STATEWIDE }],
    ['WA-2019', 'wrong precinct in the voter\'s county', 'WAC 434-324-076(2)', inOtherPrecinct, { outcome: 'count', determination: 'partial', contests: FUL_02_FOR_A_FUL_01_VOTER }],
    ['WA-2019', 'another county', 'WAC 434-324-076(2)', inOtherCounty, { outcome: 'count', determination: 'partial', contests: STATEWIDE }],
  ] as const)('%s, provisional ballot cast in %s (%s)', (packId, _where, citation, castIn, expected) => {
    const calendar = election(packId, '2022-11-08');
    const decision = decide(calendar, aProvisionalBallot(calendar, castIn), at(calendar, '2022-11-09T10:00'));
    expect(decision).toMatchObject(expected);
    expect(decision.reasons).toContainEqual(expect.objectContaining({ source: citation }));
  });

  it.each(['AZ-2019', 'PA-2020', 'CO-2018', 'WA-2019'])('%s: a ballot cast in the voter\'s own precinct counts in full', (packId) => {
    const calendar = election(packId, '2022-11-08');
    expect(decide(calendar, aProvisionalBallot(calendar), at(calendar, '2022-11-09T10:00'))).toMatchObject({
      outcome: 'count',
      determination: 'full',
      contests: FUL_01,
    });
  });
});

describe('postmark and signed-date rules for UOCAVA ballots received after the polls close', () => {
  it.each([
    ['PA-2020', '25 Pa.C.S. § 3509: sent the day before election day is in time', '2020-11-03', { postmarkDate: '2020-11-02' }, { outcome: 'count' }],
    ['PA-2020', '25 Pa.C.S. § 3509: sent on election day is too late', '2020-11-03', { postmarkDate: '2020-11-03' }, { outcome: 'reject', rejection: 'postmarked_late' }],
    ['WA-2019', 'WAC 434-235-040(2): signed on election day is in time', '2020-11-03', { signedDate: '2020-11-03' }, { outcome: 'count' }],
    ['WA-2019', 'WAC 434-235-040(2): signed the day after is too late', '2020-11-03', { signedDate: '2020-11-04' }, { outcome: 'reject', rejection: 'postmarked_late' }],
    ['CO-2018', 'C.R.S. § 1-8.3-111: submitted on election day is in time', '2020-11-03', { signedDate: '2020-11-03' }, { outcome: 'count' }],
    ['AZ-2019', 'A.R.S. § 16-547: a postmark cannot save a ballot received after 7:00 p.m.', '2020-11-03', { postmarkDate: '2020-10-30' }, { outcome: 'reject', rejection: 'late' }],
  ] as const)('%s: %s', (packId, _citation, day, mailed, expected) => {
    const calendar = election(packId, day);
    const ballot = aUocavaBallot(calendar, { ...mailed, receivedAt: at(calendar, '2020-11-05T10:00') });
    expect(decide(calendar, ballot, at(calendar, '2020-11-05T11:00'))).toMatchObject(expected);
  });
});

describe('Washington (WA-2019): the cure deadline follows county certification (RCW 29A.60.165, anchor "certification")', () => {
  const order = 'In re Certification of the 2020 General Election (illustrative order)';
  const extended = election('WA-2019', '2020-11-03', {
    courtOrders: [{ citation: order, deadline: 'countyCertification', countyCodes: ['FULTON'], extendedTo: '2020-12-01T17:00' }],
  });

  it('an order moving Fulton\'s certification to 1 Dec moves its cure and UOCAVA receipt deadlines to 5:00 p.m. on 30 Nov', () => {
    expect(deadlineOf(extended, 'countyCertification')).toMatchObject({ localDate: '2020-12-01', courtOrder: order });
    expect(deadlineOf(extended, 'provisionalCure').local).toBe('2020-11-30T17:00:00.000-08:00');
    expect(deadlineOf(extended, 'uocavaReceipt').local).toBe('2020-11-30T17:00:00.000-08:00');
  });

  it('counties the order does not name keep the statutory dates (RCW 29A.60.190)', () => {
    expect(deadlineOf(extended, 'countyCertification', 'COBB').localDate).toBe('2020-11-24');
    expect(deadlineOf(extended, 'provisionalCure', 'COBB').local).toBe('2020-11-23T17:00:00.000-08:00');
  });

  it('through the engine: a signature still uncured on 25 Nov can be cured under the order, and is rejected without it', () => {
    const plain = election('WA-2019', '2020-11-03');
    const now = at(plain, '2020-11-25T10:00');
    expect(decide(extended, aProvisionalBallot(extended, { signature: 'mismatch' }), now)).toMatchObject({
      outcome: 'cure',
      cures: [{ reason: 'signature_mismatch', deadline: at(extended, '2020-11-30T17:00') }],
    });
    expect(decide(plain, aProvisionalBallot(plain, { signature: 'mismatch' }), now)).toMatchObject({
      outcome: 'reject',
      rejection: 'signature_mismatch',
    });
  });
});

describe('same-day registration: the registration deadline bars a voter only where registration on election day is not allowed', () => {
  it.each([
    ['CO-2018', { outcome: 'count', determination: 'full' }, 'C.R.S. § 1-2-217.7 allows registration through election day, past the § 1-2-508(1) cutoff'],
    ['WA-2019', { outcome: 'count', determination: 'full' }, 'RCW 29A.08.140(1)(b) allows in-person registration until 8:00 p.m., past the (1)(a) cutoff'],
    ['GA-2021', { outcome: 'reject', rejection: 'not_registered' }, 'O.C.G.A. § 21-2-224(a): registration closed on the fifth Monday before'],
    ['AZ-2019', { outcome: 'reject', rejection: 'not_registered' }, 'A.R.S. § 16-120(A): registration closed on the 29th day before'],
    ['PA-2020', { outcome: 'reject', rejection: 'not_registered' }, 'Act 77 of 2019: registration closed 15 days before'],
  ] as const)('%s: a voter registered on election day -> %j (%s)', (packId, expected, _citation) => {
    const calendar = election(packId, '2022-11-08');
    const voter = aVoter({ registrationDate: '2022-11-08' });
    const ballot = aProvisionalBallot(calendar, { issuedReason: 'same_day_registration' });
    expect(decide(calendar, ballot, at(calendar, '2022-11-09T10:00'), voter)).toMatchObject(expected);
  });

  it.each([
    ['CO-2018', '2022-10-31', 'C.R.S. § 1-2-508(1)'],
    ['WA-2019', '2022-10-31', 'RCW 29A.08.140(1)(a)'],
  ] as const)('%s: the ordinary mail and online cutoff is still computed, %s, and cited (%s)', (packId, lastDay, citation) => {
    expect(deadlineOf(election(packId, '2022-11-08'), 'registration')).toMatchObject({ localDate: lastDay, source: citation });
  });
});
