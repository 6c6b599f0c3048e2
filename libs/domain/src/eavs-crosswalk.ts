/**
 * The EAVS crosswalk, as data: for each survey instrument this service files (2020, 2022, 2024),
 * every item it can answer from the ballots it adjudicates, with the item's number, its label as
 * that year's EAC codebook words it, what the service counts in it, and which source confirmed the
 * number. The EAC renumbers items between instruments (section E's rejection reasons moved from E2
 * to E3 in 2022; section B's totals moved in 2024), so nothing here is carried from one year to
 * another without a source for that year. An item no source confirmed for its year is kept, and
 * marked unconfirmed (`confirmedBy: []`): the export shows that on its row, never a guess passed
 * off as a fact.
 *
 * Labels: where a source gives the codebook label it is used as written there; where it gives only
 * a column name (the 2024 section B sub-items) or nothing, the label is ours and says so.
 */
import { throwIllegalValue } from './assert';
import type { BallotKind, IssuedReason, RejectionReason, UocavaCategory } from './codes';

/** Where a ballot stands for the survey. */
export type EavsOutcome = 'counted_full' | 'counted_partial' | 'rejected' | 'undecided';

/** Uniformed-services voters and non-military overseas citizens, as section B splits them. */
export type EavsVoterGroup = 'uniformed' | 'overseas';

export const EAVS_VOTER_GROUP: { readonly [C in UocavaCategory]: EavsVoterGroup } = {
  military_overseas: 'uniformed',
  military_stateside: 'uniformed',
  overseas_temporary: 'overseas',
  overseas_permanent: 'overseas',
};

/** Which ballots an item counts: those of the kind that match every field given. */
export interface EavsMeasure {
  readonly kind: BallotKind;
  /** Every outcome when absent. */
  readonly outcomes?: readonly EavsOutcome[];
  readonly voters?: EavsVoterGroup;
  readonly rejectionReason?: RejectionReason;
  readonly issuedReason?: IssuedReason;
  /** Federal write-in absentee ballots only. */
  readonly fwabOnly?: boolean;
}

/** Where each item number was checked. Each entry says what it is and how far it can be trusted. */
export const EAVS_SOURCES = {
  tidyeavs: {
    title: 'tidyeavs metadata/crosswalk.csv (a third-party crosswalk of the EAC codebooks, with each year\u2019s codebook label)',
    url: 'https://github.com/zaynesember/tidyeavs/blob/4c5026681b412d2caa8a6e89df95a32331229c9b/metadata/crosswalk.csv',
  },
  vrl2024: {
    title: 'Voting Rights Lab eavs-data sql/generated/uocava_union.sql (column names of the EAC\u2019s 2024 section B file)',
    url: 'https://github.com/Voting-Rights-Lab/eavs-data/blob/ff2b2e9caf928296aac3caf458805f4ec24be537/sql/generated/uocava_union.sql',
  },
  schema2024: {
    title: 'an EAVS 2016-2024 data schema listing 2024 section E and B items by code and label (public code index file 14053571523; the index does not name its repository; it agrees with tidyeavs on every item both give)',
    url: 'search index file 14053571523',
  },
} as const;
export type EavsSourceId = keyof typeof EAVS_SOURCES;

/**
 * Seen but not counted as confirmation for 2020-2024: the EAC's 2018 codebook (as kept in
 * ejfox/eavs-analysis eavs_codebook.csv). It has E1e "Other", E2k-E2m "Other 1-3" with a text
 * field for each, and sub-items b (uniformed services) and c (non-military) of B9, B14, B18, B23
 * and B24; tidyeavs says 2018 and 2020 share these numbers for the totals, which makes the 2018
 * layout the likely one, not a confirmed one.
 */
export const EAVS_2018_CODEBOOK = 'https://github.com/ejfox/eavs-analysis/blob/40570ef5948d87a6a9b0451e30b59d04511489c4/eavs_codebook.csv';

/** The instruments in this crosswalk. */
export const EAVS_INSTRUMENT_YEARS = [2020, 2022, 2024] as const;
export type EavsInstrumentYear = (typeof EAVS_INSTRUMENT_YEARS)[number];

