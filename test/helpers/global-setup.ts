import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { APP_ROLE } from '../../src/db/client.js';
import { startEmbedded } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';

export const TEMPLATE_DB = 'switchboard_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the test server (any database name is replaced per test file). */
    adminUrl: string;
    /** The login for request pools: the application role (embedded) or the admin (external). */
    appUrl: string;
    /** Whether request pools must switch to the application role themselves. */
    switchRole: boolean;
  }
}

const withDatabase = (url: string, name: string) => {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
};

/**
 * One PostgreSQL for the whole run: TEST_DATABASE_URL if set, a testcontainers PostgreSQL when
 * TEST_DB=testcontainers (needs Docker), else an embedded one in a temporary directory. A
 * template database is migrated once; each test file copies it (CREATE DATABASE ... TEMPLATE).
 */
export default async function setup(project: TestProject) {
  const cleanup: (() => Promise<unknown>)[] = [];
  let adminUrl: string;
  let appUrl: string;
  let switchRole: boolean;

  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else if (process.env.TEST_DB === 'testcontainers') {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const container = await new PostgreSqlContainer('postgres:18').start();
    cleanup.push(() => container.stop());
    adminUrl = container.getConnectionUri();
  } else {
    const dir = await mkdtemp(join(tmpdir(), 'switchboard-test-'));
    const embedded = await startEmbedded({ dataDir: dir, database: 'postgres' });
    cleanup.push(() => rm(dir, { recursive: true, force: true }));
    cleanup.push(() => embedded.stop());
    adminUrl = embedded.ownerUrl;
  }

  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists ${TEMPLATE_DB} with (force)`);
    await admin.unsafe(`create database ${TEMPLATE_DB}`);
    await migrate(withDatabase(adminUrl, TEMPLATE_DB));
    if (!process.env.TEST_DATABASE_URL && process.env.TEST_DB !== 'testcontainers') {
      // As in production with the embedded server: requests log in as the application role.
      const password = 'app-test-password';
      await admin.unsafe(`alter role ${APP_ROLE} login password '${password}'`);
      const u = new URL(adminUrl);
      u.username = APP_ROLE;
      u.password = password;
      appUrl = u.toString();
      switchRole = false;
    } else {
      appUrl = adminUrl;
      switchRole = true;
    }
  } finally {
    await admin.end();
  }

  project.provide('adminUrl', adminUrl);
  project.provide('appUrl', appUrl);
  project.provide('switchRole', switchRole);

  return async () => {
    for (const step of cleanup.reverse()) await step();
  };
}
