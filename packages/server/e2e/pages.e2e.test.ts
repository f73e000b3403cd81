// SPDX-License-Identifier: EUPL-1.2
// Every page in Chromium, as every demo user: the navigation is read from the page itself, every
// menu page is visited, then the first link to every other page (detail pages from the lists,
// sub-pages from overviews), and on a case page every tab. On each: axe (WCAG 2.0/2.1 A and AA),
// exactly one h1, Dutch text without translation keys or "undefined", no horizontal page scrolling
// at 390 px, a usable layout at 1366 px, and the main content reachable with the keyboard through
// the skip link with a visible focus indicator; at 390 px the menu folds behind a button and table
// captions stay readable. Together the users reach every route of routes.tsx. One browser, two
// users at a time, keep it short.
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newPage, signIn, startApp } from './browser.js';
import type { RunningApp } from './browser.js';
import { TestClient } from '../src/test/harness.js';
import { freshSubject, openCaseWith } from '../src/test/fixtures.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const WEB_SRC = join(HERE, '../../web/src');
const WIDE = { width: 1366, height: 900 };
const NARROW = { width: 390, height: 844 };
const WAIT = { timeout: 15_000 };
const USERS = ['admin', 'manager', 'regisseur', 'informatie', 'politie', 'ggz', 'gemeente', 'privacy'] as const;

