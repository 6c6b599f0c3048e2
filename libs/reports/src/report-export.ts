import { createHash } from 'node:crypto';
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
}

export const isReportName = (name: string): name is ReportName => Object.hasOwn(REPORT_DEFINITIONS, name);

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
    if (!isReportName(name)) throw new DomainError('not_found', `no report ${name}; there are: ${Object.keys(REPORT_DEFINITIONS).join(', ')}`);
    const definition = REPORT_DEFINITIONS[name];
    const rows = await definition.run(this.reports, actor, electionId, countyCode);
    const csv = toCsv(rows, definition.columns);
    const sha256 = createHash('sha256').update(csv).digest('hex');
    await this.stores.write(actor, (s) =>
      s.election(electionId).audit.append({ event: 'REPORT_EXPORTED', payload: { report: name, countyCode: countyCode ?? null, rows: rows.length, sha256 }, at: this.clock.now() }),
    );
    return { name, filename: reportFileName(name, electionId, countyCode), csv, rows: rows.length };
  }
}
