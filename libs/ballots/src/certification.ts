import { DomainError, notFound, requirePermission, type Clock, type StaffActor } from '@app/domain';
import type { CountyEntity, Stores } from '@app/persistence';

/**
 * A county's certification (SPEC section 3: after it, no event changes its ballots). A supervisor
 * of the county certifies, only when none of its ballots is outstanding; an admin may reopen a
 * certified county on a court order, which is cited. Both are audited like any state change.
 */
export class Certification {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
  ) {}

  certify(actor: StaffActor, electionId: string, countyCode: string): Promise<CountyEntity> {
    requirePermission(actor, 'certify_county');
    return this.stores.write(actor, async (s) => {
      const e = s.election(electionId);
      const county = await e.counties.get(countyCode);
      if (county === null) throw notFound('county');
      if (county.certifiedAt !== null) throw new DomainError('county_certified', `${county.name} certified already`);
      const outstanding = await e.ballots.countOutstanding(countyCode);
      if (outstanding > 0) {
        throw new DomainError('conflict', `${county.name} has ${outstanding} outstanding ballot${outstanding === 1 ? '' : 's'}; every ballot must be counted or rejected first`, { outstanding });
      }
      const now = this.clock.now();
      if (!(await e.counties.certify(countyCode, now, actor.id))) throw new DomainError('county_certified', `${county.name} certified already`);
      await e.audit.append({ event: 'CERTIFY_COUNTY', payload: { countyCode }, at: now });
      return Object.assign(county, { certifiedAt: now, certifiedBy: actor.id });
    });
  }

  reopen(actor: StaffActor, electionId: string, countyCode: string, courtOrder: string): Promise<CountyEntity> {
    requirePermission(actor, 'reopen_county');
    return this.stores.write(actor, async (s) => {
      if (courtOrder.trim() === '') throw new DomainError('invalid_input', 'cite the court order', {}, [{ field: 'courtOrder', message: 'is required' }]);
      const e = s.election(electionId);
      const county = await e.counties.get(countyCode);
      if (county === null) throw notFound('county');
      if (county.certifiedAt === null || !(await e.counties.reopen(countyCode))) throw new DomainError('conflict', `${county.name} is not certified`);
      const now = this.clock.now();
      await e.audit.append({ event: 'REOPEN_COUNTY', payload: { countyCode, courtOrder, certifiedAt: county.certifiedAt }, at: now });
      return Object.assign(county, { certifiedAt: null, certifiedBy: null });
    });
  }
}
