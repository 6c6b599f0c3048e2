import { BallotEntity, ContestEntity, CountyEntity, type TransactionRunner } from '@app/persistence';
import type { EntityManager } from 'typeorm';
import { countyFilter, NO_COUNTY } from './scope';
import { cureDeadlineInForce, type ElectionRulesCache } from './election-rules';
import { eavsReport, type EavsRow } from './eavs-report';
import { type StaffActor, DomainError } from '@app/domain';

/** A cure deadline still to meet: a ballot keeps its deadline after the cure is made, when it no longer binds. */
const AWAITED_DEADLINE_SQL = "CASE WHEN b.status = 'received.awaitingCure' THEN b.cure_deadline END";

/**
 * The county a report covers: the one asked for, within the actor's own reach. A county user who
 * asks for another county gets an empty report, as for a county with no ballots ("not yours" looks
 * like "not found"). A county the election does not have is not found, for every caller (API,
 * console, CLI).
 */
async function reportScope(m: EntityManager, actor: StaffActor, electionId: string, countyCode: string | undefined): Promise<string | null> {
  const own = countyFilter(actor);
  if (countyCode === undefined) return own;
  // A county code the election does not have is a mistake to say, not an empty report to file.
  if ((await m.countBy(CountyEntity, { electionId, code: countyCode })) === 0) throw new DomainError('not_found', `no county ${countyCode} in ${electionId}`);
  return own === null || own === countyCode ? countyCode : NO_COUNTY;
}

/** Ballots not yet counted or rejected: the figure a county must bring to zero before it certifies. */
export const OUTSTANDING_SQL = "b.status NOT IN ('counted', 'rejected')";

export interface OutstandingRow { countyCode: string; countyName: string; kind: string; status: string; ballots: number }
export interface OutstandingDeadlineRow { countyCode: string; countyName: string; kind: string; status: string; cureDeadline: string | null; ballots: number }
export interface CureDeadlineRow { deadline: number; ballots: number }
export interface RejectionRow { countyCode: string; reason: string; ballots: number }
export interface UocavaRow { category: string; status: string; ballots: number }
export interface CureReasonRow { countyCode: string; cureReason: string; outcome: 'awaiting' | 'cured' | 'rejected'; ballots: number }
export interface PartialCountRow { countyCode: string; precinctId: string; receiptNumber: string; contestsToCount: string; contestIds: string }
export interface RollupRow { countyCode: string; countyName: string; ballots: number; countedFull: number; countedPartial: number; rejected: number; outstanding: number }
export interface ReadinessRow { countyCode: string; countyName: string; outstanding: number; total: number; certified: boolean; certifiedAt: string | null; ready: boolean }

/** The dashboard's four tables, from one pass over an election's ballots. */
export interface DashboardFigures {
  readonly outstanding: OutstandingRow[];
  readonly cureDeadlines: CureDeadlineRow[];
  readonly rejections: RejectionRow[];
  readonly readiness: ReadinessRow[];
}

