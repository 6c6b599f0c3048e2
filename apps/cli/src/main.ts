import 'reflect-metadata';
import { DEMO_CLOCK_START } from '@app/demo';
import { Command, InvalidArgumentError } from 'commander';
import { EXIT, withContext } from './context';
import { errorLine } from './errors';
import { cliVersion, EXAMPLES, IMPORT_EXAMPLES } from './help';
import { importBallotsCommand, importJurisdictionCommand, importVotersCommand } from './commands/import';
import { checkBallotsCommand, checkVotersCommand } from './commands/dry-run';
import { listCourtOrdersCommand, recordCourtOrderCommand, setCloseOfBusinessCommand, type CourtOrderOptions } from './commands/deadlines';
import { dispatchNoticesCommand, exportLettersCommand } from './commands/notices';
import { exportReportCommand, REPORT_NAMES } from './commands/reports';
import { backupCommand, createUserCommand, migrateCommand, seedDemoCommand, sweepDeadlinesCommand, verifyAuditCommand } from './commands/operations';
import { DomainError } from '@app/domain';

const count = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number');
  return n;
};

/** Runs one command and exits with its code; any error is one line on stderr in plain words, never a stack (LOG_LEVEL=debug adds it). */
function run(work: () => Promise<number>): () => Promise<void> {
  return async () => {
    try {
      process.exitCode = await work();
    } catch (error) {
      process.stderr.write(`${errorLine(error)}\n`);
      if (process.env['LOG_LEVEL'] === 'debug' && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
      process.exitCode = EXIT.failed;
    }
  };
}

/**
 * The election and the file of an import: `<file> --election E`, or the older `<election> <file>`,
 * still taken with a note on stderr (it goes in a later version).
 */
function importTarget(command: string, first: string, second: string | undefined, election: string | undefined): { electionId: string; file: string } {
  if (second === undefined) {
    if (election === undefined) throw new DomainError('invalid_input', `say which election: import ${command} ${first} --election <id>`);
    return { electionId: election, file: first };
  }
  if (election !== undefined) throw new DomainError('invalid_input', `give the election once: import ${command} ${second} --election ${election}`);
  process.stderr.write(`note: "import ${command} <election> <file>" is deprecated; use "import ${command} <file> --election <election>"\n`);
  return { electionId: first, file: second };
}

// Every file a command makes (the database, backups, exports written to a file) is this user's alone.
process.umask(0o077);

const program = new Command('adjudication')
  .description('Ballot adjudication service: the same modules as the service, without HTTP. Configured by the same environment (DATA_DIR, DATABASE_URL, ...).')
  .version(cliVersion(), '-V, --version', 'print the version')
  .addHelpText('after', EXAMPLES);

program.command('migrate').description('run the database migrations').action(run(() => withContext((app) => migrateCommand(app), { migrate: false })));

program
  .command('seed-demo')
  .description('seed the demo election (Georgia, 3 Nov 2020) if it is not there')
  .option('--voters <n>', 'synthetic voters', count, 50_000)
  .option('--ballots <n>', 'ballots', count, 400)
  // The demo lives in election week, as under npm start, unless CLOCK_AT or a stored clock says otherwise.
  .action((o: { voters: number; ballots: number }) => run(() => withContext((app) => seedDemoCommand(app, o.voters, o.ballots), { startClockIfUnset: Date.parse(DEMO_CLOCK_START) }))());

program
  .command('create-user')
  .description('create a staff account; the password is read from standard input')
  .requiredOption('--username <name>')
  .requiredOption('--role <role>', 'clerk, supervisor, admin or observer')
  .option('--county <code>', 'required for clerks and supervisors')
  .option('--display-name <name>')
  .option('--password-stdin', 'read the password from standard input')
  .action((o: { username: string; role: string; county?: string; displayName?: string; passwordStdin?: boolean }) => run(() => withContext((app) => createUserCommand(app, o)))());

const importCommand = program.command('import').description('import a jurisdiction, a voter roll or ballots; --dry-run on each says what it would do and writes nothing').addHelpText('after', IMPORT_EXAMPLES);
importCommand
  .command('jurisdiction <file> [old-form-file]')
  .description('a jurisdiction bundle (JSON): counties, districts, precincts, contests; again to add or correct (changed names and fields update)')
  .option('--election <id>', 'the election to import into')
  .option('--replace', 'the file is the whole jurisdiction: remove what it leaves out (refused, naming them, for what ballots or voters refer to)')
  .option('--dry-run', 'run the whole import in a transaction, report what it would change, and roll it back: nothing is written, no audit entry')
  .option('--as <username>', 'run it as this staff user, for the audit trail (default: the system)')
  .action((first: string, second: string | undefined, o: { election?: string; replace?: boolean; dryRun?: boolean; as?: string }) =>
    run(() => {
      const { electionId, file } = importTarget('jurisdiction', first, second, o.election);
      return withContext((app) => importJurisdictionCommand(app, electionId, file, o));
    })(),
  );
importCommand
  .command('voters <file> [old-form-file]')
  .description('a voter roll (CSV), streamed; bad rows reported by line; changed rows update the roll; safe to run again')
  .option('--election <id>', 'the election whose roll it is')
  .option('--full-roll', 'the file is the whole roll: voters of the election (or of --county) it leaves out are marked removed, never deleted')
  .option('--county <code>', 'the file is this county\'s roll: rows of other counties are refused; with --full-roll only its voters can be removed')
  .option('--dry-run', 'check every row as the import would and count what it would add or update; nothing is written, no audit entry')
  .option('--as <username>', 'run it as this staff user, for the audit trail (default: the system)')
  .action((first: string, second: string | undefined, o: { election?: string; fullRoll?: boolean; county?: string; dryRun?: boolean; as?: string }) =>
    run(() => {
      const { electionId, file } = importTarget('voters', first, second, o.election);
      return withContext((app) => (o.dryRun === true ? checkVotersCommand(app, electionId, file, o) : importVotersCommand(app, electionId, file, o)));
    })(),
  );
importCommand
  .command('ballots <file> [old-form-file]')
  .description('ballots (CSV) through intake; bad rows reported by line; safe to run again')
  .option('--election <id>', 'the election the ballots are for')
  .option('--dry-run', 'check every row by the intake body\'s rules and its receipt number; nothing is written, no audit entry')
  .option('--as <username>', 'take them in as this staff user (default: the system)')
  .action((first: string, second: string | undefined, o: { election?: string; dryRun?: boolean; as?: string }) =>
    run(() => {
      const { electionId, file } = importTarget('ballots', first, second, o.election);
      return withContext((app) => (o.dryRun === true ? checkBallotsCommand(app, electionId, file) : importBallotsCommand(app, electionId, file, o.as)));
    })(),
  );

program
  .command('sweep-deadlines')
  .description('reject every ballot whose cure deadline has passed (DEADLINE_PASSED); idempotent')
  .option('--election <id>')
  .action((o: { election?: string }) => run(() => withContext((app) => sweepDeadlinesCommand(app, o.election)))());

const courtOrder = program.command('court-order').description('court orders that move a deadline or the close of the polls (never edited: a later order supersedes)');
courtOrder
  .command('record')
  .description('record a court order for some counties (--county, repeated) or the whole election; voters awaiting a cure whose deadline moves are sent the new one')
  .requiredOption('--election <id>')
  .requiredOption('--citation <text>', 'the court, the case number and the date')
  .requiredOption('--deadline <name>', 'provisionalCure, uocavaReceipt, uocavaPostmark, pollsClose or countyCertification')
  .requiredOption('--to <local>', 'the new local date and time in the election\'s zone, YYYY-MM-DDTHH:MM')
  .option('--county <code...>', 'the counties it names (leave out for the whole election: administrators only)')
  .option('--summary <text>', 'what it orders, in a sentence')
  .option('--as <username>', 'the supervisor (their county) or administrator who records it')
  .action((o: CourtOrderOptions) => run(() => withContext((app) => recordCourtOrderCommand(app, o)))());
courtOrder
  .command('list')
  .description('the election\'s court orders and county hours, newest first')
  .requiredOption('--election <id>')
  .option('--as <username>', 'list as this staff user (county staff see their county\'s)')
  .action((o: { election: string; as?: string }) => run(() => withContext((app) => listCourtOrdersCommand(app, o.election, o.as)))());

program
  .command('close-of-business')
  .description('set a county\'s own close of business for an election (or go back to the rule pack\'s), citing where it is set')
  .requiredOption('--election <id>')
  .requiredOption('--county <code>')
  .option('--time <HH:MM>', 'the county\'s close of business, 24-hour')
  .option('--pack', 'go back to the rule pack\'s close of business')
  .requiredOption('--source <text>', 'where it is set: a board resolution, the county\'s posted hours')
  .option('--as <username>', 'the supervisor (their county) or administrator who records it')
  .action((o: { election: string; county: string; time?: string; pack?: boolean; source: string; as?: string }) => run(() => withContext((app) => setCloseOfBusinessCommand(app, o)))());

program
  .command('dispatch-notices')
  .description('send the voter notices that are due (email needs SMTP_URL and NOTICE_FROM; text messages are logged with the phone masked); exit 1 if one was given up')
  .action(run(() => withContext((app, config) => dispatchNoticesCommand(app, config))));

const exportCommand = program.command('export').description('export lists for the office');
exportCommand
  .command('letters <file>')
  .description('the voter notices to mail (no email or phone given, or failed for good), as CSV with the letter text: the new ones, recorded as the next numbered batch and marked printed, or --batch N again; the file must not exist')
  .requiredOption('--election <id>')
  .option('--county <code>')
  .option('--batch <number>', 'export this earlier batch again')
  .action((file: string, o: { election: string; county?: string; batch?: string }) => run(() => withContext((app, config) => exportLettersCommand(app, config, file, o.election, o.county, o.batch)))());

exportCommand
  .command('report <name> <file>')
  .description(`a report as CSV (${REPORT_NAMES.join(', ')}); the file must not exist, or - for standard output`)
  .requiredOption('--election <id>')
  .option('--county <code>', 'one county only (the eavs report is filed per county)')
  .action((name: string, file: string, o: { election: string; county?: string }) => run(() => withContext((app) => exportReportCommand(app, name, file, o.election, o.county)))());

program
  .command('verify-audit')
  .description('walk the audit chain and check its signatures with the audit key; exit 1 if it is broken or the key is missing')
  .option('--head <seq:hash>', 'also prove that this head, published earlier with a report, is still in the chain')
  .action((o: { head?: string }) => run(() => withContext((app) => verifyAuditCommand(app, o.head)))());

program
  .command('backup <file>')
  .description('a consistent copy of the live SQLite database')
  .action((file: string) => run(() => withContext((app, config) => backupCommand(app, config, file)))());

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`${errorLine(error)}\n`);
  process.exit(EXIT.failed);
});
