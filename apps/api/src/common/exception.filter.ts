import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import { RulePackError } from '@app/rules';
import type { Request, Response } from 'express';
import type { ErrorBody } from './error-body';
import { DomainError, type DomainErrorCode } from '@app/domain';

const STATUS_FOR: { readonly [C in DomainErrorCode]: number } = {
  not_found: HttpStatus.NOT_FOUND,
  forbidden: HttpStatus.FORBIDDEN,
  conflict: HttpStatus.CONFLICT,
  stale_version: HttpStatus.CONFLICT,
  event_refused: HttpStatus.UNPROCESSABLE_ENTITY,
  invalid_input: HttpStatus.BAD_REQUEST,
  county_certified: HttpStatus.CONFLICT,
  unauthenticated: HttpStatus.UNAUTHORIZED,
  locked_out: HttpStatus.TOO_MANY_REQUESTS,
  storage_unavailable: HttpStatus.SERVICE_UNAVAILABLE,
};

/** Codes for HTTP errors raised by Nest or Express themselves. */
function codeForStatus(status: number): string {
  switch (status) {
    case 400: return 'invalid_input';
    case 401: return 'unauthenticated';
    case 403: return 'forbidden';
    case 404: return 'not_found';
    case 409: return 'conflict';
    case 413: return 'payload_too_large';
    case 415: return 'unsupported_media_type';
    case 429: return 'too_many_requests';
    default: return status >= 500 ? 'internal_error' : 'http_error';
  }
}

/**
 * A body the service will not read: a media type its route does not take (415), JSON nested too
 * deep (400), each with the problem in words. Raised before any parser runs.
 */
export class BodyRefused extends HttpException {
  constructor(
    status: 400 | 413 | 415,
    readonly problem: string,
    readonly field: '(body)' | '(content-type)',
  ) {
    super(problem, status);
  }
}

const PARSER_MESSAGES: Readonly<Record<string, string>> = {
  'entity.parse.failed': 'the body is not valid JSON',
  'entity.too.large': 'the body is too large',
  'parameters.too.many': 'the form has too many fields',
  'charset.unsupported': 'the body\u2019s character set is not supported; send UTF-8',
  'encoding.unsupported': 'the body\u2019s Content-Encoding is not supported',
};

/** Express's body parser (reached through Nest's mapping): malformed JSON, a body too large, a bad charset. */
function bodyParserError(exception: unknown): ErrorBody | null {
  const cause = exception instanceof HttpException && !(exception instanceof BodyRefused) ? exception.cause : exception;
  if (cause instanceof BodyRefused) return { status: cause.getStatus(), code: codeForStatus(cause.getStatus()), message: cause.problem, fields: [{ field: cause.field, message: cause.problem }] };
  const parser = cause as { type?: unknown; status?: unknown } | undefined;
  if (parser === undefined || parser === null || typeof parser.type !== 'string' || typeof parser.status !== 'number') return null;
  if (parser.status < 400 || parser.status >= 500) return null;
  const message = PARSER_MESSAGES[parser.type] ?? 'the body cannot be read';
  return { status: parser.status, code: codeForStatus(parser.status), message, fields: [{ field: '(body)', message }] };
}

export class ValidationFailed extends HttpException {
  constructor(readonly fields: { field: string; message: string }[]) {
    super('the request is not valid', HttpStatus.BAD_REQUEST);
  }
}

/**
 * One exception filter for the HTTP transport: domain errors map to their status, validation and
 * parse errors to 400 with the fields; anything else is a bare 500 with a correlation id, its stack
 * logged on the server only. No stack trace or SQL ever reaches a client.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request & { id?: string }>();
    const body = this.toBody(exception, request);
    if (response.headersSent) return;
    const wait = body.details?.['retryAfterSeconds'];
    if (body.status === 429 && typeof wait === 'number') response.setHeader('Retry-After', String(wait));
    response.status(body.status).json(body);
  }

  private toBody(exception: unknown, request: Request & { id?: string }): ErrorBody {
    if (exception instanceof DomainError) {
      if (exception.code === 'storage_unavailable') {
        // The client is told to try later; the operator needs to know the disk is full or failing.
        this.logger.error({ msg: 'storage unavailable', correlationId: request.id, path: request.path }, exception.cause instanceof Error ? exception.cause.message : String(exception.cause));
      }
      return { status: STATUS_FOR[exception.code], code: exception.code, message: exception.message, fields: [...exception.fields], details: { ...exception.details } };
    }
    if (exception instanceof ValidationFailed) {
      return { status: 400, code: 'invalid_input', message: 'the request is not valid', fields: exception.fields };
    }
    const body = bodyParserError(exception);
    if (body !== null) return body;
    if (exception instanceof HttpException && exception.cause instanceof URIError && exception.getStatus() === 400) {
      // Express could not percent-decode a path segment (`%E0%A4%A`, a lone surrogate's bytes).
      const message = 'a part of the path is not valid percent-encoded UTF-8';
      return { status: 400, code: 'invalid_input', message, fields: [{ field: '(path)', message }] };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const message = typeof raw === 'string' ? raw : typeof (raw as { message?: unknown }).message === 'string' ? (raw as { message: string }).message : exception.message;
      return { status, code: codeForStatus(status), message: status >= 500 ? 'internal error' : message, fields: [] };
    }
    if (exception instanceof RulePackError) {
      return { status: 400, code: 'invalid_input', message: 'the rule pack is not valid', fields: exception.problems.map((p) => ({ field: p.split(':')[0] ?? '(pack)', message: p })) };
    }
    const correlationId = request.id ?? randomUUID();
    this.logger.error({ msg: 'unhandled error', correlationId, method: request.method, path: (request.route as { path?: string } | undefined)?.path ?? '(unmatched)' }, exception instanceof Error ? exception.stack : String(exception));
    return { status: 500, code: 'internal_error', message: 'internal error', fields: [], correlationId };
  }
}
