/**
 * Writes openapi/openapi.json from the routes' zod schemas and the typed client's types
 * (clients/typescript/src/schema.d.ts) from that document (`npm run openapi`), or with --check
 * fails when either committed file differs from what the code generates (`npm run openapi:check`).
 */
import { readFile, writeFile } from 'node:fs/promises';
import openapiTS, { astToString } from 'openapi-typescript';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { createDatabase } from '../src/db/client.js';

const DOCUMENT = new URL('../openapi/openapi.json', import.meta.url);
const CLIENT_TYPES = new URL('../clients/typescript/src/schema.d.ts', import.meta.url);

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

/** The client's types: openapi-typescript's output for the document, with a header saying so. */
export async function generateClientTypes(document: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(document), { silent: true });
  const header =
    '// Generated from openapi/openapi.json by `npm run openapi` (openapi-typescript). Do not edit.\n\n';
  return header + astToString(ast);
}

const document = await generateOpenApi();
const outputs: [URL, string][] = [
  [DOCUMENT, document],
  [CLIENT_TYPES, await generateClientTypes(document)],
];
const name = (file: URL) => file.pathname.slice(new URL('..', import.meta.url).pathname.length);

if (process.argv.includes('--check')) {
  let stale = false;
  for (const [file, generated] of outputs) {
    if ((await readFile(file, 'utf8').catch(() => '')) !== generated) {
      process.stderr.write(`${name(file)} is stale: run \`npm run openapi\` and commit the result.\n`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
  process.stdout.write(`${outputs.map(([f]) => name(f)).join(' and ')} are up to date.\n`);
} else {
  for (const [file, generated] of outputs) {
    await writeFile(file, generated);
    process.stdout.write(`wrote ${name(file)}\n`);
  }
}
