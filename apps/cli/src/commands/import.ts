import { readFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import { BallotIntake, DomainError, ElectionRulesCache, importJurisdiction, notFound, SYSTEM_ACTOR, type StaffActor } from '@app/ballots';
import { importBallots, importVoters, type ImportReport } from '@app/imports';
import { ElectionEntity, TransactionRunner, UserEntity } from '@app/persistence';
import { withProgress } from '../progress';
import { EXIT } from '../context';

function printReport(what: string, report: ImportReport): number {
  for (const p of report.problems) process.stderr.write(`line ${p.line}: ${p.field}: ${p.message}\n`);
  if (report.rejected > report.problems.length) process.stderr.write(`... and ${report.rejected - report.problems.length} more refused rows\n`);
  const rate = Math.round(report.read / Math.max(0.001, report.seconds));
  console.log(
    `${what}: ${report.read.toLocaleString('en-US')} rows read, ${report.inserted.toLocaleString('en-US')} added, ${report.alreadyPresent.toLocaleString('en-US')} already present, ${report.rejected.toLocaleString('en-US')} refused; ${report.seconds.toFixed(1)} s, ${rate.toLocaleString('en-US')} rows/s`,
  );
  return report.rejected === 0 ? EXIT.ok : EXIT.rowsRefused;
}

async function requireElection(tx: TransactionRunner, electionId: string): Promise<void> {
  if ((await tx.read((m) => m.findOneBy(ElectionEntity, { id: electionId }))) === null) throw notFound(`election ${electionId}`);
}

export async function importJurisdictionCommand(app: INestApplicationContext, electionId: string, file: string): Promise<number> {
  const tx = app.get(TransactionRunner);
  await requireElection(tx, electionId);
  let bundle: unknown;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new DomainError('invalid_input', `${file} cannot be read as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = await tx.run((m) => importJurisdiction(m, electionId, bundle as Parameters<typeof importJurisdiction>[2]));
  app.get(ElectionRulesCache).invalidate(electionId);
  console.log(`jurisdiction: ${result.counties} counties, ${result.districts} districts, ${result.precincts} precincts, ${result.contests} contests (rows already present were left as they were)`);
  return EXIT.ok;
}

export async function importVotersCommand(app: INestApplicationContext, electionId: string, file: string): Promise<number> {
  const tx = app.get(TransactionRunner);
  await requireElection(tx, electionId);
  const progress = withProgress(file, 'voters');
  try {
    const report = await importVoters(tx, electionId, progress.input, { onProgress: (p) => progress.update(p.read) });
    progress.stop();
    return printReport('voters', report);
  } finally {
    progress.stop();
  }
}

export async function importBallotsCommand(app: INestApplicationContext, electionId: string, file: string, asUser: string | undefined): Promise<number> {
  const tx = app.get(TransactionRunner);
  await requireElection(tx, electionId);
  let actor: StaffActor = SYSTEM_ACTOR;
  if (asUser !== undefined) {
    const user = await tx.read((m) => m.findOneBy(UserEntity, { username: asUser }));
    if (user === null) throw notFound(`user ${asUser}`);
    actor = { id: user.id, username: user.username, role: user.role, countyCode: user.countyCode };
  }
  const progress = withProgress(file, 'ballots');
  try {
    const report = await importBallots(app.get(BallotIntake), actor, electionId, progress.input, { onProgress: (p) => progress.update(p.read) });
    progress.stop();
    return printReport('ballots', report);
  } finally {
    progress.stop();
  }
}
