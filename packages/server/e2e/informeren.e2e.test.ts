// SPDX-License-Identifier: EUPL-1.2
// Informing the person (AVG art. 14) and the processing log in Chromium: the registrant records on
// the registration page, with the keyboard, that the person was informed; the procesregisseur sees
// the reminder on the start page for a registration 28 days old and records the ground not to
// inform; the beheerder opens the processing log page and exports a day. No serious or critical
// axe violation, also at 390 px wide.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { freshSubject, registrationBody } from '../src/test/fixtures.js';
import { sql } from '../src/core/db/index.js';
import { axeViolations, launchBrowser, newPage, signIn, startApp } from './browser.js';
import type { RunningApp } from './browser.js';

let server: RunningApp;
let browser: Browser;
let pol: Page;
let reg: Page;
let adm: Page;
let fresh = '';
let old = '';
let oldName = '';
const TIMEOUT = { timeout: 20_000 };
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date());
const yesterday = new Date(Date.parse(`${today}T12:00:00Z`) - 864e5).toISOString().slice(0, 10);
const daysAgo = (n: number) => {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
};

beforeAll(async () => {
  server = await startApp();
  browser = await launchBrowser();
  pol = await newPage(browser);
  pol.setDefaultTimeout(20_000);
  await signIn(pol, server.base, 'politie@demo.zvh');
  await pol.getByRole('button', { name: /uitloggen/i }).first().waitFor(TIMEOUT);
  const create = async (subject: Record<string, unknown>) => {
    const r = await pol.request.post(`${server.base}/api/registrations`, { data: registrationBody({ subject }) });
    expect(r.status()).toBe(201);
    return ((await r.json()) as { id: string }).id;
  };
  fresh = await create(freshSubject());
  const subject = freshSubject();
  oldName = `${String(subject.firstName)} ${String(subject.lastName)}`;
  old = await create(subject);
  await server.database.db.execute(sql`update registrations set registered_at = ${daysAgo(28)}::date where id = ${old}`);

  reg = await newPage(browser);
  reg.setDefaultTimeout(20_000);
  await signIn(reg, server.base, 'regisseur@demo.zvh');
  await reg.getByRole('button', { name: /uitloggen/i }).first().waitFor(TIMEOUT);
  adm = await newPage(browser);
  adm.setDefaultTimeout(20_000);
  await signIn(adm, server.base, 'admin@demo.zvh');
  await adm.getByRole('button', { name: /uitloggen/i }).first().waitFor(TIMEOUT);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('informing the person', () => {
  it('the registrant records on the registration page, with the keyboard, that the person was informed', async () => {
    await pol.goto(`${server.base}/aanmeldingen/${fresh}`, { waitUntil: 'load' });
    const section = pol.getByRole('region', { name: 'Informeren van betrokkene (AVG art. 14)' });
    await section.getByText(/Nog niet vastgelegd of en hoe de betrokkene is geïnformeerd/).waitFor(TIMEOUT);
    expect(await axeViolations(pol)).toEqual([]);
    await section.getByRole('button', { name: 'Informeren vastleggen' }).click();
    await section.getByRole('radio', { name: 'Ja, geïnformeerd' }).check();
    await section.getByLabel('Datum van informeren').fill(today);
    await section.getByLabel('Hoe (kanaal)').selectOption('brief');
    expect(await axeViolations(pol)).toEqual([]);
    await section.getByRole('button', { name: 'Opslaan' }).focus();
    await pol.keyboard.press('Enter');
    await section.getByText('Het informeren van de betrokkene is vastgelegd.').waitFor(TIMEOUT);
    await section.getByText('Per brief').waitFor(TIMEOUT);
    await section.getByText('De aanmelder').waitFor(TIMEOUT);
    expect(await axeViolations(pol)).toEqual([]);
    await pol.setViewportSize({ width: 390, height: 844 });
    expect(await axeViolations(pol)).toEqual([]);
    await pol.setViewportSize({ width: 1280, height: 800 });
  });

  it('the regisseur is reminded on day 28 and records the ground not to inform', async () => {
    await reg.goto(`${server.base}/`, { waitUntil: 'load' });
    const reminder = reg.getByRole('region', { name: 'Betrokkene nog informeren (AVG art. 14)' });
    await reminder.getByText(oldName).first().waitFor(TIMEOUT);
    expect(await axeViolations(reg)).toEqual([]);
    await reg.goto(`${server.base}/aanmeldingen/${old}`, { waitUntil: 'load' });
    const section = reg.getByRole('region', { name: 'Informeren van betrokkene (AVG art. 14)' });
    await section.getByText(/staat sinds .* open/).waitFor(TIMEOUT);
    await section.getByRole('button', { name: 'Informeren vastleggen' }).click();
    await section.getByRole('radio', { name: 'Nee, met vastgelegde reden' }).check();
    // the form refuses a missing reason on the page
    await section.getByRole('button', { name: 'Opslaan' }).click();
    await section.getByText('Kies de reden om niet te informeren').first().waitFor(TIMEOUT);
    await section.getByLabel('Reden om niet te informeren').selectOption('gevaar');
    await section.getByLabel('Toelichting op de reden').fill('Dreiging richting de melder is bekend bij de politie');
    expect(await axeViolations(reg)).toEqual([]);
    await section.getByRole('button', { name: 'Opslaan' }).click();
    await section.getByText('Gevaar voor de betrokkene of anderen').waitFor(TIMEOUT);
    await reg.goto(`${server.base}/`, { waitUntil: 'load' });
    await reg.getByRole('region', { name: 'Betrokkene nog informeren (AVG art. 14)' }).waitFor(TIMEOUT);
    expect(await reg.getByRole('region', { name: 'Betrokkene nog informeren (AVG art. 14)' }).getByText(oldName).count()).toBe(0);
  });
});

describe('processing log page', () => {
  it('the beheerder sees the seal and exports a day in the standard fields', async () => {
    await adm.goto(`${server.base}/verwerkingenlog`, { waitUntil: 'load' });
    await adm.getByRole('heading', { level: 1, name: 'Verwerkingenlog' }).waitFor(TIMEOUT);
    // the log's months are UTC months (core/log-chain monthOf), the partitions of the table
    await adm.getByRole('table', { name: 'Verzegelde maanden' }).getByRole('row', { name: new RegExp(`^${new Date().toISOString().slice(0, 7)}`) }).waitFor(TIMEOUT);
    expect(await axeViolations(adm)).toEqual([]);
    // yesterday and today: a record written just before midnight is still found just after it
    await adm.getByLabel('Van', { exact: true }).fill(yesterday);
    await adm.getByLabel('Tot en met', { exact: true }).fill(today);
    const href = await adm.getByRole('link', { name: 'Exporteren' }).getAttribute('href');
    expect(href).toBe(`/api/processing-log/export?from=${yesterday}&to=${today}&format=ndjson`);
    const res = await adm.request.get(`${server.base}${href}`);
    expect(res.status()).toBe(200);
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as { name: string; attributes: Record<string, unknown> });
    expect(lines.some((l) => l.name === 'informeren.create' && l.attributes['dpl.zvh.responsible_partner'] === 'politie')).toBe(true);
    await adm.setViewportSize({ width: 390, height: 844 });
    expect(await axeViolations(adm)).toEqual([]);
  });
});