/** The first reports of SPEC section 5, each scoped to what the actor may see. */
export class Reports {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly rules: ElectionRulesCache,
  ) {}

  /**
   * Outstanding by county, kind and status; cure deadlines; rejections by reason; certification
   * readiness: one grouped scan of the ballots (the groups are few) instead of four.
   */
  dashboard(actor: StaffActor, electionId: string): Promise<DashboardFigures> {
    return this.tx.read(async (m) => {
      const scope = countyFilter(actor);
      const q = m.getRepository(BallotEntity).createQueryBuilder('b')
        .select('b.county_code', 'countyCode').addSelect('b.kind', 'kind').addSelect('b.status', 'status')
        .addSelect('b.cure_deadline', 'cureDeadline').addSelect('b.rejection_reason', 'rejectionReason').addSelect('COUNT(*)', 'ballots')
        .where('b.election_id = :electionId', { electionId });
      if (scope !== null) q.andWhere('b.county_code = :scope', { scope });
      const groups = await q.groupBy('b.county_code').addGroupBy('b.kind').addGroupBy('b.status').addGroupBy('b.cure_deadline').addGroupBy('b.rejection_reason')
        .getRawMany<{ countyCode: string; kind: string; status: string; cureDeadline: string | number | null; rejectionReason: string | null; ballots: string | number }>();
      const countyQuery = m.getRepository(CountyEntity).createQueryBuilder('c').where('c.election_id = :electionId', { electionId }).orderBy('c.code');
      if (scope !== null) countyQuery.andWhere('c.code = :scope', { scope });
      const counties = await countyQuery.getMany();
      const names = new Map(counties.map((c) => [c.code, c.name]));
      const rules = await this.rules.get(m, electionId);

      const outstanding = new Map<string, OutstandingRow>();
      const deadlines = new Map<number, number>();
      const rejections = new Map<string, RejectionRow>();
      const totals = new Map<string, { outstanding: number; total: number }>();
      for (const g of groups) {
        const n = Number(g.ballots);
        const open = g.status !== 'counted' && g.status !== 'rejected';
        const total = totals.get(g.countyCode) ?? { outstanding: 0, total: 0 };
        total.total += n;
        if (open) {
          total.outstanding += n;
          const key = `${g.countyCode}|${g.kind}|${g.status}`;
          const row = outstanding.get(key) ?? { countyCode: g.countyCode, countyName: names.get(g.countyCode) ?? g.countyCode, kind: g.kind, status: g.status, ballots: 0 };
          row.ballots += n;
          outstanding.set(key, row);
        }
        totals.set(g.countyCode, total);
        if (g.status === 'received.awaitingCure' && g.cureDeadline !== null) {
          // The deadline in force: a court order or the county's hours may have moved it since the cure was requested.
          const inForce = cureDeadlineInForce({ cureDeadline: Number(g.cureDeadline), countyCode: g.countyCode }, rules) ?? Number(g.cureDeadline);
          deadlines.set(inForce, (deadlines.get(inForce) ?? 0) + n);
        }
        if (g.status === 'rejected' && g.rejectionReason !== null) {
          const key = `${g.countyCode}|${g.rejectionReason}`;
          const row = rejections.get(key) ?? { countyCode: g.countyCode, reason: g.rejectionReason, ballots: 0 };
          row.ballots += n;
          rejections.set(key, row);
        }
      }
      const byKey = <T>(rows: Map<string, T>) => [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
      return {
        outstanding: byKey(outstanding),
        cureDeadlines: [...deadlines.entries()].sort(([a], [b]) => a - b).map(([deadline, ballots]) => ({ deadline, ballots })),
        rejections: byKey(rejections),
        readiness: counties.map((c) => {
          const t = totals.get(c.code) ?? { outstanding: 0, total: 0 };
          const certified = c.certifiedAt !== null;
          return {
            countyCode: c.code,
            countyName: c.name,
            outstanding: t.outstanding,
            total: t.total,
            certified,
            certifiedAt: c.certifiedAt === null ? null : new Date(c.certifiedAt).toISOString(),
            ready: !certified && t.outstanding === 0,
          };
        }),
      };
    });
  }

  /**
   * Outstanding ballots by county, kind, state and deadline: a ballot awaiting a cure carries its
   * cure deadline (ISO 8601, UTC); every other outstanding ballot has none of its own and is due by
   * the county's certification.
   */
  outstanding(actor: StaffActor, electionId: string, countyCode?: string): Promise<OutstandingDeadlineRow[]> {
    return this.tx.read(async (m) => {
      const q = m.getRepository(BallotEntity).createQueryBuilder('b')
        .innerJoin(CountyEntity, 'c', 'c.election_id = b.election_id AND c.code = b.county_code')
        .select('b.county_code', 'countyCode').addSelect('c.name', 'countyName').addSelect('b.kind', 'kind').addSelect('b.status', 'status')
        .addSelect(AWAITED_DEADLINE_SQL, 'cureDeadline').addSelect('COUNT(*)', 'ballots')
        .where('b.election_id = :electionId', { electionId }).andWhere(OUTSTANDING_SQL);
      const scope = await reportScope(m, actor, electionId, countyCode);
      if (scope !== null) q.andWhere('b.county_code = :scope', { scope });
      const rows = await q.groupBy('b.county_code').addGroupBy('c.name').addGroupBy('b.kind').addGroupBy('b.status').addGroupBy(AWAITED_DEADLINE_SQL)
        .orderBy('b.county_code').addOrderBy('b.kind').addOrderBy('b.status').addOrderBy(AWAITED_DEADLINE_SQL)
        .getRawMany<Omit<OutstandingDeadlineRow, 'cureDeadline' | 'ballots'> & { cureDeadline: string | number | null; ballots: string | number }>();
      // Each recorded deadline shown as the one in force (a court order or the county's hours may
      // have moved it); two that now fall together are one row.
      const rules = await this.rules.get(m, electionId);
      const merged = new Map<string, OutstandingDeadlineRow>();
      for (const r of rows) {
        const inForce = r.cureDeadline === null ? null : cureDeadlineInForce({ cureDeadline: Number(r.cureDeadline), countyCode: r.countyCode }, rules);
        const cureDeadline = inForce === null ? null : new Date(inForce).toISOString();
        const key = `${r.countyCode}|${r.kind}|${r.status}|${cureDeadline ?? ''}`;
        const row = merged.get(key) ?? { countyCode: r.countyCode, countyName: r.countyName, kind: r.kind, status: r.status, cureDeadline, ballots: 0 };
        row.ballots += Number(r.ballots);
        merged.set(key, row);
      }
      return [...merged.values()];
    });
  }

  rejectionReasons(actor: StaffActor, electionId: string, countyCode?: string): Promise<RejectionRow[]> {
    return this.tx.read(async (m) => {
      const q = m.getRepository(BallotEntity).createQueryBuilder('b')
        .select('b.county_code', 'countyCode').addSelect('b.rejection_reason', 'reason').addSelect('COUNT(*)', 'ballots')
        .where('b.election_id = :electionId', { electionId }).andWhere("b.status = 'rejected'");
      const scope = await reportScope(m, actor, electionId, countyCode);
      if (scope !== null) q.andWhere('b.county_code = :scope', { scope });
      const rows = await q.groupBy('b.county_code').addGroupBy('b.rejection_reason').orderBy('b.county_code').addOrderBy('b.rejection_reason').getRawMany<RejectionRow>();
      return rows.map((r) => ({ ...r, ballots: Number(r.ballots) }));
    });
  }

  uocavaSummary(actor: StaffActor, electionId: string, countyCode?: string): Promise<UocavaRow[]> {
    return this.tx.read(async (m) => {
      const q = m.getRepository(BallotEntity).createQueryBuilder('b')
        .select('b.uocava_category', 'category').addSelect('b.status', 'status').addSelect('COUNT(*)', 'ballots')
        .where('b.election_id = :electionId', { electionId }).andWhere("b.kind = 'uocava'");
      const scope = await reportScope(m, actor, electionId, countyCode);
      if (scope !== null) q.andWhere('b.county_code = :scope', { scope });
      const rows = await q.groupBy('b.uocava_category').addGroupBy('b.status').orderBy('b.uocava_category').addOrderBy('b.status').getRawMany<UocavaRow>();
      return rows.map((r) => ({ ...r, ballots: Number(r.ballots) }));
    });
  }

  certificationReadiness(actor: StaffActor, electionId: string, countyCode?: string): Promise<ReadinessRow[]> {
    return this.tx.read(async (m) => {
      const q = m.getRepository(CountyEntity).createQueryBuilder('c')
        .leftJoin(BallotEntity, 'b', 'b.election_id = c.election_id AND b.county_code = c.code')
        .select('c.code', 'countyCode').addSelect('c.name', 'countyName').addSelect('c.certified_at', 'certifiedAt')
        .addSelect(`SUM(CASE WHEN b.id IS NOT NULL AND ${OUTSTANDING_SQL} THEN 1 ELSE 0 END)`, 'outstanding')
        .addSelect('COUNT(b.id)', 'total')
        .where('c.election_id = :electionId', { electionId });
      const scope = await reportScope(m, actor, electionId, countyCode);
      if (scope !== null) q.andWhere('c.code = :scope', { scope });
      const rows = await q.groupBy('c.code').addGroupBy('c.name').addGroupBy('c.certified_at').orderBy('c.code').getRawMany<{ countyCode: string; countyName: string; certifiedAt: string | number | null; outstanding: string | number; total: string | number }>();
      return rows.map((r) => {
        const outstanding = Number(r.outstanding);
        const certified = r.certifiedAt !== null;
        return {
          countyCode: r.countyCode,
          countyName: r.countyName,
          outstanding,
          total: Number(r.total),
          certified,
          certifiedAt: certified ? new Date(Number(r.certifiedAt)).toISOString() : null,
          ready: !certified && outstanding === 0,
        };
      });
    });
  }

  /** Cures requested, by county and reason, and how each stands: still awaited, made, or lapsed into a rejection. */
  cureReasons(actor: StaffActor, electionId: string, countyCode?: string): Promise<CureReasonRow[]> {
    return this.tx.read(async (m) => {
      const q = m.getRepository(BallotEntity).createQueryBuilder('b')
        .select('b.county_code', 'countyCode').addSelect('b.cure_reason', 'cureReason').addSelect('b.status', 'status').addSelect('COUNT(*)', 'ballots')
        .where('b.election_id = :electionId', { electionId }).andWhere('b.cure_reason IS NOT NULL');
      const scope = await reportScope(m, actor, electionId, countyCode);
      if (scope !== null) q.andWhere('b.county_code = :scope', { scope });
      const groups = await q.groupBy('b.county_code').addGroupBy('b.cure_reason').addGroupBy('b.status').getRawMany<{ countyCode: string; cureReason: string; status: string; ballots: string | number }>();
      const rows = new Map<string, CureReasonRow>();
      for (const g of groups) {
        const outcome = g.status === 'received.awaitingCure' ? 'awaiting' : g.status === 'rejected' ? 'rejected' : 'cured';
        const key = `${g.countyCode}|${g.cureReason}|${outcome}`;
        const row = rows.get(key) ?? { countyCode: g.countyCode, cureReason: g.cureReason, outcome, ballots: 0 };
        row.ballots += Number(g.ballots);
        rows.set(key, row);
      }
      return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
    });
  }

  /** Every partially counted ballot, by county and precinct, with the contests the duplication team copies (names and ids, ballot order). */
  partialCounts(actor: StaffActor, electionId: string, countyCode?: string): Promise<PartialCountRow[]> {
    return this.tx.read(async (m) => {
      const q = m.getRepository(BallotEntity).createQueryBuilder('b')
        .select(['b.id', 'b.countyCode', 'b.precinctId', 'b.receiptNumber', 'b.lifecycle'])
        .where('b.election_id = :electionId', { electionId }).andWhere("b.status = 'counted'").andWhere("b.determination = 'partial'");
      const scope = await reportScope(m, actor, electionId, countyCode);
      if (scope !== null) q.andWhere('b.county_code = :scope', { scope });
      const ballots = await q.orderBy('b.county_code').addOrderBy('b.precinct_id').addOrderBy('b.receipt_number').getMany();
      const contests = await m.find(ContestEntity, { where: { electionId }, select: { id: true, name: true } });
      const names = new Map(contests.map((c) => [c.id, c.name]));
      return ballots.map((b) => {
        const ids = b.lifecycle.count?.contests ?? [];
        return { countyCode: b.countyCode, precinctId: b.precinctId ?? '', receiptNumber: b.receiptNumber, contestsToCount: ids.map((id) => names.get(id) ?? id).join('; '), contestIds: ids.join(' ') };
      });
    });
  }

  /** Per county, and for the whole state on the last row (county code `ALL`): ballots, counted in full or in part, rejected, outstanding. */
  stateRollup(actor: StaffActor, electionId: string, countyCode?: string): Promise<RollupRow[]> {
    return this.tx.read(async (m) => {
      const q = m.getRepository(CountyEntity).createQueryBuilder('c')
        .leftJoin(BallotEntity, 'b', 'b.election_id = c.election_id AND b.county_code = c.code')
        .select('c.code', 'countyCode').addSelect('c.name', 'countyName').addSelect('COUNT(b.id)', 'ballots')
        .addSelect("SUM(CASE WHEN b.status = 'counted' AND b.determination = 'full' THEN 1 ELSE 0 END)", 'countedFull')
        .addSelect("SUM(CASE WHEN b.status = 'counted' AND b.determination = 'partial' THEN 1 ELSE 0 END)", 'countedPartial')
        .addSelect("SUM(CASE WHEN b.status = 'rejected' THEN 1 ELSE 0 END)", 'rejected')
        .addSelect(`SUM(CASE WHEN b.id IS NOT NULL AND ${OUTSTANDING_SQL} THEN 1 ELSE 0 END)`, 'outstanding')
        .where('c.election_id = :electionId', { electionId });
      const scope = await reportScope(m, actor, electionId, countyCode);
      if (scope !== null) q.andWhere('c.code = :scope', { scope });
      const raw = await q.groupBy('c.code').addGroupBy('c.name').orderBy('c.code').getRawMany<Record<keyof RollupRow, string | number>>();
      const rows: RollupRow[] = raw.map((r) => ({
        countyCode: String(r.countyCode),
        countyName: String(r.countyName),
        ballots: Number(r.ballots),
        countedFull: Number(r.countedFull ?? 0),
        countedPartial: Number(r.countedPartial ?? 0),
        rejected: Number(r.rejected ?? 0),
        outstanding: Number(r.outstanding ?? 0),
      }));
      const sum = (k: 'ballots' | 'countedFull' | 'countedPartial' | 'rejected' | 'outstanding') => rows.reduce((t, r) => t + r[k], 0);
      return [...rows, { countyCode: 'ALL', countyName: scope === null ? 'All counties' : 'All counties you can see', ballots: sum('ballots'), countedFull: sum('countedFull'), countedPartial: sum('countedPartial'), rejected: sum('rejected'), outstanding: sum('outstanding') }];
    });
  }

  /**
   * The federal survey's provisional (section E) and UOCAVA (section B) figures, by county and for
   * all counties in scope, in the numbers of the instrument for the election's year, with the
   * survey's sums checked on each county's figures.
   */
  eavs(actor: StaffActor, electionId: string, countyCode?: string): Promise<EavsRow[]> {
    return this.tx.read(async (m) => eavsReport(m, electionId, await reportScope(m, actor, electionId, countyCode)));
  }
}

