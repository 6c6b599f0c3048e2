import { timingSafeEqual } from 'node:crypto';
import type { Clock, ElectionRulesCache } from '@app/ballots';
import type { VoterLanguage } from '@app/domain';
import { BallotEntity, ContestEntity, CountyEntity, CureSubmissionEntity, type TransactionRunner } from '@app/persistence';
import { In, type EntityManager } from 'typeorm';
import { portalView, type PortalFacts, type PortalView } from './portal-view';

const DATE_LENGTH = 10; // YYYY-MM-DD
const NO_DATE = Buffer.alloc(DATE_LENGTH, 0);

/** The same comparison work whether or not there is a ballot to compare with. */
function sameDate(stored: string | null, given: string): boolean {
  const a = stored === null ? NO_DATE : Buffer.from(stored.padEnd(DATE_LENGTH, '\0').slice(0, DATE_LENGTH));
  const b = Buffer.from(given.padEnd(DATE_LENGTH, '\0').slice(0, DATE_LENGTH));
  return timingSafeEqual(a, b) && stored !== null;
}

/** What a voter types: spaces around it dropped; letters matched as written or in capitals. */
export function receiptCandidates(receipt: string): string[] {
  const trimmed = receipt.trim();
  return [...new Set([trimmed, trimmed.toUpperCase()])];
}

/**
 * The HAVA free access system's lookup: a ballot is found only by its exact receipt number and the
 * date of birth on its envelope. "No such receipt" and "wrong date of birth" do the same work (one
 * indexed query, one constant-time comparison) and give the caller the same `null`.
 */
export class PortalLookup {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly rules: ElectionRulesCache,
    private readonly clock: Clock,
  ) {}

  async find(manager: EntityManager, receiptNumber: string, dateOfBirth: string): Promise<BallotEntity | null> {
    const rows = await manager.find(BallotEntity, { where: { receiptNumber: In(receiptCandidates(receiptNumber)) }, order: { createdAt: 'DESC' } });
    let found: BallotEntity | null = null;
    if (rows.length === 0) sameDate(null, dateOfBirth);
    for (const row of rows) {
      if (sameDate(row.dateOfBirth, dateOfBirth) && found === null) found = row;
    }
    return found;
  }

  /** The voter's view, or `null` for every kind of failure. */
  async lookup(receiptNumber: string, dateOfBirth: string, language: VoterLanguage): Promise<PortalView | null> {
    return this.tx.read(async (manager) => {
      const ballot = await this.find(manager, receiptNumber, dateOfBirth);
      return ballot === null ? null : portalView(await this.facts(manager, ballot), this.clock.now(), language);
    });
  }

  async facts(manager: EntityManager, ballot: BallotEntity): Promise<PortalFacts> {
    const rules = await this.rules.get(manager, ballot.electionId);
    const county = await manager.findOneBy(CountyEntity, { electionId: ballot.electionId, code: ballot.countyCode });
    const contestIds = ballot.determination === 'partial' ? (ballot.lifecycle.count?.contests ?? []) : [];
    const contests = contestIds.length === 0 ? [] : await manager.findBy(ContestEntity, { electionId: ballot.electionId, id: In([...contestIds]) });
    const names = new Map(contests.map((c) => [c.id, c.name]));
    const latest = await manager.findOne(CureSubmissionEntity, { where: { ballotId: ballot.id }, order: { submittedAt: 'DESC' } });
    return {
      receiptNumber: ballot.receiptNumber,
      kind: ballot.kind,
      status: ballot.status,
      cureReason: ballot.cureReason,
      cureDeadline: cureDeadlineInForce(ballot, rules.calendar.forCounty(ballot.countyCode).deadlines.provisionalCure.at),
      rejectionReason: ballot.rejectionReason,
      determination: ballot.determination,
      contestsCounted: contestIds.map((id) => names.get(id) ?? id),
      timeZone: rules.election.timeZone,
      office: {
        name: county?.officeName ?? `${county?.name ?? ballot.countyCode} County election office`,
        address: county?.officeAddress ?? null,
        hours: county?.officeHours ?? null,
        phone: county?.officePhone ?? null,
        email: county?.officeEmail ?? null,
      },
      latestUpload: latest === null ? null : { status: latest.status, declineReason: latest.declineReason },
    };
  }
}

/** The later of the deadline the voter was given and the one in force now (a court order may extend it, never shorten it). */
export function cureDeadlineInForce(ballot: Pick<BallotEntity, 'cureDeadline'>, current: number | null): number | null {
  if (ballot.cureDeadline === null) return null;
  return current === null ? ballot.cureDeadline : Math.max(ballot.cureDeadline, current);
}
