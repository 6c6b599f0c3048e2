import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The version in the project's package.json, found from wherever the CLI runs (sources or dist). */
export function cliVersion(): string {
  for (let folder = __dirname; ; folder = dirname(folder)) {
    try {
      const pkg = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'ballot-adjudication' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // no package.json here: look one folder up
    }
    if (dirname(folder) === folder) return 'unknown';
  }
}

export const EXAMPLES = `
Examples:
  $ npm run cli -- migrate
  $ npm run cli -- import jurisdiction georgia.json --election ga-2020-general --dry-run
  $ npm run cli -- import voters roll.csv --election ga-2020-general --full-roll --county FULTON
  $ npm run cli -- sweep-deadlines --election ga-2020-general
  $ npm run cli -- export report outstanding - --election ga-2020-general
  $ npm run cli -- verify-audit --head 42:9f86d0...

Exit codes: 0 done; 1 failed (one line "error: ..." on stderr says why); 2 done, but some rows
were refused or a full roll's removal was not done; 3 another sweep holds the lock.
`;

export const IMPORT_EXAMPLES = `
Examples:
  $ npm run cli -- import jurisdiction georgia.json --election ga-2020-general
  $ npm run cli -- import voters roll.csv --election ga-2020-general --dry-run
  $ npm run cli -- import ballots ballots.csv --election ga-2020-general --as fulton.clerk

The older form with the election first ("import voters <election> <file>") still works, with a note.
`;
