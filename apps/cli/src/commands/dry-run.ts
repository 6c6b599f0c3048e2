import type { INestApplicationContext } from '@nestjs/common';
import { Elections } from '@app/ballots';
import { checkBallotFile, checkVoterFile, csvSyntaxError, type CheckReport } from '@app/imports';
import { TransactionRunner } from '@app/persistence';
import { SYSTEM_ACTOR } from '@app/domain';
import { createReadStream } from 'node:fs';
import { EXIT } from '../context';
import { withProgress } from '../progress';

const n = (value: number) => value.toLocaleString('en-US');

/** What a dry run found: the refused rows by line, then the counts; exit 2 when rows would be refused, as the import would. */
function printCheck(what: string, report: CheckReport, knownAs: string): number {
  for (const p of report.problems) process.stderr.write(`line ${p.line}: ${p.field}: ${p.message}\n`);
  if (report.rejected > report.problems.length) process.stderr.write(`... and ${n(report.rejected - report.problems.length)} more refused rows\n`);
  console.log(`${what} (dry run, nothing written): ${n(report.read)} rows read; would add ${n(report.valid - report.known)}, ${n(report.known)} ${knownAs}, ${n(report.rejected)} refused`);
  return report.rejected === 0 ? EXIT.ok : EXIT.rowsRefused;
}

/** `import voters --dry-run`: each row checked as the import checks it, the voters looked up on the roll; a full roll's removals are not counted. */
export async function checkVotersCommand(app: INestApplicationContext, electionId: string, file: string, options: { readonly county?: string; readonly fullRoll?: boolean }): Promise<number> {
  await app.get(Elections).get(SYSTEM_ACTOR, electionId);
  const progress = withProgress(file, 'voters (dry run)');
  try {
    const report = await checkVoterFile(app.get(TransactionRunner), electionId, progress.input, { countyCode: options.county ?? null, onProgress: (p) => progress.update(p.read) });
    progress.stop();
    if (options.fullRoll === true) process.stderr.write('note: a dry run does not count the voters a full roll would mark removed\n');
    return printCheck('voters', report, 'already on the roll (updated, or unchanged if identical)');
  } finally {
    progress.stop();
  }
}

/** `import ballots --dry-run`: each row checked by the intake body's rules, its receipt number looked up; intake's checks against the election's rules run only on import. */
export async function checkBallotsCommand(app: INestApplicationContext, electionId: string, file: string): Promise<number> {
  await app.get(Elections).get(SYSTEM_ACTOR, electionId);
  const broken = await csvSyntaxError(createReadStream(file));
  if (broken !== null) throw broken;
  const progress = withProgress(file, 'ballots (dry run)');
  try {
    const report = await checkBallotFile(app.get(TransactionRunner), electionId, progress.input, { onProgress: (p) => progress.update(p.read) });
    progress.stop();
    process.stderr.write('note: intake\'s checks against the election (county, precinct, deadlines) run on the import itself, so a row checked here can still be refused then\n');
    return printCheck('ballots', report, 'already present');
  } finally {
    progress.stop();
  }
}
