import type { IncomingMessage } from 'node:http';
import { json, urlencoded, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { acceptedTypes, BODY_LIMITS, jsonDepthOver, MAX_JSON_DEPTH, PUBLIC_BODY } from './body-rules';
import { BodyRefused } from './exception.filter';

const HUMAN: Readonly<Record<string, string>> = {
  'application/json': 'JSON (Content-Type: application/json)',
  'text/csv': 'CSV (Content-Type: text/csv)',
  'multipart/form-data': 'a form with a file (Content-Type: multipart/form-data)',
  'application/x-www-form-urlencoded': 'a form (Content-Type: application/x-www-form-urlencoded)',
};

/** A body is on its way: chunked, or a length above zero (an empty POST, such as a sign-out, has none). */
function hasBody(request: IncomingMessage): boolean {
  const length = Number(request.headers['content-length'] ?? '0');
  return request.headers['transfer-encoding'] !== undefined || !Number.isFinite(length) || length > 0;
}

/**
 * A request with a body of a type its route does not take gets 415 before anything reads the
 * body: a console form posted as text/plain or multipart would otherwise reach the handler with
 * no body at all. JSON must be UTF-8 (RFC 8259), which the depth check below relies on.
 */
export function contentTypeGate(): RequestHandler {
  return (request: Request, _response: Response, next: NextFunction) => {
    if (!hasBody(request)) return next();
    const accepted = acceptedTypes(request.path);
    if (accepted === null) return next();
    const wanted = accepted.map((t) => HUMAN[t] ?? t).join(' or ');
    if (typeof request.is([...accepted]) !== 'string') {
      const sent = request.headers['content-type'];
      const message = sent === undefined || sent === '' ? `the body has no Content-Type; send ${wanted}` : `this route takes ${wanted}, not ${sent.split(';')[0]?.trim() ?? sent}`;
      return next(new BodyRefused(415, message, '(content-type)'));
    }
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
    if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8' && accepted.includes('application/json')) {
      return next(new BodyRefused(415, `send JSON as UTF-8, not ${charset}`, '(content-type)'));
    }
    return next();
  };
}

function refuseDeepJson(_request: IncomingMessage, _response: unknown, bytes: Buffer): void {
  if (jsonDepthOver(bytes, MAX_JSON_DEPTH)) throw new BodyRefused(400, `the body nests arrays or objects more than ${MAX_JSON_DEPTH} levels deep`, '(body)');
}

const byRouteKind =
  (small: RequestHandler, large: RequestHandler): RequestHandler =>
  (request, response, next) =>
    (PUBLIC_BODY.test(request.path) ? small : large)(request, response, next);

/**
 * The body parsers, after the content-type gate: JSON checked for depth on its raw bytes before
 * it is parsed, and each kind of route with its own size limit (413 past it).
 */
export function bodyParsers(): RequestHandler[] {
  const jsonOf = (limit: string) => json({ limit, strict: true, verify: refuseDeepJson });
  const formOf = (limit: string) => urlencoded({ extended: false, limit, parameterLimit: 200 });
  return [
    contentTypeGate(),
    byRouteKind(jsonOf(BODY_LIMITS.public), jsonOf(BODY_LIMITS.staffJson)),
    byRouteKind(formOf(BODY_LIMITS.public), formOf(BODY_LIMITS.staffForm)),
  ];
}
