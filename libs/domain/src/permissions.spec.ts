import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_TYPES } from './codes';
import { ACTIONS, can, countyScopeOf, permissionsTable, reachesCounty, requirePermission, STAFF_ACTIONS } from './permissions';
import { DomainError } from './errors';

describe('issue 12: one table of who may do what', () => {
  it('the README\'s "Who may do what" is the table the code enforces, word for word', () => {
    const readme = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain(`${permissionsTable()}\n`);
  });

  it('every action is a staff action or a lifecycle event, and each has a row', () => {
    expect(ACTIONS).toEqual([...STAFF_ACTIONS, ...EVENT_TYPES]);
    expect(permissionsTable().split('\n')).toHaveLength(ACTIONS.length + 2);
  });

  it('SPEC section 3: supervisors confirm rejections, clerks only propose; observers change nothing', () => {
    expect(can('clerk', 'PROPOSE_REJECTION')).toBe(true);
    expect(can('clerk', 'CONFIRM_REJECTION')).toBe(false);
    expect(can('supervisor', 'CONFIRM_REJECTION')).toBe(true);
    for (const action of ACTIONS) expect({ action, observer: can('observer', action) }).toEqual({ action, observer: action === 'read_ballots' || action === 'read_reports' || action === 'verify_audit' });
  });

  it('only the service sends DEADLINE_PASSED; only an administrator reopens a certified county or manages accounts', () => {
    expect((['clerk', 'supervisor', 'admin', 'observer'] as const).filter((r) => can(r, 'DEADLINE_PASSED'))).toEqual([]);
    expect((['clerk', 'supervisor', 'admin', 'observer'] as const).filter((r) => can(r, 'reopen_county') || can(r, 'manage_users'))).toEqual(['admin']);
  });

  it('a refusal names the action; county roles reach their county, a county role without one reaches none', () => {
    const clerk = { id: 'u', username: 'fulton.clerk', role: 'clerk', countyCode: 'FULTON' } as const;
    expect(() => requirePermission(clerk, 'certify_county')).toThrow('this needs a role that may certify county: supervisor or admin');
    expect(() => requirePermission(clerk, 'certify_county')).toThrow(DomainError);
    expect(countyScopeOf(clerk)).toEqual({ county: 'FULTON' });
    expect(countyScopeOf({ role: 'clerk', countyCode: null })).toEqual({ county: undefined });
    expect(countyScopeOf({ role: 'observer', countyCode: null })).toEqual({ county: null });
    expect([reachesCounty(clerk, 'FULTON'), reachesCounty(clerk, 'COBB'), reachesCounty({ role: 'admin', countyCode: null }, 'COBB')]).toEqual([true, false, true]);
  });
});