/**
 * What an item is for the sum checks: the totals and parts they add up. Sub-items (uniformed
 * services, non-military) are `detail`.
 */
export const EAVS_ROLES = [
  'provisional_total',
  'provisional_full',
  'provisional_partial',
  'provisional_rejected',
  'provisional_undecided',
  'provisional_cast_reason',
  'provisional_rejected_total',
  'provisional_rejected_reason',
  'uocava_returned',
  'uocava_counted',
  'uocava_rejected',
  'uocava_undecided',
  'fwab_returned',
  'fwab_counted',
  'detail',
] as const;
export type EavsRole = (typeof EAVS_ROLES)[number];

export interface EavsItemSpec {
  readonly section: 'B' | 'E';
  /** The item number in this year's instrument, or a name that says it is not an item (`B-undecided`). */
  readonly item: string;
  /** The item as that year's codebook words it; ours (and said to be) where no source gave it. */
  readonly label: string;
  /** What this service counts in it; for an "Other" slot, the text to give as its description. */
  readonly counts: string;
  readonly role: EavsRole;
  readonly measure: EavsMeasure;
  /** The sources that gave this number for this year; empty: unconfirmed. */
  readonly confirmedBy: readonly EavsSourceId[];
  /** Why it is unconfirmed, or what else to know. */
  readonly note: string;
}

export interface EavsInstrument {
  readonly year: EavsInstrumentYear;
  readonly items: readonly EavsItemSpec[];
}

const UNCONFIRMED_2018 = 'Unconfirmed for this year: the EAC 2018 codebook has this number and wording; no source seen gives it for this year.';
const UNCONFIRMED = 'Unconfirmed: no source seen gives this item for this year; check the instrument before filing.';
const FWAB_INCLUDED =
  'FWABs are counted here too (a FWAB is a UOCAVA ballot returned by the voter); whether the instrument wants them inside this total could not be confirmed.';

const ONLY_SCHEMA = 'Its only source is schema2024, whose repository the index does not name: check it against the instrument before filing.';

const COUNTED: readonly EavsOutcome[] = ['counted_full', 'counted_partial'];

/** Our rejection codes in the order of the survey's reason items; the last three go to its "Other" slots. */
const REJECTION_ITEMS: readonly { readonly reason: RejectionReason; readonly label: string; readonly counts: string }[] = [
  { reason: 'not_registered', label: 'Not Registered', counts: 'Rejected: voter not registered in the state' },
  { reason: 'wrong_jurisdiction', label: 'Wrong Jurisdiction', counts: 'Rejected: voter registered in the state but in another jurisdiction' },
  { reason: 'wrong_precinct', label: 'Wrong Precinct', counts: 'Rejected: voter registered in the jurisdiction but voted in the wrong precinct' },
  { reason: 'no_id', label: 'No ID', counts: 'Rejected: voter did not give sufficient identification' },
  { reason: 'incomplete', label: 'Incomplete', counts: 'Rejected: envelope or ballot incomplete or illegible' },
  { reason: 'ballot_missing', label: 'Ballot Missing', counts: 'Rejected: ballot missing from the envelope' },
  { reason: 'no_signature', label: 'No Signature', counts: 'Rejected: no signature' },
  { reason: 'signature_mismatch', label: 'Non-matching Signature', counts: 'Rejected: signature does not match' },
  { reason: 'already_voted', label: 'Already Voted', counts: 'Rejected: voter already voted' },
];
const OTHER_REJECTIONS: readonly { readonly reason: RejectionReason; readonly counts: string }[] = [
  { reason: 'late', counts: 'Other (describe as): received after the deadline' },
  { reason: 'postmarked_late', counts: 'Other (describe as): postmarked after the deadline' },
  { reason: 'other', counts: 'Other (describe as): other reason, as noted on each ballot' },
];

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

function item(section: 'B' | 'E', number: string, label: string, counts: string, role: EavsRole, measure: EavsMeasure, confirmedBy: readonly EavsSourceId[], note = ''): EavsItemSpec {
  return { section, item: number, label, counts, role, measure, confirmedBy, note: note === '' && confirmedBy.length === 0 ? UNCONFIRMED : note };
}

