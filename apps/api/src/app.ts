import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@app/config';
import type { ClockPlan } from '@app/ballots';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module';
import { bodyParsers } from './common/body-limits';
import { ServiceLogger } from './common/logging';
import { apiDocument } from './common/api-document';

/**
 * The service. Its log is nestjs-pino's (see common/logging.ts): Nest's own lines are buffered
 * until that logger is in place, so every line is the same JSON.
 */
export async function createApp(config: AppConfig, options: { clock?: ClockPlan } = {}): Promise<INestApplication> {
  const clock: ClockPlan = options.clock ?? { setting: config.clock, owner: true, startIfUnset: null, setBy: 'the service' };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, clock), { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(ServiceLogger));
  // Content types checked first (415), then JSON depth on the raw bytes (400), sizes by kind of route (413).
  for (const parser of bodyParsers()) app.use(parser);
  app.disable('x-powered-by');
  // Behind TRUST_PROXY reverse proxies, request.ip is the voter's address from X-Forwarded-For.
  app.set('trust proxy', config.trustProxy);
  // HSTS and upgrade-insecure-requests only over HTTPS (issue 13): sent over plain HTTP they make a
  // browser refuse an office that serves the console that way. HTTPS is COOKIE_SECURE=true (the
  // operator says so), or a request that came in over TLS or through a trusted proxy that says https.
  const overHttps = helmet();
  const overHttp = helmet({ strictTransportSecurity: false, contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
  app.use((request: Request, response: Response, next: NextFunction) => (config.cookieSecure || request.secure ? overHttps : overHttp)(request, response, next));
  // USWDS, served by the app itself: nothing from a CDN.
  app.useStaticAssets(join(dirname(require.resolve('@uswds/uswds')), '..'), { prefix: '/console/assets/uswds', maxAge: '1d', index: false });
  app.use((request: Request, response: Response, next: NextFunction) => (request.method === 'GET' && request.path === '/' ? response.redirect(302, '/console') : next()));
  app.enableShutdownHooks();
  SwaggerModule.setup('api/docs', app, apiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
