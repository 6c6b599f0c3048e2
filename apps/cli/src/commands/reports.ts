import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { EXIT } from '../context';
import { formatHead } from '@app/audit';
import { DomainError, type StaffActor } from '@app/domain';
import { REPORT_DEFINITIONS, ReportExports, type ReportName } from '@app/reports';

/** The CLI reads every county, as the state's observer does; it changes nothing. */
const CLI_READER: StaffActor = { id: 'cli', username: 'cli', role: 'observer', countyCode: null };

export const REPORT_NAMES = Object.keys(REPORT_DEFINITIONS) as ReportName[];

/** One of the API's reports as CSV in a file (never over an existing one), or on standard output with `-`. */
export async function exportReportCommand(app: INestApplicationContext, name: string, file: string, electionId: string, countyCode?: string): Promise<number> {
  if (!(REPORT_NAMES as string[]).includes(name)) throw new DomainError('invalid_input', `no report ${name}; there are: ${REPORT_NAMES.join(', ')}`);
  const target = file === '-' ? null : resolve(file);
  if (target !== null && existsSync(target)) throw new DomainError('conflict', `${target} exists: choose another file`);
  const { csv, auditHead } = await app.get(ReportExports).csv(CLI_READER, name, electionId, countyCode);
  // The head goes beside the CSV, never into it: the file stays plain CSV, and its SHA-256 is the one recorded in that entry.
  const head = `audit chain head ${formatHead(auditHead)} (entry ${auditHead.seq} records this export and the file's SHA-256; publish it with the report, check it later with verify-audit --head)`;
  if (target === null) {
    process.stdout.write(csv);
    process.stderr.write(`${head}\n`);
    return EXIT.ok;
  }
  writeFileSync(target, csv, { flag: 'wx' });
  console.log(`wrote the ${name} report of ${electionId}${countyCode === undefined ? '' : ` (county ${countyCode})`} to ${target}`);
  console.log(head);
  return EXIT.ok;
}
