import { ConsoleLogger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig, type AppConfig } from '@app/config';
import { CliModule } from './cli.module';

/**
 * Nest's warnings and errors, except its start-up failure report (a stack over several lines): the
 * CLI reports that itself, as one line (errors.ts).
 */
class CliLogger extends ConsoleLogger {
  override error(message: unknown, ...rest: unknown[]): void {
    if (rest[rest.length - 1] === 'ExceptionHandler') return;
    super.error(message, ...rest);
  }
}

/** Opens the service's modules for one command, and closes them (and the database) after. */
export async function withContext<T>(work: (app: INestApplicationContext, config: AppConfig) => Promise<T>, options: { migrate?: boolean; startClockIfUnset?: number } = {}): Promise<T> {
  const config = loadConfig();
  // The CLI reads the service's clock (stored in the database in demo or CLOCK_AT mode), unless this
  // run's CLOCK_AT says otherwise: sweep-deadlines sees the minute the console sees.
  const clock = { setting: config.clock, owner: false, startIfUnset: options.startClockIfUnset ?? null, setBy: `the CLI (pid ${process.pid})` };
  const app = await NestFactory.createApplicationContext(CliModule.forRoot(config, { migrate: options.migrate ?? true, clock }), { logger: new CliLogger({ logLevels: ['error', 'warn'] }), abortOnError: false });
  try {
    return await work(app, config);
  } finally {
    await app.close();
  }
}

/** Exit codes: 0 done, 1 failed, 2 done but some input rows were refused. */
export const EXIT = { ok: 0, failed: 1, rowsRefused: 2, busy: 3 } as const;
