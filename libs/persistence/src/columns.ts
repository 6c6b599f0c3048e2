import type { ValueTransformer } from 'typeorm';

/**
 * Instants are stored as epoch milliseconds in a 64-bit integer column on both databases: the
 * same comparisons, the same indexes, no time-zone conversion by a driver. PostgreSQL's driver
 * returns BIGINT as a string; this turns it back into a number (exact up to 2^53).
 */
export const epochMs: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

/** JSON kept as text on both databases: what is written is what is read back, byte for byte. */
export const jsonText: ValueTransformer = {
  to: (value: unknown) => (value === undefined ? undefined : JSON.stringify(value)),
  from: (value: string | null) => (value === null ? null : (JSON.parse(value) as unknown)),
};