/** The app's routes, read from routes.tsx so a new page is covered without touching this test. */
const ROUTES: { path: string; pattern: RegExp }[] = [...readFileSync(join(WEB_SRC, 'routes.tsx'), 'utf8').matchAll(/\{ path: '([^']+)'/g)]
  .map((m) => m[1]!)
  .map((path) => ({ path, pattern: new RegExp(`^${path.replace(/:[a-z]+/g, '[^/]+')}$`) }));
/** Literal routes win over parameterised ones (/aanmeldingen/nieuw before /aanmeldingen/:id). */
const routeOf = (pathname: string): string | undefined =>
  (ROUTES.find((r) => !r.path.includes(':') && r.pattern.test(pathname)) ?? ROUTES.find((r) => r.pattern.test(pathname)))?.path;

/** Translation namespaces: visible text like "nav.foo" or "casus.tabs.bar" is a missing translation. */
const NL = JSON.parse(readFileSync(join(WEB_SRC, 'i18n/nl.json'), 'utf8')) as Record<string, unknown>;
const NAMESPACES = Object.keys(NL);
const strings = (o: unknown): string[] => (typeof o === 'string' ? [o] : o && typeof o === 'object' ? Object.values(o).flatMap(strings) : []);
/** English texts of the app that the Dutch UI never shows (longer phrases without placeholders): visible, they mean a missed translation. */
const NL_STRINGS = new Set(strings(NL));
const ENGLISH_ONLY = strings(JSON.parse(readFileSync(join(WEB_SRC, 'i18n/en.json'), 'utf8')))
  .filter((t) => t.length >= 12 && !t.includes('{{') && !NL_STRINGS.has(t) && /^[A-Z][a-z]+ [a-z]/.test(t));

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let server: RunningApp;
let browser: Browser;
/** Paths whose layout at 390 px has been checked with axe already (once per route is enough there). */
const narrowAxeDone = new Set<string>();
/** Pages a user visits besides those reached from the menu, each under its own key. */
const EXTRA: Partial<Record<(typeof USERS)[number], { path: string; key: string }[]>> = {};

async function client(email: string): Promise<TestClient> {
  const res = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'demo-wachtwoord' } });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode}`);
  const setCookie = res.headers['set-cookie'];
  return new TestClient(server.app, String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]);
}

async function created(r: Promise<{ status: number; text: string; body: { id?: string } }>, what: string): Promise<string> {
  const res = await r;
  if (res.status !== 201) throw new Error(`${what}: ${res.status} ${res.text}`);
  return String(res.body.id);
}

beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
  // Something on every list, so that every detail page is reached: a case with agreements, a
  // question to partners, an information request, a meeting, a signal and a nazorg record.
  const [reg, pol, info] = [await client('regisseur@demo.zvh'), await client('politie@demo.zvh'), await client('informatie@demo.zvh')];
  const { caseId } = await openCaseWith(pol, reg, { participants: ['politie', 'ggz-drenthe'], subject: freshSubject({ firstName: 'Pagina', lastName: 'Rondgang' }) });
  const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await created(reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Huisbezoek wijkagent', dueDate: '2020-01-10' }), 'agreement');
  await created(reg.post(`/api/cases/${caseId}/agreements`, { partner: 'ggz-drenthe', title: 'Intake FACT-team', dueDate: due }), 'agreement');
  await created(info.post(`/api/cases/${caseId}/partner-requests`, { partner: 'politie', question: 'Zijn er recente politiecontacten?', dueDate: due }), 'partner request');
  await created(info.post(`/api/cases/${caseId}/partner-requests`, { partner: 'ggz-drenthe', question: 'Is betrokkene in zorg?', dueDate: due }), 'partner request');
  await created(pol.post('/api/registrations', {
    kind: 'informatievraag', municipality: 'GM0106', registeringPartner: 'politie', subject: freshSubject({ lastName: 'Vraagpersoon' }),
    mainTopic: 'ernstige-overlast', problemAreas: ['psychisch'], reason: 'Is deze persoon bekend bij het Zorg- en Veiligheidshuis?',
  }), 'information request');
  const meetingId = await created(reg.post('/api/meetings', { type: 'casusoverleg', startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), location: 'ZVH Assen' }), 'meeting');
  await created(reg.post(`/api/meetings/${meetingId}/agenda`, { caseId, question: 'Welke zorg is passend?' }), 'agenda item');
  await created(reg.post('/api/signals', { category: 'overig', description: 'Wachtlijst beschermd wonen loopt op', addressedTo: 'stuurgroep', caseIds: [caseId] }), 'signal');
  await created(reg.post('/api/facilitated/nazorg', { subject: freshSubject({ lastName: 'Nazorgpersoon' }), municipality: 'GM1730', registeredAt: '2024-04-02' }), 'nazorg record');
  // the case page's other tabs: Advies on an advice case, Heropenen on a closed case, Overdragen
  // once the ZVH transfers cases to other ZVHs
  const advice = await reg.post('/api/advice', { question: 'Hoe benaderen we een verwarde buurtbewoner?', registeringPartner: 'politie', municipality: 'GM0106', subject: freshSubject({ lastName: 'Adviespersoon' }) });
  if (advice.status !== 201) throw new Error(`advice: ${advice.status} ${advice.text}`);
  const closed = await openCaseWith(pol, reg, { subject: freshSubject({ lastName: 'Afgesloten' }) });
  const close = await reg.post(`/api/cases/${closed.caseId}/close`, { reason: 'Doel bereikt: zorg loopt en de overlast is gestopt.' });
  if (close.status !== 200) throw new Error(`close: ${close.status} ${close.text}`);
  const transfer = await (await client('admin@demo.zvh')).put('/api/admin/other-zvh', { check: true, transfer: true, legalGround: 'Convenant Zorg- en Veiligheidshuizen, art. 5', contactEmail: 'zvh@example.org', contactPhone: null });
  if (transfer.status !== 200) throw new Error(`other ZVH setting: ${transfer.status} ${transfer.text}`);
  // the privacy officer's pages behind a search and a request: one data-subject request about the case's person
  const personId = (await reg.get(`/api/cases/${caseId}`)).body.subject.id as string;
  const prv = await client('privacy@demo.zvh');
  const request = await prv.post('/api/privacy/requests', { personId, kind: 'inzage', receivedOn: new Date().toISOString().slice(0, 10), description: 'Inzageverzoek per brief' });
  if (request.status !== 201) throw new Error(`data-subject request: ${request.status} ${request.text}`);
  EXTRA.privacy = [
    { path: `/privacy/personen/${personId}`, key: '/privacy/personen/:id' },
    { path: `/privacy/verzoeken/${request.body.id}`, key: '/privacy/verzoeken/:id' },
  ];
  EXTRA.regisseur = [
    { path: `/casussen/${advice.body.caseId}`, key: '/casussen/:id (advies)' },
    { path: `/casussen/${closed.caseId}`, key: '/casussen/:id (afgesloten)' },
  ];
  startTours();
}, 120_000);

/**
 * The users' tours, two at a time (one browser, a tab each): the server and the browser work in
 * parallel, which keeps the whole run short. Each test awaits its own user's tour.
 */
const tours = new Map<string, Promise<Tour>>();
function startTours(): void {
  const settle = new Map<string, { resolve(t: Tour): void; reject(e: unknown): void }>();
  for (const user of USERS) {
    const promise = new Promise<Tour>((resolve, reject) => settle.set(user, { resolve, reject }));
    promise.catch(() => undefined); // reported by the user's own test
    tours.set(user, promise);
  }
  const waiting = [...USERS];
  const worker = async () => {
    for (let user = waiting.shift(); user; user = waiting.shift()) {
      const done = settle.get(user)!;
      await tour(`${user}@demo.zvh`, EXTRA[user]).then(done.resolve, done.reject);
    }
  };
  void Promise.all([worker(), worker()]);
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function shot(page: Page, name: string): Promise<void> {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.png`), fullPage: true });
}

