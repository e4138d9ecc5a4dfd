import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('configuration', () => {
  it('has the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 3000,
      DATA_DIR: '.data',
      MIGRATE_ON_START: true,
      AUTH_MODE: 'jwt',
      AUTH_TENANT_CLAIM: 'tenant_id',
      SESSION_RETENTION_DAYS: 7,
      IDEMPOTENCY_TTL_SECONDS: 86_400,
      SCHEDULER_ENABLED: true,
      SCHEDULER_INTERVAL_SECONDS: 60,
      TASK_LEASE_SECONDS: 300,
      TASK_MAX_ATTEMPTS: 3,
      APPROVAL_TTL_SECONDS: 86_400,
      production: false,
    });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it('names the variable of every invalid value', () => {
    const found = problems({
      PORT: 'eighty',
      SESSION_RETENTION_DAYS: '0',
      MIGRATE_ON_START: 'maybe',
      DATABASE_URL: 'not a url',
      LOG_LEVEL: 'loud',
    });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual([
      'DATABASE_URL',
      'LOG_LEVEL',
      'MIGRATE_ON_START',
      'PORT',
      'SESSION_RETENTION_DAYS',
    ]);
  });

  it('refuses AUTH_MODE=none in production, short secrets, and two key sources', () => {
    expect(problems({ NODE_ENV: 'production', AUTH_MODE: 'none' }).join()).toMatch(/AUTH_MODE/);
    expect(problems({ AUTH_JWT_SECRET: 'short' }).join()).toMatch(
      /AUTH_JWT_SECRET: must be at least 32 bytes/,
    );
    expect(
      problems({ AUTH_JWT_SECRET: 'x'.repeat(32), AUTH_JWKS_URL: 'https://idp.test/jwks' }).join(),
    ).toMatch(/only one/);
    expect(problems({ NODE_ENV: 'production' }).join()).toMatch(/AUTH_JWT_SECRET/);
    expect(problems({ AUTH_JWT_PUBLIC_KEY: 'not a pem' }).join()).toMatch(/AUTH_JWT_PUBLIC_KEY/);
  });

  it('reads booleans and lists', () => {
    const c = loadConfig({
      SCHEDULER_ENABLED: 'false',
      CORS_ORIGINS: 'https://a.test, https://b.test',
      AUTH_JWT_ALGORITHMS: 'RS256,ES256',
    });
    expect(c.SCHEDULER_ENABLED).toBe(false);
    expect(c.CORS_ORIGINS).toEqual(['https://a.test', 'https://b.test']);
    expect(c.AUTH_JWT_ALGORITHMS).toEqual(['RS256', 'ES256']);
  });

  it('has scheduler defaults and refuses scheduler settings out of range, naming each', () => {
    expect(loadConfig({})).toMatchObject({
      SCHEDULER_JITTER_PERCENT: 20,
      SCHEDULER_BATCH_SIZE: 200,
      SCHEDULER_MAX_BATCHES_PER_RUN: 50,
      SCHEDULER_MAX_BACKOFF_SECONDS: 600,
      SCHEDULER_AUDIT_PURGE_INTERVAL_SECONDS: 3600,
    });
    const found = problems({
      SCHEDULER_INTERVAL_SECONDS: '0',
      SCHEDULER_JITTER_PERCENT: '51',
      SCHEDULER_BATCH_SIZE: '0',
      SCHEDULER_MAX_BATCHES_PER_RUN: 'many',
      SCHEDULER_MAX_BACKOFF_SECONDS: '-1',
      SCHEDULER_AUDIT_PURGE_INTERVAL_SECONDS: '1.5',
    });
    expect(found.map((p) => p.split(':')[0]).sort()).toEqual([
      'SCHEDULER_AUDIT_PURGE_INTERVAL_SECONDS',
      'SCHEDULER_BATCH_SIZE',
      'SCHEDULER_INTERVAL_SECONDS',
      'SCHEDULER_JITTER_PERCENT',
      'SCHEDULER_MAX_BACKOFF_SECONDS',
      'SCHEDULER_MAX_BATCHES_PER_RUN',
    ]);
  });
});
