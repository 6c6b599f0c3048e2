import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

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
 * Streams a CSV file record by record (never the whole file), checking the header names every
 * required column. A record with the wrong number of fields is reported as a problem with its line,
 * not thrown: one bad line does not stop an import.
 */
export async function* csvRows(input: Readable, required: readonly string[], optional: readonly string[] = []): AsyncGenerator<CsvRow | RowProblem> {
  const parser = input.pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: false }));
  // pipe() does not pass a read error on: without this a file that fails mid-read would hang the import.
  input.on('error', (error) => parser.destroy(error));
  let header: string[] | null = null;
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
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

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A real calendar date `YYYY-MM-DD`, checked without building a Date (this runs millions of times). */
export function isCalendarDate(value: string): boolean {
  if (value.length !== 10 || value[4] !== '-' || value[7] !== '-') return false;
  const y = Number(value.slice(0, 4));
  const m = Number(value.slice(5, 7));
  const d = Number(value.slice(8, 10));
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || y < 1800 || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && !leap ? 28 : (DAYS_IN_MONTH[m - 1] ?? 0));
}
