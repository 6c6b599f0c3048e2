import argon2 from 'argon2';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

/**
 * argon2id, memory-hard (OWASP's minimum: 19 MiB, 2 passes; we use 64 MiB, 3 passes, 1 lane).
 * The parameters travel in the encoded hash, so raising them later still verifies old hashes.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
/**
 * zxcvbn's score runs 0-4; 3 means about 10^8 guesses or more, out of reach of an online attacker
 * and slow against our argon2id hashes offline. Below it are the common and breached passwords,
 * repeats, keyboard runs and the person's own names.
 */
const MIN_SCORE = 3;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** Hashed once at start: verifying against it costs what a real check costs, for unknown users. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-for-timing-only');
  return dummyHash;
}

/** Built on first use: the dictionaries take a moment to rank. */
let estimator: ZxcvbnFactory | null = null;
function guessability(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
    translations: english.translations,
    useLevenshteinDistance: true,
  });
  return estimator;
}

/**
 * NIST SP 800-63B section 3.1.1.2 for a password someone chooses: at least 12 characters (counted
 * as characters, not bytes), any characters at all, no composition rules; refused when it is
 * common, breached, repetitive or sequential, or built from the person's own username or name
 * (zxcvbn with its common and English lists, the names as user inputs). Returns why it is
 * refused, in words for the person choosing it, or null when it is good.
 */
export function passwordProblem(password: string, context: { readonly username: string; readonly displayName: string }): string | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (length > MAX_PASSWORD_LENGTH) return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const inputs = [context.username, context.displayName, ...context.username.split(/[._-]+/), ...context.displayName.split(/\s+/)].filter((s) => s.length >= 3);
  const result = guessability().check(password, inputs);
  if (result.score >= MIN_SCORE) return null;
  const usesName = result.sequence.some((part) => part.pattern === 'dictionary' && 'dictionaryName' in part && part.dictionaryName === 'userInputs');
  if (usesName) return 'is too easy to guess: it is built from the username or the name; choose a long phrase that has nothing to do with them';
  const warning = result.feedback.warning;
  return `is too easy to guess${warning !== null && warning !== '' ? ` (${warning.replace(/\.$/, '').toLowerCase()})` : ''}: it is common, breached or patterned; choose a longer phrase of unrelated words`;
}
