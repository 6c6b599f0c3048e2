import { countyScopeOf, type StaffActor } from '@app/domain';

/**
 * A county filter no ballot matches: longer than any county code the schema can hold (32), and
 * valid text on both databases (PostgreSQL refuses a NUL in a parameter).
 */
export const NO_COUNTY = 'no county: this scope reaches no ballot';

/** The county filter every ballot query of this actor must carry (null: all counties). */
export function countyFilter(actor: StaffActor): string | null {
  const scope = countyScopeOf(actor);
  return scope.county === undefined ? NO_COUNTY : scope.county;
}
