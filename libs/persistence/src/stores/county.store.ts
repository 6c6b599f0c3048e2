import { DomainError } from '@app/domain';
import type { EntityManager } from 'typeorm';
import { CountyEntity, PrecinctEntity } from '../entities';
import { inCounty, reaches, type StoreScope } from './scope';

/**
 * The counties of one election, as far as the scope reaches (a county's staff see their county's
 * row only), and the one place a change to a certified county is refused.
 */
export class CountyStore {
  constructor(
    private readonly m: EntityManager,
    private readonly scope: StoreScope,
    readonly electionId: string,
  ) {}

  /** The counties in the scope, by name. */
  list(): Promise<CountyEntity[]> {
    return inCounty(this.m.getRepository(CountyEntity).createQueryBuilder('c').where('c.election_id = :electionId', { electionId: this.electionId }), this.scope, 'c', 'code').orderBy('c.name', 'ASC').addOrderBy('c.code', 'ASC').getMany();
  }

  /** A county in the scope; null for another county or none. */
  async get(code: string): Promise<CountyEntity | null> {
    if (!reaches(this.scope, code)) return null;
    return this.m.findOneBy(CountyEntity, { electionId: this.electionId, code });
  }

  /**
   * Whether the election has a county of this code, whatever the scope: county codes are public,
   * and "no such county" is a mistake to name, not an empty answer. Yes or no, nothing more.
   */
  async existsInElection(code: string): Promise<boolean> {
    return (await this.m.countBy(CountyEntity, { electionId: this.electionId, code })) > 0;
  }

  /** A precinct of a county in the scope; null otherwise. */
  async precinct(id: string): Promise<PrecinctEntity | null> {
    const precinct = await this.m.findOneBy(PrecinctEntity, { electionId: this.electionId, id });
    return precinct !== null && reaches(this.scope, precinct.countyCode) ? precinct : null;
  }

  /**
   * The one place a change to a certified county is refused (SPEC section 3: after a county
   * certifies, nothing changes its ballots): every write to a county's ballots, cure documents,
   * deadlines or hours asks here first, in its transaction.
   */
  async requireOpen(code: string): Promise<CountyEntity> {
    const county = await this.get(code);
    if (county === null) throw new DomainError('not_found', 'county not found');
    if (county.certifiedAt !== null) throw new DomainError('county_certified', `${county.name} has certified; its ballots can no longer change`);
    return county;
  }

  /** Records a certification; false when the county was certified already (or is not in the scope). */
  async certify(code: string, at: number, by: string): Promise<boolean> {
    if (!reaches(this.scope, code)) return false;
    const result = await this.m.createQueryBuilder().update(CountyEntity).set({ certifiedAt: at, certifiedBy: by })
      .where('election_id = :electionId AND code = :code AND certified_at IS NULL', { electionId: this.electionId, code }).execute();
    return result.affected === 1;
  }

  /** Lifts a certification; false when the county was not certified (or is not in the scope). */
  async reopen(code: string): Promise<boolean> {
    if (!reaches(this.scope, code)) return false;
    const result = await this.m.createQueryBuilder().update(CountyEntity).set({ certifiedAt: null, certifiedBy: null })
      .where('election_id = :electionId AND code = :code AND certified_at IS NOT NULL', { electionId: this.electionId, code }).execute();
    return result.affected === 1;
  }
}
