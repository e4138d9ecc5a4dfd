import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_SECRET, type TestApp } from './helpers/app.js';

let t: TestApp;
let tenant: string;
beforeAll(async () => {
  t = await createTestApp();
  tenant = await t.newTenant();
});
afterAll(async () => {
  await t?.close();
});

const secret = new TextEncoder().encode(TEST_SECRET);
const now = () => Math.floor(Date.now() / 1000);

function sign(
  claims: Record<string, unknown>,
  o: { alg?: string; key?: Uint8Array; exp?: number | null; sub?: string | null } = {},
) {
  let jwt = new SignJWT({ scope: 'sessions:read', tenant_id: tenant, ...claims }).setProtectedHeader({
    alg: o.alg ?? 'HS256',
  });
  if (o.sub !== null) jwt = jwt.setSubject(o.sub ?? 'mallory');
  if (o.exp !== null) jwt = jwt.setExpirationTime(o.exp ?? now() + 600);
  return jwt.sign(o.key ?? secret);
}

const unsigned = (claims: Record<string, unknown>) => {
  const enc = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
  return `${enc({ alg: 'none', typ: 'JWT' })}.${enc({ sub: 'mallory', exp: now() + 600, tenant_id: tenant, scope: 'sessions:read', ...claims })}.`;
};

const call = (app: TestApp['app'], token?: string, url = '/v1/sessions') =>
  app.inject({
    method: 'GET',
    url,
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });

