import type { Readable } from 'node:stream';
import { intakeInput, IntakeBallotDto, type BallotIntake } from '@app/ballots';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { csvRows, isProblem, type CsvRow, type RowProblem } from './csv-rows';
import type { ImportProgress, ImportReport } from './import-report';
import { DomainError, type StaffActor } from '@app/domain';

export const BALLOT_COLUMNS = ['receipt_number', 'kind', 'county_code', 'first_name', 'last_name', 'date_of_birth', 'address', 'received_at'] as const;
export const BALLOT_OPTIONAL_COLUMNS = [
  'precinct_id',
  'claimed_voter_id',
  'issued_reason',
  'uocava_category',
  'fwab',
  'postmark_date',
  'signed_date',
  'cast_at',
  'id_shown',
  'out_of_precinct_affidavit',
  'signature',
  'notes',
  'contact_email',
  'contact_phone',
  'language',
] as const;

/** Columns written `true` or `false`; anything else is left as it is, for validation to refuse by name. */
const BOOLEAN_COLUMNS: ReadonlySet<string> = new Set(['id_shown', 'out_of_precinct_affidavit', 'fwab']);

const camel = (column: string): string => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

/** One CSV row as the intake body, checked by the API's own rules; or the row's first problem, by its column. */
export async function ballotRow(item: CsvRow, electionId: string): Promise<IntakeBallotDto | RowProblem> {
  const plain: Record<string, unknown> = { electionId };
  for (const [column, value] of Object.entries(item.values)) {
    if (value === '') continue;
    plain[camel(column)] = BOOLEAN_COLUMNS.has(column) ? (value === 'true' ? true : value === 'false' ? false : value) : value;
  }
  const dto = plainToInstance(IntakeBallotDto, plain);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
  const first = errors[0];
  if (first === undefined) return dto;
  const column = first.property.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
  return { line: item.line, field: column, message: Object.values(first.constraints ?? {})[0] ?? 'is not valid' };
}

/**
 * Takes ballots in from CSV (the columns of the intake body, in snake_case; instants as ISO 8601
 * with their offset), each row through the same intake as the API (its own transaction and audit
 * entry, the UOCAVA timeliness check). Rows are checked by the API's own rules and reported with
 * their line; a receipt number already taken in is counted as already present, so a file can be
 * imported again safely.
 */
export async function importBallots(
  intake: BallotIntake,
  actor: StaffActor,
  electionId: string,
  input: Readable,
  options: { readonly onProgress?: (progress: ImportProgress) => void; readonly keepProblems?: number } = {},
): Promise<ImportReport> {
  const started = process.hrtime.bigint();
  const keep = options.keepProblems ?? 1_000;
  let read = 0;
  let inserted = 0;
  let alreadyPresent = 0;
  let rejected = 0;
  const problems: RowProblem[] = [];
  const reject = (problem: RowProblem) => {
    rejected += 1;
    if (problems.length < keep) problems.push(problem);
  };
  for await (const item of csvRows(input, BALLOT_COLUMNS, BALLOT_OPTIONAL_COLUMNS)) {
    read += 1;
    if (isProblem(item)) {
      reject(item);
      continue;
    }
    const dto = await ballotRow(item, electionId);
    if (!(dto instanceof IntakeBallotDto)) {
      reject(dto);
      continue;
    }
    try {
      await intake.intake(actor, intakeInput(dto));
      inserted += 1;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      if (error.code === 'conflict' && error.fields.some((f) => f.field === 'receiptNumber')) alreadyPresent += 1;
      else reject({ line: item.line, field: error.fields[0]?.field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`) ?? '(row)', message: error.fields[0]?.message ?? error.message });
    }
    if (read % 1_000 === 0) options.onProgress?.({ read, inserted, rejected });
  }
  options.onProgress?.({ read, inserted, rejected });
  return { read, inserted, alreadyPresent, rejected, problems, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}
