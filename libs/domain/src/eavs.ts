/**
 * The federal Election Administration and Voting Survey (EAVS) items this service can answer from
 * the ballots it adjudicates: section E (provisional ballots) and the returned-ballot part of
 * section B (UOCAVA). The mapping is data, so each item says which ballots it counts, and the
 * tally below is a pure function of grouped ballot counts.
 *
 * Source: U.S. Election Assistance Commission, Election Administration and Voting Survey
 * instrument (OMB control number 3265-0006; the 2022 instrument is the one at
 * https://omb.report/icr/202203-3265-002). Section E's rejection items E2b to E2j follow the same
 * order as the SPEC's rejection codes (which were written from them); the three "other" slots
 * E2k to E2m carry our remaining codes, each described, as the survey asks. Section B's item
 * numbers are the ones of the 2020 and 2022 instruments as we have them; the EAC renumbers items
 * between surveys, so EAVS_SOURCE.confirm says what to check against the survey year's instrument
 * before a county files.
 */
import type { BallotKind, Determination, RejectionReason, UocavaCategory } from './codes';

export const EAVS_SOURCE = {
  title: 'U.S. Election Assistance Commission, Election Administration and Voting Survey (OMB 3265-0006), sections B and E',
  url: 'https://omb.report/icr/202203-3265-002',
  confirm: 'Item numbers follow the 2020 and 2022 instruments; check them against the instrument of the survey year before filing (section B especially).',
} as const;

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

export interface EavsItem {
  readonly section: 'B' | 'E';
  readonly item: string;
  readonly description: string;
  readonly kind: BallotKind;
  /** The outcomes counted; every ballot of the kind when absent. */
  readonly outcomes?: readonly EavsOutcome[];
  readonly voters?: EavsVoterGroup;
  /** Rejected ballots with one of these reasons only. */
  readonly reasons?: readonly RejectionReason[];
}

const provisional = (item: string, description: string, rest: Partial<EavsItem> = {}): EavsItem => ({ section: 'E', item, description, kind: 'provisional', ...rest });
const uocava = (item: string, description: string, rest: Partial<EavsItem> = {}): EavsItem => ({ section: 'B', item, description, kind: 'uocava', ...rest });
const rejectedFor = (item: string, description: string, reasons: readonly RejectionReason[]) => provisional(item, description, { outcomes: ['rejected'], reasons });
const COUNTED: readonly EavsOutcome[] = ['counted_full', 'counted_partial'];

export const EAVS_ITEMS: readonly EavsItem[] = [
  provisional('E1a', 'Voters who submitted a provisional ballot'),
  provisional('E1b', 'Provisional ballots counted in full', { outcomes: ['counted_full'] }),
  provisional('E1c', 'Provisional ballots counted in part', { outcomes: ['counted_partial'] }),
  provisional('E1d', 'Provisional ballots rejected', { outcomes: ['rejected'] }),
  provisional('E1e', 'Other: provisional ballots not yet decided when this export was made', { outcomes: ['undecided'] }),
  provisional('E2a', 'Provisional ballots rejected, all reasons', { outcomes: ['rejected'] }),
  rejectedFor('E2b', 'Rejected: voter not registered in the state', ['not_registered']),
  rejectedFor('E2c', 'Rejected: voter registered in the state but in another jurisdiction', ['wrong_jurisdiction']),
  rejectedFor('E2d', 'Rejected: voter registered in the jurisdiction but voted in the wrong precinct', ['wrong_precinct']),
  rejectedFor('E2e', 'Rejected: voter did not provide sufficient identification', ['no_id']),
  rejectedFor('E2f', 'Rejected: provisional ballot envelope or ballot incomplete or illegible', ['incomplete']),
  rejectedFor('E2g', 'Rejected: ballot missing from the envelope', ['ballot_missing']),
  rejectedFor('E2h', 'Rejected: no signature', ['no_signature']),
  rejectedFor('E2i', 'Rejected: signature does not match', ['signature_mismatch']),
  rejectedFor('E2j', 'Rejected: voter already voted', ['already_voted']),
  rejectedFor('E2k', 'Rejected, other reason: received after the deadline', ['late']),
  rejectedFor('E2l', 'Rejected, other reason: postmarked after the deadline', ['postmarked_late']),
  rejectedFor('E2m', 'Rejected, other reason: other', ['other']),
  uocava('B8a', 'UOCAVA ballots returned by voters and submitted for counting'),
  uocava('B8b', 'UOCAVA ballots returned: uniformed services voters', { voters: 'uniformed' }),
  uocava('B8c', 'UOCAVA ballots returned: non-military overseas citizens', { voters: 'overseas' }),
  uocava('B14a', 'UOCAVA ballots counted', { outcomes: COUNTED }),
  uocava('B14b', 'UOCAVA ballots counted: uniformed services voters', { outcomes: COUNTED, voters: 'uniformed' }),
  uocava('B14c', 'UOCAVA ballots counted: non-military overseas citizens', { outcomes: COUNTED, voters: 'overseas' }),
  uocava('B18a', 'UOCAVA ballots rejected', { outcomes: ['rejected'] }),
  uocava('B18b', 'UOCAVA ballots rejected: uniformed services voters', { outcomes: ['rejected'], voters: 'uniformed' }),
  uocava('B18c', 'UOCAVA ballots rejected: non-military overseas citizens', { outcomes: ['rejected'], voters: 'overseas' }),
  uocava('B-undecided', 'Not a survey item: UOCAVA ballots not yet decided when this export was made (file once this is 0)', { outcomes: ['undecided'] }),
];

/** How many ballots share these facts (one row of a grouped count). */
export interface EavsGroup {
  readonly kind: BallotKind;
  readonly uocavaCategory: UocavaCategory | null;
  readonly status: string;
  readonly determination: Determination | null;
  readonly rejectionReason: RejectionReason | null;
  readonly ballots: number;
}

export function eavsOutcome(status: string, determination: Determination | null): EavsOutcome {
  if (status === 'rejected') return 'rejected';
  if (status === 'counted') return determination === 'partial' ? 'counted_partial' : 'counted_full';
  return 'undecided';
}

function counts(item: EavsItem, group: EavsGroup): boolean {
  if (group.kind !== item.kind) return false;
  const outcome = eavsOutcome(group.status, group.determination);
  if (item.outcomes !== undefined && !item.outcomes.includes(outcome)) return false;
  if (item.voters !== undefined && (group.uocavaCategory === null || EAVS_VOTER_GROUP[group.uocavaCategory] !== item.voters)) return false;
  if (item.reasons !== undefined && (group.rejectionReason === null || !item.reasons.includes(group.rejectionReason))) return false;
  return true;
}

export interface EavsFigure {
  readonly section: 'B' | 'E';
  readonly item: string;
  readonly description: string;
  readonly value: number;
}

/** Every item's value for the ballots in these groups, in survey order. */
export function eavsFigures(groups: readonly EavsGroup[]): EavsFigure[] {
  return EAVS_ITEMS.map((item) => ({
    section: item.section,
    item: item.item,
    description: item.description,
    value: groups.reduce((total, group) => (counts(item, group) ? total + group.ballots : total), 0),
  }));
}
