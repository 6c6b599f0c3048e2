import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import GA_2020 from './packs/GA-2020.json';
import { loadRulePackFile, parseRulePack, RulePackError } from './pack.loader';
import { loadBundledPacks, RulePackRegistry } from './packs';

/** A copy of GA-2020 with `mutate` applied: the named variations of a good pack. */
function gaWith(mutate: (pack: Record<string, any>) => void): unknown {
  const copy = JSON.parse(JSON.stringify(GA_2020)) as Record<string, any>;
  mutate(copy);
  return copy;
}

function problemsOf(raw: unknown, file = 'GA-2020.json'): readonly string[] {
  try {
    parseRulePack(raw, file);
  } catch (error) {
    if (error instanceof RulePackError) return error.problems;
    throw error;
  }
  throw new Error('expected the pack to be refused');
}

describe('rule pack loader', () => {
  it('loads every bundled pack', () => {
    const registry = loadBundledPacks();
    expect(registry.packs.map((p) => p.id)).toEqual(expect.arrayContaining(['GA-2020', 'GA-2021']));
  });

  it('returns a frozen pack: rules cannot be changed after load', () => {
    const pack = parseRulePack(gaWith(() => undefined), 'GA-2020.json');
    expect(Object.isFrozen(pack)).toBe(true);
    expect(Object.isFrozen(pack.deadlines.provisionalCure)).toBe(true);
  });

  it.each([
    ['a deadline unit that is not calendar or business', (p: any) => (p.deadlines.provisionalCure.unit = 'weekdays'), /^deadlines\.provisionalCure\.unit: unit must be one of the following values: calendar, business$/],
    ['an anchor that is not election_day or certification', (p: any) => (p.deadlines.uocavaReceipt.anchor = 'canvass'), /^deadlines\.uocavaReceipt\.anchor:/],
    ['a time of day that is neither HH:MM nor a named time', (p: any) => (p.deadlines.uocavaReceipt.time = '5pm'), /^deadlines\.uocavaReceipt\.time: time must be HH:MM or one of: close_of_business, end_of_day, polls_close$/],
    ['an offset that is not a whole number', (p: any) => (p.deadlines.provisionalCure.offset = 2.5), /^deadlines\.provisionalCure\.offset:/],
    ['an unknown out-of-precinct policy', (p: any) => (p.outOfPrecinct.policy = 'count_everything'), /^outOfPrecinct\.policy:/],
    ['the after-5pm policy without its time', (p: any) => (p.outOfPrecinct.policy = 'eligible_contests_after_5pm_with_affidavit'), /^outOfPrecinct\.afterTime: afterTime must be HH:MM$/],
    ['an out-of-county policy the spec does not name', (p: any) => (p.outOfCounty.policy = 'federal_only'), /^outOfCounty\.policy:/],
    ['a time zone that is not IANA', (p: any) => (p.timeZone = 'Eastern'), /^timeZone:/],
    ['a missing deadline', (p: any) => delete p.deadlines.stateCertification, /^deadlines\.stateCertification:/],
    ['an unknown field (a misspelt one would otherwise be silently ignored)', (p: any) => (p.deadlines.provisionalCure.offest = 3), /^deadlines\.provisionalCure\.offest: property offest should not exist$/],
    ['a rule without a source', (p: any) => delete p.outOfCounty.source, /^outOfCounty\.source:/],
    ['a source that is not listed in sources', (p: any) => (p.deadlines.provisionalCure.source = 'O.C.G.A. § 99-9-999'), /^deadlines\.provisionalCure\.source: "O\.C\.G\.A\. § 99-9-999" is not listed in sources\[\]\.citation$/],
    ['a holiday that is not a calendar date', (p: any) => { p.holidays.dates.push({ date: '2020-02-30', name: 'Nope' }); }, /^holidays\.dates\.\d+\.date: 2020-02-30 is not a calendar date$/],
    ['an effective period that ends before it starts', (p: any) => (p.effectiveTo = '2018-01-01'), /^effectiveTo: must not be before effectiveFrom$/],
    ['a certification deadline anchored to certification', (p: any) => (p.deadlines.countyCertification.anchor = 'certification'), /^deadlines\.countyCertification\.anchor: a certification deadline must be anchored to election_day$/],
    ['no sources at all', (p: any) => (p.sources = []), /^sources:/],
    ['a day counted both by offset and by weekday', (p: any) => (p.deadlines.countyCertification.weekday = 'monday'), /^deadlines\.countyCertification: give either offset and unit, or weekday and nth, not both$/],
    ['a weekday rule without nth', (p: any) => { delete p.deadlines.countyCertification.offset; delete p.deadlines.countyCertification.unit; p.deadlines.countyCertification.weekday = 'monday'; }, /^deadlines\.countyCertification: weekday and nth go together$/],
    ['a weekday that is not a day of the week', (p: any) => { delete p.deadlines.countyCertification.offset; delete p.deadlines.countyCertification.unit; Object.assign(p.deadlines.countyCertification, { weekday: 'mon', nth: 1 }); }, /^deadlines\.countyCertification\.weekday:/],
    ['nth 0 (there is no zeroth Monday)', (p: any) => { delete p.deadlines.countyCertification.offset; delete p.deadlines.countyCertification.unit; Object.assign(p.deadlines.countyCertification, { weekday: 'monday', nth: 0 }); }, /^deadlines\.countyCertification\.nth:/],
    ['a variant citing a source the pack does not list', (p: any) => (p.deadlines.provisionalCure.variants = [{ when: { electionTypes: ['runoff'] }, anchor: 'election_day', offset: 1, unit: 'calendar', time: '17:00', source: 'O.C.G.A. § 99-9-999' }]), /^deadlines\.provisionalCure\.variants\.0\.source: "O\.C\.G\.A\. § 99-9-999" is not listed/],
    ['a variant with an empty when (it would govern every election)', (p: any) => (p.deadlines.provisionalCure.variants = [{ when: {}, anchor: 'election_day', offset: 1, unit: 'calendar', time: '17:00', source: 'O.C.G.A. § 21-2-419(b)' }]), /^deadlines\.provisionalCure\.variants\.0\.when: name electionTypes, federal or both$/],
    ['a variant for an election type that does not exist', (p: any) => (p.deadlines.provisionalCure.variants = [{ when: { electionTypes: ['recall'] }, anchor: 'election_day', offset: 1, unit: 'calendar', time: '17:00', source: 'O.C.G.A. § 21-2-419(b)' }]), /^deadlines\.provisionalCure\.variants\.0\.when\.electionTypes:/],
    ['an unknown field in a variant', (p: any) => (p.deadlines.provisionalCure.variants = [{ when: { federal: false }, anchor: 'election_day', offset: 1, unit: 'calendar', time: '17:00', source: 'O.C.G.A. § 21-2-419(b)', days: 2 }]), /^deadlines\.provisionalCure\.variants\.0\.days: property days should not exist$/],
    ['a certification variant anchored to certification', (p: any) => (p.deadlines.countyCertification.variants = [{ when: { federal: false }, anchor: 'certification', offset: 1, unit: 'calendar', time: '17:00', source: 'O.C.G.A. § 21-2-493(k)' }]), /^deadlines\.countyCertification\.variants\.0\.anchor: a certification deadline must be anchored to election_day$/],
    ['a missing votingOpens rule', (p: any) => delete p.votingOpens, /^votingOpens:/],
    ['a uocavaTransmission rule citing an unlisted source', (p: any) => (p.uocavaTransmission.source = '42 U.S.C. § 1'), /^uocavaTransmission\.source:/],
    ['a county time zone that is not IANA', (p: any) => (p.countyTimeZones = { source: 'O.C.G.A. § 1-4-1', zones: { WESTERN: 'Central' } }), /^countyTimeZones\.zones\.WESTERN: Central is not an IANA time zone$/],
    ['county time zones without a listed source', (p: any) => (p.countyTimeZones = { source: 'nowhere', zones: { WESTERN: 'America/Chicago' } }), /^countyTimeZones\.source:/],
  ])('refuses %s, naming the field', (_name, mutate, message) => {
    const problems = problemsOf(gaWith(mutate));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
  });

  it('names the file in the error message', () => {
    expect(() => parseRulePack(gaWith((p) => (p.timeZone = 'Eastern')), 'packs/GA-2020.json')).toThrow(
      /^rule pack packs\/GA-2020\.json is invalid:\n {2}timeZone:/,
    );
  });

  it('refuses a pack whose id does not match its file name', () => {
    expect(problemsOf(gaWith(() => undefined), 'GA-2021.json')).toEqual(['id: "GA-2020" does not match the file name GA-2021.json']);
  });

  it('refuses a file that is not JSON, naming the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'packs-'));
    const path = join(dir, 'XX-2020.json');
    writeFileSync(path, '{ "id": "XX-2020", ');
    expect(() => loadRulePackFile(path)).toThrow(new RegExp(`rule pack ${path} is invalid:\\n {2}\\(file\\): cannot be read as JSON`));
  });

  it('loads a good pack from a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'packs-'));
    const path = join(dir, 'GA-2020.json');
    writeFileSync(path, JSON.stringify(GA_2020));
    expect(loadRulePackFile(path).id).toBe('GA-2020');
  });

  it('refuses a root that is not an object', () => {
    expect(problemsOf([], 'x.json')).toEqual(['(root): must be a JSON object']);
  });
});