/** Every report by its name in the API and the CLI, with its CSV columns. */
export const REPORT_DEFINITIONS = {
  outstanding: { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.outstanding(a, e, c), columns: ['countyCode', 'countyName', 'kind', 'status', 'cureDeadline', 'ballots'] },
  'rejection-reasons': { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.rejectionReasons(a, e, c), columns: ['countyCode', 'reason', 'ballots'] },
  'uocava-summary': { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.uocavaSummary(a, e, c), columns: ['category', 'status', 'ballots'] },
  'cure-reasons': { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.cureReasons(a, e, c), columns: ['countyCode', 'cureReason', 'outcome', 'ballots'] },
  'partial-counts': { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.partialCounts(a, e, c), columns: ['countyCode', 'precinctId', 'receiptNumber', 'contestsToCount', 'contestIds'] },
  'state-rollup': { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.stateRollup(a, e, c), columns: ['countyCode', 'countyName', 'ballots', 'countedFull', 'countedPartial', 'rejected', 'outstanding'] },
  eavs: {
    run: (r: Reports, a: StaffActor, e: string, c?: string) => r.eavs(a, e, c),
    columns: ['countyCode', 'countyName', 'instrument', 'section', 'item', 'label', 'description', 'value', 'confirmed', 'source', 'check'],
  },
  'certification-readiness': { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.certificationReadiness(a, e, c), columns: ['countyCode', 'countyName', 'outstanding', 'total', 'certified', 'certifiedAt', 'ready'] },
} as const;
export type ReportName = keyof typeof REPORT_DEFINITIONS;

/** The CSV file name of a report, the same from the API and the console: `eavs-ga-2020-general-FULTON.csv`. */
export function reportFileName(name: string, electionId: string, countyCode?: string): string {
  return `${name}-${electionId}${countyCode === undefined ? '' : `-${countyCode}`}.csv`;
}

/** RFC 4180 CSV with a header row; formulas are neutralised so a spreadsheet never runs a cell. */
export function toCsv(rows: readonly object[], columns: readonly string[]): string {
  const cell = (value: string | number | boolean | null | undefined): string => {
    let text = value === null || value === undefined ? '' : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => cell((row as Record<string, string | number | boolean | null | undefined>)[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
