// SPDX-License-Identifier: EUPL-1.2
// Informing the person (AVG art. 14): recording when and how, or the ground not to; access and
// validation; the start page's reminder from exactly day 28; the annual report's section.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { freshSubject, register } from '../../test/fixtures.js';
import { one, rows, sql } from '../../core/db/index.js';
import { addDays, amsterdamDate } from '../../core/day-sections.js';
import { INFORM_REMINDER_DAYS } from './service.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient, ggz: TestClient, mgr: TestClient, adm: TestClient;
let today: string;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg, ggz, mgr, adm] = await Promise.all(['politie', 'regisseur', 'ggz', 'manager', 'admin'].map((u) => env.as(`${u}@demo.zvh`)));
  today = amsterdamDate(new Date());
});
afterAll(async () => { await env?.close(); });

const registeredDaysAgo = (id: string, days: number) => env.database.db.execute(sql`
  update registrations set registered_at = ${addDays(today, -days)}::date where id = ${id}`);
const informSection = async (client: TestClient) => {
  const r = await client.get('/api/werkdag');
  expect(r.status, r.text).toBe(200);
  return (r.body.sections as { key: string; entries: { id: string }[] }[]).find((s) => s.key === 'informeren');
};

describe('recording informing', () => {
  it('is open at first, then recorded by the registrant, changed by the ZVH with the version, and logged', async () => {
    const id = await register(pol, { subject: freshSubject() });
    const first = await pol.get(`/api/registrations/${id}/informing`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'open', version: 0, remindFrom: addDays(today, INFORM_REMINDER_DAYS), overdue: false, canEdit: true });

    const put = await pol.put(`/api/registrations/${id}/informing`, { status: 'informed', informedOn: today, informedBy: 'registrant', channel: 'gesprek' });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({ status: 'informed', informedOn: today, informedBy: 'registrant', channel: 'gesprek', version: 1, recordedByName: expect.any(String) });

    // the current version is accepted; a stale one is refused and changes nothing
    const changed = await reg.put(`/api/registrations/${id}/informing`, { status: 'not_informed', reason: 'gevaar', note: 'Dreiging richting melder bekend', version: 1 });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body).toMatchObject({ status: 'not_informed', reason: 'gevaar', informedOn: null, channel: null, version: 2 });
    const stale = await pol.put(`/api/registrations/${id}/informing`, { status: 'informed', informedOn: today, informedBy: 'registrant', channel: 'brief' }, { 'if-match': '"v1"' });
    expect(stale.status).toBe(409);
    expect((await pol.get(`/api/registrations/${id}/informing`)).body).toMatchObject({ status: 'not_informed', version: 2 });

    const log = await rows<{ action: string; activity: string; actor_email: string; responsible_partner: string }>(env.database.db, sql`
      select action, activity, actor_email, responsible_partner from processing_log where registration_id = ${id} and activity = 'informeren' order by id`);
    expect(log.map((l) => [l.action, l.actor_email, l.responsible_partner])).toEqual([
      ['read', 'politie@demo.zvh', 'politie'], ['create', 'politie@demo.zvh', 'politie'], ['update', 'regisseur@demo.zvh', 'zvh'],
      ['read', 'politie@demo.zvh', 'politie'],
    ]);
  });

  it('refuses bad input and changes nothing', async () => {
    const id = await register(pol, { subject: freshSubject() });
    const bad = [
      { status: 'informed', informedOn: addDays(today, 1), informedBy: 'registrant', channel: 'brief' }, // in the future
      { status: 'informed', informedOn: today, informedBy: 'zvh', channel: 'brief' }, // a partner cannot record what the ZVH did
      { status: 'informed', informedOn: today, informedBy: 'registrant', channel: 'duiven' },
      { status: 'not_informed', reason: 'gevaar' }, // no explanation
      { status: 'not_informed', reason: 'geen-zin', note: 'Een toelichting van voldoende lengte' },
      { status: 'open' },
    ];
    for (const body of bad) {
      const r = await pol.put(`/api/registrations/${id}/informing`, body);
      expect([400, 422], JSON.stringify(body)).toContain(r.status);
    }
    expect((await pol.get(`/api/registrations/${id}/informing`)).body.status).toBe('open');
  });

  it('answers a registration one may not see exactly like a missing one, and refuses roles without the permission', async () => {
    const id = await register(pol, { subject: freshSubject() });
    const missing = await ggz.get('/api/registrations/00000000-0000-4000-8000-000000000000/informing');
    const hidden = await ggz.get(`/api/registrations/${id}/informing`);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toEqual(missing.body);
    const put = await ggz.put(`/api/registrations/${id}/informing`, { status: 'informed', informedOn: today, informedBy: 'registrant', channel: 'brief' });
    expect(put.status).toBe(404);
    expect((await mgr.put(`/api/registrations/${id}/informing`, { status: 'informed', informedOn: today, informedBy: 'zvh', channel: 'brief' })).status).toBe(403);
    expect((await env.anon.get(`/api/registrations/${id}/informing`)).status).toBe(401);
  });
});