/** E1a-E1e: what became of the provisional ballots; the same numbers in 2020, 2022 and 2024. */
function dispositions(year: EavsInstrumentYear, labels: { readonly total: string; readonly full: string; readonly partial: string; readonly rejected: string }): EavsItemSpec[] {
  const provisional = (outcomes?: readonly EavsOutcome[]): EavsMeasure => (outcomes === undefined ? { kind: 'provisional' } : { kind: 'provisional', outcomes });
  const alsoSchema: readonly EavsSourceId[] = year === 2024 ? ['tidyeavs', 'schema2024'] : ['tidyeavs'];
  return [
    item('E', 'E1a', labels.total, 'Provisional ballots submitted', 'provisional_total', provisional(), alsoSchema),
    item('E', 'E1b', labels.full, 'Provisional ballots counted in full', 'provisional_full', provisional(['counted_full']), ['tidyeavs']),
    item('E', 'E1c', labels.partial, 'Provisional ballots counted in part', 'provisional_partial', provisional(['counted_partial']), ['tidyeavs']),
    item('E', 'E1d', labels.rejected, 'Provisional ballots rejected', 'provisional_rejected', provisional(['rejected']), alsoSchema),
    item('E', 'E1e', 'Other (ours: the 2018 codebook words it "Provisional Ballots: Other", with a text field)', 'Other (describe as): not yet decided when this export was made', 'provisional_undecided', provisional(['undecided']), [], UNCONFIRMED_2018),
  ];
}

/** The rejection reasons block: E2 in 2020, E3 from 2022. */
function rejections(question: 'E2' | 'E3', totalLabel: string, labelPrefix: string, confirmedBy: readonly EavsSourceId[], otherNote: string): EavsItemSpec[] {
  return [
    item('E', `${question}a`, totalLabel, 'Provisional ballots rejected, every reason', 'provisional_rejected_total', { kind: 'provisional', outcomes: ['rejected'] }, ['tidyeavs']),
    ...REJECTION_ITEMS.map((r, i) =>
      item('E', `${question}${LETTERS[i + 1] ?? '?'}`, `${labelPrefix}${r.label}`, r.counts, 'provisional_rejected_reason', { kind: 'provisional', outcomes: ['rejected'], rejectionReason: r.reason }, confirmedBy),
    ),
    ...OTHER_REJECTIONS.map((r, i) =>
      item('E', `${question}${LETTERS[i + 10] ?? '?'}`, `Other ${i + 1} (ours: "Provisional Ballots Rejected: Other ${i + 1}" in the 2018 codebook, with a text field)`, r.counts, 'provisional_rejected_reason', { kind: 'provisional', outcomes: ['rejected'], rejectionReason: r.reason }, [], otherNote),
    ),
  ];
}

