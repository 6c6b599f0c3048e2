import { CURE_REASONS, VOTER_LANGUAGES } from '@app/domain';
import { daysLeft, localDeadline } from './dates';
import { EN } from './en';
import { ES } from './es';
import type { VoterWords } from './voter-words';
import { WORDS, wordsFor } from './words';

const EST = 'America/New_York';
const FRIDAY_5PM = Date.parse('2020-11-06T17:00:00-05:00');

/** Every sentence of a language, by its path, with each function called on sample values. */
function sentences(words: VoterWords): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (path: string, value: unknown): void => {
    if (typeof value === 'string') found.set(path, value);
    else if (typeof value === 'function') found.set(path, String((value as (...args: unknown[]) => unknown)('VALUE-A', 'VALUE-B', 'VALUE-C')));
    else if (typeof value === 'object' && value !== null) for (const [key, inner] of Object.entries(value)) walk(path === '' ? key : `${path}.${key}`, inner);
  };
  walk('', words);
  found.delete('locale');
  return found;
}

describe('the words voters read: one module per language', () => {
  it('each language is registered under its code', () => {
    expect(Object.keys(WORDS).sort()).toEqual([...VOTER_LANGUAGES].sort());
    expect(wordsFor('en')).toBe(EN);
    expect(wordsFor('es')).toBe(ES);
  });

  it('both languages have the same sentences, none empty, none with a placeholder left in it', () => {
    const en = sentences(EN);
    const es = sentences(ES);
    expect([...es.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [path, text] of [...en, ...es]) {
      expect({ path, empty: text.trim() === '' }).toEqual({ path, empty: false });
      expect({ path, placeholder: /\{\w+\}|undefined|null|NaN/.test(text) }).toEqual({ path, placeholder: false });
    }
  });

  it('Spanish is not English left untranslated', () => {
    const en = sentences(EN);
    const same = [...sentences(ES)].filter(([path, text]) => en.get(path) === text).map(([path]) => path);
    expect(same).toEqual([]);
  });

  it('a sentence that takes a value shows it', () => {
    expect(EN.notice.subject.counted('provisional ballot', 'P-1')).toBe('Your provisional ballot P-1 was counted');
    expect(ES.portal.actBy('viernes, 6 de noviembre de 2020, 5:00 p.m. EST')).toMatch(/^Hágalo antes del viernes, 6 de noviembre/);
    expect(EN.pages.tooMany(15)).toBe('For your security, wait 15 minutes before you try again.');
  });

  it('no sentence says "spoiled" or calls a ballot void (NC 2020 texted in-person voters that their ballot was spoiled)', () => {
    for (const words of [EN, ES]) {
      for (const [path, text] of sentences(words)) {
        expect({ path, bad: /spoil|void|anulad|estropead|inv[aá]lid/i.test(text) }).toEqual({ path, bad: false });
      }
    }
  });

  it('every cure has a short form for text messages, each shorter than the whole sentence', () => {
    for (const words of [EN, ES]) {
      for (const reason of CURE_REASONS) {
        expect(words.notice.sms.cureShort[reason].length).toBeLessThan(words.cureAction[reason].length);
      }
    }
  });
});

describe('dates as voters read them', () => {
  it('in the election\u2019s zone with the zone named, daylight saving included', () => {
    expect(localDeadline(FRIDAY_5PM, EST, 'en')).toBe('Friday, November 6, 2020 at 5:00 PM EST');
    expect(localDeadline(Date.parse('2020-10-02T17:00:00-04:00'), EST, 'en')).toBe('Friday, October 2, 2020 at 5:00 PM EDT');
    expect(localDeadline(FRIDAY_5PM, EST, 'es')).toBe('viernes, 6 de noviembre de 2020, 5:00 p.m. EST');
  });

  it('days left by the local calendar', () => {
    expect(daysLeft(Date.parse('2020-11-05T23:30:00-05:00'), FRIDAY_5PM, EST)).toBe(1);
    expect(daysLeft(Date.parse('2020-11-06T00:30:00-05:00'), FRIDAY_5PM, EST)).toBe(0);
    expect(daysLeft(Date.parse('2020-11-03T18:00:00-05:00'), FRIDAY_5PM, EST)).toBe(3);
  });
});
