/**
 * Mints a bearer token with the configured secret (AUTH_JWT_SECRET, or the development secret
 * the server generated under DATA_DIR), for curl users and scripts:
 *
 *   npm run token -- --tenant demo --scope "sessions:read sessions:write" [--sub alice] [--ttl 3600] [--service]
 *   npm run token -- --scope admin            (an admin token needs no tenant)
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { mintToken } from '../src/http/auth/mint.js';
import { SCOPES } from '../src/http/auth/scopes.js';

const { values } = parseArgs({
  options: {
    tenant: { type: 'string' },
    scope: { type: 'string', default: 'sessions:read sessions:write' },
    sub: { type: 'string', default: 'cli-user' },
    ttl: { type: 'string', default: '3600' },
    service: { type: 'boolean', default: false },
  },
});

const fail = (message: string): never => {
  process.stderr.write(`npm run token: ${message}\n`);
  process.exit(2);
};

const config = loadConfig();
const secretFile = join(config.DATA_DIR, 'jwt-secret');
const secret =
  config.AUTH_JWT_SECRET ??
  (existsSync(secretFile)
    ? readFileSync(secretFile, 'utf8').trim()
    : fail(
        `no AUTH_JWT_SECRET and no ${secretFile}; start the server once (npm start) or set AUTH_JWT_SECRET`,
      ));
const scopes = (values.scope ?? '').split(/\s+/).filter(Boolean);
const unknown = scopes.filter((s) => !(SCOPES as readonly string[]).includes(s));
if (unknown.length) fail(`unknown scope(s) ${unknown.join(', ')}; known: ${SCOPES.join(' ')}`);
if (!values.tenant && !scopes.includes('admin')) fail('--tenant is required unless the scope includes admin');
const ttl = Number(values.ttl);
if (!Number.isInteger(ttl) || ttl <= 0) fail('--ttl must be a positive number of seconds');

const token = await mintToken({
  secret,
  subject: values.sub ?? 'cli-user',
  tenant: values.tenant,
  scopes,
  expiresInSeconds: ttl,
  tenantClaim: config.AUTH_TENANT_CLAIM,
  issuer: config.AUTH_ISSUER,
  audience: config.AUTH_AUDIENCE,
  actorType: values.service ? 'service' : 'user',
});
process.stdout.write(`${token}\n`);
