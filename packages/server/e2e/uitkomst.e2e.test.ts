// SPDX-License-Identifier: EUPL-1.2
// Outcome and figures for any period in Chromium: the procesregisseur scores the Zelfredzaamheid-
// Matrix at the start (plan tab) and at closure (close tab) with the keyboard, closes the case, and
// the manager sees the improvement on the page "Cijfers per kwartaal of periode" for a range of
// one day; a range ending before it starts is refused on the page. No serious or critical axe
// violation, also at 390 px wide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshSubject, registrationBody, triageBody } from '../src/test/fixtures.js';
import { axeViolations, launchBrowser, newPage, signIn, startApp } from './browser.js';
import type { RunningApp } from './browser.js';

let server: RunningApp;
let browser: Browser;
let reg: Page;
let mgr: Page;
let caseId = '';
const TIMEOUT = { timeout: 20_000 };
// the day as the application says it (Europe/Amsterdam): the UTC date differs from 23:00/22:00 UTC on
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());

beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
  const pol = await newPage(browser);
  await signIn(pol, server.base, 'politie@demo.zvh');
  await pol.getByRole('button', { name: /uitloggen/i }).first().waitFor(TIMEOUT);
  const r = await pol.request.post(`${server.base}/api/registrations`, { data: registrationBody({ subject: freshSubject() }) });
  expect(r.status()).toBe(201);
  const registrationId = ((await r.json()) as { id: string }).id;
  await pol.close();

  reg = await newPage(browser);
  reg.setDefaultTimeout(20_000);
  await signIn(reg, server.base, 'regisseur@demo.zvh');
  await reg.getByRole('button', { name: /uitloggen/i }).first().waitFor(TIMEOUT);
  const t = await reg.request.post(`${server.base}/api/registrations/${registrationId}/triage`, { data: triageBody('procesregie') });
  expect(t.status()).toBe(200);
  caseId = ((await t.json()) as { caseId: string }).caseId;

  mgr = await newPage(browser);
  mgr.setDefaultTimeout(20_000);
  await signIn(mgr, server.base, 'manager@demo.zvh');
  await mgr.getByText('Marco Manager').first().waitFor(TIMEOUT);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('tabpanel').getByRole('heading', { level: 2, name, exact: true }).waitFor(TIMEOUT);
}

describe('ZRM scores on the case page', () => {
  it('the regisseur scores at the start in the plan tab, with the keyboard', async () => {
    await reg.goto(`${server.base}/casussen/${caseId}`, { waitUntil: 'load' });
    await openTab(reg, 'Plan van aanpak');
    const section = reg.getByRole('region', { name: 'Zelfredzaamheid bij de start' });
    await section.getByText('Nog niet gescoord.').waitFor(TIMEOUT);
    await section.getByLabel('Huisvesting', { exact: true }).selectOption('2');
    await section.getByLabel('Verslaving', { exact: true }).selectOption('1');
    await section.getByLabel('Veiligheidsrisico').selectOption('hoog');
    await section.getByRole('button', { name: 'Score opslaan' }).focus();
    await reg.keyboard.press('Enter');
    await section.getByText(/Laatst vastgelegd: versie 1 op/).waitFor(TIMEOUT);
    expect(await axeViolations(reg)).toEqual([]);
  });

  it('scores again in the close tab, showing the start score beside each domain', async () => {
    await openTab(reg, 'Afsluiten');
    const section = reg.getByRole('region', { name: 'Zelfredzaamheid bij afsluiting' });
    await section.getByText('Bij de start: 2 – Niet zelfredzaam').waitFor(TIMEOUT);
    await section.getByLabel('Huisvesting', { exact: true }).selectOption('4');
    await section.getByLabel('Veiligheidsrisico').selectOption('laag');
    await section.getByRole('button', { name: 'Score opslaan' }).click();
    await section.getByText(/Laatst vastgelegd: versie 1 op/).waitFor(TIMEOUT);
    expect(await axeViolations(reg)).toEqual([]);
    const close = await reg.request.post(`${server.base}/api/cases/${caseId}/close`, { data: { reason: 'Doel bereikt', reasonCode: 'doel-bereikt', evaluation: { goalsMet: 'ja' } } });
    expect(close.status()).toBe(200);
  });
});

describe('figures for a period as the manager', () => {
  it('shows the closed case\'s outcome for a range of one day, chosen with the keyboard, at 390 px too', async () => {
    await mgr.goto(`${server.base}/rapportage/cijfers`, { waitUntil: 'load' });
    await mgr.getByRole('heading', { level: 1, name: 'Cijfers per kwartaal of periode' }).waitFor(TIMEOUT);
    await mgr.getByRole('heading', { level: 2, name: /^Cijfers van 1 / }).waitFor(TIMEOUT);
    expect(await mgr.getByRole('link', { name: /spreadsheet/i }).getAttribute('href')).toMatch(/^\/api\/reports\/period\.xlsx\?year=\d{4}&quarter=[1-4]$/);
    expect(await axeViolations(mgr)).toEqual([]);

    await mgr.getByLabel('Soort periode').selectOption('periode');
    await mgr.getByLabel('Van (eerste dag)').fill(today);
    await mgr.getByLabel('Tot en met (laatste dag)').fill(today);
    await mgr.getByLabel('Tot en met (laatste dag)').press('Enter');
    await mgr.waitForURL(new RegExp(`van=${today}&tot=${today}`));
    const outcome = mgr.getByRole('table', { name: /per leefgebied \(ZRM\)/ });
    await expect.poll(() => outcome.getByRole('row', { name: /^Huisvesting/ }).textContent(), TIMEOUT).toMatch(/^Huisvesting\s*1\s*0\s*0$/);
    await expect(outcome.getByRole('row', { name: /^Verslaving/ }).textContent()).resolves.toMatch(/^Verslaving\s*0\s*0\s*0$/); // only at the start
    await expect(outcome.getByRole('row', { name: /Veiligheidsrisico/ }).textContent()).resolves.toMatch(/1\s*0\s*0$/);
    await mgr.getByText('100% van de afgesloten casussen met een vastgelegde evaluatie haalde de doelen.').waitFor(TIMEOUT);
    await mgr.getByRole('heading', { level: 2, name: 'Capaciteit in deze periode' }).waitFor(TIMEOUT);
    expect(await mgr.getByRole('link', { name: /PDF/ }).getAttribute('href')).toBe(`/api/reports/period.pdf?from=${today}&to=${today}`);
    expect(await axeViolations(mgr)).toEqual([]);
    await mgr.setViewportSize({ width: 390, height: 844 });
    expect(await axeViolations(mgr)).toEqual([]);
    await mgr.setViewportSize({ width: 1280, height: 800 });
  });

  it('refuses a range that ends before it starts on the page', async () => {
    await mgr.getByLabel('Van (eerste dag)').fill('2026-03-01');
    await mgr.getByLabel('Tot en met (laatste dag)').fill('2026-02-01');
    await mgr.getByRole('button', { name: 'Toon cijfers' }).click();
    await mgr.getByText('De laatste dag ligt voor de eerste dag').first().waitFor(TIMEOUT);
    expect(mgr.url()).toContain(`van=${today}`);
  });
});
