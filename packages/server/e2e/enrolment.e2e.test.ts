// SPDX-License-Identifier: EUPL-1.2
// Enrolment in a real browser (issue 11): a user made by the beheerder signs in with the one-time
// password, is sent to the enrolment page and nowhere else, changes the password, switches on the
// authenticator app, sees the recovery codes once, and only then reaches the app. Then a passkey
// through Chromium's virtual authenticator (CDP WebAuthn) signs in as the second factor. Last, a
// session that has not proved the factor (as after single sign-on without trusted MFA) is asked
// for it: code or passkey. Axe clean at 390 px wide.
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, signIn, startApp, textField } from './browser.js';
import type { RunningApp } from './browser.js';
import { one, sql } from '../src/core/db/index.js';
import type { Database } from '../src/core/db/index.js';
import { createSession } from '../src/core/auth/sessions.js';
import { loadConfig } from '../src/core/config.js';

let server: RunningApp;
let browser: Browser;
let page: Page;
const email = 'nieuwe.collega@politie.example.nl';
const NEW_PASSWORD = 'een-eigen-sterk-wachtwoord';
let oneTime = '';
let totpSecret = '';
// WebAuthn refuses an IP address as the relying party: the browser uses localhost (same server)
let base = '';

beforeAll(async () => {
  server = await startApp();
  base = server.base.replace('127.0.0.1', 'localhost');
  browser = await launchBrowser();
  page = await newPage(browser);
  await page.setViewportSize({ width: 390, height: 900 });
  // the beheerder makes the account (through the API: the beheer page has its own E2E test)
  const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'admin@demo.zvh', password: 'demo-wachtwoord' } });
  const cookie = String([login.headers['set-cookie']].flat()[0]).split(';')[0]!;
  const made = await server.app.inject({
    method: 'POST', url: '/api/admin/users', headers: { cookie },
    payload: { email, name: 'Nadia Nieuw', organisationCode: 'politie', roles: ['professional'] },
  });
  oneTime = JSON.parse(made.body).oneTimePassword;
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const status = async (path: string) => (await page.request.get(`${base}${path}`)).status();

describe('enrolment of a new user', () => {
  it('sends a user with a one-time password to the enrolment page and nowhere else', async () => {
    await signIn(page, base, email, oneTime);
    await page.getByRole('heading', { name: 'Account instellen' }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/account-instellen');
    await page.goto(`${base}/casussen`, { waitUntil: 'load' });
    await page.getByRole('heading', { name: 'Account instellen' }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/account-instellen');
    expect(await status('/api/cases')).toBe(403);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('asks for a second factor after the password change, and still shows no data', async () => {
    await textField(page, 'Huidig wachtwoord').fill(oneTime);
    await textField(page, /^Nieuw wachtwoord/).fill(NEW_PASSWORD);
    await textField(page, /Herhaal nieuw wachtwoord/).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: /^\s*Wachtwoord wijzigen\s*$/ }).click();
    await page.getByText('Stap 2 van 2').waitFor({ timeout: 15_000 });
    expect(await status('/api/cases')).toBe(403);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('switches the authenticator app on, shows the recovery codes once, then opens the app', async () => {
    await page.getByRole('button', { name: /Tweestapsverificatie instellen/ }).click({ timeout: 15_000 });
    await page.locator('code').first().waitFor({ timeout: 15_000 });
    const secret = String(await page.locator('code').first().textContent()).replace(/\s/g, '');
    totpSecret = secret;
    if (authenticator.timeRemaining() < 5) await page.waitForTimeout((authenticator.timeRemaining() + 1) * 1000);
    await textField(page, /Verificatiecode/).fill(authenticator.generate(secret));
    await page.getByRole('button', { name: /^\s*Bevestigen\s*$/ }).click();
    await page.getByText('Uw herstelcodes (alleen nu zichtbaar)').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('list', { name: 'Herstelcodes' }).getByRole('listitem').count()).toBe(10);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: /Ik heb de herstelcodes bewaard/ }).click();
    await page.getByText('Uw account is ingesteld.').waitFor({ timeout: 15_000 });
    expect(await status('/api/cases')).toBe(200);
  });

  it('registers a passkey on the account page and signs in with it after the password', async () => {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
    });
    await page.goto(`${base}/account`, { waitUntil: 'load' });
    await textField(page, 'Naam van de passkey').fill('Virtuele sleutel', { timeout: 15_000 });
    await page.getByRole('button', { name: /^\s*Passkey toevoegen\s*$/ }).click();
    await page.getByText('Passkey ‘Virtuele sleutel’ is toegevoegd.').waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);

    await page.context().clearCookies();
    await signIn(page, base, email, NEW_PASSWORD);
    await page.getByRole('button', { name: /Inloggen met passkey/ }).click({ timeout: 15_000 });
    // signed in: the sign-in form is gone (a professional starts on "Mijn werkdag")
    await page.getByRole('button', { name: /Inloggen met passkey/ }).waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByRole('heading', { name: 'Mijn werkdag' }).waitFor({ timeout: 15_000 });
    expect(await status('/api/cases')).toBe(200);
  });
});

