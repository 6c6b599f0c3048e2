import type { Request } from 'express';

/**
 * The client's address, for the portal's limits and the sign-in throttle: the socket's, or with
 * TRUST_PROXY set, the one the nearest trusted proxy saw (Express's `trust proxy`).
 */
export function clientAddress(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}
