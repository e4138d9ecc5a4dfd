/**
 * Writes openapi/openapi.json from the routes' zod schemas (`npm run openapi`), or with --check
 * fails when the committed file differs from what the code generates (`npm run openapi:check`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';

const FILE = new URL('../openapi/openapi.json', import.meta.url);

export async function generateOpenApi(): Promise<string> {
  const config = loadConfig({ AUTH_JWT_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent' });
  // The pool connects lazily: generating the document never touches a database.
  const database = createDatabase({ url: 'postgres://openapi@127.0.0.1:1/none' });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();
  const text = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  await database.close();
  return text;
}

const generated = await generateOpenApi();
if (process.argv.includes('--check')) {
  const committed = await readFile(FILE, 'utf8').catch(() => '');
  if (committed !== generated) {
    process.stderr.write('openapi/openapi.json is stale: run `npm run openapi` and commit the result.\n');
    process.exit(1);
  }
  process.stdout.write('openapi/openapi.json is up to date.\n');
} else {
  await writeFile(FILE, generated);
  process.stdout.write('wrote openapi/openapi.json\n');
}
