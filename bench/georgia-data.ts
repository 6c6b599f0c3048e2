import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { IntakeInput } from '@app/ballots';
import { demoJurisdiction, LARGE_COUNTIES, picker, seededRandom } from '@app/demo';
import type { IssuedReason, JurisdictionBundle, RegistrationStatus } from '@app/domain';
import { benchIntake, INTAKE_CSV_COLUMNS, intakeCsvLine } from './bench-ballot';

/**
 * The Georgia-scale data set (issue 6): the demo's 159 counties, districts and contests with about
 * as many precincts as Georgia has (2,600), a voter roll of millions spread over them, and the
 * provisional and UOCAVA ballots of a general election. Everything is a function of fixed seeds.
 */

type Precinct = JurisdictionBundle['precincts'][number];

export const GEORGIA_PRECINCTS = 2_600;
const CONGRESSIONAL = 14;
const SENATE = 56;
const HOUSE = 180;

/**
 * The demo jurisdiction with GEORGIA_PRECINCTS precincts: the twelve large counties get about ten
 * times the share of the others. Districts are drawn as in the demo (a run of neighbouring counties
 * in the list per district), so a county's precincts can sit in different house districts.
 */
export function georgiaJurisdiction(): JurisdictionBundle {
  const demo = demoJurisdiction();
  const random = seededRandom(GEORGIA_PRECINCTS);
  const weights = demo.counties.map((c) => (LARGE_COUNTIES.has(c.name) ? 8 + 4 * random() : 0.5 + random()));
  const total = weights.reduce((a, b) => a + b, 0);
  const quotas = weights.map((w) => (w / total) * GEORGIA_PRECINCTS);
  const counts = quotas.map(Math.floor);
  // Largest remainders first, until the counts add up.
  const byRemainder = quotas.map((q, i) => [q - Math.floor(q), i] as const).sort((a, b) => b[0] - a[0]);
  for (let k = 0; counts.reduce((a, b) => a + b, 0) < GEORGIA_PRECINCTS; k += 1) {
    const index = byRemainder[k % byRemainder.length]?.[1] ?? 0;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  const n = demo.counties.length;
  const precincts = demo.counties.flatMap((county, index) => {
    const count = counts[index] ?? 1;
    return Array.from({ length: count }, (_, p): Precinct => {
      const position = (index + p / count) / n;
      const cd = 1 + Math.min(CONGRESSIONAL - 1, Math.floor(position * CONGRESSIONAL));
      const sd = 1 + Math.min(SENATE - 1, Math.floor(position * SENATE));
      const hd = 1 + Math.min(HOUSE - 1, Math.floor(position * HOUSE));
      return { id: `${county.code}-${String(p + 1).padStart(3, '0')}`, countyCode: county.code, districtIds: ['GA', `CD${cd}`, `SD${sd}`, `HD${hd}`, `CO-${county.code}`] };
    });
  });
  return { ...demo, precincts };
}

export interface RollVoter {
  readonly voterId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly dateOfBirth: string;
  readonly countyCode: string;
  readonly precinctId: string;
  readonly status: RegistrationStatus;
  readonly registrationDate: string;
  readonly idOnFile: boolean;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Voter number i of the roll: a function of i alone, so the ballots can name voters without reading the file. */
export function rollVoter(i: number, precincts: readonly Precinct[]): RollVoter {
  const random = seededRandom(7_600_000 + i);
  const precinct = precincts[Math.floor(random() * precincts.length)] as Precinct;
  const roll = random();
  const status: RegistrationStatus = roll < 0.92 ? 'active' : roll < 0.97 ? 'inactive' : roll < 0.99 ? 'pending' : 'cancelled';
  return {
    voterId: String(10_000_000 + i),
    firstName: `First${Math.floor(random() * 5_000)}`,
    lastName: `Last${Math.floor(random() * 150_000)}`,
    dateOfBirth: `${1920 + Math.floor(random() * 83)}-${two(1 + Math.floor(random() * 12))}-${two(1 + Math.floor(random() * 28))}`,
    countyCode: precinct.countyCode,
    precinctId: precinct.id,
    status,
    // One in a hundred registered after Georgia's deadline (5 October 2020).
    registrationDate: random() < 0.99 ? `${1990 + Math.floor(random() * 30)}-${two(1 + Math.floor(random() * 12))}-15` : '2020-10-20',
    idOnFile: random() < 0.9,
  };
}

/** Writes the roll as the CLI's voter CSV; returns its size in bytes. */
export async function writeRoll(path: string, voters: number, precincts: readonly Precinct[]): Promise<number> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('voter_id,first_name,last_name,date_of_birth,county_code,precinct_id,status,registration_date,id_on_file\n');
  let chunk = '';
  for (let i = 0; i < voters; i += 1) {
    const v = rollVoter(i, precincts);
    chunk += `${v.voterId},${v.firstName},${v.lastName},${v.dateOfBirth},${v.countyCode},${v.precinctId},${v.status},${v.registrationDate},${v.idOnFile}\n`;
    if (i % 2_000 === 1_999) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
  return bytes;
}

const STREETS = ['Peachtree St', 'Ponce de Leon Ave', 'Main St', 'Oak St', 'Church St', 'Magnolia Dr', 'Pine St', 'Broad St'];
const UOCAVA_CATEGORIES = ['military_overseas', 'military_stateside', 'overseas_temporary', 'overseas_permanent'] as const;
const ISSUED: readonly IssuedReason[] = ['not_on_list', 'not_on_list', 'not_on_list', 'registration_not_updated', 'mail_ballot_not_surrendered', 'challenged_by_official', 'other'];
const at = (date: string, hour: number, minute: number): number => Date.parse(`${date}T${two(hour)}:${two(minute)}:00-05:00`);
const day = (ms: number): string => new Date(ms - 5 * 3_600_000).toISOString().slice(0, 10);

/**
 * The ballots of election week, as intake takes them: 85% provisional, 15% UOCAVA (the four
 * categories alike). Of the voters, 72% name their voter id with the date of birth the roll has,
 * 6% name one with another date of birth (no match) and 22% name none. A provisional voter mostly
 * votes in their own precinct, else elsewhere in the county or, a few, in another county; 15% show
 * no ID, 3% have a signature problem, 1% voted in hours a court extended. One UOCAVA ballot in ten
 * arrived after the polls closed, half of them postmarked too late. All arrived before `now`.
 */
export function georgiaBallots(electionId: string, count: number, voters: number, bundle: JurisdictionBundle, now: number): IntakeInput[] {
  const random = seededRandom(25_000);
  const pick = picker(random);
  const byId = new Map(bundle.precincts.map((p) => [p.id, p]));
  const byCounty = new Map<string, Precinct[]>();
  for (const p of bundle.precincts) byCounty.set(p.countyCode, [...(byCounty.get(p.countyCode) ?? []), p]);
  const ballots: IntakeInput[] = [];
  for (let i = 0; i < count; i += 1) {
    const uocava = random() < 0.15;
    const who = random();
    const voter = rollVoter(Math.floor(random() * voters), bundle.precincts);
    const home = byId.get(voter.precinctId) as Precinct;
    const claimed = who < 0.78 ? voter.voterId : null;
    // A wrong day of birth on the envelope: the roll does not confirm the voter id.
    const dateOfBirth = who >= 0.72 && who < 0.78 ? `${voter.dateOfBirth.slice(0, 8)}${two(((Number(voter.dateOfBirth.slice(8)) + 2) % 28) + 1)}` : voter.dateOfBirth;
    const signatureRoll = random();
    const common = {
      receiptNumber: `GA20-${uocava ? 'U' : 'P'}-${String(i + 1).padStart(6, '0')}`,
      firstName: voter.firstName,
      lastName: voter.lastName,
      dateOfBirth,
      address: `${100 + Math.floor(random() * 9_000)} ${pick(STREETS)}, ${voter.countyCode} County, GA`,
      claimedVoterId: claimed,
      signature: signatureRoll < 0.97 ? ('present' as const) : signatureRoll < 0.99 ? ('missing' as const) : ('mismatch' as const),
      contactEmail: i % 3 === 0 ? `voter${i + 1}@example.org` : null,
      contactPhone: i % 3 === 1 ? `+1 404 555 ${String(1_000 + (i % 9_000)).padStart(4, '0')}` : null,
      language: i % 5 === 4 ? ('es' as const) : ('en' as const),
    };
    if (uocava) {
      const late = random() < 0.1;
      const receivedAt = late ? at('2020-11-04', 8, 0) + Math.floor(random() * (now - at('2020-11-04', 8, 0))) : at('2020-10-10', 9, 0) + Math.floor(random() * (at('2020-11-03', 18, 0) - at('2020-10-10', 9, 0)));
      const postmarkDate = late && random() < 0.5 ? '2020-11-04' : day(Math.min(receivedAt, at('2020-11-03', 12, 0)) - (2 + Math.floor(random() * 8)) * 86_400_000);
      ballots.push(
        benchIntake(electionId, home, {
          ...common,
          kind: 'uocava',
          precinctId: null,
          issuedReason: null,
          uocavaCategory: pick(UOCAVA_CATEGORIES),
          postmarkDate,
          receivedAt,
          castAt: null,
        }),
      );
      continue;
    }
    const where = random();
    const cast = where < 0.8 ? home : where < 0.95 ? pick(byCounty.get(home.countyCode) ?? [home]) : pick(bundle.precincts);
    const extended = random() < 0.01;
    const castAt = extended ? at('2020-11-03', 19, Math.floor(random() * 60)) : at('2020-11-03', 7 + Math.floor(random() * 12), Math.floor(random() * 60));
    const idShown = random() < 0.85;
    ballots.push(
      benchIntake(electionId, cast, {
        ...common,
        issuedReason: extended ? 'extended_hours' : idShown ? pick(ISSUED) : 'no_id',
        receivedAt: castAt,
        castAt,
        idShown,
        outOfPrecinctAffidavit: cast.id !== home.id && random() < 0.7,
      }),
    );
  }
  return ballots;
}

/** The ballots as a file for `import ballots`. */
export function ballotsCsv(ballots: readonly IntakeInput[]): string {
  return `${INTAKE_CSV_COLUMNS.join(',')}\n${ballots.map(intakeCsvLine).join('\n')}\n`;
}
