import type { Readable } from 'node:stream';
import { DomainError } from '@app/domain';
import { BallotEntity, CountyEntity, PrecinctEntity, VoterEntity, type TransactionRunner } from '@app/persistence';
import { IntakeBallotDto } from '@app/ballots';
import { BALLOT_COLUMNS, BALLOT_OPTIONAL_COLUMNS, ballotRow } from './ballot-import';
import { csvRows, type RowProblem } from './csv-rows';
import type { ImportProgress } from './import-report';
import { checkRow, VOTER_COLUMNS } from './voter-import';

/**
 * A dry run of a roll or ballot import (`--dry-run`): every row read and checked as the import
 * checks it, and counted by what the import would do with it, with reads only: nothing is written
 * and nothing goes into the audit chain. `known` is how many valid rows name a voter already on the
 * roll (updated, or unchanged when identical) or a receipt number already taken in (already
 * present); the rest would be added.
 */
export interface CheckReport {
  readonly read: number;
  readonly valid: number;
  readonly known: number;
  readonly rejected: number;
  readonly problems: readonly RowProblem[];
}

const LOOKUP_ROWS = 500;

async function checkRows<T>(
  rows: AsyncIterable<T | RowProblem>,
  check: (row: T) => Promise<string | RowProblem>,
  countKnown: (keys: string[]) => Promise<number>,
  options: { readonly onProgress?: (progress: ImportProgress) => void; readonly keepProblems?: number },
): Promise<CheckReport> {
  const keep = options.keepProblems ?? 1_000;
  const problems: RowProblem[] = [];
  let read = 0;
  let valid = 0;
  let known = 0;
  let rejected = 0;
  let keys: string[] = [];
  const flush = async () => {
    if (keys.length > 0) known += await countKnown(keys);
    keys = [];
  };
  for await (const item of rows) {
    read += 1;
    const checked = isProblemLike(item) ? item : await check(item);
    if (typeof checked === 'string') {
      valid += 1;
      keys.push(checked);
      if (keys.length === LOOKUP_ROWS) await flush();
    } else {
      rejected += 1;
      if (problems.length < keep) problems.push(checked);
    }
    if (read % 1_000 === 0) options.onProgress?.({ read, inserted: 0, rejected });
  }
  await flush();
  options.onProgress?.({ read, inserted: 0, rejected });
  return { read, valid, known, rejected, problems };
}

const isProblemLike = (item: unknown): item is RowProblem => typeof item === 'object' && item !== null && 'message' in item && 'line' in item;

/** A voter roll checked row by row (the import's own checks), and its valid rows' voters looked up on the roll. */
export async function checkVoterFile(tx: TransactionRunner, electionId: string, input: Readable, options: { readonly countyCode?: string | null; readonly onProgress?: (progress: ImportProgress) => void } = {}): Promise<CheckReport> {
  const scope = options.countyCode ?? null;
  const precincts = new Map((await tx.read((m) => m.findBy(PrecinctEntity, { electionId }))).map((p) => [p.id, p.countyCode]));
  if (scope !== null && (await tx.read((m) => m.findOneBy(CountyEntity, { electionId, code: scope }))) === null) {
    throw new DomainError('invalid_input', `county ${scope} is not a county of election ${electionId}`, {}, [{ field: 'county', message: 'is not a county of this election' }]);
  }
  return checkRows(
    csvRows(input, VOTER_COLUMNS),
    (item) => {
      const row = checkRow(item, precincts, scope);
      return Promise.resolve(isProblemLike(row) ? row : row.voterId);
    },
    (ids) => tx.read((m) => m.createQueryBuilder(VoterEntity, 'v').where('v.electionId = :electionId', { electionId }).andWhere('v.voterId IN (:...ids)', { ids }).getCount()),
    options,
  );
}

/** A ballot file checked row by row by the intake body's rules, and its receipt numbers looked up. */
export async function checkBallotFile(tx: TransactionRunner, electionId: string, input: Readable, options: { readonly onProgress?: (progress: ImportProgress) => void } = {}): Promise<CheckReport> {
  return checkRows(
    csvRows(input, BALLOT_COLUMNS, BALLOT_OPTIONAL_COLUMNS),
    async (item) => {
      const dto = await ballotRow(item, electionId);
      return dto instanceof IntakeBallotDto ? dto.receiptNumber : dto;
    },
    (receipts) => tx.read((m) => m.createQueryBuilder(BallotEntity, 'b').where('b.electionId = :electionId', { electionId }).andWhere('b.receiptNumber IN (:...receipts)', { receipts }).getCount()),
    options,
  );
}
