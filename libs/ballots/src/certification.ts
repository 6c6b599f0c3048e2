import { DomainError, notFound, requirePermission, type Clock, type StaffActor } from '@app/domain';
import type { CountyEntity, CourtOrderEntity, ElectionStores, Stores } from '@app/persistence';
import type { Deadline } from '@app/rules';
import { certificationChecklist, type ChecklistItem } from './certification-checklist';
import type { ElectionRulesCache } from './election-rules';

/** A county's checklist before it certifies: computed here, shown by the console, enforced by `certify`. */
export interface CertificationReadiness {
  readonly county: CountyEntity;
  readonly items: readonly ChecklistItem[];
  /** Every item is ok. */
  readonly ready: boolean;
  readonly outstanding: number;
  readonly pendingUploads: number;
  readonly cureDeadline: Deadline;
  readonly certificationDeadline: Deadline;
  /** Court orders of the election in force for this county (its own or the whole election's), oldest first. */
  readonly courtOrders: readonly CourtOrderEntity[];
}

/** What a printed certificate carries: who certified, who attested, and the audit chain's head at that moment. */
export interface CertificationRecord {
  readonly county: CountyEntity;
  readonly certifiedAt: number;
  readonly certifiedBy: string;
  /** The name the supervisor attested under; null for a certification made without one (the API's). */
  readonly attestedBy: string | null;
  /** The CERTIFY_COUNTY entry: the chain's head when the county certified. */
  readonly head: { readonly seq: number; readonly hash: string };
}

const MAX_NAME = 100;

/**
 * A county's certification (SPEC section 3: after it, no event changes its ballots). A supervisor
 * of the county certifies, only when its checklist is complete (none outstanding, no upload
 * waiting, no voter still able to cure); an admin may reopen a certified county on a court order,
 * which is cited. Both are audited like any state change.
 */
export class Certification {
  constructor(
    private readonly stores: Stores,
    private readonly clock: Clock,
    private readonly rules: ElectionRulesCache,
  ) {}

  readiness(actor: StaffActor, electionId: string, countyCode: string): Promise<CertificationReadiness> {
    requirePermission(actor, 'read_reports');
    return this.stores.read(actor, (s) => this.readinessIn(s.election(electionId), countyCode));
  }

  private async readinessIn(e: ElectionStores, countyCode: string): Promise<CertificationReadiness> {
    const county = await e.counties.get(countyCode);
    if (county === null) throw notFound('county');
    const rules = await this.rules.get(e.rules);
    const deadlines = rules.calendar.forCounty(countyCode).deadlines;
    const outstanding = await e.ballots.countOutstanding(countyCode);
    const pendingUploads = await e.cureDocuments.countPending(countyCode);
    const items = certificationChecklist({
      outstanding,
      awaitingCure: await e.ballots.countAwaitingCure(countyCode),
      pendingUploads,
      cureDeadline: deadlines.provisionalCure,
      certificationDeadline: deadlines.countyCertification,
      certifiedAt: county.certifiedAt,
      now: this.clock.now(),
    });
    const courtOrders = rules.courtOrders.filter((o) => o.countyCodes === null || o.countyCodes.includes(countyCode));
    return { county, items, ready: items.every((i) => i.ok), outstanding, pendingUploads, cureDeadline: deadlines.provisionalCure, certificationDeadline: deadlines.countyCertification, courtOrders };
  }

  /**
   * Certifies, in one transaction with its checklist read again: refused, naming what is not done,
   * unless every item is ok. With an attestation, the supervisor's name is required and recorded.
   */
  certify(actor: StaffActor, electionId: string, countyCode: string, attestation?: { readonly name: string }): Promise<CountyEntity> {
    requirePermission(actor, 'certify_county');
    const name = attestation?.name.trim();
    if (name !== undefined && (name === '' || name.length > MAX_NAME)) {
      return Promise.reject(new DomainError('invalid_input', 'attest with your full name', {}, [{ field: 'attestedBy', message: name === '' ? 'type your full name to attest' : `at most ${MAX_NAME} characters` }]));
    }
    return this.stores.write(actor, async (s) => {
      const e = s.election(electionId);
      const readiness = await this.readinessIn(e, countyCode);
      const county = readiness.county;
      if (county.certifiedAt !== null) throw new DomainError('county_certified', `${county.name} certified already`);
      if (readiness.outstanding > 0) {
        throw new DomainError('conflict', `${county.name} has ${readiness.outstanding} outstanding ballot${readiness.outstanding === 1 ? '' : 's'}; every ballot must be counted or rejected first`, { outstanding: readiness.outstanding });
      }
      const blocking = readiness.items.filter((i) => !i.ok);
      if (blocking.length > 0) throw new DomainError('conflict', `${county.name} cannot certify yet: ${blocking.map((i) => i.text).join(' ')}`, { blocking: blocking.map((i) => i.key) });
      const now = this.clock.now();
      if (!(await e.counties.certify(countyCode, now, actor.id))) throw new DomainError('county_certified', `${county.name} certified already`);
      await e.audit.append({ event: 'CERTIFY_COUNTY', payload: name === undefined ? { countyCode } : { countyCode, attestedBy: name }, at: now });
      return Object.assign(county, { certifiedAt: now, certifiedBy: actor.id });
    });
  }

  /** The record of a county's certification in force, for its printed certificate; not found when it has not certified. */
  record(actor: StaffActor, electionId: string, countyCode: string): Promise<CertificationRecord> {
    requirePermission(actor, 'read_reports');
    return this.stores.read(actor, async (s) => {
      const e = s.election(electionId);
      const county = await e.counties.get(countyCode);
      if (county === null || county.certifiedAt === null || county.certifiedBy === null) throw notFound('certification');
      const entries = await e.audit.countyEntries('CERTIFY_COUNTY', countyCode);
      const entry = entries[entries.length - 1];
      if (entry === undefined) throw notFound('certification');
      const attested = (entry.payload as { attestedBy?: unknown }).attestedBy;
      return { county, certifiedAt: county.certifiedAt, certifiedBy: county.certifiedBy, attestedBy: typeof attested === 'string' ? attested : null, head: { seq: entry.seq, hash: entry.hash } };
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
