/** The rows of each report: what the API returns as JSON and the CSV's columns. */
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
