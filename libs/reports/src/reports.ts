import { cureDeadlineInForce, type ElectionRulesCache } from '@app/ballots';
import { DomainError, notFound, requirePermission, type StaffActor } from '@app/domain';
import { isFinal } from '@app/lifecycle';
import type { CountyEntity, ElectionStores, Stores } from '@app/persistence';
import { eavsReport, type EavsRow } from './eavs-report';
import type { CureReasonRow, DashboardFigures, OutstandingDeadlineRow, OutstandingRow, PartialCountRow, ReadinessRow, RejectionRow, RollupRow, UocavaRow } from './rows';

const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '');
const byKey = <T>(rows: Map<string, T>): T[] => [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);

/** What a report covers: the counties in the actor's reach, or the one asked for (none outside that reach). */
interface ReportScope {
  readonly e: ElectionStores;
  readonly counties: CountyEntity[];
  readonly countyCode: string | undefined;
}

/**
 * The reports of SPEC section 5 and issue 6, each in the actor's scope: the stores narrow every
 * count to the actor's county; a county asked for that the election does not have is not found
 * (for every caller), one outside the actor's reach gives an empty report ("not yours" looks like
 * "nothing there").
 */
export class Reports {
  constructor(
    private readonly stores: Stores,
    private readonly rules: ElectionRulesCache,
  ) {}

  private async run<T>(actor: StaffActor, electionId: string, countyCode: string | undefined, work: (scope: ReportScope) => Promise<T>): Promise<T> {
    requirePermission(actor, 'read_reports');
    return this.stores.read(actor, async (s) => {
      const e = s.election(electionId);
      if ((await s.elections.get(electionId)) === null) throw notFound('election');
      if (countyCode !== undefined && !(await e.counties.existsInElection(countyCode))) throw new DomainError('not_found', `no county ${countyCode} in ${electionId}`);
      const counties = (await e.counties.list()).filter((c) => countyCode === undefined || c.code === countyCode).sort((a, b) => (a.code < b.code ? -1 : 1));
      return work({ e, counties, countyCode });
    });
  }

  /** Outstanding by county, kind and status; cure deadlines in force; rejections by reason; certification readiness: one grouped count. */
  dashboard(actor: StaffActor, electionId: string): Promise<DashboardFigures> {
    return this.run(actor, electionId, undefined, async ({ e, counties }) => {
      const groups = await e.reports.countBallots(['countyCode', 'kind', 'status', 'cureDeadline', 'rejectionReason']);
      const names = new Map(counties.map((c) => [c.code, c.name]));
      const rules = await this.rules.get(e.rules);
      const outstanding = new Map<string, OutstandingRow>();
      const deadlines = new Map<number, number>();
      const rejections = new Map<string, RejectionRow>();
      const totals = new Map<string, { outstanding: number; total: number }>();
      for (const g of groups) {
        const county = text(g.countyCode);
        const status = text(g.status);
        const total = totals.get(county) ?? { outstanding: 0, total: 0 };
        total.total += g.ballots;
        if (!isFinal(status)) {
          total.outstanding += g.ballots;
          const key = `${county}|${text(g.kind)}|${status}`;
          const row = outstanding.get(key) ?? { countyCode: county, countyName: names.get(county) ?? county, kind: text(g.kind), status, ballots: 0 };
          row.ballots += g.ballots;
          outstanding.set(key, row);
        }
        totals.set(county, total);
        if (status === 'received.awaitingCure' && g.cureDeadline !== null) {
          // The deadline in force: a court order or the county's hours may have moved it since the cure was requested.
          const inForce = cureDeadlineInForce({ cureDeadline: Number(g.cureDeadline), countyCode: county }, rules) ?? Number(g.cureDeadline);
          deadlines.set(inForce, (deadlines.get(inForce) ?? 0) + g.ballots);
        }
        if (status === 'rejected' && g.rejectionReason !== null) {
          const key = `${county}|${text(g.rejectionReason)}`;
          const row = rejections.get(key) ?? { countyCode: county, reason: text(g.rejectionReason), ballots: 0 };
          row.ballots += g.ballots;
          rejections.set(key, row);
        }
      }
      return {
        outstanding: byKey(outstanding),
        cureDeadlines: [...deadlines.entries()].sort(([a], [b]) => a - b).map(([deadline, ballots]) => ({ deadline, ballots })),
        rejections: byKey(rejections),
        readiness: readiness(counties, totals),
      };
    });
  }