describe('choosing the pack in force (effectiveFrom / effectiveTo)', () => {
  const registry = loadBundledPacks();

  it.each([
    ['2020-11-03', 'GA-2020', 'the November 2020 general election'],
    ['2021-01-05', 'GA-2020', 'the January 2021 Senate runoffs, before SB 202'],
    ['2021-03-24', 'GA-2020', 'the last day before SB 202 was signed'],
    ['2021-03-25', 'GA-2021', 'SB 202 took effect on signature, 25 March 2021'],
    ['2022-11-08', 'GA-2021', 'the November 2022 general election'],
  ])('Georgia on %s uses %s (%s)', (day, id) => {
    expect(registry.select('GA', day)?.id).toBe(id);
  });

  it('finds no pack for a state it does not have, or before any pack', () => {
    expect(registry.select('ZZ', '2020-11-03')).toBeUndefined();
    expect(registry.select('GA', '1990-11-06')).toBeUndefined();
  });

  it('refuses two packs for one state in force on the same date', () => {
    const a = parseRulePack(gaWith(() => undefined), 'GA-2020.json');
    const b = parseRulePack(gaWith((p) => { p.id = 'GA-2019'; p.effectiveTo = null; }), 'GA-2019.json');
    expect(() => new RulePackRegistry([a, b])).toThrow(/GA-2019 and GA-2020 are both in force/);
  });

  it('refuses the same pack twice', () => {
    const a = parseRulePack(gaWith(() => undefined), 'GA-2020.json');
    expect(() => new RulePackRegistry([a, a])).toThrow(/listed twice/);
  });
});
