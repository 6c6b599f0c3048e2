import type { VoterLanguage } from '@app/domain';
import { EN } from './en';
import { ES } from './es';
import type { VoterWords } from './voter-words';

/** Every language the voter may choose, with its words: adding a language to VOTER_LANGUAGES fails to compile until it has them. */
export const WORDS: Readonly<Record<VoterLanguage, VoterWords>> = { en: EN, es: ES };

export function wordsFor(language: VoterLanguage): VoterWords {
  return WORDS[language];
}
