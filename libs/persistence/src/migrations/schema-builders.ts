import type { TableColumnOptions } from 'typeorm';

/** Column and CHECK builders shared by the migrations; what they write must never change meaning. */

export const str = (name: string, length: number, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  ...extra,
});
export const nullableStr = (name: string, length: number): TableColumnOptions => str(name, length, { isNullable: true });
export const instant = (name: string, nullable = false): TableColumnOptions => ({ name, type: 'bigint', isNullable: nullable });
export const flag = (name: string, dflt: boolean): TableColumnOptions => ({ name, type: 'boolean', default: dflt });
export const text = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'text', ...extra });
export const int = (name: string, extra: Partial<TableColumnOptions> = {}): TableColumnOptions => ({ name, type: 'integer', ...extra });

export const inList = (column: string, values: readonly string[], nullable = false): string => {
  const list = `${column} IN (${values.map((v) => `'${v}'`).join(', ')})`;
  return nullable ? `${column} IS NULL OR ${list}` : list;
};
