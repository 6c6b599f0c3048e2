import { hostname } from 'node:os';
import type { INestApplicationContext } from '@nestjs/common';
import { formatHead, parseHead } from '@app/audit';
import { UsersService } from '@app/auth';
import { BallotIntake, BallotTransitions, DeadlineSweep, type RunningClock } from '@app/ballots';
import type { AppConfig } from '@app/config';
import { seedDemo } from '@app/demo';
import { isOneOf, ROLES, DomainError, SYSTEM_ACTOR, type Clock, CLOCK } from '@app/domain';
import { DatabaseMaintenance, Stores } from '@app/persistence';
import { RulePackRegistry } from '@app/rules';
import { EXIT } from '../context';

export async function migrateCommand(app: INestApplicationContext): Promise<number> {
  const { ran, total } = await app.get(DatabaseMaintenance).migrate();
  console.log(ran.length === 0 ? `the database is up to date (${total} migration${total === 1 ? '' : 's'})` : `ran: ${ran.join(', ')}`);
  return EXIT.ok;
}

export async function seedDemoCommand(app: INestApplicationContext, voters: number, ballots: number): Promise<number> {
  const summary = await seedDemo(
    { stores: app.get(Stores), packs: app.get(RulePackRegistry), intake: app.get(BallotIntake), transitions: app.get(BallotTransitions), users: app.get(UsersService), clock: app.get<Clock>(CLOCK) },
    { voters, ballots },
  );
  if (summary === null) {
    console.log('the demo election is already there: nothing changed');
    return EXIT.ok;
  }
  console.log(`seeded: ${summary.counties} counties, ${summary.precincts} precincts, ${summary.voters} voters, ${summary.ballots} ballots`);
  for (const c of summary.credentials) console.log(`  ${c.username.padEnd(20)} ${c.password.padEnd(20)} ${c.role}${c.countyCode === null ? '' : ` (${c.countyCode})`}`);
  return EXIT.ok;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

export async function createUserCommand(app: INestApplicationContext, o: { username: string; role: string; county?: string; displayName?: string; passwordStdin?: boolean }): Promise<number> {
  if (o.passwordStdin !== true) throw new DomainError('invalid_input', 'give the password on standard input with --password-stdin (never on the command line)');
  if (!isOneOf(ROLES, o.role)) throw new DomainError('invalid_input', `--role must be one of: ${ROLES.join(', ')}`);
  const password = await readStdin();
  const user = await app.get(UsersService).create(SYSTEM_ACTOR, { username: o.username, displayName: o.displayName ?? o.username, password, role: o.role, countyCode: o.county ?? null });
  console.log(`created ${user.username} (${user.role}${user.countyCode === null ? '' : `, ${user.countyCode}`})`);
  return EXIT.ok;
}

/**
 * Applies DEADLINE_PASSED to every ballot waiting for a cure whose deadline has passed, now (the
 * service's own sweep waits SWEEP_GRACE_MINUTES). The lifecycle decides with the deadline in force
 * (a court order, the county's hours) and leaves alone a ballot whose cure document was submitted
 * in time. Idempotent: a second run finds nothing to do. One sweep at a time (exit 3 when another
 * holds the lock).
 */
export async function sweepDeadlinesCommand(app: INestApplicationContext, electionId: string | undefined): Promise<number> {
  const clock = app.get<RunningClock>(CLOCK);
  const result = await app.get(DeadlineSweep).run({ holder: `sweep-deadlines pid ${process.pid} on ${hostname()}`, electionId });
  if (!result.ran) {
    console.log(`sweep: another deadline sweep is running (${result.heldBy}, since ${new Date(result.since).toISOString()}); nothing done`);
    return EXIT.busy;
  }
  const o = result.outcome;
  for (const x of o.other) process.stderr.write(`ballot ${x.receiptNumber}: ${x.message}\n`);
  console.log(
    `sweep at ${new Date(clock.now()).toISOString()} (${clock.description}): ${o.due} past their recorded cure deadline, ${o.rejected} rejected, ${o.waitingOnDocument} left for a clerk (a cure document sent in time), ${o.extended} left (deadline extended), ${o.other.length} left (see above)`,
  );
  return EXIT.ok;
}

/**
 * Walks the audit chain and checks its signatures; with `head` (SEQ:HASH, as published with a
 * report), also proves that head is still in the chain. Exit 1 when anything does not hold.
 */
export async function verifyAuditCommand(app: INestApplicationContext, head?: string): Promise<number> {
  const published = head === undefined ? undefined : parseHead(head);
  if (published === null) throw new DomainError('invalid_input', `--head must be SEQ:HASH (a sequence number from 1, a colon, and the entry's 64 hex digit hash), not "${head ?? ''}"`);
  const result = await app.get(DatabaseMaintenance).verifyAudit(published);
  const sealed = result.sealedSeq === null ? '' : `; entries 1 to ${result.sealedSeq} were written before the audit key and are covered by its seal`;
  if (result.intact) {
    console.log(`audit chain intact: ${result.total} entries, hashes and signatures checked with the audit key; head ${result.head === null ? '(empty)' : `${formatHead(result.head)}`}${sealed}`);
    if (result.published !== undefined) console.log(`published head ${formatHead(result.published)} is in the chain: ${result.published.message}`);
    return EXIT.ok;
  }
  if (result.problem === 'key_missing') {
    console.log(`audit chain NOT VERIFIED: ${result.message}`);
    return EXIT.failed;
  }
  if (result.problem === 'published_head_mismatch') {
    console.log(`published head NOT IN THE CHAIN: ${result.message}`);
    return EXIT.failed;
  }
  console.log(`audit chain BROKEN at entry ${result.brokenAt} (the first broken one; ${result.total} entries in all): ${result.message}`);
  if (result.published !== undefined && !result.published.found) console.log(`published head NOT IN THE CHAIN: ${result.published.message}`);
  return EXIT.failed;
}

/** A consistent copy of the live SQLite database (VACUUM INTO works while the service runs). */
export async function backupCommand(app: INestApplicationContext, config: AppConfig, file: string): Promise<number> {
  const target = await app.get(DatabaseMaintenance).backup(file);
  console.log(`backed up ${config.database.kind === 'sqlite' ? config.database.path : ''} to ${target}`);
  return EXIT.ok;
}
