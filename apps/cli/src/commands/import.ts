import { createReadStream, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { UsersService } from '@app/auth';
import { BallotIntake, Elections, type JurisdictionChanges } from '@app/ballots';
import { csvSyntaxError, importBallots, importVoters, type ImportReport, type VoterImportReport } from '@app/imports';
import { TransactionRunner } from '@app/persistence';
import { withProgress } from '../progress';
import { EXIT } from '../context';
import { DomainError, SYSTEM_ACTOR, type Clock, type StaffActor, CLOCK } from '@app/domain';

function printProblems(report: { readonly problems: ImportReport['problems']; readonly rejected: number }): void {
  for (const p of report.problems) process.stderr.write(`line ${p.line}: ${p.field}: ${p.message}\n`);
  if (report.rejected > report.problems.length) process.stderr.write(`... and ${report.rejected - report.problems.length} more refused rows\n`);
}

function printReport(what: string, report: ImportReport): number {
  printProblems(report);
  const rate = Math.round(report.read / Math.max(0.001, report.seconds));
  console.log(
    `${what}: ${report.read.toLocaleString('en-US')} rows read, ${report.inserted.toLocaleString('en-US')} added, ${report.alreadyPresent.toLocaleString('en-US')} already present, ${report.rejected.toLocaleString('en-US')} refused; ${report.seconds.toFixed(1)} s, ${rate.toLocaleString('en-US')} rows/s`,
  );
  return report.rejected === 0 ? EXIT.ok : EXIT.rowsRefused;
}

async function requireElection(app: INestApplicationContext, electionId: string): Promise<void> {
  await app.get(Elections).get(SYSTEM_ACTOR, electionId);
}

export async function importJurisdictionCommand(app: INestApplicationContext, electionId: string, file: string, options: { readonly replace?: boolean; readonly dryRun?: boolean; readonly as?: string } = {}): Promise<number> {
  await requireElection(app, electionId);
  const actor = await actorFor(app, options.as);
  // A file that cannot be read is the file system's error (the CLI says it in words); one that is not JSON is said here.
  const text = readFileSync(file, 'utf8');
  let bundle: unknown;
  try {
    bundle = JSON.parse(text);
  } catch (error) {
    throw new DomainError('invalid_input', `${file} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const mode = options.replace === true ? 'replace' : 'merge';
  const dryRun = options.dryRun === true;
  const result = await app.get(Elections).importJurisdiction(actor, electionId, bundle, mode, { dryRun });
  const line = (what: string, c: JurisdictionChanges) =>
    `${what} ${c.inserted} added, ${c.updated} updated, ${c.unchanged} unchanged, ${mode === 'replace' ? `${c.removed} removed` : `${c.kept} not in the file (kept)`}`;
  const { changes } = result;
  console.log(`jurisdiction (${mode}${dryRun ? ', dry run: rolled back, nothing written' : ''}): ${result.counties} counties, ${result.districts} districts, ${result.precincts} precincts, ${result.contests} contests${result.changed ? '' : ' (nothing changed)'}`);
  console.log(`  ${line('counties', changes.counties)}; ${line('districts', changes.districts)}`);
  console.log(`  ${line('precincts', changes.precincts)} (${changes.precinctDistricts.changedPrecincts} with changed districts); ${line('contests', changes.contests)}`);
  return EXIT.ok;
}

/** A voter import's counts; exit 2 when rows were refused or a full roll could not mark removals. */
function printVoterReport(report: VoterImportReport): number {
  printProblems(report);
  const n = (value: number) => value.toLocaleString('en-US');
  const scope = report.mode === 'full_roll' ? `full roll of ${report.countyCode === null ? 'the election' : `county ${report.countyCode}`}` : 'incremental';
  const removed = report.mode === 'full_roll' ? (report.removal === 'done' ? `${n(report.removed)} removed` : 'none removed (see below)') : 'none removed (incremental)';
  const rate = Math.round(report.read / Math.max(0.001, report.seconds));
  console.log(
    `voters, import ${report.importId} (${scope}): ${n(report.read)} rows read, ${n(report.inserted)} added, ${n(report.updated)} updated, ${n(report.unchanged)} unchanged, ${n(report.restored)} restored, ${removed}, ${n(report.rejected)} refused; ${report.seconds.toFixed(1)} s, ${n(rate)} rows/s`,
  );
  if (report.removal === 'skipped') {
    process.stderr.write(`removal not done: ${report.removalNote ?? 'unknown'}; nobody was marked removed. Fix the file and import it again.\n`);
    return EXIT.rowsRefused;
  }
  return report.rejected === 0 ? EXIT.ok : EXIT.rowsRefused;
}

async function actorFor(app: INestApplicationContext, username: string | undefined): Promise<StaffActor> {
  return username === undefined ? SYSTEM_ACTOR : app.get(UsersService).actorNamed(username);
}

export interface VoterImportCommandOptions {
  /** The file is the whole roll (of the election, or of `county`): voters it leaves out are marked removed. */
  readonly fullRoll?: boolean;
  readonly county?: string;
  readonly as?: string;
}

export async function importVotersCommand(app: INestApplicationContext, electionId: string, file: string, options: VoterImportCommandOptions = {}): Promise<number> {
  await requireElection(app, electionId);
  const actor = await actorFor(app, options.as);
  const progress = withProgress(file, 'voters');
  try {
    const report = await importVoters(app.get(TransactionRunner), electionId, progress.input, {
      mode: options.fullRoll === true ? 'full_roll' : 'incremental',
      countyCode: options.county ?? null,
      actor,
      source: basename(file),
      clock: app.get<Clock>(CLOCK),
      onProgress: (p) => progress.update(p.read),
    });
    progress.stop();
    return printVoterReport(report);
  } finally {
    progress.stop();
  }
}

export async function importBallotsCommand(app: INestApplicationContext, electionId: string, file: string, asUser: string | undefined): Promise<number> {
  await requireElection(app, electionId);
  const actor = await actorFor(app, asUser);
  // As over HTTP: a file that is not well-formed CSV is refused whole before any row is taken in.
  const broken = await csvSyntaxError(createReadStream(file));
  if (broken !== null) throw broken;
  const progress = withProgress(file, 'ballots');
  try {
    const report = await importBallots(app.get(BallotIntake), actor, electionId, progress.input, { onProgress: (p) => progress.update(p.read) });
    progress.stop();
    return printReport('ballots', report);
  } finally {
    progress.stop();
  }
}
