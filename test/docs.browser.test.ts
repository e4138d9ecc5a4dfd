import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/app.js';
import { listen } from './helpers/http.js';

/*
 * The docs page as a person uses it: Debian's Chromium (driven by playwright-core; no browser
 * downloads) opens /docs, finds the operations grouped by resource, pastes a token under
 * Authorize and sends POST /v1/sessions with "Execute". Everything must come from the server.
 * Without Chromium the test is skipped, unless CI is set (.ci/run installs it): then it fails.
 */
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const available = existsSync(CHROMIUM);
const ARTIFACTS = new URL('./artifacts/', import.meta.url);
if (!available && !process.env['CI']) {
  console.warn(
    `docs page test skipped: ${CHROMIUM} is absent (apt-get install chromium, or set CHROMIUM_PATH)`,
  );
}

let t: TestApp;
let baseUrl: string;
let browser: Browser | undefined;
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

beforeAll(async () => {
  if (!available && !process.env['CI']) return;
  t = await createTestApp();
  baseUrl = await listen(t.app);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

/** Opens the page, failing any request that would leave the server (and recording it). */
async function open(): Promise<{ page: Page; elsewhere: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
  const elsewhere: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${baseUrl}/`) || url.startsWith('data:')) return route.continue();
    elsewhere.push(url);
    return route.abort();
  });
  await page.goto(`${baseUrl}/docs`);
  await page.locator('.opblock-tag-section').first().waitFor();
  return { page, elsewhere };
}

describe.skipIf(!available && !process.env['CI'])(`the docs page in Chromium (${CHROMIUM})`, () => {
  it('lists the sessions operations, authorizes with a token and creates a session from the page', async () => {
    expect(available, `${CHROMIUM} is required when CI is set (.ci/run installs it)`).toBe(true);
    const started = Date.now();
    // playwright-core starts it with a fresh temporary profile (user data dir) of its own.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
    const { page, elsewhere } = await open();
    try {
      const tags = await page
        .locator('.opblock-tag')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-tag')));
      expect(tags).toEqual(
        expect.arrayContaining([
          'sessions',
          'tasks',
          'approvals',
          'audit',
          'tenants',
          'health',
          'sessions (legacy)',
        ]),
      );
      const sessions = page.locator('.opblock-tag-section', { has: page.locator('[data-tag="sessions"]') });
      const listed = await sessions.locator('.opblock-summary-path').allInnerTexts();
      for (const path of [
        '/v1/sessions',
        '/v1/sessions/{id}',
        '/v1/sessions/{id}/activate',
        '/v1/sessions/{id}/complete',
      ])
        expect(listed.map((p) => p.replace(/\u200b/g, ''))).toContain(path);
      await mkdir(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: new URL('docs-overview.png', ARTIFACTS).pathname });

      const tenant = await t.newTenant();
      const token = await t.token(tenant, ['sessions:write']);
      await page.locator('.auth-wrapper .authorize').click();
      await page.locator('.auth-container input').fill(token);
      await page.locator('.auth-btn-wrapper .authorize').click();
      await page.locator('.auth-btn-wrapper .btn-done').click();

      const create = page.locator('#operations-sessions-createSession');
      await create.locator('.opblock-summary').click();
      const tryIt = create.locator('.try-out__btn');
      if ((await tryIt.innerText()).includes('Try it out')) await tryIt.click();
      // The request body starts from the documented example.
      const body = create.locator('.body-param__text');
      expect(await body.inputValue()).toContain('"agent_role"');
      await body.fill(JSON.stringify({ agent_role: 'browser', metadata: { from: 'docs' } }));
      await create.locator('.execute').click();
      const status = create.locator('.live-responses-table .response .response-col_status').first();
      await status.waitFor();
      expect((await status.innerText()).trim()).toBe('201');
      await create.locator('.live-responses-table').scrollIntoViewIfNeeded();
      await page.screenshot({ path: new URL('docs-try-it-out.png', ARTIFACTS).pathname });

      const rows = await t.owner`
        select agent_role, metadata from sessions where tenant_id = ${tenant}`;
      expect(rows).toEqual([{ agent_role: 'browser', metadata: { from: 'docs' } }]);
      expect(elsewhere).toEqual([]);
      console.info(`docs page test: ${Date.now() - started} ms in Chromium ${browser!.version()}`);
    } finally {
      await page.close();
    }
  }, 120_000);
});
