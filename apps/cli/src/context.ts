import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type AppConfig } from '@app/config';
import { CliModule } from './cli.module';

/** Opens the service's modules for one command, and closes them (and the database) after. */
export async function withContext<T>(work: (app: INestApplicationContext, config: AppConfig) => Promise<T>, options: { migrate?: boolean } = {}): Promise<T> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, { migrate: options.migrate ?? true }), { logger: ['error', 'warn'] });
  try {
    return await work(app, config);
  } finally {
    await app.close();
  }
}

/** Exit codes: 0 done, 1 failed, 2 done but some input rows were refused. */
export const EXIT = { ok: 0, failed: 1, rowsRefused: 2, busy: 3 } as const;
