import type { IntakeInput } from '@app/ballots';
import { BALLOT_COLUMNS, BALLOT_OPTIONAL_COLUMNS } from '@app/imports';

/**
 * The one builder of benchmark ballots: a ballot as intake takes it. The benchmarks that seed the
 * table directly (seed-ballots.ts), that drive intake through the service layer (import.bench.ts)
 * and that import a CSV with the CLI (georgia.bench.ts) all start here.
 */

/** Noon on election day in Georgia: when a benchmark's provisional ballot is cast, unless it says otherwise. */
export const BENCH_NOON = Date.parse('2020-11-03T12:00:00-05:00');

/**
 * A provisional ballot cast at noon on election day in `precinct`, by a voter who claims no voter
 * id, showed ID and signed; `fields` vary it (a UOCAVA ballot sets kind, precinctId and the rest).
 */
export function benchIntake(
  electionId: string,
  precinct: { readonly id: string; readonly countyCode: string },
  fields: Pick<IntakeInput, 'receiptNumber'> & Partial<IntakeInput>,
): IntakeInput {
  return {
    electionId,
    kind: 'provisional',
    countyCode: precinct.countyCode,
    precinctId: precinct.id,
    firstName: 'Pat',
    lastName: 'Voter',
    dateOfBirth: '1980-02-29',
    address: '1 Main St',
    claimedVoterId: null,
    issuedReason: 'not_on_list',
    uocavaCategory: null,
    fwab: false,
    postmarkDate: null,
    signedDate: null,
    receivedAt: BENCH_NOON,
    castAt: BENCH_NOON,
    idShown: true,
    outOfPrecinctAffidavit: false,
    signature: 'present',
    notes: '',
    contactEmail: null,
    contactPhone: null,
    language: 'en',
    ...fields,
  };
}

/** The header of a ballot file for `import ballots`: every column the import reads. */
export const INTAKE_CSV_COLUMNS: readonly string[] = [...BALLOT_COLUMNS, ...BALLOT_OPTIONAL_COLUMNS];

const field = (column: string): keyof IntakeInput => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()) as keyof IntakeInput;
const INSTANTS = new Set<keyof IntakeInput>(['receivedAt', 'castAt']);

/** One line of that file (no line break): instants in ISO 8601 with their offset, an empty cell for null. */
export function intakeCsvLine(input: IntakeInput): string {
  return INTAKE_CSV_COLUMNS.map((column) => {
    const key = field(column);
    const value = input[key];
    if (value === null || value === undefined) return '';
    if (INSTANTS.has(key)) return new Date(value as number).toISOString();
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }).join(',');
}
