import { appendAudit, BallotEntity, CountyEntity, type TransactionRunner } from '@app/persistence';
import { OUTSTANDING_SQL } from './reports';
import { reachesCounty, type StaffActor, type Clock, DomainError, notFound, requirePermission } from '@app/domain';

/**
 * A county's certification (SPEC section 3: after it, no event changes its ballots). A supervisor
 * of the county certifies, only when none of its ballots is outstanding; an admin may reopen a
 * certified county on a court order, which is cited. Both are audited like any state change.
 */
export class Certification {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {}

  certify(actor: StaffActor, electionId: string, countyCode: string): Promise<CountyEntity> {
    return this.tx.run(async (m) => {
      requirePermission(actor, 'certify_county');
      const county = await m.findOneBy(CountyEntity, { electionId, code: countyCode });
      if (county === null || !reachesCounty(actor, countyCode)) throw notFound('county');
      if (county.certifiedAt !== null) throw new DomainError('county_certified', `${county.name} certified already`);
      const outstanding = await m.getRepository(BallotEntity).createQueryBuilder('b')
        .where('b.election_id = :electionId AND b.county_code = :countyCode', { electionId, countyCode })
        .andWhere(OUTSTANDING_SQL)
        .getCount();
      if (outstanding > 0) {
        throw new DomainError('conflict', `${county.name} has ${outstanding} outstanding ballot${outstanding === 1 ? '' : 's'}; every ballot must be counted or rejected first`, { outstanding });
      }
      const now = this.clock.now();
      await m.update(CountyEntity, { electionId, code: countyCode }, { certifiedAt: now, certifiedBy: actor.id });
      await appendAudit(m, { electionId, ballotId: null, actorId: actor.id, actorRole: actor.role, event: 'CERTIFY_COUNTY', fromState: null, toState: null, payload: { countyCode }, at: new Date(now).toISOString() });
      return Object.assign(county, { certifiedAt: now, certifiedBy: actor.id });
    });
  }

  reopen(actor: StaffActor, electionId: string, countyCode: string, courtOrder: string): Promise<CountyEntity> {
    return this.tx.run(async (m) => {
      requirePermission(actor, 'reopen_county');
      if (courtOrder.trim() === '') throw new DomainError('invalid_input', 'cite the court order', {}, [{ field: 'courtOrder', message: 'is required' }]);
      const county = await m.findOneBy(CountyEntity, { electionId, code: countyCode });
      if (county === null) throw notFound('county');
      if (county.certifiedAt === null) throw new DomainError('conflict', `${county.name} is not certified`);
      await m.update(CountyEntity, { electionId, code: countyCode }, { certifiedAt: null, certifiedBy: null });
      const now = this.clock.now();
      await appendAudit(m, { electionId, ballotId: null, actorId: actor.id, actorRole: actor.role, event: 'REOPEN_COUNTY', fromState: null, toState: null, payload: { countyCode, courtOrder, certifiedAt: county.certifiedAt }, at: new Date(now).toISOString() });
      return Object.assign(county, { certifiedAt: null, certifiedBy: null });
    });
  }
}
