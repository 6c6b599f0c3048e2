import type { RowProblem } from './csv-rows';

export interface ImportProgress {
  readonly read: number;
  readonly inserted: number;
  readonly rejected: number;
}

/** What a ballot import did: rows taken in, already present (by receipt number), refused. */
export interface ImportReport extends ImportProgress {
  readonly alreadyPresent: number;
  readonly problems: readonly RowProblem[];
  readonly seconds: number;
}
