// SPDX-License-Identifier: EUPL-1.2
// The privacy officer in a real browser at 390 px: finds a person, sees everything about them
// with the export links, records an access request, forwards it, decides and carries it out; sets
// a retention period with its source. The procesregisseur approves the release on the start page
// (four eyes) and politie finds the forwarded request on its start page. Axe on each page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TestClient } from '../src/test/harness.js';
import { MEETS, freshSubject } from '../src/test/fixtures.js';
import { axeViolations, launchBrowser, newPage, signIn, startApp } from './browser.js';
import type { RunningApp } from './browser.js';

let server: RunningApp;
let browser: Browser;
const LAST = 'Inzagepersoon';
const TIMEOUT = { timeout: 30_000 };
const NAMES: Record<string, string> = { 'privacy@demo.zvh': 'Pim Privacy', 'regisseur@demo.zvh': 'Rianne Regisseur', 'politie@demo.zvh': 'Peter Politie' };

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
    kind: 'procesregie', municipality: 'GM0106', registeringPartner: 'politie', subject: freshSubject({ firstName: 'Wendy', lastName: LAST }),
    mainTopic: 'ernstige-overlast', problemAreas: ['psychisch'], reason: 'Aanhoudende overlast en verward gedrag in de wijk.',
  });
  const t = await reg.post(`/api/registrations/${r.body.id}/triage`, { criteria: MEETS, outcome: 'procesregie', approach: 'maatwerk', purpose: 'Overlast stoppen', participants: ['politie'] });
  if (t.status !== 200) throw new Error(`triage: ${t.status} ${t.text}`);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function phone(email: string): Promise<Page> {
  const page = await newPage(browser);
  page.setDefaultTimeout(30_000);
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, server.base, email);
  // signed in: the start page names the user
  await page.getByText(NAMES[email]!).first().waitFor(TIMEOUT);
  return page;
}
const accessible = async (page: Page, where: string) => {
  const violations = await axeViolations(page);
  expect({ where, violations }).toEqual({ where, violations: [] });
};
const noHorizontalScroll = (page: Page) => page.evaluate(() => {
  const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }).document;
  return doc.documentElement.scrollWidth <= doc.documentElement.clientWidth + 1;
});

describe('the privacy officer at 390 px', () => {
  it('finds the person, sees everything about them, records and carries out an access request; the regisseur approves the release', async () => {
    const page = await phone('privacy@demo.zvh');
    await page.goto(`${server.base}/privacy/personen`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Personen en hun gegevens' }).waitFor(TIMEOUT);
    await page.getByLabel('Naam, BSN of geboortedatum (JJJJ-MM-DD)').fill(LAST);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('link', { name: `Wendy ${LAST}` }).click();
    await page.getByRole('heading', { level: 1, name: 'Alles over deze persoon' }).waitFor(TIMEOUT);
    // the exports are downloads behind fresh authentication (just signed in: fresh, so no question)
    await page.getByRole('button', { name: 'Export (PDF)' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export (JSON)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^inzage-[0-9a-f-]+\.json$/);
    await page.getByRole('table', { name: 'Wie verwerkte de gegevens (verwerkingenlog)' }).getByRole('cell', { name: 'politie', exact: true }).first().waitFor();
    expect(await noHorizontalScroll(page)).toBe(true);
    await accessible(page, 'everything about a person');

    await page.getByRole('button', { name: 'Verzoek vastleggen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Omschrijving van het verzoek').fill('Brief van mevrouw: wil weten wat er over haar is vastgelegd.');
    await accessible(page, 'new request dialog');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('heading', { level: 1, name: 'Verzoeken van betrokkenen' }).waitFor(TIMEOUT);
    await page.getByRole('button', { name: 'Doorsturen naar partners' }).click();
    await page.getByRole('table', { name: 'Doorgestuurd aan' }).getByRole('rowheader', { name: 'Politie' }).waitFor();
    await page.getByRole('button', { name: 'Besluiten' }).click();
    await page.getByRole('dialog').getByLabel('Motivering').fill('Betrokkene heeft recht op inzage; geen uitzondering van toepassing.');
    await page.getByRole('dialog').getByRole('button', { name: 'Opslaan' }).click();
    await page.getByRole('button', { name: 'Uitvoeren' }).click();
    await page.getByRole('dialog').getByLabel('Toelichting').fill('Export per aangetekende post');
    await page.getByRole('dialog').getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Wacht op goedkeuring').waitFor();
    expect(await noHorizontalScroll(page)).toBe(true);
    await accessible(page, 'request page');

    const regisseur = await phone('regisseur@demo.zvh');
    const open = regisseur.getByRole('table', { name: 'Te beoordelen (vier ogen)' });
    await open.getByRole('rowheader', { name: 'Inzage verstrekken' }).waitFor(TIMEOUT);
    await accessible(regisseur, 'start page with approvals');
    await open.getByRole('button', { name: 'Goedkeuren' }).first().click();
    await regisseur.getByRole('dialog').getByLabel('Toelichting').fill('Export gecontroleerd: volledig en zonder gegevens van derden');
    await regisseur.getByRole('dialog').getByRole('button', { name: 'Goedkeuren' }).click();
    await regisseur.getByRole('dialog').waitFor({ state: 'detached' });

    await page.reload({ waitUntil: 'load' });
    await page.getByText(/Verstrekt op/).waitFor(TIMEOUT);
  });

  it('shows politie the forwarded request on its start page', async () => {
    const page = await phone('politie@demo.zvh');
    const table = page.getByRole('table', { name: 'Doorgestuurde verzoeken, open eerst' });
    await table.getByRole('rowheader', { name: new RegExp(LAST) }).waitFor(TIMEOUT);
    await accessible(page, 'partner start page with forwarded request');
  });

  it('sets a retention period with its source', async () => {
    const page = await phone('privacy@demo.zvh');
    await page.goto(`${server.base}/privacy/bewaartermijnen`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Bewaartermijnen' }).waitFor(TIMEOUT);
    const group = page.getByRole('group', { name: /Afgesloten adviescasussen/ });
    await group.getByLabel(/Termijn \(maanden\)/).fill('24');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Leg de (wettelijke) bron van deze termijn vast').waitFor();
    await group.getByLabel(/Bron van de termijn/).fill('Besluit WGS (artikel volgens het privacybeleid)');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText('Opgeslagen.').waitFor();
    expect(await noHorizontalScroll(page)).toBe(true);
    await accessible(page, 'retention page');
  });
});
