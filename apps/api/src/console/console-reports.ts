import { DomainError, type StaffActor } from '@app/domain';
import { REPORT_DEFINITIONS, type Reports } from '@app/reports';

/** What the console needs of a report: how to run it for an actor, and its columns in CSV order. */
interface ConsoleReport {
  readonly run: (reports: Reports, actor: StaffActor, electionId: string, countyCode?: string) => Promise<readonly object[]>;
  readonly columns: readonly string[];
}

/** The reports of the API and the CLI, by name, read generically so a new one appears here by itself. */
const DEFINITIONS: Readonly<Record<string, ConsoleReport>> = REPORT_DEFINITIONS;

export type ReportRow = Readonly<Record<string, unknown>>;

export interface ReportResult {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly ReportRow[];
  /** The one county asked for, if any. */
  readonly countyCode?: string;
}

/** A report's value as text (reports hold strings, numbers, booleans and nulls). */
export const asText = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';

export const reportNames = (): readonly string[] => Object.keys(DEFINITIONS);

/** Runs a report as the actor (the service scopes it to the actor's county), for all counties or one; an unknown name or county is not found. */
export async function runReport(reports: Reports, actor: StaffActor, name: string, electionId: string, countyCode?: string): Promise<ReportResult> {
  const definition = Object.hasOwn(DEFINITIONS, name) ? DEFINITIONS[name] : undefined;
  if (definition === undefined) throw new DomainError('not_found', 'There is no such report. The list of reports is under Reports.');
  const rows = (await definition.run(reports, actor, electionId, countyCode === '' ? undefined : countyCode)) as readonly ReportRow[];
  return countyCode === undefined || countyCode === '' ? { name, columns: definition.columns, rows } : { name, columns: definition.columns, rows, countyCode };
}
