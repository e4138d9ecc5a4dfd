/**
 * The product as the benchmark runs it: a child process of bench/run.ts, on the database of
 * BENCH_DATABASE_URL (logging in as switchboard_app), with real JWT auth (BENCH_JWT_SECRET),
 * logs at info to stdout (which the runner sends to /dev/null: the cost of formatting them is
 * measured, not the cost of a terminal). Tells the parent its URL over IPC; stops on SIGTERM.
 */
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createDatabase, poolOptions } from '../../src/db/client.js';
import { expectedMigrations } from '../../src/db/migrate.js';

const config = loadConfig({
  ...process.env,
  NODE_ENV: 'production',
  AUTH_JWT_SECRET: process.env['BENCH_JWT_SECRET'],
  LOG_LEVEL: process.env['LOG_LEVEL'] ?? 'info',
  SCHEDULER_ENABLED: 'false',
});
const database = createDatabase({
  url: process.env['BENCH_DATABASE_URL']!,
  ...poolOptions(config),
  appRole: null,
});
const app = await buildApp({ config, database, expectedMigrations: expectedMigrations() });
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.send?.({ url: url.replace('localhost', '127.0.0.1') });
process.once('SIGTERM', async () => {
  await app.close();
  await database.close();
  process.exit(0);
});