describe('reminder on the start page', () => {
  it('appears from exactly day 28 after the registration for the ZVH and the registrant, and goes once recorded', async () => {
    const day27 = await register(pol, { subject: freshSubject() });
    const day28 = await register(pol, { subject: freshSubject() });
    await registeredDaysAgo(day27, INFORM_REMINDER_DAYS - 1);
    await registeredDaysAgo(day28, INFORM_REMINDER_DAYS);
    for (const client of [reg, pol]) {
      const section = await informSection(client);
      const shown = section!.entries.map((e) => e.id);
      expect(shown).toContain(day28);
      expect(shown).not.toContain(day27);
    }
    // another partner's professional does not see it
    expect((await informSection(ggz))?.entries.map((e) => e.id) ?? []).not.toContain(day28);
    expect((await pol.get(`/api/registrations/${day28}/informing`)).body).toMatchObject({ overdue: true, remindFrom: today });
    expect((await pol.get(`/api/registrations/${day27}/informing`)).body.overdue).toBe(false);

    const r = await reg.put(`/api/registrations/${day28}/informing`, { status: 'informed', informedOn: today, informedBy: 'zvh', channel: 'telefoon' });
    expect(r.status, r.text).toBe(200);
    expect((await informSection(reg))!.entries.map((e) => e.id)).not.toContain(day28);
  });
});

describe('annual report section', () => {
  it('counts informed, not informed per reason and open without changing the other figures', async () => {
    const year = Number(today.slice(0, 4));
    const before = await mgr.get(`/api/reports/annual?year=${year}`);
    expect(before.status, before.text).toBe(200);
    const a = await register(pol, { subject: freshSubject() });
    const b = await register(pol, { subject: freshSubject() });
    const c = await register(pol, { subject: freshSubject() });
    const mid = await mgr.get(`/api/reports/annual?year=${year}`);
    expect((await pol.put(`/api/registrations/${a}/informing`, { status: 'informed', informedOn: today, informedBy: 'registrant', channel: 'brief' })).status).toBe(200);
    const rb = await reg.put(`/api/registrations/${b}/informing`, { status: 'not_informed', reason: 'doel_ondermijnd', note: 'Lopend onderzoek; informeren zou het doel ondermijnen' });
    expect(rb.status, rb.text).toBe(200);
    void c;
    const after = await mgr.get(`/api/reports/annual?year=${year}`);
    const i0 = mid.body.informing, i1 = after.body.informing;
    expect(i1.registrations).toBe(i0.registrations);
    expect(i1.informed - i0.informed).toBe(1);
    expect(i1.informedByRegistrant - i0.informedByRegistrant).toBe(1);
    expect(i1.notInformed - i0.notInformed).toBe(1);
    expect(i1.notInformedByReason.doel_ondermijnd - i0.notInformedByReason.doel_ondermijnd).toBe(1);
    expect(i0.open - i1.open).toBe(2);
    expect(i1.informed + i1.notInformed + i1.open).toBe(i1.registrations);
    // recording informing changes no other figure of the report
    const { informing: _x, ...restMid } = mid.body;
    const { informing: _y, ...restAfter } = after.body;
    expect(restAfter).toEqual(restMid);
    const n = await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from registrations
      where person_id is not null and registered_at between ${`${year}-01-01`}::date and ${`${year}-12-31`}::date`);
    expect(i1.registrations).toBe(n!.n);
    // the exports carry the section too
    const xlsx = await adm.req('GET', `/api/reports/annual.xlsx?year=${year}`);
    expect(xlsx.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await env.app.inject({ method: 'GET', url: `/api/reports/annual.xlsx?year=${year}`, headers: { cookie: adm.cookie! } })).rawPayload as never);
    const sheet = wb.getWorksheet('Informeren betrokkene');
    expect(sheet).toBeDefined();
    const values = sheet!.getSheetValues().flat().filter((v) => typeof v === 'number');
    expect(values).toContain(i1.registrations);
  });
});
