import type { StaffActor } from '@app/domain';
import type { Reports } from './reports';

/**
 * Every report by its name in the API, the console and the CLI, with its CSV columns: the one
 * list, so a new report appears everywhere by being added here (with its method on `Reports`).
 */
export const REPORT_DEFINITIONS = {
  outstanding: { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.outstanding(a, e, c), columns: ['countyCode', 'countyName', 'kind', 'status', 'cureDeadline', 'ballots'] },
  'rejection-reasons': { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.rejectionReasons(a, e, c), columns: ['countyCode', 'reason', 'ballots'] },
  'uocava-summary': { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.uocavaSummary(a, e, c), columns: ['category', 'status', 'ballots'] },
  'cure-reasons': { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.cureReasons(a, e, c), columns: ['countyCode', 'cureReason', 'outcome', 'ballots'] },
  'partial-counts': { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.partialCounts(a, e, c), columns: ['countyCode', 'precinctId', 'receiptNumber', 'contestsToCount', 'contestIds'] },
  'state-rollup': { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.stateRollup(a, e, c), columns: ['countyCode', 'countyName', 'ballots', 'countedFull', 'countedPartial', 'rejected', 'outstanding'] },
  eavs: { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.eavs(a, e, c), columns: ['countyCode', 'countyName', 'instrument', 'section', 'item', 'label', 'description', 'value', 'confirmed', 'source', 'check'] },
  'certification-readiness': { run: (r: Reports, a: StaffActor, e: string, c?: string) => r.certificationReadiness(a, e, c), columns: ['countyCode', 'countyName', 'outstanding', 'total', 'certified', 'certifiedAt', 'ready'] },
} as const;
export type ReportName = keyof typeof REPORT_DEFINITIONS;
