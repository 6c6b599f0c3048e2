import type { EntityManager, ObjectLiteral } from 'typeorm';
import { BallotEntity, ContestEntity, CountyEntity, CountyHoursEntity, DistrictEntity, PrecinctDistrictEntity, PrecinctEntity, VoterEntity, VoterImportEntity } from '../entities';
import { bumpRulesVersion } from '../rules-history.store';
import { requireStatewide, type StoreScope } from './scope';

const CHUNK = 200;

/** The jurisdiction's rows of one kind. */
export type JurisdictionKind = 'counties' | 'districts' | 'precincts' | 'contests';
const ENTITY = { counties: CountyEntity, districts: DistrictEntity, precincts: PrecinctEntity, contests: ContestEntity } as const;
type RowOf<K extends JurisdictionKind> = InstanceType<(typeof ENTITY)[K]>;
const KEY = { counties: 'code', districts: 'id', precincts: 'id', contests: 'id' } as const;

/**
 * The writes of a jurisdiction import, for one election: the whole jurisdiction is the state's, so
 * the store is for staff who reach every county (or the service itself). Every statement carries
 * the election.
 */
export class JurisdictionStore {
  constructor(
    private readonly m: EntityManager,
    scope: StoreScope,
    readonly electionId: string,
  ) {
    requireStatewide(scope);
  }

  rows<K extends JurisdictionKind>(kind: K): Promise<RowOf<K>[]> {
    return this.m.findBy(ENTITY[kind], { electionId: this.electionId }) as Promise<RowOf<K>[]>;
  }

  links(): Promise<PrecinctDistrictEntity[]> {
    return this.m.findBy(PrecinctDistrictEntity, { electionId: this.electionId });
  }

  async insert<K extends JurisdictionKind>(kind: K, rows: readonly RowOf<K>[]): Promise<void> {
    const entity: new () => ObjectLiteral = ENTITY[kind];
    await this.insertChunks(entity, rows);
  }

  async update<K extends JurisdictionKind>(kind: K, row: RowOf<K>, fields: Partial<RowOf<K>>): Promise<void> {
    const key = KEY[kind];
    await this.m.update(ENTITY[kind], { electionId: this.electionId, [key]: (row as unknown as Record<string, unknown>)[key] }, fields);
  }

  async remove<K extends JurisdictionKind>(kind: K, row: RowOf<K>): Promise<void> {
    const key = KEY[kind];
    await this.m.delete(ENTITY[kind], { electionId: this.electionId, [key]: (row as unknown as Record<string, unknown>)[key] });
  }

  async insertLinks(rows: readonly PrecinctDistrictEntity[]): Promise<void> {
    await this.insertChunks(PrecinctDistrictEntity, rows);
  }

  async removeLink(link: Pick<PrecinctDistrictEntity, 'precinctId' | 'districtId'>): Promise<void> {
    await this.m.delete(PrecinctDistrictEntity, { electionId: this.electionId, precinctId: link.precinctId, districtId: link.districtId });
  }

  /** Precincts among these that ballots were cast in or voters are registered in. */
  async precinctsInUse(ids: readonly string[]): Promise<Set<string>> {
    return new Set([...(await this.usedAmong(BallotEntity, 'precinctId', ids)), ...(await this.usedAmong(VoterEntity, 'precinctId', ids))]);
  }

  /** Counties among these that ballots, voters, roll imports or the county's own hours name. */
  async countiesInUse(codes: readonly string[]): Promise<Set<string>> {
    return new Set([
      ...(await this.usedAmong(BallotEntity, 'countyCode', codes)),
      ...(await this.usedAmong(VoterEntity, 'countyCode', codes)),
      ...(await this.usedAmong(VoterImportEntity, 'countyCode', codes)),
      ...(await this.usedAmong(CountyHoursEntity, 'countyCode', codes)),
    ]);
  }

  /** Precincts whose ballot style a ballot taken in used: cast in, or its matched voter registered in. */
  async precinctsOnABallot(): Promise<Set<string>> {
    const used = new Set<string>();
    const cast = await this.m.createQueryBuilder(BallotEntity, 'b').select('b.precinctId', 'precinct')
      .where('b.electionId = :electionId', { electionId: this.electionId }).andWhere('b.precinctId IS NOT NULL').groupBy('b.precinctId').getRawMany<{ precinct: string }>();
    for (const row of cast) used.add(row.precinct);
    const registered = await this.m.createQueryBuilder(BallotEntity, 'b').innerJoin(VoterEntity, 'v', 'v.electionId = b.electionId AND v.voterId = b.matchedVoterId')
      .select('v.precinctId', 'precinct').where('b.electionId = :electionId', { electionId: this.electionId }).groupBy('v.precinctId').getRawMany<{ precinct: string }>();
    for (const row of registered) used.add(row.precinct);
    return used;
  }

  /** The election's rules changed: every process's cached rules reload at their next use. */
  async bumpRulesVersion(): Promise<number> {
    return bumpRulesVersion(this.m, this.electionId);
  }

  private async insertChunks<T extends ObjectLiteral>(entity: new () => T, rows: readonly T[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) await this.m.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + CHUNK)).execute();
  }

  /** Distinct values of the property `column` among rows of `entity` in the election whose `column` is one of `values`. */
  private async usedAmong<T extends ObjectLiteral>(entity: new () => T, column: keyof T & string, values: readonly string[]): Promise<Set<string>> {
    const used = new Set<string>();
    for (let i = 0; i < values.length; i += CHUNK) {
      const rows = await this.m.createQueryBuilder(entity, 'r').select(`r.${column}`, 'value')
        .where('r.electionId = :electionId', { electionId: this.electionId })
        .andWhere(`r.${column} IN (:...values)`, { values: values.slice(i, i + CHUNK) })
        .groupBy(`r.${column}`).getRawMany<{ value: string }>();
      for (const row of rows) used.add(row.value);
    }
    return used;
  }
}
