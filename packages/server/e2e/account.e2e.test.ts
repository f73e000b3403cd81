// SPDX-License-Identifier: EUPL-1.2
// The account page in a real browser (issue 8, defect 7): switching two-step verification on with
// a code, then replacing the authenticator app, which asks for the password or a current code;
// the enabled factor stays on until the new app is confirmed. Axe clean, also at 390 px wide.
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, signIn, startApp, textField } from './browser.js';
import type { RunningApp } from './browser.js';

let server: RunningApp;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
  page = await newPage(browser);
  await page.setViewportSize({ width: 390, height: 900 });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const me = async () => (await (await page.request.get(`${server.base}/api/auth/me`)).json()).user as { totpEnabled: boolean };
const shownSecret = async () => String(await page.locator('code').first().textContent()).replace(/\s/g, '');

describe('second factor on the account page', () => {
  let first = '';

  it('switches two-step verification on with a code from the app', async () => {
    await signIn(page, server.base, 'ggz@demo.zvh');
    await page.getByText('Gerda GGZ').first().waitFor({ timeout: 15_000 });
    await page.goto(`${server.base}/account`, { waitUntil: 'load' });
    await page.getByRole('button', { name: /Tweestapsverificatie instellen/ }).click({ timeout: 15_000 });
    await page.locator('code').first().waitFor({ timeout: 15_000 });
    first = await shownSecret();
    await textField(page, /Verificatiecode/).fill(authenticator.generate(first));
    await page.getByRole('button', { name: /^\s*Bevestigen\s*$/ }).click();
    await page.getByText('Tweestapsverificatie staat nu aan.').waitFor({ timeout: 15_000 });
    expect((await me()).totpEnabled).toBe(true);
  });

  it('asks for the password or a current code before replacing the app', async () => {
    const confirm = textField(page, /Wachtwoord of huidige code/);
    await confirm.waitFor({ timeout: 15_000 });
    const replace = page.getByRole('button', { name: /Nieuwe app instellen/ });
    await replace.click();
    await page.getByText('Vul uw wachtwoord of de code uit uw huidige app in.').first().waitFor({ timeout: 10_000 });
    await confirm.fill('niet-het-wachtwoord');
    await replace.click();
    await page.getByText('Het wachtwoord of de code is onjuist.').first().waitFor({ timeout: 10_000 });
    expect(await page.locator('code').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('keeps the current app until the new one is confirmed, then replaces it', async () => {
    await textField(page, /Wachtwoord of huidige code/).fill('demo-wachtwoord');
    await page.getByRole('button', { name: /Nieuwe app instellen/ }).click();
    await page.getByText(/Uw huidige authenticator-app blijft werken/).waitFor({ timeout: 15_000 });
    const second = await shownSecret();
    expect(second).not.toBe(first);
    expect((await me()).totpEnabled).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await textField(page, /Verificatiecode/).fill(authenticator.generate(second));
    await page.getByRole('button', { name: /^\s*Bevestigen\s*$/ }).click();
    await page.getByText('De nieuwe authenticator-app is ingesteld; de vorige werkt niet meer.').waitFor({ timeout: 15_000 });
    expect((await me()).totpEnabled).toBe(true);
    // the old app's codes no longer sign in
    const old = await page.request.post(`${server.base}/api/auth/login`, {
      data: { email: 'ggz@demo.zvh', password: 'demo-wachtwoord', otp: authenticator.generate(first) },
    });
    expect(old.status()).toBe(401);
  });
});
