import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ballotEventSchemas } from '../ballots/ballot-events.docs';

const DESCRIPTION = [
  'Provisional and UOCAVA ballot adjudication for county election offices.',
  '',
  '**Signing in.** POST /api/auth/login with a username and password gives a session token; send it as `Authorization: Bearer <token>`. The token is opaque (a random string, not a JWT): nothing can be read from it, and it ends when the session does (idle time-out, sign-out, a locked account).',
  '',
  '**Errors.** Every error has one shape (ErrorBody): `status`, `code`, `message`, and `fields`, one entry per field in error with one message each; `details` where there is more to say (the events a ballot accepts, the current version); `correlationId` on a 500, to quote when reporting it.',
  '',
  '**Health.** GET /api/health answers while the process runs (liveness); GET /api/health/ready answers 200 only while the database does (readiness).',
  '',
  'The console (/console) and the voter portal\u2019s pages (/portal) are HTML for people and are not part of this document; the portal\u2019s JSON lookup is.',
].join('\n');

/**
 * The staff API's OpenAPI document: the /api routes only, the bearer scheme as it is (an opaque
 * session token), and the per-event request schemas the events route refers to.
 */
export function apiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Ballot adjudication service: staff API')
    .setDescription(DESCRIPTION)
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'opaque', description: 'the opaque session token from POST /api/auth/login' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.paths = Object.fromEntries(Object.entries(document.paths).filter(([path]) => path.startsWith('/api/')));
  document.components = { ...document.components, schemas: { ...document.components?.schemas, ...ballotEventSchemas() } };
  return document;
}
