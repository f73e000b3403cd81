// SPDX-License-Identifier: EUPL-1.2
// A case walked through in Chromium, as the people involved would: the police registers a case,
// the procesregisseur triages it into procesregie, writes a plan and makes two agreements, the
// police reports its agreement done, and the regisseur carries the other over and closes the
// case with a reason code and an evaluation. Every page visited must be free of serious and
// critical axe violations.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { axeViolations, launchBrowser, newPage, signIn, startApp } from './browser.js';
import type { RunningApp } from './browser.js';
import { one, sql } from '../src/core/db/index.js';
import { TestClient } from '../src/test/harness.js';
import { openCaseWith } from '../src/test/fixtures.js';

let server: RunningApp;
let browser: Browser;
let pol: Page;
let reg: Page;
let registrationId = '';
let caseId = '';
let shot = 0;

const SUBJECT = { firstName: 'Piet', lastName: 'Testpersoon' };
const NAME = `${SUBJECT.firstName} ${SUBJECT.lastName}`;
const PURPOSE = 'Overlast stoppen en huisvesting en verslavingszorg regelen';
const POLICE_AGREEMENT = 'Huisbezoek door de wijkagent';
const MUNICIPAL_AGREEMENT = 'Woonbegeleiding regelen';
const TIMEOUT = { timeout: 20_000 };

/** Fails with the page and the rules when axe finds a serious or critical problem. */
async function expectAccessible(page: Page, where: string): Promise<void> {
  // E2E_SCREENSHOTS=/some/dir keeps a picture of every page checked, to look at by eye
  const shots = process.env.E2E_SCREENSHOTS;
  if (shots) {
    const name = `case-flow-${++shot}-${where.replace(/[^a-z0-9]+/gi, '-')}`;
    const height = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight);
    for (let y = 0, part = 1; y < height; y += 1600, part++) {
      await page.screenshot({ path: join(shots, `${name}-${part}.png`), fullPage: true, clip: { x: 0, y, width: 1280, height: Math.min(1600, height - y) } });
    }
  }
  const violations = await axeViolations(page);
  if (violations.length === 0) return;
  // name the offending elements, so a failure says where to look
  const nodes = await page.evaluate(async () => {
    const w = globalThis as unknown as { document: unknown; axe: { run(ctx: unknown, opts: object): Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[]; html: string }[] }[] }> } };
    const res = await w.axe.run(w.document, { resultTypes: ['violations'] });
    return res.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((n) => `${v.id}: ${JSON.stringify(n.target)} ${n.html.slice(0, 160)}`));
  });
  expect({ where, violations, nodes }).toEqual({ where, violations: [], nodes: [] });
}

/** Waits for text in a live region or alert (a notice after a save). */
async function waitForText(page: Page, text: string | RegExp): Promise<void> {
  await page.getByText(text).first().waitFor(TIMEOUT);
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click();
  await page.getByRole('tabpanel').getByRole('heading', { level: 2, name, exact: true }).waitFor(TIMEOUT);
}

beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
  // two browser contexts: two people signed in at the same time
  pol = await newPage(browser);
  reg = await newPage(browser);
  for (const page of [pol, reg]) page.setDefaultTimeout(20_000);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('case flow in the browser', () => {
  it('lets the police register a case, checking the BSN on the way', async () => {
    await signIn(pol, server.base, 'politie@demo.zvh');
    await pol.getByRole('link', { name: 'Nieuwe aanmelding', exact: true }).first().click();
    await pol.getByRole('heading', { level: 1, name: 'Nieuwe aanmelding' }).waitFor(TIMEOUT);
    await pol.locator('#aanmelding-subject-firstName').waitFor(TIMEOUT);
    await expectAccessible(pol, 'aanmelding (leeg)');

    await pol.locator('#aanmelding-subject-firstName').fill(SUBJECT.firstName);
    await pol.locator('#aanmelding-subject-lastName').fill(SUBJECT.lastName);
    await pol.locator('#aanmelding-subject-birthDate').fill('1988-02-29');
    await pol.locator('#aanmelding-subject-gender').selectOption('man');
    await pol.locator('#aanmelding-subject-bsn').fill('123456789');
    await pol.locator('#aanmelding-municipality').selectOption('GM0106');

    await pol.getByRole('button', { name: 'Persoon toevoegen' }).click();
    // focus moves to the new row
    await expect.poll(() => pol.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe(
      'aanmelding-household-0-firstName',
    );
    await pol.locator('#aanmelding-household-0-firstName').fill('Anna');
    await pol.locator('#aanmelding-household-0-lastName').fill('Testpersoon');
    await pol.locator('#aanmelding-household-0-relation').selectOption('partner');

    await pol.getByRole('radio', { name: 'Procesregie', exact: true }).check();
    await pol.locator('#aanmelding-mainTopic').selectOption('ernstige-overlast');
    await pol.getByRole('checkbox', { name: 'Verslaving', exact: true }).check();
    await pol.getByRole('checkbox', { name: 'Problematische huisvesting', exact: true }).check();
    await pol.getByRole('checkbox', { name: 'Gemeente (openbare orde en veiligheid)', exact: true }).check();
    await pol.locator('#aanmelding-tried').fill('Meerdere gesprekken met de wijkagent; een waarschuwing van de gemeente.');
    await pol.getByRole('radio', { name: 'Hoog', exact: true }).check();
    await pol.locator('#aanmelding-reason').fill('Aanhoudende ernstige overlast in de wijk; verslaving en dreigende huisuitzetting.');

    // an invalid BSN is caught before sending, with a summary linking to the field
    await pol.getByRole('button', { name: 'Aanmelding versturen' }).click();
    await waitForText(pol, /elfproef/);
    await expect(pol.getByRole('link', { name: /BSN.*elfproef/ }).count()).resolves.toBe(1);
    await expectAccessible(pol, 'aanmelding (met fouten)');
    await pol.getByRole('link', { name: /BSN.*elfproef/ }).click();
    await expect.poll(() => pol.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).toBe('aanmelding-subject-bsn');
    await pol.keyboard.press('Control+A');
    await pol.keyboard.type('111222333');

    await pol.getByRole('button', { name: 'Aanmelding versturen' }).click();
    await waitForText(pol, 'Aanmelding verstuurd');
    await expect(pol.getByText('Aangemeld', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(pol, 'aanmelding verstuurd');

    await pol.getByRole('link', { name: 'Bekijk de aanmelding' }).click();
    await pol.getByRole('heading', { level: 1, name: `Aanmelding ${NAME}` }).waitFor(TIMEOUT);
    registrationId = pol.url().split('/').pop() ?? '';
    expect(registrationId).toMatch(/^[0-9a-f-]{36}$/);
    await waitForText(pol, 'Nog niet bekend: de aanmelding wacht op triage.');
    await expectAccessible(pol, 'aanmelding (registrant)');

    await pol.getByRole('link', { name: 'Aanmeldingen', exact: true }).first().click();
    await pol.getByRole('link', { name: NAME }).waitFor(TIMEOUT);
    await expectAccessible(pol, 'aanmeldingen (partner)');
  });

  it('lets the procesregisseur triage it into procesregie with purpose and participants', async () => {
    await signIn(reg, server.base, 'regisseur@demo.zvh');
    await reg.getByRole('link', { name: 'Triage', exact: true }).first().click();
    await reg.getByRole('heading', { level: 1, name: 'Triage' }).waitFor(TIMEOUT);
    await reg.getByRole('link', { name: NAME }).waitFor(TIMEOUT);
    await expectAccessible(reg, 'triagelijst');

    await reg.getByRole('link', { name: NAME }).click();
    await reg.getByRole('heading', { level: 1, name: `Triage: ${NAME}` }).waitFor(TIMEOUT);
    await waitForText(reg, `${NAME} is niet eerder aangemeld.`);
    await expectAccessible(reg, 'triage (leeg)');

    const verdict = reg.locator('#triage-verdict');
    await reg.getByRole('checkbox', { name: /^a\. / }).check();
    await expect(verdict.textContent()).resolves.toMatch(/kader: Nee$/);
    await reg.getByRole('radio', { name: 'Procesregie', exact: true }).check();
    // without the rule, an override reason is asked
    await reg.locator('#triage-overrideReason').waitFor(TIMEOUT);
    await reg.getByRole('checkbox', { name: /^b\. / }).check();
    await reg.getByRole('checkbox', { name: /^c\. / }).check();
    await expect(verdict.textContent()).resolves.toMatch(/kader: Ja$/);
    await expect(reg.locator('#triage-overrideReason').count()).resolves.toBe(0);

    await reg.getByRole('radio', { name: 'Maatwerk (intensief)' }).check();
    await reg.locator('#triage-purpose').fill(PURPOSE);
    await expect(reg.getByRole('checkbox', { name: 'Politie', exact: true }).isChecked()).resolves.toBe(true);
    await reg.getByRole('checkbox', { name: 'Gemeente (openbare orde en veiligheid)', exact: true }).check();
    await reg.locator('#triage-leadPartner').selectOption('gemeente-oov');
    await expectAccessible(reg, 'triage (ingevuld)');

    await reg.getByRole('button', { name: 'Triage vastleggen' }).click();
    await reg.getByRole('heading', { level: 1, name: `Casus ${NAME}` }).waitFor(TIMEOUT);
    await waitForText(reg, 'de casus is gestart');
    caseId = new URL(reg.url()).pathname.split('/').pop() ?? '';
    expect(caseId).toMatch(/^[0-9a-f-]{36}$/);
    await waitForText(reg, PURPOSE);
    await expectAccessible(reg, 'casus overzicht');
  });

  it('lets the regisseur set the AVE phase and add and remove a participant, each with a reason', async () => {
    await reg.locator('#ave-phase').getByRole('radio', { name: 'Fase 2' }).check();
    await reg.locator('#ave-reason').fill('Afspraken komen traag op gang; opschalen naar het management van de partners.');
    await reg.getByRole('button', { name: 'Fase vastleggen' }).click();
    await waitForText(reg, 'De casus staat nu in AVE-fase 2.');

    // a partner with professional secrecy (ggz-drenthe in the demo) waits for four eyes: the form says so before and after
    await reg.locator('#deelnemer-partner').selectOption('ggz-drenthe');
    await waitForText(reg, 'Deze partner heeft beroepsgeheim.');
    await reg.locator('#deelnemer-reason').fill('Psychische problematiek: beoordeling door de GGZ nodig.');
    await reg.getByRole('button', { name: 'Partner toevoegen' }).click();
    await waitForText(reg, 'Het verzoek om GGZ Drenthe te laten deelnemen wacht op goedkeuring door een tweede medewerker van het ZVH (vier ogen).');
    await reg.getByRole('table', { name: 'Wacht op goedkeuring (vier ogen)' }).getByText('GGZ Drenthe').waitFor(TIMEOUT);
    await expectAccessible(reg, 'casus overzicht (partner wacht op goedkeuring)');

    await reg.locator('#deelnemer-partner').selectOption('vnn');
    await reg.locator('#deelnemer-reason').fill('Verslavingsproblematiek: beoordeling door de verslavingszorg nodig.');
    await reg.getByRole('button', { name: 'Partner toevoegen' }).click();
    await waitForText(reg, 'Verslavingszorg Noord Nederland neemt nu deel aan de casus.');
    await reg.getByRole('button', { name: /Deelname beëindigen\s+Verslavingszorg Noord Nederland/ }).click();
    const dialog = reg.getByRole('dialog');
    await dialog.waitFor(TIMEOUT);
    // the reason is required: an empty submit is refused in the dialog
    await dialog.getByRole('button', { name: 'Deelname beëindigen' }).click();
    await dialog.getByText('Geef een reden op.').first().waitFor(TIMEOUT);
    await expectAccessible(reg, 'deelname beëindigen (dialoog)');
    await dialog.getByLabel('Reden').fill('Verslavingszorg is al betrokken via de huisarts; deelname niet nodig.');
    await dialog.getByRole('button', { name: 'Deelname beëindigen' }).click();
    await waitForText(reg, 'De deelname van Verslavingszorg Noord Nederland is beëindigd.');
    await waitForText(reg, /Gestopt op .*Verslavingszorg is al betrokken/);
    await expectAccessible(reg, 'casus overzicht (na wijzigingen)');
  });

  it('lets the regisseur write a plan and make two agreements', async () => {
    // the tabs work with the arrow keys
    await reg.getByRole('tab', { name: 'Overzicht', exact: true }).focus();
    await reg.keyboard.press('ArrowRight');
    await reg.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Plan van aanpak' }).waitFor(TIMEOUT);
    await expect(reg.getByRole('tab', { name: 'Plan van aanpak' }).getAttribute('aria-selected')).resolves.toBe('true');
    await expectAccessible(reg, 'plan van aanpak (leeg)');

    await reg.locator('#plan-new-domain').selectOption('verslaving');
    await reg.getByRole('button', { name: 'Toevoegen', exact: true }).click();
    await reg.locator('#plan-verslaving-problem').fill('Alcoholgebruik leidt tot overlast in de nacht.');
    await reg.locator('#plan-verslaving-risk').fill('Huisuitzetting en escalatie met buren.');
    await reg.locator('#plan-verslaving-protective').fill('Partner is betrokken en wil meewerken.');
    await reg.getByRole('button', { name: 'Doel toevoegen' }).click();
    await reg.getByLabel('Doel 1', { exact: true }).fill('Geen meldingen van overlast meer gedurende drie maanden.');
    await reg.getByRole('button', { name: 'Plan opslaan' }).click();
    await waitForText(reg, 'Het plan van aanpak is opgeslagen.');
    await expectAccessible(reg, 'plan van aanpak (ingevuld)');

    await openTab(reg, 'Afspraken');
    for (const [partner, title, due] of [
      ['politie', POLICE_AGREEMENT, '2030-01-31'],
      ['gemeente-oov', MUNICIPAL_AGREEMENT, '2030-02-28'],
    ] as const) {
      await reg.locator('#afspraak-partner').selectOption(partner);
      await reg.locator('#afspraak-title').fill(title);
      await reg.locator('#afspraak-dueDate').fill(due);
      await reg.locator('#afspraak-responsiblePerson').fill(partner === 'politie' ? 'Wijkagent Jansen' : 'Consulent De Vries');
      await reg.getByRole('button', { name: 'Afspraak toevoegen' }).click();
      await waitForText(reg, `De afspraak ${title} is toegevoegd.`);
      await reg.getByRole('rowheader', { name: title }).waitFor(TIMEOUT);
    }
    await expectAccessible(reg, 'afspraken');

    await openTab(reg, 'Logboek');
    await reg.locator('#logboek-text').fill('Casusoverleg gehad met politie en gemeente; plan besproken.');
    // ZVH staff start on "alleen ZVH"; this entry is shared on purpose
    await expect(reg.getByRole('radio', { name: 'Alleen het Zorg- en Veiligheidshuis', exact: true }).isChecked()).resolves.toBe(true);
    await reg.getByRole('radio', { name: 'Alle deelnemers', exact: true }).check();
    await reg.getByRole('button', { name: 'Toevoegen aan logboek' }).click();
    await waitForText(reg, 'De regel is toegevoegd aan het logboek.');
    // issue 8: after a shared entry the choice is back on "alleen ZVH", so the next internal note stays internal
    await expect(reg.getByRole('radio', { name: 'Alleen het Zorg- en Veiligheidshuis', exact: true }).isChecked()).resolves.toBe(true);
    await expect(reg.getByRole('radio', { name: 'Alle deelnemers', exact: true }).isChecked()).resolves.toBe(false);
    await reg.locator('#logboek-text').fill('Intern: overleg met de officier, niet delen.');
    await reg.getByRole('button', { name: 'Toevoegen aan logboek' }).click();
    await reg.getByText('Intern: overleg met de officier, niet delen.').waitFor(TIMEOUT);
    await expectAccessible(reg, 'logboek');

    await openTab(reg, 'Documenten');
    // a png signature and its IHDR chunk: the server sniffs the type from the content (file-type)
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(32)]);
    await reg.locator('#document-bestand').setInputFiles({ name: 'verslag.png', mimeType: 'image/png', buffer: png });
    await reg.getByRole('button', { name: 'Uploaden' }).click();
    await waitForText(reg, 'Het document verslag.png is toegevoegd.');
    await reg.getByRole('link', { name: /verslag\.png/ }).waitFor(TIMEOUT);
    await expectAccessible(reg, 'documenten');
  });

  it('lets the police report its own agreement done, and only its own', async () => {
    await pol.getByRole('link', { name: 'Mijn werk', exact: true }).first().click();
    await pol.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor(TIMEOUT);
    await pol.getByRole('rowheader', { name: POLICE_AGREEMENT }).waitFor(TIMEOUT);
    await expect(pol.getByText(MUNICIPAL_AGREEMENT).count()).resolves.toBe(0);
    await expectAccessible(pol, 'mijn werk (politie)');

    await pol.getByRole('link', { name: NAME }).first().click();
    await pol.getByRole('heading', { level: 1, name: `Casus ${NAME}` }).waitFor(TIMEOUT);
    await pol.getByRole('tabpanel').getByRole('heading', { level: 2, name: 'Afspraken' }).waitFor(TIMEOUT);
    await expectAccessible(pol, 'afspraken (politie)');
    await expect(pol.getByRole('button', { name: new RegExp(`^Bijwerken\\s+afspraak\\s+${MUNICIPAL_AGREEMENT}`) }).count()).resolves.toBe(0);
    await pol.getByRole('button', { name: new RegExp(`^Bijwerken\\s+afspraak\\s+${POLICE_AGREEMENT}`) }).click();
    const dialog = pol.getByRole('dialog');
    await dialog.waitFor(TIMEOUT);
    // issue 8: the dialog starts on the agreement's current status, not on "Afgerond"
    await expect(dialog.getByRole('radio', { name: 'Open', exact: true }).isChecked()).resolves.toBe(true);
    await expect(dialog.getByRole('radio', { name: 'Afgerond', exact: true }).isChecked()).resolves.toBe(false);
    await dialog.getByRole('radio', { name: 'Afgerond', exact: true }).check();
    await dialog.getByLabel(/Toelichting/).fill('Huisbezoek afgelegd op 12 maart; betrokkene was thuis.');
    await expectAccessible(pol, 'afspraak bijwerken (dialoog)');
    await dialog.getByRole('button', { name: 'Opslaan' }).click();
    await waitForText(pol, `De afspraak ${POLICE_AGREEMENT} is bijgewerkt: Afgerond.`);
    await expect(pol.getByRole('row', { name: new RegExp(POLICE_AGREEMENT) }).getByText('Afgerond').count()).resolves.toBe(1);

    // the partner reads the plan and the shared journal entry
    await openTab(pol, 'Plan van aanpak');
    await waitForText(pol, 'Geen meldingen van overlast meer gedurende drie maanden.');
    await expectAccessible(pol, 'plan van aanpak (politie)');
    await openTab(pol, 'Logboek');
    await waitForText(pol, 'Casusoverleg gehad met politie en gemeente; plan besproken.');
    await expect(pol.getByText('Intern: overleg met de officier, niet delen.').count()).resolves.toBe(0);
    // a partner chooses the audience every time: nothing is preselected, and it resets after posting
    const choices = pol.locator('#logboek-visibility').getByRole('radio');
    await expect(choices.count()).resolves.toBe(3);
    for (const radio of await choices.all()) await expect(radio.isChecked()).resolves.toBe(false);
    await pol.locator('#logboek-text').fill('Betrokkene gesproken; medische informatie alleen voor het ZVH.');
    await pol.getByRole('button', { name: 'Toevoegen aan logboek' }).click();
    await pol.getByText('Kies voor wie dit zichtbaar is.').first().waitFor(TIMEOUT);
    await pol.getByRole('radio', { name: 'Alleen het Zorg- en Veiligheidshuis', exact: true }).check();
    await pol.getByRole('button', { name: 'Toevoegen aan logboek' }).click();
    await waitForText(pol, 'De regel is toegevoegd aan het logboek.');
    for (const radio of await choices.all()) await expect(radio.isChecked()).resolves.toBe(false);
    await expectAccessible(pol, 'logboek (politie)');
    // the author withdraws its own entry within the period (after a confirmation)
    await pol.getByRole('button', { name: /^Intrekken/ }).click();
    await pol.getByRole('button', { name: 'Ja, intrekken' }).click();
    await waitForText(pol, 'De regel is ingetrokken.');
    await expect(pol.getByText('Betrokkene gesproken; medische informatie alleen voor het ZVH.').count()).resolves.toBe(0);

    // the regisseur corrects its internal note: a new version, the original kept and marked
    await openTab(reg, 'Logboek');
    const internal = reg.getByRole('listitem').filter({ hasText: 'Intern: overleg met de officier' });
    await internal.getByRole('button', { name: /^Corrigeren/ }).click();
    await internal.getByLabel('Tekst').fill('Intern: overleg met de officier van justitie, niet delen.');
    await expect(internal.getByRole('radio', { name: 'Alleen het Zorg- en Veiligheidshuis', exact: true }).isChecked()).resolves.toBe(true);
    await expectAccessible(reg, 'logboek (correctie)');
    await internal.getByRole('button', { name: 'Correctie opslaan' }).click();
    await waitForText(reg, /De correctie is opgeslagen/);
    await reg.getByRole('listitem').filter({ hasText: 'officier, niet delen.' }).getByText('Gecorrigeerd').waitFor(TIMEOUT);
    await reg.getByText('Intern: overleg met de officier van justitie, niet delen.').waitFor(TIMEOUT);
  });

  it('lets the regisseur carry the open agreement over and close the case with a reason and an evaluation', async () => {
    await reg.reload({ waitUntil: 'load' });
    await reg.getByRole('heading', { level: 1, name: `Casus ${NAME}` }).waitFor(TIMEOUT);
    await openTab(reg, 'Afsluiten');
    await expectAccessible(reg, 'afsluiten (leeg)');

    // the done agreement needs no choice; the open one does
    await expect(reg.getByRole('radiogroup', { name: new RegExp(POLICE_AGREEMENT) }).count()).resolves.toBe(0);
    const choice = reg.getByRole('radiogroup', { name: new RegExp(MUNICIPAL_AGREEMENT) });
    await choice.waitFor(TIMEOUT);
    await reg.getByRole('button', { name: 'Casus afsluiten' }).click();
    await waitForText(reg, /Kies wat er met deze afspraak gebeurt/);
    await expectAccessible(reg, 'afsluiten (met fouten)');

    await choice.getByRole('radio', { name: 'Overdragen' }).check();
    await reg.locator('#afsluiten-reasonCode').selectOption('doel-bereikt');
    await reg.locator('#afsluiten-reason').fill('De overlast is gestopt en de woonbegeleiding loopt via de gemeente.');
    await reg.getByRole('radio', { name: 'Ja', exact: true }).check();
    await reg.locator('#afsluiten-helped').fill('Snelle afstemming tussen politie en gemeente.');
    await reg.getByRole('button', { name: 'Casus afsluiten' }).click();
    await waitForText(reg, 'De casus is afgesloten.');
    await reg.getByRole('heading', { level: 2, name: 'Deze casus is afgesloten' }).waitFor(TIMEOUT);
    await expectAccessible(reg, 'casus afgesloten');

    const closed = await reg.request.get(`${server.base}/api/cases/${caseId}`);
    expect(closed.status()).toBe(200);
    const body = await closed.json();
    expect(body.status).toBe('afgesloten');
    expect(body.closeReasonCode).toBe('doel-bereikt');
    expect(body.evaluation.goalsMet).toBe('ja');
    const byTitle = Object.fromEntries((body.agreements as { title: string; status: string; carriedOver: boolean }[]).map((a) => [a.title, a]));
    expect(byTitle[POLICE_AGREEMENT]).toMatchObject({ status: 'done', carriedOver: false });
    expect(byTitle[MUNICIPAL_AGREEMENT]).toMatchObject({ status: 'open', carriedOver: true });
    expect(body.plan.analysis[0]).toMatchObject({ domain: 'verslaving' });

    // a closed case is read-only: no plan form, and it can be reopened instead of closed
    await openTab(reg, 'Plan van aanpak');
    await expect(reg.getByRole('button', { name: 'Plan opslaan' }).count()).resolves.toBe(0);
    await expect(reg.getByRole('tab', { name: 'Heropenen' }).count()).resolves.toBe(1);
    await expect(reg.getByRole('tab', { name: 'Afsluiten' }).count()).resolves.toBe(0);

    await openTab(reg, 'Tijdlijn');
    await waitForText(reg, 'Casus afgesloten');
    await expectAccessible(reg, 'tijdlijn');
    await openTab(reg, 'Verwerkingenlog');
    await reg.getByRole('table', { name: /Verwerkingenlog/ }).waitFor(TIMEOUT);
    await waitForText(reg, 'politie');
    await expectAccessible(reg, 'verwerkingenlog');
  });

  it('lets ZVH staff register on behalf of a partner, and the partner sees the advice of a returned registration', async () => {
    await reg.getByRole('link', { name: 'Nieuwe aanmelding', exact: true }).first().click();
    await reg.locator('#aanmelding-registeringPartner').selectOption('politie');
    await reg.locator('#aanmelding-subject-firstName').fill('Karin');
    await reg.locator('#aanmelding-subject-lastName').fill('Voorbeeld');
    await reg.locator('#aanmelding-subject-birthDate').fill('1975-06-01');
    await reg.locator('#aanmelding-subject-gender').selectOption('vrouw');
    await reg.locator('#aanmelding-municipality').selectOption('GM0114');
    await reg.getByRole('radio', { name: 'Advies en ondersteuning' }).check();
    await reg.locator('#aanmelding-reason').fill('Burenruzie die uit de hand dreigt te lopen.');
    await reg.getByRole('button', { name: 'Aanmelding versturen' }).click();
    await waitForText(reg, 'Aanmelding verstuurd');

    await reg.getByRole('link', { name: 'Triage', exact: true }).first().click();
    await reg.getByRole('link', { name: 'Karin Voorbeeld' }).click();
    await reg.getByRole('heading', { level: 1, name: 'Triage: Karin Voorbeeld' }).waitFor(TIMEOUT);
    await reg.getByRole('button', { name: 'Triage starten' }).click();
    await waitForText(reg, 'De aanmelding staat nu in triage.');
    await reg.getByRole('radio', { name: 'Terugleggen met advies' }).check();
    await reg.getByRole('button', { name: 'Triage vastleggen' }).click();
    await waitForText(reg, 'Geef het advies mee waarmee de casus wordt teruggelegd.');
    await reg.locator('#triage-advice').fill('Schakel buurtbemiddeling in; meld opnieuw aan als er geweld dreigt.');
    await reg.getByRole('button', { name: 'Triage vastleggen' }).click();
    await reg.getByRole('heading', { level: 1, name: 'Triage' }).waitFor(TIMEOUT);
    await waitForText(reg, 'De triage van Karin Voorbeeld is vastgelegd: Terugleggen met advies.');
    await expectAccessible(reg, 'triagelijst (na triage)');

    await pol.getByRole('link', { name: 'Aanmeldingen', exact: true }).first().click();
    await pol.getByRole('link', { name: 'Karin Voorbeeld' }).click();
    await pol.getByRole('heading', { level: 1, name: 'Aanmelding Karin Voorbeeld' }).waitFor(TIMEOUT);
    await waitForText(pol, 'Schakel buurtbemiddeling in; meld opnieuw aan als er geweld dreigt.');
    await expect(pol.getByText('Teruggelegd', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expectAccessible(pol, 'aanmelding teruggelegd (registrant)');
  });

  it('shows the regisseur the lists and the person with the case in their history', async () => {
    await reg.getByRole('link', { name: 'Casussen', exact: true }).first().click();
    await reg.getByRole('heading', { level: 1, name: 'Casussen' }).waitFor(TIMEOUT);
    await reg.getByRole('link', { name: NAME }).waitFor(TIMEOUT);
    await expectAccessible(reg, 'casussen');

    await reg.getByRole('link', { name: 'Mijn werk', exact: true }).first().click();
    await reg.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor(TIMEOUT);
    await reg.getByRole('table', { name: /Open afspraken/ }).waitFor(TIMEOUT);
    await expectAccessible(reg, 'mijn werk (regisseur)');

    await reg.getByRole('link', { name: 'Aanmeldingen', exact: true }).first().click();
    await reg.getByRole('heading', { level: 1, name: 'Aanmeldingen' }).waitFor(TIMEOUT);
    await reg.getByRole('table', { name: 'Aanmeldingen' }).getByRole('link', { name: NAME }).click();
    await reg.getByRole('heading', { level: 1, name: `Aanmelding ${NAME}` }).waitFor(TIMEOUT);
    await waitForText(reg, 'Voldoet aan het landelijk kader');
    await expectAccessible(reg, 'aanmelding (regisseur)');

    await reg.getByRole('link', { name: 'Personen', exact: true }).first().click();
    await reg.getByRole('heading', { level: 1, name: 'Personen' }).waitFor(TIMEOUT);
    await reg.getByLabel('Naam, BSN of geboortedatum').fill('Testpersoon');
    await reg.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await waitForText(reg, '2 personen gevonden.');
    await expectAccessible(reg, 'personen');
    await reg.getByRole('table', { name: /Personen die passen/ }).getByRole('link', { name: NAME }).click();
    await reg.getByRole('heading', { level: 1, name: NAME }).waitFor(TIMEOUT);
    await reg.getByRole('link', { name: 'Casus bekijken' }).waitFor(TIMEOUT);
    await expectAccessible(reg, 'persoon');
    expect(registrationId).not.toBe('');

    // Mijn werk pages each section (issue 12): an open case with more than one page of the police's agreements
    const login = async (email: string) => {
      const r = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'demo-wachtwoord' } });
      expect(r.statusCode, r.body).toBe(200);
      return new TestClient(server.app, String([r.headers['set-cookie']].flat()[0]).split(';')[0]);
    };
    const open = await openCaseWith(await login('politie@demo.zvh'), await login('regisseur@demo.zvh'), { participants: ['politie'] });
    const owner = server.database.db;
    await owner.execute(sql`insert into agreements (tenant_id, case_id, partner_code, title, due_date, created_by)
      select c.tenant_id, c.id, 'politie', 'Afspraak ' || n, date '2020-01-01' + n, c.regisseur_id from cases c, generate_series(1, 60) n where c.id = ${open.caseId}`);
    const total = (await one<{ n: number }>(owner, sql`select count(*)::int as n from agreements a join cases c on c.id = a.case_id
      where a.partner_code = 'politie' and a.status = 'open' and c.status in ('advies', 'procesregie_lopend', 'heropend')`))!.n;
    expect(total).toBeGreaterThanOrEqual(60);
    await pol.getByRole('link', { name: 'Mijn werk', exact: true }).first().click();
    await pol.getByRole('heading', { level: 1, name: 'Mijn werk' }).waitFor(TIMEOUT);
    const table = pol.getByRole('table', { name: /Open afspraken/ });
    await table.waitFor(TIMEOUT);
    await waitForText(pol, `50 van ${total} getoond.`);
    const more = pol.locator('button[aria-describedby="mijn-werk-afspraken-shown"]');
    await more.focus();
    await pol.keyboard.press('Enter');
    await waitForText(pol, `${Math.min(100, total)} van ${total} getoond.`);
    expect(await table.locator('tbody tr').count()).toBe(Math.min(100, total));
    await expectAccessible(pol, 'mijn werk, tweede pagina');
  });
});
