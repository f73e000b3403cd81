// SPDX-License-Identifier: EUPL-1.2
// The informatieknooppunt in Chromium: the informatiemakelaar asks politie and ggz about a case
// on the case page, both answer in their own inbox ("Vragen aan partners"), and the regisseur sees
// both answers on the case with source and author. And an information request: politie asks, the
// informatiemakelaar answers from the inbox, politie reads the answer on its registration. Every
// page is free of serious and critical axe violations; the partner inbox works at 390 px wide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, signIn, startApp } from './browser.js';
import type { RunningApp } from './browser.js';

let server: RunningApp;
let browser: Browser;
const TIMEOUT = { timeout: 20_000 };
const due = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(email: string, name: string): Promise<Page> {
  const page = await newPage(browser);
  await signIn(page, server.base, email);
  await page.getByText(name).first().waitFor(TIMEOUT);
  return page;
}

async function answerInInbox(page: Page, lastName: string, answer: string) {
  await page.goto(`${server.base}/vragen-aan-partners`, { waitUntil: 'load' });
  await page.getByRole('heading', { level: 1, name: 'Vragen aan partners' }).waitFor(TIMEOUT);
  const item = page.locator('li.zvh-ik-item').filter({ has: page.getByRole('heading', { name: new RegExp(lastName) }) });
  await item.first().waitFor(TIMEOUT);
  expect(await item.count()).toBe(1);
  expect(await axeViolations(page)).toEqual([]);
  await item.getByRole('textbox', { name: 'Uw antwoord' }).fill(answer);
  await item.getByRole('button', { name: 'Antwoord versturen' }).click();
  await page.getByText('Antwoord verstuurd').first().waitFor(TIMEOUT);
  // now under the answered questions, with the answer
  await page.getByText(answer).first().waitFor(TIMEOUT);
}