describe('authentication', () => {
  it('accepts a valid token', async () => {
    const res = await call(t.app, await sign({}));
    expect(res.statusCode).toBe(200);
  });

  it('answers 401 with WWW-Authenticate when the token is missing', async () => {
    const res = await call(t.app);
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="switchboard"');
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  const attacks: [string, () => Promise<string> | string][] = [
    ['alg none', () => unsigned({})],
    ['another algorithm (HS512)', () => sign({}, { alg: 'HS512' })],
    [
      'a wrong secret',
      () => sign({}, { key: new TextEncoder().encode('another-secret-that-is-long-enough!!') }),
    ],
    ['an expired token (beyond the 30 s tolerance)', () => sign({}, { exp: now() - 120 })],
    ['no exp', () => sign({}, { exp: null })],
    ['nbf in the future', () => sign({ nbf: now() + 600 })],
    ['no sub', () => sign({}, { sub: null })],
    ['no tenant claim', () => sign({ tenant_id: undefined })],
    ['a malformed tenant claim', () => sign({ tenant_id: 'Not A Tenant!' })],
    ['garbage', () => 'not.a.jwt'],
  ];
  it.each(attacks)('rejects %s with 401 invalid_token', async (_name, make) => {
    const res = await call(t.app, await make());
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_token');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="switchboard", error="invalid_token"/);
  });

  it('rejects a header that is not a bearer token', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/v1/sessions',
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('invalid_token');
  });

  it('tolerates 30 s of clock skew on exp', async () => {
    expect((await call(t.app, await sign({}, { exp: now() - 10 }))).statusCode).toBe(200);
  });

  it('answers 403 insufficient_scope without the route scope, naming it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { authorization: `Bearer ${await sign({ scope: 'sessions:read' })}` },
      payload: { agent_role: 'x' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'insufficient_scope', required_scope: 'sessions:write' });
    expect(res.headers['www-authenticate']).toContain('error="insufficient_scope"');
  });

  it('reads scopes from scp as an array', async () => {
    expect((await call(t.app, await sign({ scope: undefined, scp: ['sessions:read'] }))).statusCode).toBe(
      200,
    );
  });

  it('answers 403 for an unknown tenant and for a disabled one', async () => {
    const unknown = await call(t.app, await sign({ tenant_id: 'no-such-tenant' }));
    expect(unknown.statusCode).toBe(403);
    expect(unknown.json().code).toBe('tenant_unknown');

    const disabled = await t.newTenant();
    const admin = await t.token(undefined, ['admin']);
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/v1/tenants/${disabled}`,
      headers: { authorization: `Bearer ${admin}` },
      payload: { disabled: true },
    });
    expect(patch.statusCode).toBe(200);
    const res = await call(t.app, await sign({ tenant_id: disabled }));
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('tenant_disabled');
  });

  it('lets an admin token without a tenant manage tenants, but not act in a tenant', async () => {
    const admin = await t.token(undefined, ['admin']);
    expect((await call(t.app, admin, '/v1/tenants')).statusCode).toBe(200);
    const res = await call(t.app, admin, '/v1/sessions');
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('insufficient_scope');
    const adminWithScope = await t.token(undefined, ['admin', 'sessions:read']);
    const res2 = await call(t.app, adminWithScope, '/v1/sessions');
    expect(res2.statusCode).toBe(403);
    expect(res2.json().code).toBe('tenant_required');
  });

  it('keeps tenant routes closed to tokens without admin', async () => {
    const res = await call(t.app, await sign({ scope: 'sessions:read sessions:write' }), '/v1/tenants');
    expect(res.statusCode).toBe(403);
  });
});

describe('issuer and audience, when configured', () => {
  let strict: TestApp;
  beforeAll(async () => {
    strict = await createTestApp({
      dbName: t.dbName,
      env: { AUTH_ISSUER: 'https://idp.test', AUTH_AUDIENCE: 'switchboard' },
    });
  });
  afterAll(async () => {
    await strict?.close();
  });

  it('accepts the configured iss and aud, and refuses others', async () => {
    expect(
      (await call(strict.app, await sign({ iss: 'https://idp.test', aud: 'switchboard' }))).statusCode,
    ).toBe(200);
    for (const claims of [
      { iss: 'https://evil.test', aud: 'switchboard' },
      { iss: 'https://idp.test', aud: 'other' },
      {},
    ]) {
      const res = await call(strict.app, await sign(claims));
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('invalid_token');
    }
  });
});

describe('public keys', () => {
  it('verifies RS256 tokens with a PEM public key, and refuses HS256 ones', async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS256');
    const app = await createTestApp({
      dbName: t.dbName,
      env: { AUTH_JWT_SECRET: '', AUTH_JWT_PUBLIC_KEY: await exportSPKI(publicKey) },
    });
    try {
      const rs = await new SignJWT({ tenant_id: tenant, scope: 'sessions:read' })
        .setProtectedHeader({ alg: 'RS256' })
        .setSubject('svc')
        .setExpirationTime('5m')
        .sign(privateKey);
      expect((await call(app.app, rs)).statusCode).toBe(200);
      expect((await call(app.app, await sign({}))).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('verifies tokens against a remote JWKS', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    const server: Server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    const app = await createTestApp({ dbName: t.dbName, env: { AUTH_JWT_SECRET: '', AUTH_JWKS_URL: url } });
    try {
      const es = await new SignJWT({ tenant_id: tenant, scope: 'sessions:read' })
        .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
        .setSubject('svc')
        .setExpirationTime('5m')
        .sign(privateKey);
      expect((await call(app.app, es)).statusCode).toBe(200);
      expect((await call(app.app, await sign({}))).statusCode).toBe(401);
    } finally {
      await app.close();
      server.close();
    }
  });
});

describe('AUTH_MODE=none', () => {
  it('takes the tenant from X-Tenant-Id and grants every scope', async () => {
    const app = await createTestApp({ dbName: t.dbName, env: { AUTH_MODE: 'none' } });
    try {
      const res = await app.app.inject({
        method: 'POST',
        url: '/v1/sessions',
        headers: { 'x-tenant-id': tenant },
        payload: { agent_role: 'local' },
      });
      expect(res.statusCode).toBe(201);
      const missing = await app.app.inject({ method: 'GET', url: '/v1/sessions' });
      expect(missing.statusCode).toBe(403);
      expect(missing.json().code).toBe('tenant_required');
    } finally {
      await app.close();
    }
  });
});
