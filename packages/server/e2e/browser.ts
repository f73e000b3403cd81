// SPDX-License-Identifier: EUPL-1.2
// Shared helpers for the browser tests: the real app in-process on a free port, Debian's
// chromium through playwright-core (never a downloaded browser), axe-core, and signing in.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../src/core/config.js';
import type { Database } from '../src/core/db/index.js';
import { buildApp, WEB_DIST } from '../src/app.js';
import type { App } from '../src/app.js';
import { openTestDatabase } from '../src/test/harness.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const DEMO_PASSWORD = 'demo-wachtwoord';

/**
 * `database.db` is the owner's handle (fixtures and assertions read past row-level security, as
 * in the API tests); `appDatabase` is the application's own, limited handle.
 */
export interface RunningApp { base: string; app: App; database: Database; appDatabase: Database; close(): Promise<void> }

/** The whole application (API and built web app) on 127.0.0.1 and a free port, on a fresh test database. */
export async function startApp(env: Record<string, string> = {}): Promise<RunningApp> {
  if (!existsSync(join(WEB_DIST, 'index.html'))) {
    throw new Error(`The web app is not built (${WEB_DIST}); run \`npm run build -w @zvh/web\` (the root \`npm test\` does this first)`);
  }
  const { database, drop } = await openTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', DEMO: '1', LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', ...env }, []);
  const app = await buildApp(config, database);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('the app has no TCP address');
  return {
    base: `http://127.0.0.1:${address.port}`, app, database: { ...database, db: database.owner }, appDatabase: database,
    async close() {
      await app.close();
      await drop();
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no ${CHROMIUM}: apt-get install chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * A page that ignores the page's CSP: axe is injected as a script, which the app's strict
 * CSP (rightly) blocks. The CSP header itself is tested in core/http.test.ts.
 */
export function newPage(browser: Browser): Promise<Page> {
  return browser.newPage({ bypassCSP: true, locale: 'nl-NL' });
}

const require = createRequire(import.meta.url);
let axeSource: string | undefined;

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: number }

/** The serious and critical axe violations on the page as it is now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  // (globalThis, not window/document: this file compiles without the DOM library)
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const w = globalThis as unknown as { document: unknown; axe: { run(ctx: unknown, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: unknown[] }[] }> } };
    return w.axe.run(w.document, { resultTypes: ['violations'] });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
}

/** A text field by its label (not a "Wachtwoord tonen" checkbox or button sharing the words). */
export function textField(page: Page, label: string | RegExp) {
  return page.locator('input:not([type=checkbox]):not([type=radio]):not([type=hidden]):not([type=button]):not([type=submit])')
    .and(page.getByLabel(label));
}

/** Opens the app and signs in through the sign-in form, as a person would. */
export async function signIn(page: Page, base: string, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base}/`, { waitUntil: 'load' });
  await textField(page, 'E-mailadres').fill(email, { timeout: 15_000 });
  await textField(page, 'Wachtwoord').fill(password);
  await page.getByRole('button', { name: /^\s*inloggen\s*$/i }).click();
  await page.waitForLoadState('load');
}

/** Signs out through the user interface (a button or link named "Uitloggen"). */
export async function signOut(page: Page): Promise<void> {
  const control = page.getByRole('button', { name: /uitloggen/i }).or(page.getByRole('link', { name: /uitloggen/i })).first();
  if (!(await control.isVisible())) {
    // a collapsed user menu: open it first
    const menu = page.getByRole('button', { name: /menu|account|gebruiker/i }).first();
    if (await menu.count()) await menu.click();
  }
  await control.click({ timeout: 10_000 });
}
