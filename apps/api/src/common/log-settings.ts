import type { LevelWithSilent } from 'pino';

const LEVELS: readonly LevelWithSilent[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * What must never reach a log line (SPEC: no voter dates of birth or addresses in logs; STYLE,
 * "Logging and audit"): wherever they occur in a logged object, one or two levels down, and the
 * request headers that carry a session.
 */
export const REDACTED = [
  'dateOfBirth', 'address', 'password', 'token', 'sessionToken', 'csrfToken', 'cookie', 'authorization',
  '*.dateOfBirth', '*.address', '*.password', '*.token', '*.sessionToken', '*.csrfToken', '*.cookie', '*.authorization',
  '*.*.dateOfBirth', '*.*.address', '*.*.password', '*.*.token',
  'req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]',
];

export function logLevel(env: NodeJS.ProcessEnv): LevelWithSilent {
  const wanted = (env['LOG_LEVEL'] ?? 'info').toLowerCase();
  if (!(LEVELS as readonly string[]).includes(wanted)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, not ${wanted}`);
  return wanted as LevelWithSilent;
}
