import { eavsFigures, type Determination, type EavsGroup, type RejectionReason, type UocavaCategory, type BallotKind } from '@app/domain';
import { BallotEntity, CountyEntity } from '@app/persistence';
import type { EntityManager } from 'typeorm';

export interface EavsRow {
  readonly countyCode: string;
  readonly countyName: string;
  readonly section: 'B' | 'E';
  readonly item: string;
  readonly description: string;
  readonly value: number;
}

/**
 * The EAVS section E and B figures of each county in scope, and, when more than one county is in
 * scope, of all of them together (county code `ALL`): one grouped scan of the election's ballots.
 * Every county in scope has its rows, zeros included, because a county with no provisional
 * ballots still answers the survey.
 */
export async function eavsReport(m: EntityManager, electionId: string, scope: string | null): Promise<EavsRow[]> {
  const q = m.getRepository(BallotEntity).createQueryBuilder('b')
    .select('b.county_code', 'countyCode').addSelect('b.kind', 'kind').addSelect('b.uocava_category', 'uocavaCategory')
    .addSelect('b.status', 'status').addSelect('b.determination', 'determination').addSelect('b.rejection_reason', 'rejectionReason')
    .addSelect('COUNT(*)', 'ballots')
    .where('b.election_id = :electionId', { electionId });
  if (scope !== null) q.andWhere('b.county_code = :scope', { scope });
  const raw = await q.groupBy('b.county_code').addGroupBy('b.kind').addGroupBy('b.uocava_category').addGroupBy('b.status')
    .addGroupBy('b.determination').addGroupBy('b.rejection_reason')
    .getRawMany<{ countyCode: string; kind: BallotKind; uocavaCategory: UocavaCategory | null; status: string; determination: Determination | null; rejectionReason: RejectionReason | null; ballots: string | number }>();
  const countyQuery = m.getRepository(CountyEntity).createQueryBuilder('c').where('c.election_id = :electionId', { electionId }).orderBy('c.code');
  if (scope !== null) countyQuery.andWhere('c.code = :scope', { scope });
  const counties = await countyQuery.getMany();

  const byCounty = new Map<string, EavsGroup[]>();
  const all: EavsGroup[] = [];
  for (const r of raw) {
    const group: EavsGroup = { kind: r.kind, uocavaCategory: r.uocavaCategory, status: r.status, determination: r.determination, rejectionReason: r.rejectionReason, ballots: Number(r.ballots) };
    byCounty.set(r.countyCode, [...(byCounty.get(r.countyCode) ?? []), group]);
    all.push(group);
  }
  const rows = (countyCode: string, countyName: string, groups: readonly EavsGroup[]): EavsRow[] =>
    eavsFigures(groups).map((f) => ({ countyCode, countyName, ...f }));
  const result = counties.flatMap((c) => rows(c.code, c.name, byCounty.get(c.code) ?? []));
  if (counties.length > 1) result.push(...rows('ALL', 'All counties', all));
  return result;
}
