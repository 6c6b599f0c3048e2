import { GEORGIA_BUNDLE } from '@test/fixtures/jurisdiction';
import { Jurisdiction, type JurisdictionBundle } from './jurisdiction';

describe('Jurisdiction: ballot styles from districts (SPEC section 2)', () => {
  const georgia = new Jurisdiction(GEORGIA_BUNDLE);

  it('a precinct\'s ballot style is the contests of every district it lies in, in the bundle\'s contest order', () => {
    expect(georgia.ballotStyle('FUL-02')).toEqual(['president', 'us-senate', 'psc-4', 'us-house-6', 'state-senate-40', 'fulton-commission']);
    expect(georgia.ballotStyle('COB-01')).toEqual(['president', 'us-senate', 'psc-4', 'us-house-6', 'cobb-commission']);
  });

  it('knows which contests are statewide, which county a precinct is in, and which counties exist', () => {
    expect(georgia.isStatewide('us-senate')).toBe(true);
    expect(georgia.isStatewide('us-house-5')).toBe(false);
    expect(georgia.countyOf('DEK-01')).toBe('DEKALB');
    expect(georgia.hasCounty('COBB')).toBe(true);
    expect(georgia.hasCounty('CLAYTON')).toBe(false);
  });

  it('an unknown precinct has no ballot style', () => {
    expect(georgia.ballotStyle('NOWHERE')).toBeUndefined();
    expect(georgia.ballotStyleSet('NOWHERE')).toBeUndefined();
  });

  const broken = (change: (b: { -readonly [K in keyof JurisdictionBundle]: JurisdictionBundle[K][number][] }) => void): JurisdictionBundle => {
    const copy = JSON.parse(JSON.stringify(GEORGIA_BUNDLE)) as { -readonly [K in keyof JurisdictionBundle]: JurisdictionBundle[K][number][] };
    change(copy);
    return copy;
  };

  it.each([
    ['a contest of an unknown district', broken((b) => { b.contests.push({ id: 'x', districtId: 'nope', name: 'x' }); }), /contest x names unknown district nope/],
    ['a precinct in an unknown county', broken((b) => { b.precincts.push({ id: 'P', countyCode: 'NOPE', districtIds: [] }); }), /precinct P names unknown county NOPE/],
    ['a precinct in an unknown district', broken((b) => { b.precincts.push({ id: 'P', countyCode: 'COBB', districtIds: ['nope'] }); }), /precinct P names unknown district nope/],
  ])('refuses %s', (_name, bundle, message) => {
    expect(() => new Jurisdiction(bundle)).toThrow(message);
  });
});
