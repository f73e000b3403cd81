// SPDX-License-Identifier: EUPL-1.2
// The working day in Chromium: the police user's start page shows the open agreement of the
// police (overdue, with the case number) and the unread notifications; the regisseur's start
// page shows the case that needs attention; the case list fits 1366 px without dates wrapping;
// the case page works at 390 px. Every page is axe clean at 1366 px and at 390 px.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, signIn, startApp } from './browser.js';
import type { RunningApp } from './browser.js';
import { TestClient } from '../src/test/harness.js';
import { openCaseWith } from '../src/test/fixtures.js';
import { addDays, amsterdamDate } from '../src/core/day-sections.js';
import { sql } from '../src/core/db/index.js';

const TIMEOUT = { timeout: 20_000 };
const WIDE = { width: 1366, height: 900 };
const NARROW = { width: 390, height: 844 };
const POLICE_AGREEMENT = 'Huisbezoek door de wijkagent afleggen';
const SUBJECT = { firstName: 'Werkdag', lastName: 'Testpersoon' };

let server: RunningApp;
let browser: Browser;
let caseId = '';
let caseNumber = '';

async function client(email: string): Promise<TestClient> {
  const res = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'demo-wachtwoord' } });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode}`);
  const setCookie = res.headers['set-cookie'];
  return new TestClient(server.app, String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]);
}

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `werkdag-${name}.png`), fullPage: true });
}

async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect({ where, violations }).toEqual({ where, violations: [] });
}

/** No horizontal scrolling of the page itself (tables may scroll inside their own region); names the widest offenders. */
async function expectNoPageOverflow(page: Page, where: string): Promise<void> {
  const widths = await page.evaluate(() => {
    type El = { tagName: string; className: unknown; getBoundingClientRect(): { right: number }; parentElement: El | null; textContent: string | null };
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll(s: string): ArrayLike<El> } }).document;
    const d = doc.documentElement;
    const offenders = Array.from(doc.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > d.clientWidth + 1)
      .slice(-5)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)} ${String(e.textContent).slice(0, 40)}`);
    return { scroll: d.scrollWidth, client: d.clientWidth, offenders };
  });
  expect({ where, overflow: widths.scroll > widths.client }, widths.offenders.join('\n')).toEqual({ where, overflow: false });
}

beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
  const [pol, reg] = [await client('politie@demo.zvh'), await client('regisseur@demo.zvh')];
  const opened = await openCaseWith(pol, reg, { subject: { ...SUBJECT, birthDate: '1975-03-14', gender: 'man' } });
  caseId = opened.caseId;
  const today = amsterdamDate(new Date());
  const a = await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: POLICE_AGREEMENT, dueDate: addDays(today, -3), responsiblePerson: 'Wijkagent' });
  if (a.status !== 201) throw new Error(a.text);
  await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'gemeente-oov', title: 'Woonbegeleiding regelen', dueDate: addDays(today, 20) });
  await reg.post(`/api/cases/${caseId}/ave-phase`, { phase: 2, reason: 'Eerste inschatting' });
  // a second, quiet case for the regisseur's attention list
  const quiet = await openCaseWith(pol, reg);
  await server.database.db.execute(sql`update cases set last_activity_at = now() - interval '45 days' where id = ${quiet.caseId}`);
  caseNumber = (await reg.get('/api/cases')).body.find((c: { id: string }) => c.id === caseId).caseNumber;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the working day in the browser', () => {
  for (const [label, viewport] of [['1366', WIDE], ['390', NARROW]] as const) {
    it(`shows the police user's open agreement on the start page at ${label} px, axe clean`, async () => {
      const page = await newPage(browser);
      page.setDefaultTimeout(20_000);
      await page.setViewportSize(viewport);
      await signIn(page, server.base, 'politie@demo.zvh');
      await page.getByRole('heading', { level: 1, name: 'Mijn werkdag' }).waitFor(TIMEOUT);
      const table = page.getByRole('table', { name: /Open afspraken van Politie/ });
      const row = table.getByRole('row').filter({ hasText: POLICE_AGREEMENT });
      await row.waitFor(TIMEOUT);
      await expect(row.textContent()).resolves.toContain('(te laat)');
      await expect(row.textContent()).resolves.toContain(caseNumber);
      // the municipality's agreement is not the police's work
      expect(await table.getByText('Woonbegeleiding regelen').count()).toBe(0);
      // unread notifications in the header
      const link = page.getByRole('link', { name: /^Meldingen\W*\d+\s*ongelezen$/ });
      await link.waitFor(TIMEOUT);
      await shot(page, `politie-start-${label}`);
      await expectAccessible(page, `start page politie ${label}`);
      await expectNoPageOverflow(page, `start page politie ${label}`);
      // to the case by keyboard-reachable link, then the notifications page
      await link.click();
      await page.getByRole('heading', { level: 1, name: 'Meldingen' }).waitFor(TIMEOUT);
      await page.getByRole('row').filter({ hasText: POLICE_AGREEMENT }).first().waitFor(TIMEOUT);
      await shot(page, `politie-meldingen-${label}`);
      await expectAccessible(page, `notifications ${label}`);
      await expectNoPageOverflow(page, `notifications ${label}`);
      if (label === '390') {
        await page.getByRole('button', { name: 'Alles als gelezen markeren' }).click();
        await page.getByRole('link', { name: 'Meldingen', exact: true }).waitFor(TIMEOUT);
      }
      await page.close();
    });
  }

  it('shows the regisseur the cases that need attention; the case list fits 1366 px without wrapping dates', async () => {
    const page = await newPage(browser);
    page.setDefaultTimeout(20_000);
    await page.setViewportSize(WIDE);
    await signIn(page, server.base, 'regisseur@demo.zvh');
    await page.getByRole('heading', { level: 1, name: 'Mijn werkdag' }).waitFor(TIMEOUT);
    const attention = page.getByRole('table', { name: /Casussen met afspraken die te laat zijn/ });
    await attention.getByRole('row').filter({ hasText: caseNumber }).filter({ hasText: '1 afspraak te laat' }).waitFor(TIMEOUT);
    await attention.getByRole('row').filter({ hasText: 'dagen geen activiteit' }).waitFor(TIMEOUT);
    await shot(page, 'regisseur-start-1366');
    await expectAccessible(page, 'start page regisseur 1366');

    await page.getByRole('link', { name: 'Casussen', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Casussen' }).waitFor(TIMEOUT);
    const row = page.getByRole('row').filter({ hasText: caseNumber });
    await row.waitFor(TIMEOUT);
    await expect(row.textContent()).resolves.toContain('1 te laat');
    const headers = await page.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['Casus', 'AVE-fase', 'Afspraken', 'Laatste activiteit']));
    // the table fits: no scrolling inside its region, and no date cell over more than one line
    const fit = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): { scrollWidth: number; clientWidth: number } | null; querySelectorAll(s: string): ArrayLike<{ getBoundingClientRect(): { height: number }; textContent: string | null }> } }).document;
      const region = doc.querySelector('.zvh-table-scroll')!;
      const cells = Array.from(doc.querySelectorAll('td .zvh-nowrap, td time'));
      const lineHeights = cells.map((c) => c.getBoundingClientRect().height);
      return { scroll: region.scrollWidth, client: region.clientWidth, tallest: Math.max(...lineHeights) };
    });
    await shot(page, 'casussen-1366');
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    expect(fit.tallest).toBeLessThan(40);
    await expectAccessible(page, 'case list 1366');
    await expectNoPageOverflow(page, 'case list 1366');

    // the case page at 390 px
    await page.setViewportSize(NARROW);
    await row.getByRole('link').first().click();
    await page.getByRole('heading', { level: 1, name: /Werkdag Testpersoon/ }).waitFor(TIMEOUT);
    await page.getByText(caseNumber).first().waitFor(TIMEOUT);
    await shot(page, 'casus-390');
    await expectAccessible(page, 'case page 390');
    await expectNoPageOverflow(page, 'case page 390');
    await page.close();
  });
});
