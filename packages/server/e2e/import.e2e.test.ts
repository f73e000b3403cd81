// SPDX-License-Identifier: EUPL-1.2
// The import page in a real browser as the manager: a file with good and bad lines is uploaded,
// the summary and the rejected lines are shown, and axe finds no serious or critical violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { one, sql } from '../src/core/db/index.js';
import { sampleNdjson } from '../src/modules/import/sample.js';
import { axeViolations, launchBrowser, newPage, signIn, startApp } from './browser.js';
import type { RunningApp } from './browser.js';

let server: RunningApp;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
  page = await newPage(browser);
  await signIn(page, server.base, 'manager@demo.zvh');
  await page.getByText('Marco Manager').first().waitFor({ timeout: 15_000 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('import page', () => {
  it('imports the good lines, lists the rejected line with its number, and is axe clean', async () => {
    await page.goto(`${server.base}/rapportage/import`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Caseload importeren' }).waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);
    const content = `${sampleNdjson(5).trimEnd()}\n{"externalId":"KAPOT","kind":"onbekend"}\n`;
    await page.getByLabel('Importbestand').setInputFiles({ name: 'caseload.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(content) });
    await page.getByRole('button', { name: 'Importeren' }).click();
    await page.getByText('Import klaar').first().waitFor({ timeout: 60_000 });
    const rejected = page.getByRole('table', { name: /Geweigerde regels/ });
    await expect(rejected.getByRole('row').count()).resolves.toBe(2);
    await expect(rejected.getByRole('row').nth(1).textContent()).resolves.toMatch(/^6/);
    expect(await axeViolations(page)).toEqual([]);
    // as the owner: the application's handle without an actor's settings sees no row (row-level security)
    const n = await one<{ n: number }>(server.database.owner!, sql`select count(*)::int as n from registrations where external_id is not null`);
    expect(n?.n).toBe(5);
  });
});
