// SPDX-License-Identifier: EUPL-1.2
// Advice, signals, escalation and the stagnation radar in a real browser at 390 px wide, as the
// procesregisseur: an anonymous advice question with its advice; a signal made, sent and in the
// report; an escalation on the case page with its answer; the radar run on demand. Axe on each page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TestClient } from '../src/test/harness.js';
import { MEETS, freshSubject } from '../src/test/fixtures.js';
import { axeViolations, launchBrowser, newPage, signIn, startApp } from './browser.js';
import type { RunningApp } from './browser.js';

let server: RunningApp;
let browser: Browser;
let page: Page;
let caseId = '';

async function client(email: string): Promise<TestClient> {
  const res = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'demo-wachtwoord' } });
  if (res.statusCode !== 200) throw new Error(`login ${email}: ${res.statusCode}`);
  const setCookie = res.headers['set-cookie'];
  return new TestClient(server.app, String(Array.isArray(setCookie) ? setCookie[0] : setCookie).split(';')[0]);
}

beforeAll(async () => {
  server = await startApp();
  const reg = await client('regisseur@demo.zvh');
  const pol = await client('politie@demo.zvh');
  const r = await pol.post('/api/registrations', {
    kind: 'procesregie', municipality: 'GM0106', registeringPartner: 'politie', subject: freshSubject({ lastName: 'Radarpersoon' }),
    mainTopic: 'ernstige-overlast', problemAreas: ['psychisch'], reason: 'Aanhoudende overlast en verward gedrag in de wijk.',
  });
  const t = await reg.post(`/api/registrations/${r.body.id}/triage`, { criteria: MEETS, outcome: 'procesregie', approach: 'maatwerk', purpose: 'Overlast stoppen', participants: ['politie', 'ggz-drenthe'] });
  caseId = t.body.caseId;
  const a = await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'ggz-drenthe', title: 'Intake FACT-team', dueDate: '2020-01-10' });
  if (a.status !== 201) throw new Error(`agreement: ${a.status} ${a.text}`);
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

const accessible = async (where: string) => {
  const violations = await axeViolations(page);
  expect({ where, violations }).toEqual({ where, violations: [] });
};
const noHorizontalScroll = () => page.evaluate(() => {
  const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
  return doc.documentElement.scrollWidth <= doc.documentElement.clientWidth + 1;
});

describe('advice, signals, escalation and radar at 390 px', () => {
  it('takes an anonymous advice question and records the advice', async () => {
    await page.goto(`${server.base}/advies`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Adviesvragen' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Nieuwe adviesvraag' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Adviesvraag').fill('Hoe benaderen we een verwarde buurtbewoner zonder escalatie?');
    await dialog.getByLabel('Vraagsteller (organisatie)').selectOption('politie');
    await accessible('new advice dialog');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('rowheader', { name: /Hoe benaderen we een verwarde/ }).waitFor();
    await page.getByRole('button', { name: /^Advies vastleggen/ }).first().click();
    const d2 = page.getByRole('dialog');
    await d2.getByLabel('Gegeven advies').fill('Neem contact op met de wijk-GGZ en spreek een gezamenlijk huisbezoek af.');
    await d2.getByLabel('Tijdsbesteding (minuten)').fill('40');
    await d2.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('cell', { name: '40' }).first().waitFor();
    expect(await noHorizontalScroll()).toBe(true);
    await accessible('advice page');
  });

  it('makes a signal, sends it and finds it in the report', async () => {
    await page.goto(`${server.base}/signalen`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Signalen' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Nieuw signaal' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Categorie').selectOption('huisvesting');
    await dialog.getByLabel('Beschrijving van het knelpunt').fill('Structureel tekort aan plekken beschermd wonen in Assen.');
    await dialog.getByLabel('Gericht aan').selectOption('stuurgroep');
    // the signal rests on the Assen case made above (the list also holds the anonymous advice case of the previous test)
    await dialog.getByRole('checkbox', { name: /Radarpersoon/ }).first().waitFor();
    await dialog.getByRole('checkbox', { name: /Radarpersoon/ }).first().check();
    await accessible('new signal dialog');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: /Signalen: Geen passende huisvesting/ }).waitFor({ timeout: 15_000 });
    await page.getByRole('rowheader', { name: 'Assen' }).waitFor();
    await page.getByLabel('Nieuwe status').selectOption('verzonden');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('cell', { name: 'Verzonden' }).first().waitFor();
    expect(await noHorizontalScroll()).toBe(true);
    await accessible('signal page');
    await page.goto(`${server.base}/signalen/rapportage`, { waitUntil: 'load' });
    await page.getByText(/Verzonden signalen in \d{4}: 1/).waitFor({ timeout: 15_000 });
    expect(await page.content()).not.toContain('Radarpersoon');
    await accessible('signal report');
  });

  it('escalates a stalled agreement on the case page and records the answer', async () => {
    await page.goto(`${server.base}/casussen/${caseId}?tab=opschaling`, { waitUntil: 'load' });
    await page.getByRole('button', { name: 'Opschalen' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Opschalen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Afspraak').selectOption({ label: 'Intake FACT-team' });
    await dialog.getByLabel('Vraag aan wie wordt opgeschaald').fill('Wanneer vindt de intake plaats?');
    await accessible('escalate dialog');
    await dialog.getByRole('button', { name: 'Opschalen' }).click();
    await page.getByRole('rowheader', { name: 'Management van de partner' }).waitFor();
    await page.getByRole('button', { name: /^Antwoord vastleggen/ }).click();
    const d2 = page.getByRole('dialog');
    await d2.getByLabel('Antwoord').fill('De intake is volgende week.');
    await d2.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('cell', { name: /De intake is volgende week/ }).waitFor();
    await accessible('escalation tab');
  });

  it('runs the stagnation radar on demand and shows its proposals', async () => {
    await page.goto(`${server.base}/stagnatieradar`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Stagnatieradar' }).waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Radar nu draaien' }).click();
    await page.getByText(/De radar heeft \d+ nieuwe voorstellen gedaan/).waitFor();
    await accessible('radar page');
  });
});
