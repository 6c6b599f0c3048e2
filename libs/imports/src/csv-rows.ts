import type { Readable } from 'node:stream';
import { CsvError, parse, type Options } from 'csv-parse';

export interface CsvRow {
  /** The line the record starts on, counting the header as line 1. */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

export interface RowProblem {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export class CsvHeaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvHeaderError';
  }
}

/**
 * A file that is not well-formed CSV (a quote never closed, a quote in the middle of a field, a
 * record past the size limit). Past such a point no line can be trusted to be where it seems, so
 * the file is refused whole, with the line where the trouble starts.
 */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = 'CsvSyntaxError';
  }
}

/** No real record of ours comes near this; a quote left open would otherwise swallow the whole file into one field. */
export const MAX_CSV_RECORD_CHARS = 64 * 1024;

const PARSE_OPTIONS: Options = { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: false, max_record_size: MAX_CSV_RECORD_CHARS };

/** csv-parse's error, in words, at the line where the broken record starts (`lastGoodLine` is where the previous one ended). */
function syntaxError(error: unknown, lastGoodLine: number): CsvSyntaxError | null {
  if (!(error instanceof CsvError)) return null;
  const at = (error as CsvError & { lines?: unknown }).lines;
  const line = typeof at === 'number' && at > 0 ? at : lastGoodLine + 1;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new CsvSyntaxError(lastGoodLine + 1, 'a quoted field starts in this record and its closing quote never comes');
    case 'INVALID_OPENING_QUOTE':
      return new CsvSyntaxError(line, 'a quote appears inside a field that did not start with one; put the whole field in quotes and double the quote ("")');
    case 'CSV_INVALID_CLOSING_QUOTE':
      return new CsvSyntaxError(line, 'a quoted field is followed by more text before the comma; double a quote inside a quoted field ("")');
    case 'CSV_MAX_RECORD_SIZE':
      return new CsvSyntaxError(lastGoodLine + 1, `a record is longer than ${MAX_CSV_RECORD_CHARS} characters (often a quote left open)`);
    default:
      return new CsvSyntaxError(line, 'the file is not well-formed CSV here');
  }
}

/**
 * Reads a whole CSV file only to find its first syntax error (null when there is none), so that
 * a file can be refused before any row of it is written.
 */
export async function csvSyntaxError(input: Readable): Promise<CsvSyntaxError | null> {
  const parser = input.pipe(parse(PARSE_OPTIONS));
  input.on('error', (error) => parser.destroy(error));
  let lastGoodLine = 0;
  try {
    for await (const item of parser as AsyncIterable<{ info: { lines: number } }>) lastGoodLine = item.info.lines;
    return null;
  } catch (error) {
    const found = syntaxError(error, lastGoodLine);
    if (found === null) throw error;
    return found;
  }
}

/**
 * Streams a CSV file record by record (never the whole file), checking the header names every
 * required column. A record with the wrong number of fields is reported as a problem with its line,
 * not thrown: one bad line does not stop an import. A syntax error ends the stream with a
 * `CsvSyntaxError` naming its line.
 */
export async function* csvRows(input: Readable, required: readonly string[], optional: readonly string[] = []): AsyncGenerator<CsvRow | RowProblem> {
  const parser = input.pipe(parse(PARSE_OPTIONS));
  // pipe() does not pass a read error on: without this a file that fails mid-read would hang the import.
  input.on('error', (error) => parser.destroy(error));
  let header: string[] | null = null;
  let lastGoodLine = 0;
  const records = async function* () {
    try {
      for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        yield item;
        lastGoodLine = item.info.lines;
      }
    } catch (error) {
      throw syntaxError(error, lastGoodLine) ?? error;
    }
  };
  for await (const item of records()) {
    const { record, info } = item;
    if (header === null) {
      header = record.map((h) => h.trim());
      const missing = required.filter((c) => !header?.includes(c));
      if (missing.length > 0) throw new CsvHeaderError(`line 1: the header lacks ${missing.join(', ')}`);
      const unknown = header.filter((h) => !required.includes(h) && !optional.includes(h));
      if (unknown.length > 0) throw new CsvHeaderError(`line 1: unknown columns ${unknown.join(', ')}`);
      continue;
    }
    if (record.length !== header.length) {
      yield { line: info.lines, field: '(row)', message: `has ${record.length} fields; the header has ${header.length}` };
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((name, i) => (values[name] = record[i] ?? ''));
    yield { line: info.lines, values };
  }
}

export const isProblem = (item: CsvRow | RowProblem): item is RowProblem => 'message' in item;

/** The shared date check (`@app/domain`), where the roll's rows have always found it. */
export { isCalendarDate } from '@app/domain';
