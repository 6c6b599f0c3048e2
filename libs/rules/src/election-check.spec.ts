import { electionPackProblems } from './election-check';
import { loadBundledPacks } from './packs';

/** The checks the service runs when an election is created (issue 11): each case names its facts. */
describe('electionPackProblems: the pack named must be the law for that state on that day', () => {
  const registry = loadBundledPacks();

  it('accepts the Georgia 5 Nov 2024 general under GA-2021 in America/New_York, and an input that names no pack or zone', () => {
    expect(electionPackProblems(registry, { state: 'GA', electionDay: '2024-11-05', timeZone: 'America/New_York', rulePackId: 'GA-2021', electionType: 'general', federal: true })).toEqual([]);
    expect(electionPackProblems(registry, { state: 'GA', electionDay: '2024-11-05' })).toEqual([]);
  });

  it('refuses GA-2021 for the 3 Nov 2020 Georgia election (SB 202 took effect 25 Mar 2021), naming rulePackId and the pack in force', () => {
    const problems = electionPackProblems(registry, { state: 'GA', electionDay: '2020-11-03', rulePackId: 'GA-2021' });
    expect(problems).toEqual([
      { field: 'rulePackId', message: 'Rule pack GA-2021 is not the law on 3 November 2020: it applies from 25 March 2021. Use GA-2020.' },
    ]);
  });

  it('refuses America/Denver for a Georgia election, naming timeZone and the pack\'s zone', () => {
    expect(electionPackProblems(registry, { state: 'GA', electionDay: '2024-11-05', timeZone: 'America/Denver', rulePackId: 'GA-2021' })).toEqual([
      { field: 'timeZone', message: 'GA elections under GA-2021 are judged in America/New_York, not America/Denver.' },
    ]);
  });

  it('refuses a zone name that is not a zone', () => {
    expect(electionPackProblems(registry, { state: 'AZ', electionDay: '2024-11-05', timeZone: 'Mountain' })).toEqual([
      { field: 'timeZone', message: '"Mountain" is not a time zone name. Use America/Phoenix.' },
    ]);
  });

  it('refuses an election type the rules do not know', () => {
    expect(electionPackProblems(registry, { state: 'GA', electionDay: '2024-11-05', electionType: 'recall' })).toEqual([
      { field: 'electionType', message: '"recall" is not a kind of election the rules know. Choose one of: general, primary, special, runoff.' },
    ]);
  });

  it('refuses a pack of another state, and a pack that does not exist', () => {
    expect(electionPackProblems(registry, { state: 'AZ', electionDay: '2024-11-05', rulePackId: 'GA-2021' })).toEqual([
      { field: 'rulePackId', message: 'Rule pack GA-2021 is for GA elections, not AZ.' },
    ]);
    expect(electionPackProblems(registry, { state: 'AZ', electionDay: '2024-11-05', rulePackId: 'AZ-2023' })).toEqual([
      { field: 'rulePackId', message: 'There is no rule pack named "AZ-2023".' },
    ]);
  });

  it('refuses a day no pack covers (Arizona before SB 1054, 27 Aug 2019), a state with no packs, and a day that is not a date', () => {
    expect(electionPackProblems(registry, { state: 'AZ', electionDay: '2019-08-06' })).toEqual([
      {
        field: 'electionDay',
        message:
          'No AZ rule pack is in force on 6 August 2019. The AZ packs cover: AZ-2019 (from 27 August 2019 to 8 February 2024); AZ-2024 (from 9 February 2024 to 31 December 2024); AZ-2025 (from 1 January 2025).',
      },
    ]);
    expect(electionPackProblems(registry, { state: 'ZZ', electionDay: '2024-11-05' })).toEqual([
      { field: 'state', message: 'There are no rules for elections in "ZZ". Use a state that has a rule pack.' },
    ]);
    expect(electionPackProblems(registry, { state: 'GA', electionDay: '2024-02-30' })).toEqual([
      { field: 'electionDay', message: '"2024-02-30" is not a date. Write election day as YYYY-MM-DD, for example 2024-11-05.' },
    ]);
  });
});