  /**
   * Outstanding ballots by county, kind, state and deadline: a ballot awaiting a cure carries the
   * cure deadline in force (ISO 8601, UTC); every other outstanding ballot has none of its own and
   * is due by the county's certification.
   */
  outstanding(actor: StaffActor, electionId: string, countyCode?: string): Promise<OutstandingDeadlineRow[]> {
    return this.run(actor, electionId, countyCode, async ({ e, counties }) => {
      const groups = await e.reports.countBallots(['countyCode', 'kind', 'status', 'awaitedDeadline'], { countyCode, outstanding: true });
      const names = new Map(counties.map((c) => [c.code, c.name]));
      const rules = await this.rules.get(e.rules);
      const merged = new Map<string, OutstandingDeadlineRow>();
      for (const g of groups) {
        const county = text(g.countyCode);
        const inForce = g.awaitedDeadline === null ? null : cureDeadlineInForce({ cureDeadline: Number(g.awaitedDeadline), countyCode: county }, rules);
        const cureDeadline = inForce === null ? null : new Date(inForce).toISOString();
        // Two recorded deadlines a court order moved to one are one row.
        const key = `${county}|${text(g.kind)}|${text(g.status)}|${cureDeadline ?? ''}`;
        const row = merged.get(key) ?? { countyCode: county, countyName: names.get(county) ?? county, kind: text(g.kind), status: text(g.status), cureDeadline, ballots: 0 };
        row.ballots += g.ballots;
        merged.set(key, row);
      }
      return [...merged.values()];
    });
  }

  rejectionReasons(actor: StaffActor, electionId: string, countyCode?: string): Promise<RejectionRow[]> {
    return this.run(actor, electionId, countyCode, async ({ e }) =>
      (await e.reports.countBallots(['countyCode', 'rejectionReason'], { countyCode, status: 'rejected' })).map((g) => ({ countyCode: text(g.countyCode), reason: text(g.rejectionReason), ballots: g.ballots })),
    );
  }

  uocavaSummary(actor: StaffActor, electionId: string, countyCode?: string): Promise<UocavaRow[]> {
    return this.run(actor, electionId, countyCode, async ({ e }) =>
      (await e.reports.countBallots(['uocavaCategory', 'status'], { countyCode, kind: 'uocava' })).map((g) => ({ category: text(g.uocavaCategory), status: text(g.status), ballots: g.ballots })),
    );
  }

  certificationReadiness(actor: StaffActor, electionId: string, countyCode?: string): Promise<ReadinessRow[]> {
    return this.run(actor, electionId, countyCode, async ({ e, counties }) => {
      const totals = new Map<string, { outstanding: number; total: number }>();
      for (const g of await e.reports.countBallots(['countyCode', 'status'], { countyCode })) {
        const t = totals.get(text(g.countyCode)) ?? { outstanding: 0, total: 0 };
        t.total += g.ballots;
        if (!isFinal(text(g.status))) t.outstanding += g.ballots;
        totals.set(text(g.countyCode), t);
      }
      return readiness(counties, totals);
    });
  }

  /** Cures requested, by county and reason, and how each stands: still awaited, made, or lapsed into a rejection. */
  cureReasons(actor: StaffActor, electionId: string, countyCode?: string): Promise<CureReasonRow[]> {
    return this.run(actor, electionId, countyCode, async ({ e }) => {
      const rows = new Map<string, CureReasonRow>();
      for (const g of await e.reports.countBallots(['countyCode', 'cureReason', 'status'], { countyCode, cureRequested: true })) {
        const status = text(g.status);
        const outcome = status === 'received.awaitingCure' ? 'awaiting' : status === 'rejected' ? 'rejected' : 'cured';
        const key = `${text(g.countyCode)}|${text(g.cureReason)}|${outcome}`;
        const row = rows.get(key) ?? { countyCode: text(g.countyCode), cureReason: text(g.cureReason), outcome, ballots: 0 };
        row.ballots += g.ballots;
        rows.set(key, row);
      }
      return byKey(rows);
    });
  }

