import 'reflect-metadata';
import { loadConfig } from '@app/config';
import { createApp, jsonLogger } from './app';

async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const logger = jsonLogger();
  const app = await createApp(config, { logger });
  await app.listen(config.port, config.host);
  const url = `http://${config.host}:${config.port}`;
  console.log(`\nBallot adjudication service: ${url}\n  API docs: ${url}/api/docs\n  Database: ${config.database.kind === 'sqlite' ? config.database.path : 'PostgreSQL (DATABASE_URL)'}\n`);
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
