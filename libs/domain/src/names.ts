/**
 * How the roll search compares names: accents and other marks removed, case folded, and every
 * character that is not a letter or a digit dropped, so "García-López", "GARCIA LOPEZ" and
 * "garcialopez" are one key. Computed the same way at import, at intake and in the search.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The half-open range `[from, to)` of keys that start with `prefix`, compared code unit by code
 * unit (SQLite's BINARY, PostgreSQL's "C"): an index range instead of a LIKE the planners may not
 * use. `prefix` must not be empty.
 */
export function prefixRange(prefix: string): { readonly from: string; readonly to: string } {
  const last = prefix.charCodeAt(prefix.length - 1);
  return { from: prefix, to: `${prefix.slice(0, -1)}${String.fromCharCode(last + 1)}` };
}

/**
 * Characters that have no place in a name, an address or a note: C0 and C1 controls (NUL, CR,
 * LF, ...), the bidirectional overrides and isolates that can make text display differently from
 * what it is (U+202A-U+202E, U+2066-U+2069), lone surrogates, and the byte-order mark. A note may
 * keep line breaks and tabs (`multiline`).
 */
export function forbiddenCharacter(text: string, multiline = false): string | null {
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (multiline && (code === 0x0a || code === 0x0d || code === 0x09)) continue;
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return `control character U+${hex(code)}`;
    if ((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) return `bidirectional control character U+${hex(code)}`;
    if (code >= 0xd800 && code <= 0xdfff) return 'an unpaired surrogate (not valid text)';
    if (code === 0xfeff) return 'byte-order mark U+FEFF';
  }
  return null;
}

const hex = (code: number): string => code.toString(16).toUpperCase().padStart(4, '0');