  /** Every partially counted ballot, by county and precinct, with the contests the duplication team copies (names and ids, ballot order). */
  partialCounts(actor: StaffActor, electionId: string, countyCode?: string): Promise<PartialCountRow[]> {
    return this.run(actor, electionId, countyCode, async ({ e }) => {
      const ballots = await e.reports.partiallyCounted(countyCode);
      const rules = await this.rules.get(e.rules);
      const names = new Map(rules.jurisdiction.bundle.contests.map((c) => [c.id, c.name]));
      return ballots.map((b) => {
        const ids = b.lifecycle.count?.contests ?? [];
        return { countyCode: b.countyCode, precinctId: b.precinctId ?? '', receiptNumber: b.receiptNumber, contestsToCount: ids.map((id) => names.get(id) ?? id).join('; '), contestIds: ids.join(' ') };
      });
    });
  }

  /** Per county, and for the whole state on the last row (county code `ALL`): ballots, counted in full or in part, rejected, outstanding. */
  stateRollup(actor: StaffActor, electionId: string, countyCode?: string): Promise<RollupRow[]> {
    return this.run(actor, electionId, countyCode, async ({ e, counties }) => {
      const rows = new Map<string, RollupRow>(counties.map((c) => [c.code, { countyCode: c.code, countyName: c.name, ballots: 0, countedFull: 0, countedPartial: 0, rejected: 0, outstanding: 0 }]));
      for (const g of await e.reports.countBallots(['countyCode', 'status', 'determination'], { countyCode })) {
        const row = rows.get(text(g.countyCode));
        if (row === undefined) continue;
        const status = text(g.status);
        row.ballots += g.ballots;
        if (status === 'counted' && g.determination === 'full') row.countedFull += g.ballots;
        if (status === 'counted' && g.determination === 'partial') row.countedPartial += g.ballots;
        if (status === 'rejected') row.rejected += g.ballots;
        if (!isFinal(status)) row.outstanding += g.ballots;
      }
      const list = [...rows.values()];
      const sum = (k: 'ballots' | 'countedFull' | 'countedPartial' | 'rejected' | 'outstanding') => list.reduce((t, r) => t + r[k], 0);
      const all = e.scope.county === null ? 'All counties' : 'All counties you can see';
      return [...list, { countyCode: 'ALL', countyName: all, ballots: sum('ballots'), countedFull: sum('countedFull'), countedPartial: sum('countedPartial'), rejected: sum('rejected'), outstanding: sum('outstanding') }];
    });
  }

  /** The federal survey's provisional (section E) and UOCAVA (section B) figures, by county and for all counties in scope. */
  eavs(actor: StaffActor, electionId: string, countyCode?: string): Promise<EavsRow[]> {
    return this.run(actor, electionId, countyCode, async ({ e, counties }) => {
      const election = (await this.rules.get(e.rules)).election;
      const groups = await e.reports.countBallots(['countyCode', 'kind', 'uocavaCategory', 'issuedReason', 'fwab', 'status', 'determination', 'rejectionReason'], { countyCode });
      return eavsReport(election, counties, groups);
    });
  }
}

function readiness(counties: readonly CountyEntity[], totals: ReadonlyMap<string, { outstanding: number; total: number }>): ReadinessRow[] {
  return counties.map((c) => {
    const t = totals.get(c.code) ?? { outstanding: 0, total: 0 };
    const certified = c.certifiedAt !== null;
    return { countyCode: c.code, countyName: c.name, outstanding: t.outstanding, total: t.total, certified, certifiedAt: certified ? new Date(c.certifiedAt ?? 0).toISOString() : null, ready: !certified && t.outstanding === 0 };
  });
}
