import { defineConfig } from 'drizzle-kit';

// `npm run db:generate` writes SQL migrations into drizzle/ from src/db/schema.ts.
// Row-level security, views, triggers and roles are in a hand-written migration (drizzle-kit
// generate --custom), since drizzle-kit does not model them.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
  dbCredentials: { url: process.env.DATABASE_URL ?? 'postgres://localhost/switchboard' },
  strict: true,
});