describe('a session that has not proved the factor (single sign-on without trusted MFA)', () => {
  /** A new session exactly as the SSO callback makes it without trusted MFA: no second factor. */
  async function ssoLikeSession(): Promise<void> {
    const user = (await one<{ id: string; tenant_id: string }>(server.database.db, sql`select id, tenant_id from users where email = ${email}`))!;
    const token = await createSession(server.database.db, loadConfig({ NODE_ENV: 'test', DEMO: '1' }, []).sessionSecret, { id: user.id, tenantId: user.tenant_id }, '127.0.0.1', 'e2e', null);
    await page.context().clearCookies();
    await page.context().addCookies([{ name: 'zvh_session', value: token, url: base }]);
  }
  const owner = () => (server.database as Database & { owner: Database['db'] }).owner;

  it('asks for the code (wrong one refused at the field), then opens the start page', async () => {
    await ssoLikeSession();
    await page.goto(`${base}/casussen`, { waitUntil: 'load' });
    await page.getByRole('heading', { name: 'Bevestig met uw tweede factor' }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe('/account-instellen');
    expect(await status('/api/cases')).toBe(403);
    await page.getByRole('button', { name: /^\s*Met passkey\s*$/ }).waitFor({ timeout: 15_000 });
    expect(await axeViolations(page)).toEqual([]);

    // empty, then wrong: the message is tied to the field
    const field = textField(page, /Verificatiecode of herstelcode/);
    await page.getByRole('button', { name: /^\s*Bevestigen\s*$/ }).click();
    await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
    if (authenticator.timeRemaining() < 5) await page.waitForTimeout((authenticator.timeRemaining() + 1) * 1000);
    const right = authenticator.generate(totpSecret);
    await field.fill(String((Number(right) + 1) % 1_000_000).padStart(6, '0'));
    await page.keyboard.press('Enter');
    await page.getByText('De verificatiecode is onjuist of verlopen.').waitFor({ timeout: 15_000 });
    // the field names its error message (aria-describedby), and keyboard focus is back on it
    const errorId = String(await field.getAttribute('aria-describedby')).split(' ').find((id) => id.endsWith('-fout'));
    expect(await page.locator(`[id="${errorId}"]`).textContent()).toContain('De verificatiecode is onjuist of verlopen.');
    expect(await field.evaluate((el) => el === (el.ownerDocument as { activeElement: unknown }).activeElement)).toBe(true);
    expect(await status('/api/cases')).toBe(403);
    expect(await axeViolations(page)).toEqual([]);

    await owner().execute(sql`update users set totp_last_step = null where email = ${email}`);
    await field.fill(right);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Mijn werkdag' }).waitFor({ timeout: 15_000 });
    expect(await status('/api/cases')).toBe(200);
  });

  it('takes the passkey instead', async () => {
    await ssoLikeSession();
    await page.goto(`${base}/`, { waitUntil: 'load' });
    await page.getByRole('button', { name: /^\s*Met passkey\s*$/ }).click({ timeout: 15_000 });
    await page.getByRole('heading', { name: 'Mijn werkdag' }).waitFor({ timeout: 15_000 });
    expect(await status('/api/cases')).toBe(200);
  });
});
