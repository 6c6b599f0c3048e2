/**
 * The federal Election Administration and Voting Survey (EAVS) figures of a set of ballots: which
 * instrument an election files (by its year), each item's value from grouped ballot counts, and
 * the survey's own sums checked on those values. All pure; the items themselves are data, in
 * `eavs-crosswalk.ts`, with their sources.
 */
import { throwIllegalValue } from './assert';
import type { BallotKind, Determination, IssuedReason, RejectionReason, UocavaCategory } from './codes';
import {
  EAVS_INSTRUMENT_YEARS,
  EAVS_INSTRUMENTS,
  EAVS_SOURCES,
  EAVS_VOTER_GROUP,
  type EavsInstrument,
  type EavsInstrumentYear,
  type EavsItemSpec,
  type EavsOutcome,
  type EavsRole,
} from './eavs-crosswalk';

export * from './eavs-crosswalk';

/** How the instrument was chosen for an election. */
export type EavsInstrumentBasis =
  /** The instrument of the election's own year. */
  | 'same_year'
  /** No instrument of that year here (an odd year, or one after the last): the latest one before it. */
  | 'latest_before'
  /** The election is older than every instrument here: the earliest one. */
  | 'earliest';

export interface EavsInstrumentChoice {
  readonly instrument: EavsInstrument;
  readonly electionYear: number;
  readonly basis: EavsInstrumentBasis;
}

/** The instrument for an election held on `electionDay` (YYYY-MM-DD): the latest one not after its year. */
export function eavsInstrumentFor(electionDay: string): EavsInstrumentChoice {
  const electionYear = Number(electionDay.slice(0, 4));
  const notAfter = EAVS_INSTRUMENT_YEARS.filter((year) => year <= electionYear);
  const year: EavsInstrumentYear = notAfter.at(-1) ?? EAVS_INSTRUMENT_YEARS[0];
  const basis: EavsInstrumentBasis = year === electionYear ? 'same_year' : notAfter.length > 0 ? 'latest_before' : 'earliest';
  return { instrument: EAVS_INSTRUMENTS[year], electionYear, basis };
}

/** The choice in words, for every row of the export: "EAVS 2020", or why another year's instrument is used. */
export function eavsInstrumentText(choice: EavsInstrumentChoice): string {
  const year = choice.instrument.year;
  switch (choice.basis) {
    case 'same_year':
      return `EAVS ${year}`;
    case 'latest_before':
      return `EAVS ${year} (no ${choice.electionYear} instrument here: the latest before ${choice.electionYear})`;
    case 'earliest':
      return `EAVS ${year} (the earliest here; the election, ${choice.electionYear}, is older)`;
    default:
      return throwIllegalValue(choice.basis, 'instrument basis');
  }
}

