import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { REPORT_DEFINITIONS, Reports, toCsv, type ReportName } from '@app/ballots';
import { ElectionEntity } from '@app/persistence';
import { DataSource } from 'typeorm';
import { EXIT } from '../context';
import { DomainError, type StaffActor } from '@app/domain';

/** The CLI reads every county, as the state's observer does; it changes nothing. */
const CLI_READER: StaffActor = { id: 'cli', username: 'cli', role: 'observer', countyCode: null };

export const REPORT_NAMES = Object.keys(REPORT_DEFINITIONS) as ReportName[];

/** One of the API's reports as CSV in a file (never over an existing one), or on standard output with `-`. */
export async function exportReportCommand(app: INestApplicationContext, name: string, file: string, electionId: string, countyCode?: string): Promise<number> {
  if (!(REPORT_NAMES as string[]).includes(name)) throw new DomainError('invalid_input', `no report ${name}; there are: ${REPORT_NAMES.join(', ')}`);
  if ((await app.get(DataSource).getRepository(ElectionEntity).countBy({ id: electionId })) === 0) throw new DomainError('not_found', `no election ${electionId}`);
  const report = REPORT_DEFINITIONS[name as ReportName];
  const csv = toCsv(await report.run(app.get(Reports), CLI_READER, electionId, countyCode), report.columns);
  if (file === '-') {
    process.stdout.write(csv);
    return EXIT.ok;
  }
  const target = resolve(file);
  if (existsSync(target)) throw new DomainError('conflict', `${target} exists: choose another file`);
  writeFileSync(target, csv, { flag: 'wx' });
  console.log(`wrote the ${name} report of ${electionId}${countyCode === undefined ? '' : ` (county ${countyCode})`} to ${target}`);
  return EXIT.ok;
}