/** From 2022, E2 asks why each provisional ballot was cast: our issued-reason codes, in the instrument's order. */
function castReasons(year: 2022 | 2024): EavsItemSpec[] {
  const byYear = (codebook2022: string | null, codebook2024: string | null, schema: string | null): { label: string; confirmedBy: EavsSourceId[] } => {
    switch (year) {
      case 2022:
        return codebook2022 !== null ? { label: codebook2022, confirmedBy: ['tidyeavs'] } : { label: '', confirmedBy: [] };
      case 2024: {
        const confirmedBy: EavsSourceId[] = [...(codebook2024 !== null ? (['tidyeavs'] as const) : []), ...(schema !== null ? (['schema2024'] as const) : [])];
        return { label: codebook2024 ?? schema ?? '', confirmedBy };
      }
      default:
        return throwIllegalValue(year, 'instrument year');
    }
  };
  const reasons: readonly { readonly reason: IssuedReason; readonly ours: string; readonly counts: string; readonly codebook: string | null; readonly schema: string | null }[] = [
    { reason: 'not_on_list', ours: 'Voter not on the list of eligible voters', counts: 'Cast: voter not on the list of eligible voters', codebook: 'Not on List of Eligible Voters', schema: 'Provisional Ballots Cast Voter Not on List' },
    { reason: 'no_id', ours: 'Voter lacked ID', counts: 'Cast: voter did not have the identification asked for', codebook: 'Provisional No ID', schema: 'Provisional Ballots Cast Voter Lacked ID' },
    { reason: 'challenged_by_official', ours: 'Election official challenged eligibility', counts: 'Cast: an election official challenged the voter\u2019s eligibility', codebook: null, schema: 'Provisional Ballots Cast Election Official Challenged Eligibility' },
    { reason: 'challenged_by_other', ours: 'Another person challenged eligibility', counts: 'Cast: another person challenged the voter\u2019s eligibility', codebook: 'Provisional Non-Official Challenged Eligibility', schema: 'Provisional Ballots Cast Another Person Challenged Eligibility' },
    { reason: 'not_resident', ours: 'Voter not a resident of the precinct', counts: 'Cast: voter not a resident of the precinct', codebook: 'Provisional Not Resident of Precinct', schema: 'Provisional Ballots Cast Voter Not Resident' },
    { reason: 'registration_not_updated', ours: 'Voter registration not updated', counts: 'Cast: the voter\u2019s registration was not updated', codebook: null, schema: 'Provisional Ballots Cast Voter Registration Not Updated' },
    { reason: 'mail_ballot_not_surrendered', ours: 'Voter did not surrender a mail ballot', counts: 'Cast: voter did not surrender the mail ballot issued to them', codebook: null, schema: 'Provisional Ballots Cast Voter Did Not Surrender Mail Ballot' },
    { reason: 'extended_hours', ours: 'Voting hours extended by a court', counts: 'Cast: in hours a judge extended', codebook: null, schema: 'Provisional Ballots Cast Judge Extended Voting Hours' },
    { reason: 'same_day_registration', ours: 'Voter used same-day registration', counts: 'Cast: voter used same-day registration', codebook: null, schema: 'Provisional Ballots Cast Voter Used SDR' },
  ];
  return [
    ...reasons.map((r, i) => {
      const seen = byYear(r.codebook, r.codebook, r.schema);
      const label = seen.label === '' ? `${r.ours} (ours: no source gives this year\u2019s wording)` : seen.label;
      const onlySchema = seen.confirmedBy.length === 1 && seen.confirmedBy[0] === 'schema2024';
      return item('E', `E2${LETTERS[i] ?? '?'}`, label, r.counts, 'provisional_cast_reason', { kind: 'provisional', issuedReason: r.reason }, seen.confirmedBy, onlySchema ? ONLY_SCHEMA : '');
    }),
    item('E', 'E2j', 'Other (ours: no source gives an "Other" slot of E2 for this year)', 'Other (describe as): cast for another reason', 'provisional_cast_reason', { kind: 'provisional', issuedReason: 'other' }, []),
  ];
}

/** One block of section B: the total (a), uniformed services voters (b), non-military overseas citizens (c). */
interface BlockTotal {
  readonly label: string;
  readonly confirmedBy: readonly EavsSourceId[];
  readonly note?: string;
}

function block(number: number, what: string, role: EavsRole, measure: EavsMeasure, total: BlockTotal, uniformed: BlockTotal | null, subNote: string): EavsItemSpec[] {
  return [
    item('B', `B${number}a`, total.label, what, role, measure, total.confirmedBy, total.note ?? ''),
    item('B', `B${number}b`, uniformed?.label ?? `${what}: uniformed services voters (ours)`, `${what}: uniformed services voters`, 'detail', { ...measure, voters: 'uniformed' }, uniformed?.confirmedBy ?? [], uniformed?.note ?? subNote),
    item('B', `B${number}c`, `${what}: non-military overseas citizens (ours)`, `${what}: non-military overseas citizens`, 'detail', { ...measure, voters: 'overseas' }, [], subNote),
  ];
}

