import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { UsersService } from '@app/auth';
import { BallotIntake, BallotTransitions } from '@app/ballots';
import type { AppConfig } from '@app/config';
import { seedDemo, type DemoCredential } from '@app/demo';
import { Stores } from '@app/persistence';
import { RulePackRegistry } from '@app/rules';
import { type Clock, CLOCK } from '@app/domain';

const CREDENTIALS_FILE = 'demo-credentials.json';

/**
 * First start of the demo: seeds the Georgia 2020 election and its users, and keeps the
 * generated passwords in the data folder (readable by its owner only) so later starts can
 * print them again. A second start finds the election and changes nothing.
 */
export async function ensureDemo(app: INestApplication, config: AppConfig): Promise<readonly DemoCredential[]> {
  const file = join(config.dataDir, CREDENTIALS_FILE);
  const summary = await seedDemo(
    {
      stores: app.get(Stores),
      packs: app.get(RulePackRegistry),
      intake: app.get(BallotIntake),
      transitions: app.get(BallotTransitions),
      users: app.get(UsersService),
      clock: app.get<Clock>(CLOCK),
    },
    { voters: 50_000, ballots: 400 },
  );
  if (summary !== null) {
    writeFileSync(file, `${JSON.stringify(summary.credentials, null, 2)}\n`, { mode: 0o600 });
    console.log(
      `Seeded the demo election: ${summary.counties} counties, ${summary.precincts} precincts, ${summary.voters.toLocaleString('en-US')} voters, ${summary.ballots} ballots (${Object.entries(summary.byState)
        .map(([state, n]) => `${state} ${n}`)
        .join(', ')}).`,
    );
    return summary.credentials;
  }
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoCredential[]) : [];
}
