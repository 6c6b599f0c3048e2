import { prefixRange } from '@app/domain';
import type { EntityManager } from 'typeorm';
import { isPostgres } from './data-source';

/** What a clerk's research may search the roll by; names as `nameKey`s, prefixes allowed. */
export interface RollCriteria {
  readonly electionId: string;
  /** A `nameKey` prefix of the last name. */
  readonly lastNameKey?: string;
  /** A `nameKey` prefix of the first name (only with a last name). */
  readonly firstNameKey?: string;
  readonly dateOfBirth?: string;
  readonly voterId?: string;
  readonly precinctId?: string;
}

/** A registration as research sees it: no address, nothing the decision does not need. */
export interface RollRecord {
  readonly voterId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly dateOfBirth: string;
  readonly countyCode: string;
  readonly precinctId: string;
  readonly status: string;
  readonly registrationDate: string;
  readonly idOnFile: boolean;
  readonly removedAt: number | null;
}

interface RawRecord {
  readonly voter_id: string;
  readonly first_name: string;
  readonly last_name: string;
  readonly date_of_birth: string;
  readonly county_code: string;
  readonly precinct_id: string;
  readonly status: string;
  readonly registration_date: string;
  readonly id_on_file: boolean | number;
  readonly removed_at: string | number | null;
}

/**
 * Searches an election's roll by voter id, or by a last-name prefix (on the name-key index) and,
 * optionally, a first-name prefix, a date of birth and a precinct: at most `limit` records, in
 * name order. A search with neither a voter id nor a last name is a mistake of the caller.
 */
export async function searchRoll(m: EntityManager, criteria: RollCriteria, limit: number): Promise<RollRecord[]> {
  const pg = isPostgres(m.connection);
  const params: unknown[] = [];
  const p = (value: unknown): string => {
    params.push(value);
    return pg ? `$${params.length}` : '?';
  };
  // "C" on PostgreSQL: the index's collation, so a prefix is a range on it.
  const key = (column: string) => (pg ? `${column} COLLATE "C"` : column);
  const where = [`election_id = ${p(criteria.electionId)}`];
  if (criteria.voterId !== undefined) where.push(`voter_id = ${p(criteria.voterId)}`);
  if (criteria.lastNameKey !== undefined && criteria.lastNameKey !== '') {
    const last = prefixRange(criteria.lastNameKey);
    where.push(`${key('last_name_key')} >= ${p(last.from)}`, `${key('last_name_key')} < ${p(last.to)}`);
    if (criteria.firstNameKey !== undefined && criteria.firstNameKey !== '') {
      const first = prefixRange(criteria.firstNameKey);
      where.push(`${key('first_name_key')} >= ${p(first.from)}`, `${key('first_name_key')} < ${p(first.to)}`);
    }
  } else if (criteria.voterId === undefined) {
    throw new Error('a roll search needs a voter id or a last name');
  }
  if (criteria.dateOfBirth !== undefined) where.push(`date_of_birth = ${p(criteria.dateOfBirth)}`);
  if (criteria.precinctId !== undefined) where.push(`precinct_id = ${p(criteria.precinctId)}`);
  const rows = await m.query<RawRecord[]>(
    `SELECT voter_id, first_name, last_name, date_of_birth, county_code, precinct_id, status, registration_date, id_on_file, removed_at
       FROM voters WHERE ${where.join(' AND ')}
      ORDER BY ${key('last_name_key')}, ${key('first_name_key')}, voter_id LIMIT ${Math.max(1, Math.floor(limit))}`,
    params,
  );
  return rows.map((r) => ({
    voterId: r.voter_id,
    firstName: r.first_name,
    lastName: r.last_name,
    dateOfBirth: r.date_of_birth,
    countyCode: r.county_code,
    precinctId: r.precinct_id,
    status: r.status,
    registrationDate: r.registration_date,
    idOnFile: r.id_on_file === true || r.id_on_file === 1,
    removedAt: r.removed_at === null ? null : Number(r.removed_at),
  }));
}

/** Registrations whose names (as keys) and date of birth are exactly these: at most `limit`. */
export async function rollByNameAndBirth(m: EntityManager, electionId: string, lastNameKey: string, firstNameKey: string, dateOfBirth: string, limit: number): Promise<string[]> {
  const pg = isPostgres(m.connection);
  const rows = await m.query<{ voter_id: string }[]>(
    pg
      ? `SELECT voter_id FROM voters WHERE election_id = $1 AND last_name_key COLLATE "C" = $2 AND first_name_key COLLATE "C" = $3 AND date_of_birth = $4 AND removed_at IS NULL LIMIT ${limit}`
      : `SELECT voter_id FROM voters WHERE election_id = ? AND last_name_key = ? AND first_name_key = ? AND date_of_birth = ? AND removed_at IS NULL LIMIT ${limit}`,
    [electionId, lastNameKey, firstNameKey, dateOfBirth],
  );
  return rows.map((r) => r.voter_id);
}
