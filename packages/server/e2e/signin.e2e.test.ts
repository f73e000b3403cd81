// SPDX-License-Identifier: EUPL-1.2
// Sign-in in a real browser: the Dutch sign-in form, the start page naming the user and their
// role, no serious or critical axe violation on either page, and signing out again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, signIn, signOut, textField } from './browser.js';
import type { RunningApp } from './browser.js';
import { startApp } from './browser.js';

let server: RunningApp;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
  page = await newPage(browser);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('sign-in in the browser', () => {
  it('shows a Dutch sign-in form without serious accessibility problems', async () => {
    await page.goto(`${server.base}/`, { waitUntil: 'load' });
    await textField(page, 'E-mailadres').waitFor({ timeout: 15_000 });
    await expect(textField(page, 'Wachtwoord').count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: /^\s*inloggen\s*$/i }).count()).resolves.toBe(1);
    expect(await page.locator('html').getAttribute('lang')).toMatch(/^nl/);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('does not name the procesregisseur role before sign-in', async () => {
    // The outside check (shared/checks/web-signin.mjs) takes the role's name on screen as the
    // sign of a finished sign-in; shown on the sign-in page (a demo hint), it races the sign-in.
    expect(await page.getByText(/procesregisseur/i).count()).toBe(0);
  });

  it('refuses a wrong password with a message and stays on the form', async () => {
    await signIn(page, server.base, 'regisseur@demo.zvh', 'fout-wachtwoord');
    await page.getByText(/onjuist|klopt niet|mislukt/i).first().waitFor({ timeout: 15_000 });
    expect(await textField(page, 'E-mailadres').count()).toBe(1);
    expect((await page.request.get(`${server.base}/api/auth/me`)).status()).toBe(401);
  });

  it('signs the procesregisseur in and names them and their role on the start page', async () => {
    await signIn(page, server.base, 'regisseur@demo.zvh');
    await page.getByText('Rianne Regisseur').first().waitFor({ timeout: 15_000 });
    await textField(page, 'E-mailadres').waitFor({ state: 'detached', timeout: 15_000 }); // the sign-in form is gone
    await page.getByText('Procesregisseur', { exact: false }).first().waitFor({ timeout: 15_000 });
    const me = await page.request.get(`${server.base}/api/auth/me`);
    expect(me.status()).toBe(200);
    expect((await me.json()).user.email).toBe('regisseur@demo.zvh');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name === 'zvh_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    expect(await axeViolations(page)).toEqual([]);
  });

  it('signs out and ends the session', async () => {
    await signOut(page);
    await textField(page, 'E-mailadres').waitFor({ timeout: 15_000 });
    expect((await page.request.get(`${server.base}/api/auth/me`)).status()).toBe(401);
    await page.reload({ waitUntil: 'load' });
    await textField(page, 'E-mailadres').waitFor({ timeout: 15_000 });
  });
});
