import { UsersService } from '@app/auth';
import { setUpElection } from '@app/ballots';
import { SYSTEM_ACTOR } from '@app/domain';
import { demoJurisdiction, picker, seededRandom } from '@app/demo';
import { BALLOT_STATES, INITIAL_CONTEXT, LIFECYCLE_MACHINE_VERSION } from '@app/lifecycle';
import { BallotEntity, createDataSource, Stores, TransactionRunner, type DatabaseConfig } from '@app/persistence';
import { loadBundledPacks } from '@app/rules';
import { benchIntake } from './bench-ballot';

/**
 * A benchmark database: the demo's synthetic Georgia and `count` ballots spread evenly over every
 * lifecycle state, written straight to the table in chunks (no intake, no audit: the benchmarks
 * that use it measure reads). Ballot i has receipt B-<i> and a date of birth derived from i.
 */
export const BENCH_ELECTION = 'ga-2020-general';
export const BENCH_PASSWORD = 'benchmark password 2020';
export const benchReceipt = (i: number): string => `B-${String(i).padStart(7, '0')}`;
export const benchDateOfBirth = (i: number): string => `${1940 + (i % 60)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;

/** Seeds the SQLite file at `target`, or the database it names. */
export async function seedBallots(target: string | DatabaseConfig, count: number): Promise<void> {
  const dataSource = createDataSource(typeof target === 'string' ? { kind: 'sqlite', path: target } : target);
  await dataSource.initialize();
  await dataSource.runMigrations();
  const tx = new TransactionRunner(dataSource);
  const bundle = demoJurisdiction();
  const stores = new Stores(tx);
  await stores.write(SYSTEM_ACTOR, (s) =>
    setUpElection(s, loadBundledPacks(), { id: BENCH_ELECTION, name: 'Georgia General Election 2020 (benchmark)', state: 'GA', electionDay: '2020-11-03' }, bundle, Date.now()),
  );
  const random = seededRandom(100_000);
  const pick = picker(random);
  const cureDeadline = Date.parse('2020-11-06T17:00:00-05:00');
  const CHUNK = 20_000;
  for (let start = 0; start < count; start += CHUNK) {
    const rows: BallotEntity[] = [];
    for (let i = start; i < Math.min(count, start + CHUNK); i += 1) {
      const precinct = pick(bundle.precincts);
      const status = pick(BALLOT_STATES);
      rows.push(
        Object.assign(new BallotEntity(), {
          ...benchIntake(BENCH_ELECTION, precinct, { receiptNumber: benchReceipt(i), lastName: `Voter${i % 5000}`, dateOfBirth: benchDateOfBirth(i) }),
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          matchedVoterId: null,
          status,
          machineVersion: LIFECYCLE_MACHINE_VERSION,
          lifecycle: INITIAL_CONTEXT,
          cureReason: status === 'received.awaitingCure' ? 'id_required' : null,
          cureDeadline: status === 'received.awaitingCure' ? cureDeadline : null,
          rejectionReason: status === 'rejected' ? 'not_registered' : null,
          determination: status === 'counted' ? 'full' : null,
          version: 1,
          createdAt: Date.now(),
          createdBy: 'benchmark',
          updatedAt: Date.now(),
        }),
      );
    }
    await tx.run(async (m) => {
      for (let j = 0; j < rows.length; j += 800) await m.insert(BallotEntity, rows.slice(j, j + 800));
    });
  }
  await new UsersService(stores, { now: () => Date.now() }, 30).create(SYSTEM_ACTOR, { username: 'state.admin', displayName: 'Admin', password: BENCH_PASSWORD, role: 'admin', countyCode: null });
  await dataSource.destroy();
}