describe('informatieknooppunt', () => {
  it('the informatiemakelaar asks politie and ggz on a case; both answer in their inbox; the regisseur sees both answers', async () => {
    const lastName = `Verrijking${Date.now().toString(36)}`;
    const reg = await signedIn('regisseur@demo.zvh', 'Rianne Regisseur');
    const r = await reg.request.post(`${server.base}/api/registrations`, { data: {
      kind: 'procesregie', municipality: 'GM0106', registeringPartner: 'politie',
      subject: { firstName: 'Vera', lastName, birthDate: '1983-06-12', gender: 'vrouw' },
      mainTopic: 'ernstige-overlast', problemAreas: ['psychisch', 'verslaving'], reason: 'Overlast en verward gedrag in de wijk.',
    } });
    expect(r.status()).toBe(201);
    const t = await reg.request.post(`${server.base}/api/registrations/${(await r.json()).id}/triage`, { data: {
      criteria: { multiProblem: true, multipleChains: true, systemImpact: true, areaSafety: false },
      outcome: 'procesregie', approach: 'maatwerk', purpose: 'Overlast stoppen en zorg regelen', participants: ['politie'],
    } });
    expect(t.status()).toBe(200);
    const caseId = (await t.json()).caseId as string;

    const im = await signedIn('informatie@demo.zvh', 'Ilse Informatiemakelaar');
    await im.goto(`${server.base}/casussen/${caseId}?tab=vragen`, { waitUntil: 'load' });
    await im.getByRole('heading', { level: 2, name: 'Vragen aan partners' }).waitFor(TIMEOUT);
    for (const [partner, question] of [['politie', 'Zijn er recente politiecontacten (E2E-politie)?'], ['ggz-drenthe', 'Is betrokkene in zorg bij de GGZ (E2E-ggz)?']]) {
      await im.locator('#ik-ask-partner').selectOption(partner);
      await im.locator('#ik-ask-question').fill(question);
      await im.locator('#ik-ask-dueDate').fill(due);
      await im.getByRole('button', { name: 'Vraag versturen' }).click();
      await im.locator('li.zvh-ik-item').filter({ hasText: question }).first().waitFor(TIMEOUT);
    }
    // a question from the catalogue alone
    await im.locator('#ik-ask-partner').selectOption('ggz-drenthe');
    await im.locator('#ik-ask-questionCode').selectOption('contactpersoon');
    await im.locator('#ik-ask-dueDate').fill(due);
    await im.getByRole('button', { name: 'Vraag versturen' }).click();
    // in the list of questions sent (the same text is also an option of the catalogue's select)
    await im.locator('li.zvh-ik-item').filter({ hasText: 'Wie is de contactpersoon of behandelaar bij uw organisatie?' }).first().waitFor(TIMEOUT);
    // an empty submit is refused with a summary that names the fields
    await im.getByRole('button', { name: 'Vraag versturen' }).click();
    await im.getByText('Kies een partner').first().waitFor(TIMEOUT);
    expect(await axeViolations(im)).toEqual([]);

    const pol = await signedIn('politie@demo.zvh', 'Peter Politie');
    await answerInInbox(pol, lastName, 'Twee meldingen van overlast in de afgelopen maand (antwoord-politie).');
    expect(await pol.getByText('E2E-ggz').count()).toBe(0);

    const ggz = await signedIn('ggz@demo.zvh', 'Gerda GGZ');
    await ggz.setViewportSize({ width: 390, height: 844 });
    await ggz.goto(`${server.base}/vragen-aan-partners`, { waitUntil: 'load' });
    await ggz.getByRole('heading', { level: 1, name: 'Vragen aan partners' }).waitFor(TIMEOUT);
    expect(await ggz.getByText('E2E-politie').count()).toBe(0);
    // two questions for ggz: answer the first, report "geen informatie" on the catalogue one
    const first = ggz.locator('li.zvh-ik-item').filter({ hasText: 'E2E-ggz' });
    await first.waitFor(TIMEOUT);
    const width = await ggz.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    expect(await axeViolations(ggz)).toEqual([]);
    await first.getByRole('textbox', { name: 'Uw antwoord' }).fill('In behandeling bij het FACT-team (antwoord-ggz).');
    await first.getByRole('button', { name: 'Antwoord versturen' }).click();
    await ggz.getByText('Antwoord verstuurd').first().waitFor(TIMEOUT);
    const second = ggz.locator('li.zvh-ik-item').filter({ hasText: 'contactpersoon of behandelaar' }).filter({ has: ggz.getByRole('button', { name: 'Geen informatie' }) });
    await second.getByRole('button', { name: 'Geen informatie' }).click();
    await ggz.getByText('Gemeld: geen informatie').first().waitFor(TIMEOUT);

    await reg.goto(`${server.base}/casussen/${caseId}?tab=vragen`, { waitUntil: 'load' });
    await reg.getByText('antwoord-politie').first().waitFor(TIMEOUT);
    await reg.getByText('antwoord-ggz').first().waitFor(TIMEOUT);
    const ggzItem = reg.locator('li.zvh-ik-item').filter({ hasText: 'antwoord-ggz' });
    await ggzItem.getByRole('heading', { name: 'GGZ Drenthe' }).waitFor(TIMEOUT);
    await ggzItem.getByText('Gerda GGZ').waitFor(TIMEOUT);
    await reg.getByText('Geen informatie').first().waitFor(TIMEOUT);
    expect(await axeViolations(reg)).toEqual([]);

    // politie takes part in the case: it sees the answers there too; ggz does not take part
    expect((await pol.request.get(`${server.base}/api/cases/${caseId}/partner-requests`)).status()).toBe(200);
    expect((await ggz.request.get(`${server.base}/api/cases/${caseId}/partner-requests`)).status()).toBe(404);
    for (const p of [reg, im, pol, ggz]) await p.close();
  });

  it('the informatiemakelaar answers an information request; politie reads the answer', async () => {
    const lastName = `Informatie${Date.now().toString(36)}`;
    const pol = await signedIn('politie@demo.zvh', 'Peter Politie');
    const r = await pol.request.post(`${server.base}/api/registrations`, { data: {
      kind: 'informatievraag', municipality: 'GM0106', registeringPartner: 'politie',
      subject: { firstName: 'Ivo', lastName, birthDate: '1979-02-03', gender: 'man' },
      mainTopic: null, problemAreas: [], reason: 'Is betrokkene bekend bij het ZVH? Wie is het aanspreekpunt?',
    } });
    expect(r.status()).toBe(201);
    const id = (await r.json()).id as string;

    const im = await signedIn('informatie@demo.zvh', 'Ilse Informatiemakelaar');
    await im.goto(`${server.base}/informatievragen`, { waitUntil: 'load' });
    await im.getByRole('heading', { level: 1, name: 'Informatievragen' }).waitFor(TIMEOUT);
    await im.getByRole('link', { name: new RegExp(lastName) }).click();
    await im.getByRole('heading', { level: 1, name: new RegExp(`Informatievraag over .*${lastName}`) }).waitFor(TIMEOUT);
    await im.getByText('Geen casussen bij het Zorg- en Veiligheidshuis.').waitFor(TIMEOUT);
    expect(await axeViolations(im)).toEqual([]);
    await im.locator('#ik-answer-answer').fill('Betrokkene is niet bekend bij het Zorg- en Veiligheidshuis (antwoord-im).');
    await im.locator('#ik-answer-organisations').getByRole('checkbox', { name: 'GGZ Drenthe' }).check();
    await im.locator('#ik-answer-contact').fill('Ilse Informatiemakelaar, 0592-000000');
    await im.getByRole('button', { name: 'Antwoord versturen' }).click();
    await im.getByText('Antwoord verstuurd').first().waitFor(TIMEOUT);

    await pol.goto(`${server.base}/aanmeldingen/${id}`, { waitUntil: 'load' });
    await pol.getByText('antwoord-im').first().waitFor(TIMEOUT);
    await pol.getByText('Ilse Informatiemakelaar, 0592-000000').first().waitFor(TIMEOUT);
    expect(await axeViolations(pol)).toEqual([]);
    await pol.close();
    await im.close();
  });
});
