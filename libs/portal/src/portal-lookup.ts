import { cureDeadlineInForce, type ElectionRulesCache } from '@app/ballots';
import type { VoterLanguage } from '@app/domain';
import type { LifecycleContext } from '@app/lifecycle';
import type { BallotEntity, PortalBallotRow, PortalStore, Stores } from '@app/persistence';
import { portalView, type PortalFacts, type PortalView } from './portal-view';
import { type Clock } from '@app/domain';

/** What a voter types: spaces around it dropped; letters matched as written or in capitals. */
export function receiptCandidates(receipt: string): string[] {
  const trimmed = receipt.trim();
  return [...new Set([trimmed, trimmed.toUpperCase()])];
}

/**
 * The HAVA free access system's lookup: a ballot is found only by its exact receipt number and the
 * date of birth on its envelope. "No such receipt" and "wrong date of birth" do the same work (one
 * index probe that finds nothing) and give the caller the same `null`.
 */
export class PortalLookup {
  constructor(
    private readonly stores: Stores,
    private readonly rules: ElectionRulesCache,
    private readonly clock: Clock,
  ) {}

  /** One probe of the (receipt number, date of birth) index; the same work for every kind of failure. */
  async find(portal: PortalStore, receiptNumber: string, dateOfBirth: string): Promise<PortalBallot | null> {
    const found = await portal.find(receiptCandidates(receiptNumber), dateOfBirth);
    return found === null ? null : portalBallotFrom(found);
  }

  /**
   * The voter's view of the ballot with this receipt number and date of birth, with the ballot's id
   * for the upload token; `null` for every kind of failure.
   */
  async lookup(receiptNumber: string, dateOfBirth: string, language: VoterLanguage): Promise<{ ballotId: string; view: PortalView } | null> {
    const found = await this.stores.portalRead(async (portal) => {
      const ballot = await this.find(portal, receiptNumber, dateOfBirth);
      return ballot === null ? null : { ballotId: ballot.id, facts: await this.facts(portal, ballot) };
    });
    return found === null ? null : { ballotId: found.ballotId, view: portalView(found.facts, this.clock.now(), language) };
  }

  /** The view of a ballot the voter has already found, by the id their token carries (the language switch, the page after an upload). */
  async viewById(ballotId: string, language: VoterLanguage): Promise<PortalView | null> {
    const facts = await this.stores.portalRead(async (portal) => {
      const ballot = await portal.ballot(ballotId);
      return ballot === null ? null : this.facts(portal, portalBallotOf(ballot));
    });
    return facts === null ? null : portalView(facts, this.clock.now(), language);
  }

  /**
   * Everything the view needs besides the ballot comes from the election's cached rules (county
   * offices, contest names); only a ballot awaiting or past a cure costs a second query, for its
   * latest upload.
   */
  async facts(portal: PortalStore, ballot: PortalBallot): Promise<PortalFacts> {
    const rules = await this.rules.get(portal.rules(ballot.electionId));
    const county = rules.counties.get(ballot.countyCode);
    const contestIds = ballot.determination === 'partial' ? ballot.contests() : [];
    const names = new Map(contestIds.length === 0 ? [] : rules.jurisdiction.bundle.contests.map((c) => [c.id, c.name]));
    const latest = ballot.status === 'received.awaitingCure' || ballot.status === 'cured' ? await portal.latestUpload(ballot.id) : null;
    return {
      receiptNumber: ballot.receiptNumber,
      kind: ballot.kind,
      status: ballot.status,
      cureReason: ballot.cureReason,
      cureDeadline: cureDeadlineInForce(ballot, rules),
      rejectionReason: ballot.rejectionReason,
      determination: ballot.determination,
      contestsCounted: contestIds.map((id) => names.get(id) ?? id),
      timeZone: rules.election.timeZone,
      countyName: county?.name ?? ballot.countyCode,
      electionName: rules.election.name,
      office: {
        // No name given: the view says "<county> County election office" in the voter's language.
        name: county?.officeName ?? '',
        address: county?.officeAddress ?? null,
        hours: county?.officeHours ?? null,
        phone: county?.officePhone ?? null,
        email: county?.officeEmail ?? null,
      },
      latestUpload: latest === null ? null : { status: latest.status, declineReason: latest.declineReason },
      officeTranslations: county?.officeTranslations ?? null,
      history: await portal.history(ballot.id),
    };
  }
}

/** The columns of a ballot the portal reads. */
export type PortalBallot = Pick<
  BallotEntity,
  'id' | 'electionId' | 'receiptNumber' | 'kind' | 'countyCode' | 'status' | 'cureReason' | 'cureDeadline' | 'rejectionReason' | 'determination'
> & { readonly contests: () => readonly string[] };

function portalBallotFrom(row: PortalBallotRow): PortalBallot {
  return {
    id: row.id,
    electionId: row.election_id,
    receiptNumber: row.receipt_number,
    kind: row.kind,
    countyCode: row.county_code,
    status: row.status,
    cureReason: row.cure_reason,
    cureDeadline: row.cure_deadline === null ? null : Number(row.cure_deadline), // PostgreSQL returns BIGINT as text
    rejectionReason: row.rejection_reason,
    determination: row.determination,
    contests: () => (JSON.parse(row.lifecycle) as LifecycleContext).count?.contests ?? [],
  };
}

/** The same columns from a loaded entity (the page after an upload). */
export function portalBallotOf(ballot: BallotEntity): PortalBallot {
  return { ...ballot, contests: () => ballot.lifecycle.count?.contests ?? [] };
}
