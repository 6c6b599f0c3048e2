import { createHash } from 'node:crypto';
import type { ChainHead } from '@app/audit';
import { DomainError, type Clock, type StaffActor } from '@app/domain';
import type { Stores } from '@app/persistence';
import { reportFileName, toCsv } from './csv';
import { REPORT_DEFINITIONS, type ReportName } from './report-definitions';
import type { Reports } from './reports';

export interface ReportFile {
  readonly name: ReportName;
  readonly filename: string;
  readonly csv: string;
  readonly rows: number;
  /**
   * The audit chain's head once this export was recorded: the REPORT_EXPORTED entry that holds the
   * file's SHA-256. Published with the file, it lets anyone prove later (`verify-audit --head`)
   * that the chain still holds this export's record and everything before it.
   */
  readonly auditHead: ChainHead;
}

export const isReportName = (name: string): name is ReportName => Object.hasOwn(REPORT_DEFINITIONS, name);

const unknownReport = (name: string): DomainError => new DomainError('not_found', `no report ${name}; there are: ${Object.keys(REPORT_DEFINITIONS).join(', ')}`);

/** A report's rows by its name, as the actor may see them; an unknown name is not found, naming the reports there are. */
export function runReport(reports: Reports, actor: StaffActor, name: string, electionId: string, countyCode?: string): Promise<readonly object[]> {
  if (!isReportName(name)) return Promise.reject(unknownReport(name));
  return REPORT_DEFINITIONS[name].run(reports, actor, electionId, countyCode);
}

/**
 * A report as a CSV file, for the API, the console and the CLI alike: run in the actor's scope,
 * then a REPORT_EXPORTED entry in the audit chain with the report's name, county, row count and
 * the file's SHA-256, so an auditor can match a file in hand to who took it and when.
 */
export class ReportExports {
  constructor(
    private readonly reports: Reports,
    private readonly stores: Stores,
    private readonly clock: Clock,
  ) {}

  async csv(actor: StaffActor, name: string, electionId: string, countyCode?: string): Promise<ReportFile> {
    if (!isReportName(name)) throw unknownReport(name);
    const definition = REPORT_DEFINITIONS[name];
    const rows = await definition.run(this.reports, actor, electionId, countyCode);
    const csv = toCsv(rows, definition.columns);
    const sha256 = createHash('sha256').update(csv).digest('hex');
    const entry = await this.stores.write(actor, (s) =>
      s.election(electionId).audit.append({ event: 'REPORT_EXPORTED', payload: { report: name, countyCode: countyCode ?? null, rows: rows.length, sha256 }, at: this.clock.now() }),
    );
    return { name, filename: reportFileName(name, electionId, countyCode), csv, rows: rows.length, auditHead: { seq: entry.seq, hash: entry.hash } };
  }
}