/** Waits until the page has its heading and nothing is loading any more. */
async function settled(page: Page): Promise<void> {
  await page.locator('h1').first().waitFor(WAIT);
  await page.waitForFunction(() => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
    return !doc.querySelector('.zvh-spinner, [aria-busy="true"]');
  }, undefined, WAIT);
}

async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => {
    const w = globalThis as unknown as { document: unknown; axe: { run(ctx: unknown, opts: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } };
    return w.axe.run(w.document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] });
  });
  return result.violations.map((v) => `axe ${v.id} (${v.help}): ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
}

interface Layout { h1: number; scroll: number; client: number; mainWidth: number; text: string; lang: string; offenders: string[]; clippedCaptions: string[] }

async function layout(page: Page): Promise<Layout> {
  return page.evaluate(() => {
    type El = { tagName: string; className: unknown; textContent: string | null; getBoundingClientRect(): { right: number; width: number }; parentElement: { closest(s: string): unknown } | null };
    const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number; lang: string }; body: { innerText: string }; querySelectorAll(s: string): ArrayLike<El>; querySelector(s: string): El | null } }).document;
    const d = doc.documentElement;
    const offenders = Array.from(doc.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > d.clientWidth + 1 && !e.parentElement?.closest('.zvh-table-scroll'))
      .slice(-4)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)} "${String(e.textContent).slice(0, 30)}"`);
    const main = doc.querySelector('main');
    // a caption cut off by its table's scroll region cannot be read without scrolling the table
    const clippedCaptions = Array.from(doc.querySelectorAll('.zvh-table-scroll caption'))
      .filter((c) => {
        const region = (c as unknown as { closest(s: string): El }).closest('.zvh-table-scroll');
        return c.getBoundingClientRect().right > region.getBoundingClientRect().right + 1;
      })
      .map((c) => String(c.textContent).slice(0, 40));
    return {
      clippedCaptions,
      h1: Array.from(doc.querySelectorAll('h1')).length, scroll: d.scrollWidth, client: d.clientWidth,
      mainWidth: main ? main.getBoundingClientRect().width : 0, text: doc.body.innerText, lang: d.lang, offenders,
    };
  });
}

