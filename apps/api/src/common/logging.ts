import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import { Logger, type Params } from 'nestjs-pino';
import { stdTimeFunctions } from 'pino';
import { logLevel, REDACTED } from './log-settings';

/** Nest's start-up chatter: one line per module and per route. Kept for LOG_LEVEL=debug. */
const START_UP_CONTEXTS = new Set(['RouterExplorer', 'RoutesResolver', 'InstanceLoader', 'NestFactory']);

const requestId = (request: IncomingMessage, response: ServerResponse): string => {
  const sent = request.headers['x-request-id'];
  const id = typeof sent === 'string' && /^[\w-]{1,64}$/.test(sent) ? sent : randomUUID();
  response.setHeader('x-request-id', id);
  return id;
};

/**
 * nestjs-pino's settings: one JSON object per line with an ISO 8601 `time`, the level by name, a
 * request id on every line logged while a request is handled, and one line per request with its
 * method, path (never the query string: it can carry a name or a date of birth), status and time.
 * LOG_PRETTY=1 prints the same lines through pino-pretty, for a person at a terminal.
 */
export function loggingParams(env: NodeJS.ProcessEnv): Params {
  const pretty = env['LOG_PRETTY'] === '1' || env['LOG_PRETTY'] === 'true';
  return {
    pinoHttp: {
      level: logLevel(env),
      timestamp: stdTimeFunctions.isoTime,
      base: { pid: process.pid },
      redact: { paths: REDACTED, censor: '[redacted]' },
      ...(pretty ? { transport: { target: 'pino-pretty', options: { destination: 1, translateTime: 'SYS:standard' } } } : { formatters: { level: (label: string) => ({ level: label }) } }),
      genReqId: requestId,
      customAttributeKeys: { reqId: 'requestId' },
      quietReqLogger: true,
      customSuccessMessage: () => 'request',
      customErrorMessage: () => 'request',
      serializers: {
        req: (request: { method?: string; url?: string }) => ({ method: request.method, path: (request.url ?? '').split('?')[0] }),
        res: (response: { statusCode?: number }) => ({ status: response.statusCode }),
      },
      // A 5xx is logged by the exception filter with its correlation id; the request line says the status.
      customLogLevel: (_request, response, error) => (error !== undefined || response.statusCode >= 500 ? 'error' : 'info'),
    },
  };
}

/** nestjs-pino's logger, with Nest's start-up lines (modules, routes) moved down to debug. */
@Injectable()
export class ServiceLogger extends Logger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams[optionalParams.length - 1];
    if (typeof context === 'string' && START_UP_CONTEXTS.has(context)) super.debug(message, ...optionalParams);
    else super.log(message, ...optionalParams);
  }
}
