// SPDX-License-Identifier: EUPL-1.2
// The beheer pages in a real browser as the beheerder: add, rename and deactivate a convenant
// partner; create a user and receive the one-time password; axe on every page.
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
  await signIn(page, server.base, 'admin@demo.zvh');
  await page.getByText('Anna Beheer').first().waitFor({ timeout: 15_000 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('beheer pages as the beheerder', () => {
  it('adds, renames and deactivates a convenant partner', async () => {
    await page.goto(`${server.base}/beheer/organisaties`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Organisaties' }).waitFor({ timeout: 15_000 });
    await page.getByRole('table', { name: /Organisaties/ }).getByRole('row', { name: /Politie/ }).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Organisatie toevoegen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Code', { exact: false }).first().fill('woonbedrijf');
    await dialog.getByLabel('Naam').fill('Woonbedrijf Drenthe');
    await dialog.getByLabel('Domein').selectOption('gemeente');
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: /Opslaan|Toevoegen/ }).click();
    await page.getByText('Organisatie Woonbedrijf Drenthe is toegevoegd.').waitFor({ timeout: 15_000 });

    const row = page.getByRole('table', { name: /Organisaties/ }).getByRole('row', { name: /Woonbedrijf Drenthe/ });
    await row.getByRole('button', { name: /Wijzigen/ }).click();
    await page.getByRole('dialog').getByLabel('Naam').fill('Woonbedrijf Drenthe-Noord');
    await page.getByRole('dialog').getByRole('button', { name: /Opslaan/ }).click();
    await page.getByText('Woonbedrijf Drenthe-Noord is opgeslagen.').waitFor({ timeout: 15_000 });

    await page.getByRole('table', { name: /Organisaties/ }).getByRole('row', { name: /Woonbedrijf Drenthe-Noord/ }).getByRole('button', { name: /Deactiveren/ }).click();
    await page.getByRole('dialog').getByRole('button', { name: /Deactiveren/ }).click();
    await page.getByText('Woonbedrijf Drenthe-Noord is gedeactiveerd.').waitFor({ timeout: 15_000 });
    const stored = await one<{ name: string; active: boolean }>(server.database.db, sql`select name, active from organisations where code = 'woonbedrijf'`);
    expect(stored).toEqual({ name: 'Woonbedrijf Drenthe-Noord', active: false });
  });

  it('creates a user and shows the one-time password once', async () => {
    await page.goto(`${server.base}/beheer/gebruikers`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Gebruikers' }).waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-mailadres').fill('nieuw@politie.example');
    await dialog.getByLabel('Naam').fill('Nina Nieuw');
    await dialog.getByLabel('Organisatie').selectOption('politie');
    await dialog.getByRole('checkbox', { name: /Professional/ }).check();
    await dialog.getByRole('button', { name: /Opslaan|Toevoegen|Aanmaken/ }).click();
    await page.getByText('Gebruiker aangemaakt').first().waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);
    const user = await one<{ must_change_password: boolean; roles: string[] }>(server.database.db, sql`select must_change_password, roles from users where email = 'nieuw@politie.example'`);
    expect(user).toEqual({ must_change_password: true, roles: ['professional'] });
  });
});
