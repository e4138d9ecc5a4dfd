import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5', CORS_ORIGINS: 'https://console.example' } });
});
afterAll(async () => {
  await t?.close();
});

describe('abuse limits', () => {
  it('rate limits per tenant: 429 with Retry-After past the limit, other tenants unaffected', async () => {
    const a = await t.client(await t.newTenant(), 'sessions:read');
    const b = await t.client(await t.newTenant(), 'sessions:read');
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push((await a.get('/v1/sessions')).statusCode);
    expect(codes).toEqual([200, 200, 200, 200, 200, 429]);
    const limited = await a.get('/v1/sessions/01900000-0000-7000-8000-000000000000');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    const other = await b.get('/v1/sessions');
    expect(other.statusCode).toBe(200);
    expect(other.headers['x-ratelimit-remaining']).toBe('4');
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('CORS answers only the configured origins', async () => {
    const preflight = (origin: string) =>
      t.app.inject({
        method: 'OPTIONS',
        url: '/v1/sessions',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
    const allowed = await preflight('https://console.example');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example');
    const denied = await preflight('https://evil.example');
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
    const api = await t.client(await t.newTenant(), 'sessions:read');
    const res = await api.get('/v1/sessions', { origin: 'https://console.example' });
    expect(res.headers['access-control-expose-headers']).toContain('etag');
  });

  it('CORS is off by default', async () => {
    const plain = await createTestApp({ dbName: t.dbName });
    try {
      const res = await plain.app.inject({
        method: 'GET',
        url: '/healthz',
        headers: { origin: 'https://console.example' },
      });
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await plain.close();
    }
  });

  it('sends security headers, and a CSP on the docs page', async () => {
    const docs = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(docs.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(docs.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    expect(docs.headers['x-frame-options']).toBe('DENY');
    expect(docs.headers['x-content-type-options']).toBe('nosniff');
    for (const url of ['/healthz', '/v1/sessions', '/v1/nowhere']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(url === '/healthz' ? 200 : url === '/v1/nowhere' ? 404 : 401);
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBeUndefined();
    }
  });

  it('answers oversized headers with a 431 problem', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = t.app.server.address() as AddressInfo;
    const res = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = request(
        { port, host: '127.0.0.1', path: '/healthz', headers: { 'x-big': 'x'.repeat(40_000) } },
        (r) => {
          let body = '';
          r.on('data', (d) => {
            body += d;
          });
          r.on('end', () =>
            resolve({ status: r.statusCode!, type: String(r.headers['content-type']), body }),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(431);
    expect(res.type).toBe('application/problem+json');
    expect(JSON.parse(res.body).code).toBe('headers_too_large');
  });
});
