// SPDX-License-Identifier: EUPL-1.2
// A casusoverleg in Chromium: the procesregisseur plans a casusoverleg and puts two cases on its
// agenda (one with the police, one with GGZ); the police user sees only its own case's item
// (the other is a "besloten agendapunt" that names nothing); the regisseur records the minutes
// with an agreement for the police, which lands in the case's plan and on the police user's
// work list. Every page visited must be free of serious and critical axe violations, and the
// meeting page must work at 390 px wide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, signIn, startApp } from './browser.js';
import type { RunningApp } from './browser.js';

let server: RunningApp;
let browser: Browser;
let pol: Page;
let reg: Page;
let meetingUrl = '';
const TIMEOUT = { timeout: 20_000 };
const stamp = Date.now().toString(36);
const A = { firstName: 'Arend', lastName: `Agenda${stamp}`, question: 'Wie legt het huisbezoek af na de aangifte?' };
const B = { firstName: 'Berber', lastName: `Besloten${stamp}`, question: 'Kan de behandelaar de medicatie bespreken?' };
const AGREEMENT = `Huisbezoek wijkagent ${stamp}`;

async function expectAccessible(page: Page, where: string): Promise<void> {
  const violations = await axeViolations(page);
  expect({ where, violations }).toEqual({ where, violations: [] });
}

/** Signs a demo user in through the API of the running app and returns its cookie. */
async function apiAs(email: string): Promise<string> {
  const res = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'demo-wachtwoord' } });
  const set = res.headers['set-cookie'];
  return String(Array.isArray(set) ? set[0] : set).split(';')[0]!;
}
async function post(cookie: string, url: string, payload: unknown) {
  const res = await server.app.inject({ method: 'POST', url, payload: payload as object, headers: { cookie } });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body);
}
async function openCase(cookie: string, subject: { firstName: string; lastName: string }, partner: string) {
  const r = await post(cookie, '/api/registrations', {
    kind: 'procesregie', municipality: 'GM0106', registeringPartner: partner,
    subject: { ...subject, birthDate: '1980-04-02', gender: 'man' }, mainTopic: 'ernstige-overlast', problemAreas: ['psychisch', 'verslaving'],
    reason: 'Aanhoudende overlast en zorgmijding.',
  });
  await post(cookie, `/api/registrations/${r.id}/triage`, {
    criteria: { multiProblem: true, multipleChains: true, systemImpact: true, areaSafety: false }, outcome: 'procesregie', approach: 'maatwerk',
    purpose: 'Overlast stoppen en zorg laten starten', participants: [partner],
  });
}

beforeAll(async () => {
  server = await startApp();
  const cookie = await apiAs('regisseur@demo.zvh');
  await openCase(cookie, A, 'politie');
  await openCase(cookie, B, 'ggz-drenthe');
  browser = await launchBrowser();
  pol = await newPage(browser);
  reg = await newPage(browser);
  for (const page of [pol, reg]) page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('casusoverleg in the browser', () => {
  it('the regisseur plans a casusoverleg and puts two cases on its agenda', async () => {
    await signIn(reg, server.base, 'regisseur@demo.zvh');
    await reg.getByRole('link', { name: 'Overleggen', exact: true }).first().click();
    await reg.getByRole('heading', { level: 1, name: 'Overleggen' }).waitFor(TIMEOUT);
    await expectAccessible(reg, 'overleggen');
    await reg.getByLabel('Soort overleg').selectOption('casusoverleg');
    await reg.getByRole('button', { name: 'Overleg plannen' }).click();
    await reg.getByRole('heading', { level: 2, name: 'Agenda' }).waitFor(TIMEOUT);
    meetingUrl = reg.url();
    expect(meetingUrl).toMatch(/\/overleggen\/[0-9a-f-]{36}$/);
    for (const c of [A, B]) {
      await reg.getByLabel('Casus', { exact: true }).selectOption({ label: `${c.firstName} ${c.lastName}` });
      await reg.getByLabel('Vraag aan het overleg').fill(c.question);
      await reg.getByRole('button', { name: 'Op de agenda zetten' }).click();
      await reg.getByRole('heading', { level: 3, name: new RegExp(c.lastName) }).waitFor(TIMEOUT);
    }
    await expectAccessible(reg, 'meeting with two items');
  });

  it('the police sees only its own case\'s item; the other names nothing', async () => {
    await signIn(pol, server.base, 'politie@demo.zvh');
    // through the week view, as the police user would
    await pol.getByRole('link', { name: 'Overleggen', exact: true }).first().click();
    await pol.getByRole('heading', { level: 1, name: 'Overleggen' }).waitFor(TIMEOUT);
    await expectAccessible(pol, 'overleggen as politie');
    await pol.goto(meetingUrl);
    await pol.getByRole('heading', { level: 2, name: 'Agenda' }).waitFor(TIMEOUT).catch(async (e) => {
      throw new Error(`${e}\n${await pol.locator('body').innerText()}`);
    });
    await pol.getByRole('heading', { level: 3, name: new RegExp(A.lastName) }).waitFor(TIMEOUT);
    await pol.getByText('Besloten agendapunt').waitFor(TIMEOUT);
    const text = await pol.locator('main').innerText();
    expect(text).toContain(A.question);
    for (const s of [B.firstName, B.lastName, B.question]) expect(text).not.toContain(s);
    await expectAccessible(pol, 'meeting as politie');
    // and at 390 px wide: nothing scrolls sideways
    await pol.setViewportSize({ width: 390, height: 844 });
    const overflow = await pol.evaluate(() => {
      const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
      return d.scrollWidth - d.clientWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    await pol.setViewportSize({ width: 1280, height: 900 });
  });

  it('the minutes create an agreement in the case\'s plan, shown to the police', async () => {
    await reg.goto(meetingUrl);
    const form = reg.getByRole('form', { name: 'Verslag van agendapunt 1' });
    await form.getByRole('checkbox', { name: 'Politie' }).check();
    await form.getByLabel('Conclusie').fill('Politie en regisseur pakken de overlast samen op.');
    await form.getByRole('button', { name: 'Afspraak toevoegen' }).click();
    await form.getByLabel('Organisatie', { exact: true }).selectOption('politie');
    await form.getByLabel('Afspraak', { exact: true }).fill(AGREEMENT);
    await form.getByLabel(/Uiterlijk/).fill('2031-01-15');
    await form.getByRole('button', { name: 'Verslag opslaan' }).click();
    await reg.getByText(`Politie: ${AGREEMENT}`).first().waitFor(TIMEOUT);
    await expectAccessible(reg, 'meeting with minutes');

    await pol.goto(`${server.base}/mijn-werk`);
    await pol.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor(TIMEOUT);
    await pol.getByText(AGREEMENT).first().waitFor(TIMEOUT);
    await pol.goto(meetingUrl);
    await pol.getByText(`Politie: ${AGREEMENT}`).first().waitFor(TIMEOUT);
  });
});