/** How many ballots share these facts (one row of a grouped count). */
export interface EavsGroup {
  readonly kind: BallotKind;
  readonly uocavaCategory: UocavaCategory | null;
  readonly issuedReason: IssuedReason | null;
  readonly fwab: boolean;
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

function counts(spec: EavsItemSpec, group: EavsGroup): boolean {
  const m = spec.measure;
  if (group.kind !== m.kind) return false;
  if (m.outcomes !== undefined && !m.outcomes.includes(eavsOutcome(group.status, group.determination))) return false;
  if (m.voters !== undefined && (group.uocavaCategory === null || EAVS_VOTER_GROUP[group.uocavaCategory] !== m.voters)) return false;
  if (m.rejectionReason !== undefined && group.rejectionReason !== m.rejectionReason) return false;
  if (m.issuedReason !== undefined && group.issuedReason !== m.issuedReason) return false;
  if (m.fwabOnly === true && !group.fwab) return false;
  return true;
}

export interface EavsFigure {
  readonly spec: EavsItemSpec;
  readonly value: number;
}

/** Every item's value for the ballots in these groups, in the instrument's order. */
export function eavsFigures(instrument: EavsInstrument, groups: readonly EavsGroup[]): EavsFigure[] {
  return instrument.items.map((spec) => ({ spec, value: groups.reduce((total, group) => (counts(spec, group) ? total + group.ballots : total), 0) }));
}

/** Which sources confirmed an item, in words; or that none did. */
export function eavsSourceText(spec: EavsItemSpec): string {
  const sources = spec.confirmedBy.map((id) => `${id}: ${EAVS_SOURCES[id].url}`).join('; ');
  return [sources, spec.note].filter((text) => text !== '').join('. ');
}

/** How a check came out. */
export type EavsCheckOutcome =
  /** The parts add up to the total. */
  | { readonly status: 'holds' }
  /** They will once every ballot is decided: the undecided ballots make up the rest. */
  | { readonly status: 'open'; readonly undecided: number }
  /** They do not, even counting the undecided ballots: `difference` is parts (and undecided) minus total. */
  | { readonly status: 'mismatch'; readonly difference: number };

export interface EavsCheck {
  readonly section: 'B' | 'E';
  /** The sum, in this instrument's item numbers: "E1b + E1c + E1d = E1a". */
  readonly rule: string;
  /** The parts must equal the total, or only not exceed it. */
  readonly relation: '=' | '<=';
  readonly parts: number;
  readonly undecided: number;
  readonly total: number;
  readonly outcome: EavsCheckOutcome;
}

function outcomeOf(parts: number, undecided: number, total: number): EavsCheckOutcome {
  if (parts === total && undecided === 0) return { status: 'holds' };
  if (parts + undecided === total) return { status: 'open', undecided };
  return { status: 'mismatch', difference: parts + undecided - total };
}

/** A check's outcome in words, with the figures, so a mismatch says by how much. */
export function eavsCheckText(check: EavsCheck): string {
  const o = check.outcome;
  switch (o.status) {
    case 'holds':
      return `holds: ${check.parts} ${check.relation} ${check.total}`;
    case 'open':
      return `open: ${check.parts} of ${check.total}; ${o.undecided} not yet decided, so it holds only once every ballot is decided`;
    case 'mismatch':
      return `MISMATCH: the parts${check.undecided > 0 ? ` with ${check.undecided} undecided` : ''} come to ${check.parts + check.undecided}, the total is ${check.total} (${o.difference > 0 ? '+' : ''}${o.difference})`;
    default:
      return throwIllegalValue(o, 'check outcome');
  }
}

/**
 * The survey's sums, checked on these figures in the instrument's own numbers: the provisional
 * dispositions add up to E1a; the rejection reasons to the rejected total, which is E1d; from 2022
 * the reasons a provisional ballot was cast add up to E1a; UOCAVA ballots counted and rejected add
 * up to those returned; no more FWABs counted than returned, nor returned than UOCAVA ballots
 * returned. Undecided ballots are the difference a check may still have: it is `open`, not failed.
 */
export function eavsChecks(figures: readonly EavsFigure[]): EavsCheck[] {
  const withRole = (role: EavsRole) => figures.filter((f) => f.spec.role === role);
  const one = (role: EavsRole): EavsFigure | undefined => withRole(role)[0];
  const sum = (fs: readonly (EavsFigure | undefined)[]) => fs.reduce((t, f) => t + (f?.value ?? 0), 0);
  const names = (fs: readonly (EavsFigure | undefined)[]) => fs.flatMap((f) => (f === undefined ? [] : [f.spec.item]));
  const checks: EavsCheck[] = [];
  const add = (section: 'B' | 'E', parts: readonly (EavsFigure | undefined)[], undecided: EavsFigure | undefined, total: EavsFigure | undefined, equal = true) => {
    if (total === undefined || parts.every((p) => p === undefined)) return;
    const shown = names(parts);
    const rule = shown.length > 4 ? `${shown[0] ?? ''} + ... + ${shown.at(-1) ?? ''}` : shown.join(' + ');
    const p = sum(parts);
    const u = undecided?.value ?? 0;
    const outcome: EavsCheckOutcome = equal ? outcomeOf(p, u, total.value) : p <= total.value ? { status: 'holds' } : { status: 'mismatch', difference: p - total.value };
    const relation = equal ? '=' : '<=';
    checks.push({ section, rule: `${rule} ${relation} ${total.spec.item}${undecided !== undefined && equal ? ` (${undecided.spec.item} undecided)` : ''}`, relation, parts: p, undecided: equal ? u : 0, total: total.value, outcome });
  };
  const rejected = one('provisional_rejected');
  add('E', [one('provisional_full'), one('provisional_partial'), rejected], one('provisional_undecided'), one('provisional_total'));
  add('E', withRole('provisional_rejected_reason'), undefined, rejected);
  add('E', [one('provisional_rejected_total')], undefined, rejected);
  add('E', withRole('provisional_cast_reason'), undefined, one('provisional_total'));
  add('B', [one('uocava_counted'), one('uocava_rejected')], one('uocava_undecided'), one('uocava_returned'));
  add('B', [one('fwab_counted')], undefined, one('fwab_returned'), false);
  add('B', [one('fwab_returned')], undefined, one('uocava_returned'), false);
  return checks;
}
