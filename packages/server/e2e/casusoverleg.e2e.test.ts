// SPDX-License-Identifier: EUPL-1.2
// A casusoverleg in Chromium: the procesregisseur plans a casusoverleg and puts two cases on its
// agenda (one with the police, one with GGZ); the police user sees only its own case's item
// (the other is a "besloten agendapunt" that names nothing); the regisseur records the minutes
// with an agreement for the police, which lands in the case's plan, on the police user's work
// list and on the police user's start page (the working day). The regisseur moves the meeting
// and names its minute taker through the "Wijzigen" dialog (keyboard: Escape closes, focus
// returns), and opens and declines the cancel confirmation. Every page and dialog visited must be
// free of serious and critical axe violations, and the meeting page must work at 390 px wide.
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
async function get(cookie: string, url: string) {
  const res = await server.app.inject({ method: 'GET', url, headers: { cookie } });
  if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body);
}
/** The id of the element that has keyboard focus, and its text. */
const focused = (page: Page) => page.evaluate(() => {
  const el = (globalThis as unknown as { document: { activeElement: { id: string; textContent: string | null } | null } }).document.activeElement;
  return { id: el?.id ?? '', text: el?.textContent?.trim() ?? '' };
});
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const d = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document.documentElement;
    return d.scrollWidth - d.clientWidth;
  });
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
    await reg.getByRole('heading', { level: 2, name: 'Agenda', exact: true }).waitFor(TIMEOUT);
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

  it('the regisseur moves the meeting and names the minute taker in the "Wijzigen" dialog', async () => {
    const cookie = await apiAs('regisseur@demo.zvh');
    const me = (await get(cookie, '/api/auth/me')).user as { id: string; name: string };
    const meetingId = meetingUrl.split('/').pop()!;
    const day = new Date(Date.now() + 9 * 864e5).toISOString().slice(0, 10);

    // by keyboard: Enter opens, focus starts on the first field, Escape closes and focus returns
    await reg.getByRole('button', { name: 'Wijzigen', exact: true }).focus();
    await reg.keyboard.press('Enter');
    const dialog = reg.getByRole('dialog', { name: 'Overleg wijzigen' });
    await dialog.waitFor(TIMEOUT);
    expect((await focused(reg)).id).toBe('edit-date');
    await reg.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden', ...TIMEOUT });
    expect((await focused(reg)).text).toBe('Wijzigen');

    await reg.keyboard.press('Enter');
    await dialog.waitFor(TIMEOUT);
    const minuteTaker = dialog.getByLabel('Notulist');
    await minuteTaker.locator('option', { hasText: me.name }).waitFor({ state: 'attached', ...TIMEOUT });
    await expectAccessible(reg, 'the "Wijzigen" dialog');
    await reg.setViewportSize({ width: 390, height: 844 });
    expect(await horizontalOverflow(reg)).toBeLessThanOrEqual(0);
    await expectAccessible(reg, 'the "Wijzigen" dialog at 390 px');
    await reg.setViewportSize({ width: 1280, height: 900 });
    // a wrong video link is refused in the dialog, in Dutch, and nothing is sent
    await dialog.getByLabel('Videoverbinding').fill('http://onveilig.example');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.getByText('Een videoverbinding begint met https://').waitFor(TIMEOUT);
    expect((await focused(reg)).id).toBe('edit-video');
    await expectAccessible(reg, 'the "Wijzigen" dialog with an error');

    await dialog.getByLabel('Datum').fill(day);
    await dialog.getByLabel('Begintijd').fill('13:00');
    await dialog.getByLabel('Eindtijd').fill('14:15');
    await dialog.getByLabel('Plaats').fill('Gemeentehuis Assen, zaal 2');
    await dialog.getByLabel('Videoverbinding').fill('');
    await minuteTaker.selectOption(me.id);
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await dialog.waitFor({ state: 'hidden', ...TIMEOUT });
    await reg.getByText('Het overleg is gewijzigd.').waitFor(TIMEOUT);
    await reg.getByText(/13:00–14:15/).waitFor(TIMEOUT);
    await reg.getByText('Gemeentehuis Assen, zaal 2').waitFor(TIMEOUT);
    const m = await get(cookie, `/api/meetings/${meetingId}`);
    expect(m.minuteTakerId).toBe(me.id);
    expect(m.minuteTakerName).toBe(me.name);
    expect(m.location).toBe('Gemeentehuis Assen, zaal 2');
    expect(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', dateStyle: 'short', timeStyle: 'short', hourCycle: 'h23' }).format(new Date(m.startsAt)))
      .toBe(`${day}, 13:00`);
    expect(Date.parse(m.endsAt) - Date.parse(m.startsAt)).toBe(75 * 60_000);
    await expectAccessible(reg, 'meeting after the change');

    // cancelling asks first; declining changes nothing
    await reg.getByRole('button', { name: 'Overleg annuleren' }).click();
    const confirm = reg.getByRole('dialog', { name: 'Overleg annuleren?' });
    await confirm.waitFor(TIMEOUT);
    expect((await focused(reg)).text).toBe('Niet annuleren');
    await expectAccessible(reg, 'the cancel confirmation');
    await confirm.getByRole('button', { name: 'Niet annuleren' }).click();
    await confirm.waitFor({ state: 'hidden', ...TIMEOUT });
    expect((await get(cookie, `/api/meetings/${meetingId}`)).status).toBe('gepland');
  });

  it('the police sees only its own case\'s item; the other names nothing', async () => {
    await signIn(pol, server.base, 'politie@demo.zvh');
    // through the week view, as the police user would
    await pol.getByRole('link', { name: 'Overleggen', exact: true }).first().click();
    await pol.getByRole('heading', { level: 1, name: 'Overleggen' }).waitFor(TIMEOUT);
    await expectAccessible(pol, 'overleggen as politie');
    await pol.goto(meetingUrl);
    await pol.getByRole('heading', { level: 2, name: 'Agenda', exact: true }).waitFor(TIMEOUT).catch(async (e) => {
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
    expect(await horizontalOverflow(pol)).toBeLessThanOrEqual(0);
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
    // and on the police user's start page, the working day, under its open agreements
    await pol.goto(`${server.base}/`);
    const open = pol.getByRole('region', { name: 'Mijn open afspraken' });
    await open.waitFor(TIMEOUT);
    await open.getByRole('rowheader', { name: AGREEMENT }).waitFor(TIMEOUT);
    await expectAccessible(pol, 'start page as politie');
    await pol.goto(meetingUrl);
    await pol.getByText(`Politie: ${AGREEMENT}`).first().waitFor(TIMEOUT);
  });
});
