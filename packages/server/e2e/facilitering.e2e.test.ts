// SPDX-License-Identifier: EUPL-1.2
// The facilitated meetings' pages in a real browser at 390 px wide, as the procesregisseur:
// a veelpleger with a status change (history), an LPCO record with its afdoening, a nazorg
// signal with consent, a basic condition and the escalation to an aanmelding; axe on each page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { one, sql } from '../src/core/db/index.js';
import { axeViolations, launchBrowser, newPage, signIn, startApp } from './browser.js';
import type { RunningApp } from './browser.js';

let server: RunningApp;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
  page = await newPage(browser);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, server.base, 'regisseur@demo.zvh');
  await page.getByText('Rianne Regisseur').first().waitFor({ timeout: 15_000 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const noHorizontalScroll = async () => {
  const wide = await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: any }).document;
    const out: string[] = [];
    for (const el of doc.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > doc.documentElement.clientWidth + 1 && !el.closest('.zvh-table-scroll')) out.push(`${el.tagName}.${el.className} ${Math.round(r.right)}`);
    }
    return doc.documentElement.scrollWidth <= doc.documentElement.clientWidth + 1 ? [] : out.slice(0, 8);
  });
  if (wide.length) console.log(wide);
  return wide.length === 0;
};

async function fillPerson(dialog: ReturnType<Page['getByRole']>, lastName: string, bsn = '') {
  await dialog.getByLabel('Voornaam').fill('Kees');
  await dialog.getByLabel('Achternaam').fill(lastName);
  await dialog.getByLabel('Geboortedatum').fill('1990-01-20');
  if (bsn) await dialog.getByLabel(/^BSN/).fill(bsn);
}

describe('gefaciliteerde overleggen as the procesregisseur at 390 px', () => {
  it('offers the three kinds', async () => {
    await page.goto(`${server.base}/facilitering`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Gefaciliteerde overleggen' }).waitFor({ timeout: 15_000 });
    for (const name of ['Veelplegers', 'LPCO', 'Nazorg ex-gedetineerden']) await page.getByRole('link', { name }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
  });

  it('records a veelpleger and a status change, shown in the region with its history', async () => {
    await page.goto(`${server.base}/facilitering/veelplegers`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Veelplegers' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Veelpleger vastleggen' }).click();
    const dialog = page.getByRole('dialog');
    await fillPerson(dialog, 'Smit');
    await dialog.getByLabel('Gemeente').selectOption('GM0106');
    await dialog.getByLabel('Vanaf').fill('2024-01-15');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    const table = page.getByRole('table', { name: 'Veelplegers in regio noord' });
    await table.getByRole('row', { name: /Kees Smit/ }).waitFor({ timeout: 15_000 });

    await table.getByRole('button', { name: 'Status wijzigen: Kees Smit' }).click();
    const change = page.getByRole('dialog');
    await change.getByLabel('Status').selectOption('zeer-actieve-veelpleger');
    await change.getByLabel('Vanaf').fill('2024-07-01');
    await change.getByLabel('Opslaan').or(change.getByRole('button', { name: 'Opslaan' })).first().click();
    const row = table.getByRole('row', { name: /Kees Smit/ });
    await row.getByText(/Zeer actieve veelpleger/).first().waitFor({ timeout: 15_000 });
    await row.getByText('2 registraties in de historie').click();
    await row.getByText(/Veelpleger: 15-01-2024|Veelpleger: 15 jan/).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    expect(await noHorizontalScroll()).toBe(true);
  });

  it('records an LPCO proces-verbaal and its afdoening', async () => {
    await page.goto(`${server.base}/facilitering/lpco`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'LPCO' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Proces-verbaal vastleggen' }).click();
    const dialog = page.getByRole('dialog');
    await fillPerson(dialog, 'Bos');
    await dialog.getByLabel('Gemeente').selectOption('GM0118');
    await dialog.getByLabel('Datum proces-verbaal').fill('2024-02-11');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    const table = page.getByRole('table', { name: 'LPCO-registraties' });
    await table.getByRole('row', { name: /Kees Bos/ }).waitFor({ timeout: 15_000 });
    await table.getByRole('button', { name: 'Afdoening vastleggen: Kees Bos' }).click();
    const outcome = page.getByRole('dialog');
    await outcome.getByLabel('Besproken op').fill('2024-03-12');
    await outcome.getByLabel('Afdoening').selectOption('dagvaarden');
    await outcome.getByRole('button', { name: 'Opslaan' }).click();
    await table.getByRole('row', { name: /Kees Bos.*Dagvaarden/ }).waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);
    expect(await noHorizontalScroll()).toBe(true);
  });

  it('records a nazorg signal, consent and a basic condition, and escalates it to an aanmelding', async () => {
    await page.goto(`${server.base}/facilitering/nazorg`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Nazorg ex-gedetineerden' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Signaal DJI vastleggen' }).click();
    const dialog = page.getByRole('dialog');
    await fillPerson(dialog, 'Kok', '111222333');
    // only the plustaak municipalities are offered
    expect(await dialog.getByLabel('Gemeente').locator('option').allTextContents()).not.toContain('Assen');
    await dialog.getByLabel('Gemeente').selectOption('GM1730');
    await dialog.getByLabel('Signaal ontvangen op').fill('2024-04-02');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nazorg: Kees Kok' }).waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('De betrokkene geeft toestemming').check();
    await page.getByLabel('Datum', { exact: true }).fill('2024-04-10');
    await page.getByRole('button', { name: 'Toestemming vastleggen' }).click();
    await page.getByText('gegeven op').first().waitFor({ timeout: 15_000 });

    await page.getByLabel('Onderdak: na vrijlating').selectOption('in-behandeling');
    await page.getByRole('button', { name: 'Basisvoorwaarden opslaan' }).click();
    await page.getByText('Opgeslagen').first().waitFor({ timeout: 15_000 });
    expect(await noHorizontalScroll()).toBe(true);

    await page.getByRole('button', { name: 'Aanmelden voor procesregie' }).click();
    const esc = page.getByRole('dialog');
    await esc.getByLabel('Hoofdthema').selectOption('ernstige-overlast');
    await esc.getByLabel('Reden van aanmelding').fill('Onderdak lukt niet na vrijlating');
    expect(await axeViolations(page)).toEqual([]);
    await esc.getByRole('button', { name: 'Aanmelden voor procesregie' }).click();
    await page.getByRole('link', { name: 'Naar de aanmelding' }).waitFor({ timeout: 15_000 });

    const rec = await one<{ consent_given: boolean; conditions: Record<string, { after: string | null }>; registration_id: string | null }>(server.database.db,
      sql`select n.consent_given, n.conditions, n.registration_id from nazorg_records n join persons p on p.id = n.person_id where p.bsn = '111222333'`);
    expect(rec!.consent_given).toBe(true);
    expect(rec!.conditions.onderdak!.after).toBe('in-behandeling');
    expect(rec!.registration_id).not.toBeNull();
  });
});