function textProblems(text: string): string[] {
  const out: string[] = [];
  const visible = text.replace(/\S+@\S+/g, ' ');
  const key = visible.match(new RegExp(`\\b(${NAMESPACES.join('|')})\\.[a-zA-Z][\\w.]*`));
  if (key) out.push(`translation key visible: ${key[0]}`);
  const bad = visible.match(/\b(undefined|NaN|null)\b|\[object Object\]|\{\{/);
  if (bad) out.push(`raw value visible: ${bad[0]}`);
  const english = ENGLISH_ONLY.find((t) => visible.includes(t));
  if (english) out.push(`English text visible: "${english}"`);
  return out;
}

type Focus = { tag: string; cls: string; role: string | null; href: string | null; inMain: boolean; isMain: boolean; visible: boolean; firstTabbable: string | null; mainHasTabbable: boolean };

/** What has keyboard focus now, whether its focus is visible, and which element comes first in the tab order. */
function focused(page: Page): Promise<Focus> {
  return page.evaluate((): Focus => {
    type El = { tagName: string; className: unknown; tabIndex: number; getAttribute(n: string): string | null; closest(s: string): unknown };
    const w = globalThis as unknown as { document: { activeElement: El | null; querySelectorAll(s: string): ArrayLike<El> }; getComputedStyle(e: El): { outlineStyle: string; outlineWidth: string; boxShadow: string } };
    const tabbable = Array.from(w.document.querySelectorAll('a[href], button:not([disabled]), input:not([type=hidden]):not([disabled]), select, textarea, [tabindex]'))
      .filter((e) => e.tabIndex >= 0);
    const firstTabbable = tabbable[0]?.getAttribute('href') ?? tabbable[0]?.tagName ?? null;
    const mainHasTabbable = tabbable.some((t) => t.closest('main') && t.tagName !== 'MAIN' && t.tagName !== 'H1');
    const e = w.document.activeElement;
    if (!e) return { tag: '', cls: '', role: null, href: null, inMain: false, isMain: false, visible: false, firstTabbable, mainHasTabbable };
    const s = w.getComputedStyle(e);
    const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || (s.boxShadow !== 'none' && s.boxShadow !== '');
    return { tag: e.tagName.toLowerCase(), cls: String(e.className), role: e.getAttribute('role'), href: e.getAttribute('href'), inMain: !!e.closest('main'), isMain: e.tagName === 'MAIN', visible, firstTabbable, mainHasTabbable };
  });
}

const describeFocus = (f: Focus) => `<${f.tag}${f.role ? ` role="${f.role}"` : ''} class="${f.cls}">`;

/**
 * Keyboard access to the main content.
 * - 'load' (a page opened by its address): the first Tab stop is the skip link, visibly focused;
 *   Enter moves focus to main; the next Tab lands visibly inside main.
 * - 'navigated' (reached through a link in the app): the skip link is still first in the tab order,
 *   focus was moved to the page's h1 in main, and Tab goes on visibly inside main.
 * - 'tab' (a case tab chosen with the arrow keys): the chosen tab is visibly focused and Tab
 *   moves to its panel, visibly.
 */
async function keyboard(page: Page, mode: 'load' | 'navigated' | 'tab'): Promise<string[]> {
  const out: string[] = [];
  const tabNext = async () => {
    await page.keyboard.press('Tab');
    const next = await focused(page);
    // (a page whose main content has nothing to operate, e.g. an empty inbox, lets Tab leave main)
    if (!next.inMain && next.mainHasTabbable) out.push(`Tab did not stay in main: ${describeFocus(next)}`);
    else if (!next.visible) out.push(`no visible focus on ${describeFocus(next)}`);
    return next;
  };
  if (mode === 'load') {
    await page.keyboard.press('Tab');
    const first = await focused(page);
    if (!(first.tag === 'a' && first.href === '#inhoud')) out.push(`first Tab stop is not the skip link but ${describeFocus(first)}`);
    else if (!first.visible) out.push('the skip link has no visible focus');
    await page.keyboard.press('Enter');
    const target = await focused(page);
    if (!target.isMain) out.push(`the skip link moved focus to ${describeFocus(target)} instead of main`);
    await tabNext();
  } else if (mode === 'navigated') {
    const now = await focused(page);
    if (now.firstTabbable !== '#inhoud') out.push(`the skip link is not first in the tab order (${now.firstTabbable})`);
    if (!(now.tag === 'h1' && now.inMain)) out.push(`focus is on ${describeFocus(now)}, not on the page heading`);
    await tabNext();
  } else {
    const now = await focused(page);
    if (now.role !== 'tab') out.push(`focus is on ${describeFocus(now)}, not on the chosen tab`);
    else if (!now.visible) out.push('the chosen tab has no visible focus');
    const panel = await tabNext();
    if (panel.role !== 'tabpanel') out.push(`Tab from the tab went to ${describeFocus(panel)}, not to its panel`);
  }
  return out;
}

/** All checks on the page as it is now, at both widths; returns to 1366 px. */
async function checkPage(page: Page, where: string, route: string, mode: 'load' | 'navigated' | 'tab', problems: string[]): Promise<void> {
  const found: string[] = [];
  await page.setViewportSize(WIDE);
  await settled(page);
  const wide = await layout(page);
  if (wide.h1 !== 1) found.push(`${wide.h1} h1 elements`);
  if (wide.lang !== 'nl') found.push(`html lang="${wide.lang}"`);
  found.push(...textProblems(wide.text));
  if (wide.scroll > wide.client + 1) found.push(`horizontal scrolling at 1366 px (${wide.scroll}): ${wide.offenders.join('; ')}`);
  if (wide.mainWidth < 900) found.push(`main content only ${wide.mainWidth} px wide at 1366 px`);
  found.push(...await axe(page));
  found.push(...await keyboard(page, mode));
  await page.setViewportSize(NARROW);
  let narrow = await layout(page);
  if (narrow.scroll > NARROW.width + 1) {
    // charts and tables measure themselves after a resize: judge the settled layout
    await page.waitForTimeout(600);
    narrow = await layout(page);
  }
  if (narrow.clippedCaptions.length) found.push(`table caption cut off at 390 px: ${narrow.clippedCaptions.join('; ')}`);
  if (narrow.scroll > NARROW.width + 1) found.push(`horizontal scrolling at 390 px (${narrow.scroll}): ${narrow.offenders.join('; ')}`);
  if (!narrowAxeDone.has(route)) {
    narrowAxeDone.add(route);
    found.push(...(await axe(page)).map((p) => `390 px: ${p}`));
    await shot(page, `${where}-390`);
  }
  await page.setViewportSize(WIDE);
  for (const p of found) problems.push(`${where}: ${p}`);
}

/** The links in the main content, as paths of the app. */
async function linksInMain(page: Page): Promise<string[]> {
  const hrefs = await page.locator('main a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  return hrefs.map((h) => h.split(/[?#]/)[0]!).filter((h) => h && !h.startsWith('/api/'));
}

interface Tour { pages: string[]; routes: string[]; tabs: number; problems: string[] }

async function tour(email: string, extra: { path: string; key: string }[] = []): Promise<Tour> {
  const problems: string[] = [];
  const page = await newPage(browser);
  page.setDefaultTimeout(15_000);
  await page.setViewportSize(WIDE);
  await signIn(page, server.base, email);
  const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
  await nav.waitFor(WAIT);
  const menu = (await nav.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))).filter(Boolean);
  expect(menu.length, `${email} has a menu`).toBeGreaterThan(1);
  // at phone width the menu folds away behind a button that opens it (keyboard: Enter)
  await settled(page);
  await page.setViewportSize(NARROW);
  const toggle = nav.getByRole('button', { name: 'Menu' });
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  expect(await nav.getByRole('link').first().isVisible()).toBe(false);
  await toggle.focus();
  await page.keyboard.press('Enter');
  await nav.getByRole('link').last().waitFor({ state: 'visible', ...WAIT });
  expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  // the opened menu is a column below the button, not squeezed beside it
  const [button, first] = [await toggle.boundingBox(), await nav.getByRole('link').first().boundingBox()];
  expect(first!.y).toBeGreaterThanOrEqual(button!.y + button!.height - 1);
  expect(first!.x).toBeLessThan(button!.x + button!.width);
  // Tab into the menu, Escape folds it and puts focus back on the button
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { outerHTML: string } } }).document.activeElement.outerHTML.slice(0, 120)))
    .toBe(await nav.getByRole('link').first().evaluate((a) => (a as unknown as { outerHTML: string }).outerHTML.slice(0, 120)));
  await page.keyboard.press('Escape');
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  expect(await toggle.evaluate((b) => b === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
  await page.setViewportSize(WIDE);
  expect(await toggle.isVisible()).toBe(false);
  // the header's own links too (Meldingen with its count)
  const header = await page.locator('a[href^="/"]:not(main a):not(nav a)').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const queue = [...menu, ...header, ...extra.map((e) => e.path)];
  const keyOf = (path: string) => extra.find((e) => e.path === path)?.key ?? routeOf(path);
  const seenRoutes = new Set<string>();
  const visited: string[] = [];
  let tabs = 0;
  while (queue.length) {
    const path = queue.shift()!;
    const route = keyOf(path);
    if (!route || seenRoutes.has(route)) continue;
    seenRoutes.add(route);
    const where = `${email.split('@')[0]} ${path}`;
    if (visited.length === 0) {
      await page.goto(`${server.base}${path}`, { waitUntil: 'load' });
    } else {
      // through the app's router, as following a link does (no reload)
      await page.evaluate((to) => {
        const w = globalThis as unknown as { history: { pushState(s: unknown, t: string, u: string): void }; dispatchEvent(e: unknown): void; PopStateEvent: new (type: string) => unknown };
        w.history.pushState({}, '', to);
        w.dispatchEvent(new w.PopStateEvent('popstate'));
      }, path);
      await page.waitForURL((u) => u.pathname === path, WAIT);
      await page.locator('h1:focus').waitFor(WAIT);
    }
    await checkPage(page, where, route, visited.length === 0 ? 'load' : 'navigated', problems);
    visited.push(path);
    for (const link of await linksInMain(page)) {
      const r = routeOf(link);
      if (r && !seenRoutes.has(r)) queue.push(link);
    }
    if (route.startsWith('/casussen/:id')) {
      await page.getByRole('tablist').waitFor(WAIT);
      const tabNames = await page.getByRole('tab').allTextContents();
      await page.getByRole('tab', { selected: true }).focus();
      for (const name of tabNames.slice(1)) {
        await page.getByRole('tab', { selected: true }).press('ArrowRight');
        await page.getByRole('tab', { name, exact: true, selected: true }).waitFor(WAIT);
        await checkPage(page, `${where} tab ${name}`, `${route}#${name}`, 'tab', problems);
        await page.getByRole('tab', { selected: true }).focus();
        tabs += 1;
      }
    }
  }
  await page.close();
  return { pages: visited, routes: [...seenRoutes], tabs, problems };
}

describe('every page as every demo user', () => {
  for (const user of USERS) {
    it(`${user}: every page of the menu and the pages behind it`, async () => {
      const { pages, tabs, problems } = await tours.get(user)!;
      console.log(`${user}: ${pages.length} pages, ${tabs} case tabs`);
      expect(pages.length).toBeGreaterThan(2);
      expect(problems).toEqual([]);
    }, 240_000);
  }

  it('together the users reach every page of the app', async () => {
    const reached = new Set((await Promise.all(USERS.map((u) => tours.get(u)!))).flatMap((t) => t.routes));
    expect(ROUTES.map((r) => r.path).filter((path) => !reached.has(path))).toEqual([]);
  }, 240_000);
});
