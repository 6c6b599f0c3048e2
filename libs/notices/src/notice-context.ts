import { CURE_DECLINE_REASONS, CURE_REASONS, isOneOf, REJECTION_REASONS } from '@app/domain';
import type { VoterNotice } from '@app/lifecycle';
import type { BallotEntity, CountyEntity, ElectionEntity, NoticeStore } from '@app/persistence';
import { loadBundledPacks, type RulePackRegistry } from '@app/rules';
import type { NoticeContext } from './templates';

/**
 * The outbox payload as a notice, checked: it comes back from the database, so it is validated
 * here, at the edge, rather than trusted. Null when it is not a notice this version knows.
 */
export function parseVoterNotice(payload: unknown): VoterNotice | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Readonly<Record<string, unknown>>;
  switch (p['type']) {
    case 'cure_requested': {
      const deadline = p['deadline'];
      const cureReason = p['cureReason'];
      if (!isOneOf(CURE_REASONS, cureReason) || typeof deadline !== 'number' || !Number.isFinite(deadline)) return null;
      return { type: 'cure_requested', cureReason, deadline };
    }
    case 'counted':
      return { type: 'counted' };
    case 'partially_counted': {
      const contests = p['contests'];
      if (!Array.isArray(contests) || !contests.every((c): c is string => typeof c === 'string')) return null;
      return { type: 'partially_counted', contests };
    }
    case 'rejected': {
      const reason = p['reason'];
      return isOneOf(REJECTION_REASONS, reason) ? { type: 'rejected', reason } : null;
    }
    case 'cure_declined': {
      const reason = p['reason'];
      const deadline = p['deadline'];
      if (!isOneOf(CURE_DECLINE_REASONS, reason) || typeof deadline !== 'number' || !Number.isFinite(deadline)) return null;
      return { type: 'cure_declined', reason, deadline };
    }
    case 'cure_deadline_moved': {
      const cureReason = p['cureReason'];
      const deadline = p['deadline'];
      const courtOrder = p['courtOrder'];
      if (!isOneOf(CURE_REASONS, cureReason) || typeof deadline !== 'number' || !Number.isFinite(deadline) || (courtOrder !== null && typeof courtOrder !== 'string')) return null;
      return { type: 'cure_deadline_moved', cureReason, deadline, courtOrder };
    }
    default:
      return null;
  }
}

/** `${PUBLIC_URL}/portal`, whatever trailing slash the setting has. */
export function portalUrlFrom(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/portal`;
}

/**
 * What the templates need about a ballot's election, county office and contests, loaded once per
 * election or county for a run over many notices. The voter's date of birth and address are never
 * read into it.
 */
export class NoticeContexts {
  private readonly elections = new Map<string, Promise<ElectionEntity>>();
  private readonly counties = new Map<string, Promise<CountyEntity>>();
  private readonly contests = new Map<string, Promise<Readonly<Record<string, string>>>>();

  constructor(
    private readonly store: NoticeStore,
    private readonly portalUrl: string,
    private readonly now: number,
    private readonly packs: RulePackRegistry = bundledPacks(),
  ) {}

  async of(ballot: BallotEntity, notice: VoterNotice): Promise<NoticeContext> {
    // One after another: the store may hold a single connection (a transaction, PostgreSQL).
    const election = await this.election(ballot.electionId);
    const county = await this.county(ballot.electionId, ballot.countyCode);
    const contestNames = notice.type === 'partially_counted' ? await this.contestNames(ballot.electionId) : {};
    const translated = county.officeTranslations?.[ballot.language];
    return {
      voterName: `${ballot.firstName} ${ballot.lastName}`,
      receiptNumber: ballot.receiptNumber,
      ballotKind: ballot.kind,
      electionName: election.name,
      timeZone: countyZone(this.packs, election, ballot.countyCode),
      office: {
        // In the voter's language where the county gave a translation (issue 14), else as given.
        name: translated?.name ?? county.officeName,
        countyName: county.name,
        address: translated?.address ?? county.officeAddress,
        hours: translated?.hours ?? county.officeHours,
        phone: county.officePhone,
        email: county.officeEmail,
      },
      portalUrl: this.portalUrl,
      contestNames,
      now: this.now,
    };
  }

  private election(id: string): Promise<ElectionEntity> {
    return memo(this.elections, id, () => this.store.election(id));
  }

  private county(electionId: string, code: string): Promise<CountyEntity> {
    return memo(this.counties, `${electionId}\u0000${code}`, () => this.store.county(electionId, code));
  }

  private contestNames(electionId: string): Promise<Readonly<Record<string, string>>> {
    return memo(this.contests, electionId, () => this.store.contestNames(electionId));
  }
}

/**
 * The zone a county's voters live by: the rule pack's `countyTimeZones` entry for the county (a
 * state that spans two zones), else the election's. Deadlines in a notice are shown in it and
 * quiet hours are kept in it, as the county's own deadlines are computed in it (ElectionCalendar).
 */
export function countyZone(packs: RulePackRegistry, election: Pick<ElectionEntity, 'rulePackId' | 'timeZone'>, countyCode: string): string {
  return packs.get(election.rulePackId)?.countyTimeZones?.zones[countyCode] ?? election.timeZone;
}

let bundled: RulePackRegistry | null = null;

/** The packs the service ships with, loaded once: what the service's own registry holds. */
function bundledPacks(): RulePackRegistry {
  bundled ??= loadBundledPacks();
  return bundled;
}

function memo<T>(cache: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (value === undefined) {
    value = load();
    cache.set(key, value);
  }
  return value;
}