/** Section B: UOCAVA ballots returned, counted and rejected, and FWABs returned and counted. */
function sectionB(year: EavsInstrumentYear, numbers: { readonly returned: number; readonly counted: number; readonly rejected: number; readonly fwabReturned: number; readonly fwabCounted: number }): EavsItemSpec[] {
  const latest = year === 2024;
  const subNote = latest ? UNCONFIRMED : UNCONFIRMED_2018;
  const totals: readonly EavsSourceId[] = latest ? ['tidyeavs', 'vrl2024'] : ['tidyeavs'];
  const column = (label: string): BlockTotal | null => (latest ? { label, confirmedBy: ['vrl2024'], note: 'Label read from the column name in the EAC\u2019s 2024 file.' } : null);
  const fwab: EavsMeasure = { kind: 'uocava', fwabOnly: true };
  return [
    ...block(numbers.returned, 'UOCAVA ballots returned by voters', 'uocava_returned', { kind: 'uocava' }, { label: 'UOCAVA Returned Total', confirmedBy: totals, note: FWAB_INCLUDED }, column('Uniformed Service Returned Total'), subNote),
    ...block(numbers.counted, 'UOCAVA ballots counted (in full or in part)', 'uocava_counted', { kind: 'uocava', outcomes: COUNTED }, { label: 'UOCAVA Counted Total', confirmedBy: totals, note: FWAB_INCLUDED }, column('Uniformed Service Counted Total'), subNote),
    ...block(numbers.rejected, 'UOCAVA ballots rejected', 'uocava_rejected', { kind: 'uocava', outcomes: ['rejected'] }, { label: 'UOCAVA Rejected Total', confirmedBy: latest ? [...totals, 'schema2024'] : totals, note: FWAB_INCLUDED }, column('Uniformed Service Rejected Total'), subNote),
    item('B', 'B-undecided', 'Not a survey item', 'UOCAVA ballots not yet decided when this export was made (file once this is 0)', 'uocava_undecided', { kind: 'uocava', outcomes: ['undecided'] }, [], 'Not an item of any instrument: shown so that the UOCAVA check can be read.'),
    ...block(numbers.fwabReturned, 'Federal write-in absentee ballots (FWABs) returned', 'fwab_returned', fwab, { label: 'Total FWABs Returned', confirmedBy: ['tidyeavs'] }, null, subNote),
    ...block(numbers.fwabCounted, 'FWABs counted (in full or in part)', 'fwab_counted', { ...fwab, outcomes: COUNTED }, { label: 'Total FWABs Counted', confirmedBy: ['tidyeavs'] }, null, subNote),
  ];
}

const OTHER_2020 = UNCONFIRMED_2018;
const OTHER_LATER = 'Unconfirmed: tidyeavs confirms E3a-E3j for this year but not whether E3 keeps the 2018 layout\u2019s three "Other" slots after E3j.';

/** Every instrument, by year. */
export const EAVS_INSTRUMENTS: { readonly [Y in EavsInstrumentYear]: EavsInstrument } = {
  2020: {
    year: 2020,
    items: [
      ...dispositions(2020, { total: 'Total Provisional', full: 'Provisional Counted Full Ballot', partial: 'Provisional Counted Part of Ballot', rejected: 'Provisional Rejected Ballot' }),
      ...rejections('E2', 'Rejected Provisional', 'Provisional Rejected ', ['tidyeavs'], OTHER_2020),
      ...sectionB(2020, { returned: 9, counted: 14, rejected: 18, fwabReturned: 23, fwabCounted: 24 }),
    ],
  },
  2022: {
    year: 2022,
    items: [
      ...dispositions(2022, { total: 'Total Provisional', full: 'Provisional Counted Full Ballot', partial: 'Provisional Counted Part of Ballot', rejected: 'Provisional Rejected Ballot' }),
      ...castReasons(2022),
      ...rejections('E3', 'Provisional Rejected Total', 'Provisional Rejected ', ['tidyeavs'], OTHER_LATER),
      ...sectionB(2022, { returned: 9, counted: 14, rejected: 18, fwabReturned: 23, fwabCounted: 24 }),
    ],
  },
  2024: {
    year: 2024,
    items: [
      ...dispositions(2024, { total: 'Total Provisional Ballots Cast', full: 'Provisional Ballots Fully Counted', partial: 'Provisional Ballots Partially Counted', rejected: 'Provisional Ballots Rejected' }),
      ...castReasons(2024),
      ...rejections('E3', 'Rejected Provisional', 'Provisional Rejected ', ['tidyeavs', 'schema2024'], OTHER_LATER),
      ...sectionB(2024, { returned: 11, counted: 18, rejected: 24, fwabReturned: 29, fwabCounted: 30 }),
    ],
  },
};
