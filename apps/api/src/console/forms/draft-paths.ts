import type { FormValues } from '../pages/forms';

/**
 * Which console forms are kept across a sign-in, and which pages a sign-in may lead back to: plain
 * rules, no framework (the filter and the sign-in read them; form-drafts.ts shows the forms).
 */

/** A console page a person can be sent back to after signing in: a path under /console, no scheme or host. */
export const RETURNABLE = /^\/console(\/[\w\-./]*)?(\?[\w\-.=&%+]*)?$/;

/** Fields a form posts that are never kept across a sign-in: the old session's token, and any password. */
const NEVER_KEPT = new Set(['_csrf', 'password']);

/** A form's typed fields worth keeping (strings, not the token or a password). */
export function keptFields(body: unknown): FormValues {
  const out: Record<string, string> = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [name, value] of Object.entries(body)) if (typeof value === 'string' && !NEVER_KEPT.has(name)) out[name] = value;
  return out;
}

const UUID = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';

export type DraftForm = 'intake' | 'event' | 'order' | 'hours' | 'user' | 'certify';

/** A county code as the county list spells it (FULTON, COBB). */
const COUNTY = '([A-Za-z0-9_-]{1,32})';

interface DraftRoute {
  readonly pattern: RegExp;
  readonly form: DraftForm;
  /** The route's parameters from the path's match. */
  readonly params: (match: RegExpExecArray) => Record<string, string>;
  /** Where the browser should say it is when the form is shown again. */
  readonly location: (match: RegExpExecArray) => string;
}

const none = () => ({});

/** The console forms with typed text worth keeping across a sign-in, by the path they post to. */
export const DRAFT_ROUTES: readonly DraftRoute[] = [
  { pattern: /^\/console\/intake$/, form: 'intake', params: none, location: () => '/console/intake' },
  { pattern: new RegExp(`^/console/ballots/${UUID}/events$`), form: 'event', params: (m) => ({ id: m[1] ?? '' }), location: (m) => `/console/ballots/${m[1] ?? ''}` },
  { pattern: /^\/console\/deadlines\/court-orders$/, form: 'order', params: none, location: () => '/console/deadlines' },
  { pattern: /^\/console\/deadlines\/close-of-business$/, form: 'hours', params: none, location: () => '/console/deadlines' },
  { pattern: /^\/console\/users$/, form: 'user', params: none, location: () => '/console/users' },
  // The attestation: the supervisor's typed name is kept; the box is ticked again on purpose.
  { pattern: new RegExp(`^/console/counties/${COUNTY}/certification$`), form: 'certify', params: (m) => ({ code: m[1] ?? '' }), location: (m) => `/console/counties/${m[1] ?? ''}/certification` },
];

/** Whether a path is one whose form is taken back after signing in. */
export const isDraftPath = (path: string): boolean => DRAFT_ROUTES.some((r) => r.pattern.test(path));

