import { timingSafeEqual } from 'node:crypto';
import type { Clock, ElectionRulesCache } from '@app/ballots';
import type { VoterLanguage } from '@app/domain';
import type { LifecycleContext } from '@app/lifecycle';
import { CureSubmissionEntity, isPostgres, type BallotEntity, type SnapshotReads } from '@app/persistence';
import type { EntityManager } from 'typeorm';
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
    private readonly reads: SnapshotReads,
    private readonly rules: ElectionRulesCache,
    private readonly clock: Clock,
  ) {}

  /**
   * One indexed query for exactly the columns the view needs, written out (the portal is the
   * service's hottest path; the entity machinery costs more than the query). Newest election first.
   */
  async find(manager: EntityManager, receiptNumber: string, dateOfBirth: string): Promise<PortalBallot | null> {
    const candidates = receiptCandidates(receiptNumber);
    const marks = candidates.map((_c, i) => (isPostgres(manager.connection) ? `$${i + 1}` : '?')).join(', ');
    const rows = await manager.query<RawBallotRow[]>(
      `SELECT id, election_id, receipt_number, kind, county_code, date_of_birth, status, lifecycle, cure_reason, cure_deadline, rejection_reason, determination
         FROM ballots WHERE receipt_number IN (${marks}) ORDER BY created_at DESC`,
      candidates,
    );
    let found: RawBallotRow | null = null;
    if (rows.length === 0) sameDate(null, dateOfBirth);
    for (const row of rows) {
      if (sameDate(row.date_of_birth, dateOfBirth) && found === null) found = row;
    }
    return found === null ? null : portalBallotFrom(found);
  }

  /** The voter's view, or `null` for every kind of failure. */
  async lookup(receiptNumber: string, dateOfBirth: string, language: VoterLanguage): Promise<PortalView | null> {
    return this.reads.read(async (manager) => {
      const ballot = await this.find(manager, receiptNumber, dateOfBirth);
      return ballot === null ? null : portalView(await this.facts(manager, ballot), this.clock.now(), language);
    });
  }

  /**
   * Everything the view needs besides the ballot comes from the election's cached rules (county
   * offices, contest names); only a ballot awaiting or past a cure costs a second query, for its
   * latest upload.
   */
  async facts(manager: EntityManager, ballot: PortalBallot): Promise<PortalFacts> {
    const rules = await this.rules.get(manager, ballot.electionId);
    const county = rules.counties.get(ballot.countyCode);
    const contestIds = ballot.determination === 'partial' ? ballot.contests() : [];
    const names = new Map(contestIds.length === 0 ? [] : rules.jurisdiction.bundle.contests.map((c) => [c.id, c.name]));
    const latest =
      ballot.status === 'received.awaitingCure' || ballot.status === 'cured'
        ? await manager.findOne(CureSubmissionEntity, { where: { ballotId: ballot.id }, order: { submittedAt: 'DESC' } })
        : null;
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

/** The columns of a ballot the portal reads. */
export type PortalBallot = Pick<
  BallotEntity,
  'id' | 'electionId' | 'receiptNumber' | 'kind' | 'countyCode' | 'status' | 'cureReason' | 'cureDeadline' | 'rejectionReason' | 'determination'
> & { readonly contests: () => readonly string[] };

interface RawBallotRow {
  readonly id: string;
  readonly election_id: string;
  readonly receipt_number: string;
  readonly kind: BallotEntity['kind'];
  readonly county_code: string;
  readonly date_of_birth: string;
  readonly status: BallotEntity['status'];
  readonly lifecycle: string;
  readonly cure_reason: BallotEntity['cureReason'];
  readonly cure_deadline: string | number | null;
  readonly rejection_reason: BallotEntity['rejectionReason'];
  readonly determination: BallotEntity['determination'];
}

function portalBallotFrom(row: RawBallotRow): PortalBallot {
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

/** The later of the deadline the voter was given and the one in force now (a court order may extend it, never shorten it). */
export function cureDeadlineInForce(ballot: Pick<BallotEntity, 'cureDeadline'>, current: number | null): number | null {
  if (ballot.cureDeadline === null) return null;
  return current === null ? ballot.cureDeadline : Math.max(ballot.cureDeadline, current);
}
