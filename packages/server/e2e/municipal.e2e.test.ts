// SPDX-License-Identifier: EUPL-1.2
// Municipal departments in Chromium: the beheerder chooses the municipalities a municipal
// partner's professional works for, and the procesregisseur adds another municipality's
// department to a case that crosses a border (with a reason), after which the Assen
// professional sees the Emmen case. Every page checked is free of serious and critical axe
// violations, also at 390 px wide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, signIn, startApp } from './browser.js';
import type { RunningApp } from './browser.js';
import { rows, sql } from '../src/core/db/index.js';

let server: RunningApp;
let browser: Browser;
const TIMEOUT = { timeout: 20_000 };
const OOV = 'Gemeente (openbare orde en veiligheid)';

beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('municipal departments', () => {
  it('the beheerder chooses the municipalities of a municipal professional', async () => {
    const page = await newPage(browser);
    await signIn(page, server.base, 'admin@demo.zvh');
    await page.getByText('Anna Beheer').first().waitFor(TIMEOUT);
    await page.goto(`${server.base}/beheer/gebruikers`, { waitUntil: 'load' });
    await page.getByRole('heading', { level: 1, name: 'Gebruikers' }).waitFor(TIMEOUT);
    await page.getByRole('button', { name: 'Gebruiker toevoegen' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('E-mailadres').fill('zuidoost@gemeente.example');
    await dialog.getByLabel('Naam').fill('Zoë Zuidoost');
    // no municipalities for a non-municipal partner
    await dialog.getByLabel('Organisatie').selectOption('politie');
    expect(await dialog.getByRole('group', { name: /Gemeenten/ }).count()).toBe(0);
    await dialog.getByLabel('Organisatie').selectOption('gemeente-sd');
    await dialog.getByRole('checkbox', { name: /Professional/ }).check();
    await dialog.getByRole('group', { name: /Gemeenten/ }).waitFor(TIMEOUT);
    await dialog.getByRole('button', { name: /Opslaan|Toevoegen|Aanmaken/ }).click();
    await dialog.getByText('Kies de gemeente of gemeenten waarvoor deze medewerker werkt.').first().waitFor(TIMEOUT);
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByRole('checkbox', { name: 'Emmen' }).check();
    await dialog.getByRole('checkbox', { name: 'Coevorden' }).check();
    await dialog.getByRole('button', { name: /Opslaan|Toevoegen|Aanmaken/ }).click();
    await page.getByText('Gebruiker aangemaakt').first().waitFor(TIMEOUT);
    const stored = await rows<{ code: string }>(server.database.db, sql`select um.municipality_code as code from user_municipalities um
      join users u on u.id = um.user_id where u.email = 'zuidoost@gemeente.example' order by 1`);
    expect(stored.map((r) => r.code)).toEqual(['GM0109', 'GM0114']);
    await page.close();
  });

  it('the regisseur adds the Assen department to an Emmen case that crosses the border; the Assen professional then sees it', async () => {
    const reg = await newPage(browser);
    await signIn(reg, server.base, 'regisseur@demo.zvh');
    await reg.getByText('Rianne Regisseur').first().waitFor(TIMEOUT);
    const r = await reg.request.post(`${server.base}/api/registrations`, { data: {
      kind: 'procesregie', municipality: 'GM0114', registeringPartner: 'politie', crossesMunicipalityBorder: true,
      subject: { firstName: 'Grens', lastName: 'Overschrijder', birthDate: '1975-04-02', gender: 'man' },
      mainTopic: 'ernstige-overlast', problemAreas: ['psychisch', 'verslaving'], reason: 'Overlast in Emmen en Assen.',
    } });
    expect(r.status()).toBe(201);
    const t = await reg.request.post(`${server.base}/api/registrations/${(await r.json()).id}/triage`, { data: {
      criteria: { multiProblem: true, multipleChains: true, systemImpact: true, areaSafety: false },
      outcome: 'procesregie', approach: 'maatwerk', purpose: 'Overlast stoppen in beide gemeenten', participants: ['politie', 'gemeente-oov'],
    } });
    expect(t.status()).toBe(200);
    const caseId = (await t.json()).caseId as string;

    const gem = await newPage(browser);
    await signIn(gem, server.base, 'gemeente@demo.zvh');
    await gem.getByText('Gijs Gemeente').first().waitFor(TIMEOUT);
    expect((await gem.request.get(`${server.base}/api/cases/${caseId}`)).status()).toBe(404);

    await reg.goto(`${server.base}/casussen/${caseId}`, { waitUntil: 'load' });
    await reg.getByText(`${OOV} – Emmen`).first().waitFor(TIMEOUT);
    await reg.locator('#deelnemer-partner').selectOption('gemeente-oov');
    const municipality = reg.locator('#deelnemer-municipality');
    await municipality.waitFor(TIMEOUT);
    await municipality.selectOption('GM0106');
    await reg.locator('#deelnemer-reason').fill('Betrokkene verblijft ook in Assen; de afdeling van Assen is nodig.');
    await reg.getByRole('button', { name: 'Partner toevoegen' }).click();
    await reg.getByText(`${OOV} – Assen neemt nu deel aan de casus.`).first().waitFor(TIMEOUT);
    expect(await axeViolations(reg)).toEqual([]);
    // the municipality choice is only there for a municipal partner
    await reg.locator('#deelnemer-partner').selectOption('ggz-drenthe');
    expect(await reg.locator('#deelnemer-municipality').count()).toBe(0);
    // usable at 390 px wide
    await reg.setViewportSize({ width: 390, height: 844 });
    await reg.locator('#deelnemer-partner').selectOption('gemeente-oov');
    await reg.locator('#deelnemer-municipality').waitFor(TIMEOUT);
    // the form's controls fit the narrow screen (no sideways scrolling to choose a department)
    for (const control of [reg.locator('#deelnemer-partner'), reg.locator('#deelnemer-municipality'), reg.locator('#deelnemer-reason'), reg.getByRole('button', { name: 'Partner toevoegen' })]) {
      const box = await control.boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    }
    expect(await axeViolations(reg)).toEqual([]);

    expect((await gem.request.get(`${server.base}/api/cases/${caseId}`)).status()).toBe(200);
    await gem.goto(`${server.base}/casussen/${caseId}`, { waitUntil: 'load' });
    await gem.getByText('Overlast stoppen in beide gemeenten').first().waitFor(TIMEOUT);
    expect(await axeViolations(gem)).toEqual([]);
    await reg.close();
    await gem.close();
  });
});
