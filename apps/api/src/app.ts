import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { ConsoleLogger, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { AppConfig } from '@app/config';
import type { ClockPlan } from '@app/ballots';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppModule } from './app.module';

/** Structured JSON logs; the request log carries method, route, status, time and a request id, never a body. */
export function jsonLogger(): LoggerService {
  return new ConsoleLogger({ json: true, colors: false });
}

function requestLog(logger: LoggerService) {
  return (request: Request & { id?: string }, response: Response, next: NextFunction): void => {
    const id = typeof request.headers['x-request-id'] === 'string' && /^[\w-]{1,64}$/.test(request.headers['x-request-id']) ? request.headers['x-request-id'] : randomUUID();
    request.id = id;
    response.setHeader('x-request-id', id);
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // The path only: query strings can carry names or dates of birth.
      logger.log({ msg: 'request', requestId: id, method: request.method, path: request.path, status: response.statusCode, ms: Math.round(ms * 10) / 10 }, 'HTTP');
    });
    next();
  };
}

export async function createApp(config: AppConfig, options: { logger?: LoggerService | false; clock?: ClockPlan } = {}): Promise<INestApplication> {
  const logger = options.logger ?? jsonLogger();
  const clock: ClockPlan = options.clock ?? { setting: config.clock, owner: true, startIfUnset: null, setBy: 'the service' };
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, clock), { logger, bodyParser: false });
  app.useBodyParser('json', { limit: '5mb' });
  app.useBodyParser('urlencoded', { extended: false, limit: '1mb' });
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
  if (logger !== false) app.use(requestLog(logger));
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Ballot adjudication service: staff API')
      .setDescription('Provisional and UOCAVA ballot adjudication for county election offices. Sign in at POST /api/auth/login and send the token as a bearer token.')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
