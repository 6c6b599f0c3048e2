/** What a request body may be, by route: plain rules, no framework (the middleware is body-limits.ts). */

/**
 * How deep a JSON body may nest. The deepest body the API takes (a jurisdiction: counties, their
 * offices, their phones) is a handful of levels; class-transformer recurses once per level and
 * overflows the stack somewhere past a few thousand, so the limit is checked on the raw bytes,
 * before anything parses them.
 */
export const MAX_JSON_DEPTH = 32;

/** Body sizes by kind of route: public and sign-in bodies are a few fields; staff bodies can carry a jurisdiction. */
export const BODY_LIMITS = { public: '16kb', staffJson: '5mb', staffForm: '1mb' } as const;

/** Routes anyone can reach without a session, whose bodies are a few short fields. */
export const PUBLIC_BODY = /^\/(api\/auth\/login|api\/portal\/lookup|api\/notices\/sms\/(status|inbound)|console\/login|portal|portal\/view|portal\/updates|portal\/updates\/(confirm|remove)|portal\/affidavit)\/?$/;

/** The one route that takes CSV; it reads its own body (streamed, with its own limit). */
const CSV_ROUTE = /^\/api\/ballots\/import\/?$/;
/** The text-message provider's signed callbacks: posted as a form, as the large providers do (issue 15). */
const SMS_WEBHOOK_ROUTE = /^\/api\/notices\/sms\/(status|inbound)\/?$/;
/** The one route that takes a file; multer reads it there (with its own limits). */
const UPLOAD_ROUTE = /^\/portal\/cure\/?$/;

/** The media types a route takes, by where it is; null where the service takes no body at all. */
export function acceptedTypes(path: string): readonly string[] | null {
  if (CSV_ROUTE.test(path)) return ['text/csv'];
  if (SMS_WEBHOOK_ROUTE.test(path)) return ['application/x-www-form-urlencoded'];
  if (path === '/api' || path.startsWith('/api/')) return ['application/json'];
  if (UPLOAD_ROUTE.test(path)) return ['multipart/form-data'];
  if (path === '/console' || path.startsWith('/console/') || path === '/portal' || path.startsWith('/portal/')) return ['application/x-www-form-urlencoded'];
  return null;
}

/**
 * The deepest nesting of arrays and objects in JSON text, counted on the bytes without parsing,
 * stopping as soon as it passes `limit`. Brackets inside strings do not count. UTF-8 never uses
 * the bytes of `"`, `\`, `[`, `]`, `{` or `}` inside a multi-byte character, so bytes are enough.
 */
export function jsonDepthOver(bytes: Uint8Array, limit: number): boolean {
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (const byte of bytes) {
    if (inString) {
      if (escaped) escaped = false;
      else if (byte === 0x5c) escaped = true;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth -= 1;
  }
  return false;
}
