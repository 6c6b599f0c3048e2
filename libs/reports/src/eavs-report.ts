import {
  eavsCheckText,
  eavsChecks,
  eavsFigures,
  eavsInstrumentFor,
  eavsInstrumentText,
  eavsSourceText,
  type BallotKind,
  type Determination,
  type EavsGroup,
  type EavsInstrumentChoice,
  type IssuedReason,
  type RejectionReason,
  type UocavaCategory,
} from '@app/domain';
import type { BallotGroup, CountyEntity, ElectionEntity } from '@app/persistence';

/**
 * One row of the EAVS export: an item of the instrument (its number, its label as the instrument
 * words it, what this service counts in it, the count, whether a source confirmed the number and
 * which), or one of the survey's sums checked on the county's figures (`item` is `check`, `value`
 * the parts minus the total, `check` the outcome in words).
 */
export interface EavsRow {
  readonly countyCode: string;
  readonly countyName: string;
  /** The instrument used, and why when it is not the election year's own. */
  readonly instrument: string;
  readonly section: 'B' | 'E';
  readonly item: string;
  readonly label: string;
  readonly description: string;
  readonly value: number;
  /** `yes`, or `UNCONFIRMED` when no source gave this number for this year (`not a survey item` for B-undecided); empty on a check. */
  readonly confirmed: string;
  readonly source: string;
  /** Empty on an item; on a check, `holds: ...`, `open: ...` or `MISMATCH: ...`. */
  readonly check: string;
}

/** The rows of one county's (or all counties') ballot groups: every item of the instrument, then its checks by section. */
export function eavsRows(choice: EavsInstrumentChoice, countyCode: string, countyName: string, groups: readonly EavsGroup[]): EavsRow[] {
  const instrument = eavsInstrumentText(choice);
  const figures = eavsFigures(choice.instrument, groups);
  const items = figures.map(({ spec, value }): EavsRow => ({
    countyCode,
    countyName,
    instrument,
    section: spec.section,
    item: spec.item,
    label: spec.label,
    description: spec.counts,
    value,
    confirmed: spec.role === 'uocava_undecided' ? 'not a survey item' : spec.confirmedBy.length > 0 ? 'yes' : 'UNCONFIRMED',
    source: eavsSourceText(spec),
    check: '',
  }));
  const checks = eavsChecks(figures).map((c): EavsRow => ({
    countyCode,
    countyName,
    instrument,
    section: c.section,
    item: 'check',
    label: c.rule,
    description: 'The survey\u2019s sum, checked on these figures',
    value: c.parts + c.undecided - c.total,
    confirmed: '',
    source: '',
    check: eavsCheckText(c),
  }));
  // Each section's checks follow its items, so a county's section E reads items then their sums.
  return (['E', 'B'] as const).flatMap((section) => [...items.filter((r) => r.section === section), ...checks.filter((r) => r.section === section)]);
}

/**
 * The EAVS section E and B figures of each county in scope, and, when more than one county is in
 * scope, of all of them together (county code `ALL`), in the numbers of the instrument for the
 * election's year, from one grouped count of the election's ballots. Every county in scope has its
 * rows, zeros included, because a county with no provisional ballots still answers the survey.
 */
export function eavsReport(election: Pick<ElectionEntity, 'electionDay'>, counties: readonly Pick<CountyEntity, 'code' | 'name'>[], groups: readonly BallotGroup<'countyCode' | 'kind' | 'uocavaCategory' | 'issuedReason' | 'fwab' | 'status' | 'determination' | 'rejectionReason'>[]): EavsRow[] {
  const choice = eavsInstrumentFor(election.electionDay);
  const byCounty = new Map<string, EavsGroup[]>();
  const all: EavsGroup[] = [];
  for (const r of groups) {
    // SQLite gives the boolean back as 0 or 1, PostgreSQL as a boolean.
    const group: EavsGroup = {
      kind: r.kind as BallotKind,
      uocavaCategory: r.uocavaCategory as UocavaCategory | null,
      issuedReason: r.issuedReason as IssuedReason | null,
      fwab: r.fwab === true || r.fwab === 1,
      status: String(r.status),
      determination: r.determination as Determination | null,
      rejectionReason: r.rejectionReason as RejectionReason | null,
      ballots: r.ballots,
    };
    const county = String(r.countyCode);
    byCounty.set(county, [...(byCounty.get(county) ?? []), group]);
    all.push(group);
  }
  const result = counties.flatMap((c) => eavsRows(choice, c.code, c.name, byCounty.get(c.code) ?? []));
  if (counties.length > 1) result.push(...eavsRows(choice, 'ALL', 'All counties', all));
  return result;
}
