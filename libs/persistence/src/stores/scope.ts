import { countyScopeOf, DomainError, type StaffActor } from '@app/domain';
import type { EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isPostgres } from '../data-source';

/**
 * A county filter no row matches: longer than any county code the schema can hold (32), and valid
 * text on both databases (PostgreSQL refuses a NUL in a parameter). What a county role without a
 * county reaches.
 */
const NO_COUNTY = 'no county: this scope reaches no ballot';

/**
 * Where a store's queries reach: the acting staff member, and their county (null: every county).
 * Built once, from the permissions table's `countyScopeOf`, when a store is opened for an actor;
 * every query of a store carries it. There is no way to build a store without one.
 */
export interface StoreScope {
  readonly actor: StaffActor;
  /** The county every query is narrowed to; null for the roles that reach every county. */
  readonly county: string | null;
}

export function scopeOf(actor: StaffActor): StoreScope {
  const scope = countyScopeOf(actor);
  return { actor, county: scope.county === undefined ? NO_COUNTY : scope.county };
}

/** Reaching across counties is asked for by name, and only the roles that reach every county get it. */
export function requireStatewide(scope: StoreScope): void {
  if (scope.county !== null) throw new DomainError('forbidden', 'this reaches every county: it is for state staff');
}

/** Narrows a query builder to the scope's county, on the alias's county column (`county_code`; the counties table's own is `code`). */
export function inCounty<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, scope: StoreScope, alias: string, column: 'county_code' | 'code' = 'county_code'): SelectQueryBuilder<T> {
  return scope.county === null ? query : query.andWhere(`${alias}.${column} = :scopeCounty`, { scopeCounty: scope.county });
}

/** Whether a county code lies in the scope. */
export function reaches(scope: StoreScope, countyCode: string): boolean {
  return scope.county === null || scope.county === countyCode;
}

/** Placeholders for one raw statement, on either engine: `$1, $2, ...` or `?`. */
export class Params {
  readonly values: unknown[] = [];
  private readonly pg: boolean;

  constructor(m: EntityManager) {
    this.pg = isPostgres(m.connection);
  }

  /** The placeholder of one more value. */
  add(value: unknown): string {
    this.values.push(value);
    return this.pg ? `$${this.values.length}` : '?';
  }

  /** `(?, ?, ...)` for a list of values. */
  list(values: readonly unknown[]): string {
    return `(${values.map((v) => this.add(v)).join(', ')})`;
  }

  get postgres(): boolean {
    return this.pg;
  }
}
