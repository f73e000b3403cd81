// SPDX-License-Identifier: EUPL-1.2
// The report pages in a real browser as the manager: Jaarverslag (tables, charts with a text
// alternative, downloads), Capaciteit and Kostenverdeling; no serious or critical axe violation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { one, sql } from '../src/core/db/index.js';
import { insertDossiers, times } from '../src/modules/rapportage/fixtures.js';
import { axeViolations, launchBrowser, newPage, signIn, startApp } from './browser.js';
import type { RunningApp } from './browser.js';

let server: RunningApp;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  server = await startApp();
  const db = server.database.db;
  const tenant = await one<{ id: string }>(db, sql`select id from tenants where code = 'drenthe'`);
  await insertDossiers(db, tenant!.id, [
    ...times(3, { kind: 'procesregie', registeredAt: '2020-02-01', startedAt: '2020-02-10', municipality: 'GM0114', partner: 'politie', problemAreas: ['psychisch', 'lvb'] }),
    { kind: 'procesregie', registeredAt: '2019-02-01', startedAt: '2019-02-10', closedAt: '2020-06-01', municipality: 'GM0106', partner: 'ggz-drenthe', approach: 'pga' },
    { kind: 'advies', registeredAt: '2020-05-01', municipality: 'GM0118' },
    { kind: 'informatievraag', registeredAt: '2020-05-01', municipality: 'GM0118' },
  ]);
  browser = await launchBrowser();
  page = await newPage(browser);
  await signIn(page, server.base, 'manager@demo.zvh');
  await page.getByText('Marco Manager').first().waitFor({ timeout: 15_000 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('report pages as the manager', () => {
  it('Jaarverslag shows the figures of the year with last year beside them, charts with a text alternative, no axe violations', async () => {
    await page.goto(`${server.base}/rapportage/jaarverslag?jaar=2020`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Jaarverslag' }).waitFor({ timeout: 15_000 });
    await page.getByRole('heading', { name: 'Basiscijfers', exact: true }).waitFor({ timeout: 15_000 });
    const basics = page.getByRole('table', { name: /Basiscijfers 2020/ });
    // last year's column loads separately ("…" until then)
    await expect.poll(() => basics.getByRole('row', { name: /Actieve procesregiecasussen/ }).first().textContent(), { timeout: 15_000 }).toMatch(/4\s*1$/);
    const municipalities = page.getByRole('table', { name: /per gemeente in 2020/ });
    await expect(municipalities.getByRole('row', { name: /Totaal Drenthe/ }).textContent()).resolves.toContain('Totaal Drenthe');
    await expect(municipalities.getByRole('row').count()).resolves.toBe(1 + 12 + 1);
    // every chart is a figure with a caption and an image role carrying the values as text
    const figures = page.locator('figure.zvh-rap-figure');
    expect(await figures.count()).toBe(8); // 7 distributions and domains + goals met (outcome)
    const img = page.getByRole('img', { name: /Problematiek in 2020: .*Psychische gezondheid/ });
    await expect(img.count()).resolves.toBe(1);
    expect(await page.locator('figure.zvh-rap-figure svg').count()).toBeGreaterThanOrEqual(7);
    // the facilitated meetings' own section, after the case figures
    await page.getByRole('heading', { level: 2, name: 'Gefaciliteerde overleggen' }).waitFor();
    await page.getByRole('table', { name: /veelplegerstatus in 2020 en 2019, per regio/ }).getByRole('row', { name: /Totaal/ }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('filters by region and offers the downloads for the selection', async () => {
    await page.getByLabel('Regio', { exact: true }).selectOption('zuidoost');
    await page.waitForURL(/regio=zuidoost/);
    const municipalities = page.getByRole('table', { name: /per gemeente in 2020/ });
    await expect.poll(() => municipalities.getByRole('row').count(), { timeout: 15_000 }).toBe(1 + 3 + 1);
    const xlsx = await page.getByRole('link', { name: /spreadsheet/i }).getAttribute('href');
    expect(xlsx).toBe('/api/reports/annual.xlsx?year=2020&region=zuidoost');
    const res = await page.request.get(`${server.base}${xlsx}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('spreadsheetml');
    const pdf = await page.request.get(`${server.base}${await page.getByRole('link', { name: /PDF/ }).getAttribute('href')}`);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('Capaciteit shows counts, hours and FTE of the year, no axe violations', async () => {
    await page.goto(`${server.base}/rapportage/capaciteit?jaar=2020`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Capaciteit' }).waitFor({ timeout: 15_000 });
    const table = page.getByRole('table', { name: /Aantallen, benodigde uren en formatie in 2020/ });
    await table.waitFor({ timeout: 15_000 });
    // 1 informatievraag, 1 advies, 4 procesregie active in 2020 (3 started in 2020, 1 carried over
    // from 2019 and closed in June): IM 0,7 + 9,3 + 76 = 86; PR 14 + 120 = 134
    await expect(table.getByRole('row', { name: /Totaal uren/ }).textContent()).resolves.toMatch(/86.*134/);
    await expect(table.getByRole('row', { name: /^Procesregie/ }).textContent()).resolves.toMatch(/^Procesregie\s*4/);
    // the page says how each count is defined
    await page.getByRole('heading', { level: 3, name: 'Hoe er geteld wordt' }).waitFor();
    await expect(page.getByText(/Procesregiecasussen die in 2020 actief waren/).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    // the planning form reproduces seed 002
    for (const [label, value] of [['Verwacht aantal: Vragen aan het informatieknooppunt', '140'], ['Verwacht aantal: Expertisecentrum (advies, ondersteunen)', '40'],
      ['Verwacht aantal: Procesregie', '139'], ['Verwacht aantal: Evalueren, signaleren en adresseren', '0'], ['FTE informatiemakelaar', '0,763'], ['FTE procesregisseur', '1,35']] as const) {
      await page.locator('form').first().getByLabel(label, { exact: true }).fill(value);
    }
    await page.getByRole('button', { name: 'Berekenen' }).click();
    const result = page.getByRole('table', { name: /Berekende uren en formatie/ });
    await result.waitFor({ timeout: 15_000 });
    await expect(result.getByRole('row', { name: /Tekort/ }).textContent()).resolves.toMatch(/[-−]1,46.*[-−]2,03/);
  });

  it('Kostenverdeling splits 208.500 into 48.800 and 6.900, no axe violations', async () => {
    await page.goto(`${server.base}/rapportage/kostenverdeling`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Kostenverdeling' }).waitFor({ timeout: 15_000 });
    const table = page.getByRole('table', { name: /Bijdrage per gemeente/ });
    await table.waitFor({ timeout: 15_000 });
    await expect(table.getByRole('row', { name: /^Assen/ }).textContent()).resolves.toContain('48.800');
    await expect(table.getByRole('row', { name: /^Meppel/ }).textContent()).resolves.toContain('6.900');
    // the nazorg plustaak fee on its own: 3.000 for Hoogeveen on top of 48.800, nothing for Assen
    await expect(table.getByRole('row', { name: /^Hoogeveen/ }).textContent()).resolves.toMatch(/48\.800.*3\.000.*51\.800/);
    await expect(table.getByRole('row', { name: /^Assen/ }).textContent()).resolves.not.toContain('3.000');
    await page.getByText(/Plustaak nazorg ex-gedetineerden: €\s?15\.000/).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // whole euros: seed 002's 2019-2022 table
    await page.getByLabel('Totale gemeentelijke bijdrage (euro)', { exact: true }).fill('408504');
    await page.getByLabel('Afronding bijdrage overige gemeenten', { exact: true }).selectOption('euro');
    await page.getByRole('button', { name: 'Berekenen' }).click();
    const euro = page.getByRole('table', { name: /totaal van €\s?408\.504/ });
    await euro.waitFor({ timeout: 15_000 });
    await expect(euro.getByRole('row', { name: /^Assen/ }).textContent()).resolves.toContain('95.317');
    await expect(euro.getByRole('row', { name: /^Meppel/ }).textContent()).resolves.toContain('13.617');
  });

  it('is refused to a procesregisseur', async () => {
    const other = await newPage(browser);
    await signIn(other, server.base, 'regisseur@demo.zvh');
    await other.getByText('Rianne Regisseur').first().waitFor({ timeout: 15_000 });
    await other.goto(`${server.base}/rapportage/jaarverslag`, { waitUntil: 'load' });
    await other.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 15_000 });
    expect(await other.getByRole('heading', { level: 1, name: 'Jaarverslag' }).count()).toBe(0);
    await other.close();
  });
});
