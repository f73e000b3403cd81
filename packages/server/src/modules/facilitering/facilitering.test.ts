// SPDX-License-Identifier: EUPL-1.2
// The facilitated meetings' records through the API: who sees what (404 like a record that does
// not exist), validation (4xx, nothing changed), veelpleger status history, nazorg consent and
// escalation to an aanmelding, the processing log, and recordsForAgenda.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { setupTestEnv } from '../../test/harness.js';
import type { Db } from '../../core/db/index.js';
import { one, rows, sql } from '../../core/db/index.js';
import { hashPassword } from '../../core/auth/password.js';
import { today } from '../../core/reference-check.js';
import type { Ctx } from '../../core/context.js';
import { recordsForAgenda } from './service.js';

let env: TestEnv;
let db: Db;
let tenantId: string;
let zvh: TestClient, regisseur: TestClient, om: TestClient, politie: TestClient, leerplicht0118: TestClient, leerplicht0106: TestClient;
let gemeente1730: TestClient, gemeente0106: TestClient;

async function user(organisation: string, municipality: string | null): Promise<string> {
  const email = `${organisation}-${randomUUID().slice(0, 6)}@test.zvh`;
  await db.execute(sql`insert into users (tenant_id, email, name, organisation_code, municipality_code, roles, password_hash, is_demo)
    values (${tenantId}, ${email}, ${'Test ' + organisation}, ${organisation}, ${municipality}, '{professional}', ${await hashPassword('demo-wachtwoord')}, true)`);
  return email;
}

beforeAll(async () => {
  env = await setupTestEnv();
  db = env.database.db;
  tenantId = (await one<{ tenant_id: string }>(db, sql`select tenant_id from users where email = 'regisseur@demo.zvh'`))!.tenant_id;
  zvh = await env.as('informatie@demo.zvh');
  regisseur = await env.as('regisseur@demo.zvh');
  politie = await env.as('politie@demo.zvh');
  gemeente0106 = await env.as('gemeente@demo.zvh'); // gemeente-oov of Assen (no nazorg plustaak)
  om = await env.as(await user('om', null));
  leerplicht0118 = await env.as(await user('leerplicht', 'GM0118'));
  leerplicht0106 = await env.as(await user('leerplicht', 'GM0106'));
  gemeente1730 = await env.as(await user('gemeente-sd', 'GM1730'));
});
afterAll(async () => { await env?.close(); });

const zvhCtx = (over: Partial<Ctx['actor']> = {}): Ctx => ({
  actor: { userId: randomUUID(), sessionId: 's', tenantId, tenantCode: 'drenthe', email: 'x@test', name: 'x', organisationCode: 'zvh', organisationKind: 'zvh', municipalityCode: null, roles: ['procesregisseur'], mustChangePassword: false, ...over },
  traceId: 't', db,
});
let n = 0;
const subject = (bsn?: string) => ({ firstName: 'Kees', lastName: `Smit${++n}`, birthDate: '1990-01-20', gender: 'man', ...(bsn ? { bsn } : {}) });
const logCount = async (activity: string, action: string, recordId: string) =>
  (await one<{ n: number }>(db, sql`select count(*)::int as n from processing_log where activity = ${activity} and action = ${action} and details->>'id' = ${recordId}`))!.n;

describe('veelplegers', () => {
  it('OM marks a veelpleger; a status change closes the record the day before and starts the next; listed per region with history', async () => {
    const created = await om.post('/api/facilitated/veelplegers', { subject: subject('123456782'), municipality: 'GM0106', status: 'veelpleger', from: '2024-01-15' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(await logCount('veelplegersaanpak', 'create', id)).toBe(1);

    // a second, overlapping record for the same person is refused: that is a status change
    const overlap = await om.post('/api/facilitated/veelplegers', { subject: { ...subject('123456782') }, municipality: 'GM0106', status: 'zeer-actieve-veelpleger', from: '2024-06-01' });
    expect(overlap.status).toBe(409);

    const change = await om.post(`/api/facilitated/veelplegers/${id}/status-change`, { status: 'zeer-actieve-veelpleger', from: '2024-07-01', municipality: 'GM0114' });
    expect(change.status).toBe(201);
    const old = await om.get(`/api/facilitated/veelplegers/${id}`);
    expect(old.body).toMatchObject({ status: 'veelpleger', from: '2024-01-15', until: '2024-06-30', region: 'noord' });
    expect(old.body.history.map((h: { status: string }) => h.status)).toEqual(['zeer-actieve-veelpleger', 'veelpleger']);

    const list = await om.get('/api/facilitated/veelplegers');
    expect(list.status).toBe(200);
    const zuidoost = list.body.find((r: { region: string }) => r.region === 'zuidoost');
    const entry = zuidoost.persons.find((p: { current: { id: string } | null }) => p.current?.id === change.body.id);
    expect(entry.history).toHaveLength(2);
    expect(list.body.find((r: { region: string }) => r.region === 'noord').persons.some((p: { history: { id: string }[] }) => p.history.some((h) => h.id === id))).toBe(false);
    expect(await logCount('veelplegersaanpak', 'read', id)).toBeGreaterThanOrEqual(2);

    // a status change must start after the current record's start and differ from it
    expect((await om.post(`/api/facilitated/veelplegers/${change.body.id}/status-change`, { status: 'veelpleger', from: '2024-07-01' })).status).toBe(422);
    expect((await om.post(`/api/facilitated/veelplegers/${id}/status-change`, { status: 'veelpleger', from: '2024-08-01' })).status).toBe(409); // already closed
  });

  it('validates input with 4xx and changes nothing', async () => {
    const before = (await one<{ n: number }>(db, sql`select count(*)::int as n from veelpleger_records`))!.n;
    expect((await om.post('/api/facilitated/veelplegers', { subject: subject(), municipality: 'GM9999', status: 'veelpleger', from: '2024-01-01' })).status).toBe(422);
    expect((await om.post('/api/facilitated/veelplegers', { subject: subject(), municipality: 'GM0106', status: 'held', from: '2024-01-01' })).status).toBe(422);
    expect((await om.post('/api/facilitated/veelplegers', { subject: subject(), municipality: 'GM0106', status: 'veelpleger', from: '2024-05-01', until: '2024-04-30' })).status).toBe(422);
    expect((await om.post('/api/facilitated/veelplegers', { subject: subject(), municipality: 'GM0106', status: 'veelpleger', from: '2024-13-01' })).status).toBe(400);
    expect((await om.post('/api/facilitated/veelplegers', { subject: subject('123456789'), municipality: 'GM0106', status: 'veelpleger', from: '2024-01-01' })).status).toBe(422);
    // adults only: 18 on the start date exactly is fine, the day before is not
    const minor = { ...subject(), birthDate: '2006-02-20' };
    expect((await om.post('/api/facilitated/veelplegers', { subject: minor, municipality: 'GM0106', status: 'veelpleger', from: '2024-02-19' })).status).toBe(422);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from veelpleger_records`))!.n).toBe(before);
    expect((await om.post('/api/facilitated/veelplegers', { subject: minor, municipality: 'GM0106', status: 'veelpleger', from: '2024-02-20' })).status).toBe(201);
  });

  it('gives the veelplegersoverleg its agenda: persons with a status today, per region', async () => {
    const { body } = await om.post('/api/facilitated/veelplegers', { subject: subject(), municipality: 'GM1701', status: 'veelpleger', from: '2024-03-01' });
    const ended = await om.post('/api/facilitated/veelplegers', { subject: subject(), municipality: 'GM1701', status: 'veelpleger', from: '2023-03-01', until: '2023-12-31' });
    const zuidwest = await recordsForAgenda(zvhCtx(), 'veelpleger', 'zuidwest');
    expect(zuidwest.map((r) => r.id)).toContain(body.id);
    expect(zuidwest.map((r) => r.id)).not.toContain(ended.body.id);
    expect(zuidwest.find((r) => r.id === body.id)).toMatchObject({ kind: 'veelpleger', municipality: 'GM1701', region: 'zuidwest', summary: 'veelpleger' });
    expect((await recordsForAgenda(zvhCtx(), 'veelpleger', 'noord')).map((r) => r.id)).not.toContain(body.id);
    // a partner without access gets nothing
    expect(await recordsForAgenda(zvhCtx({ organisationCode: 'politie', organisationKind: 'partner', roles: ['professional'] }), 'veelpleger')).toEqual([]);
  });

  it('is for ZVH staff and the OM only: others get 403 on the list and 404 on a record', async () => {
    const { body } = await zvh.post('/api/facilitated/veelplegers', { subject: subject(), municipality: 'GM0118', status: 'veelpleger', from: '2024-02-01' });
    expect((await zvh.get(`/api/facilitated/veelplegers/${body.id}`)).status).toBe(200);
    for (const c of [politie, leerplicht0118, gemeente1730, gemeente0106]) {
      expect((await c.get('/api/facilitated/veelplegers')).status).toBe(403);
      expect((await c.get(`/api/facilitated/veelplegers/${body.id}`)).status).toBe(404);
      expect((await c.patch(`/api/facilitated/veelplegers/${body.id}`, { note: 'x' })).status).toBe(404);
    }
    expect((await politie.get(`/api/facilitated/veelplegers/${randomUUID()}`)).status).toBe(404);
  });
});

describe('LPCO', () => {
  it('leerplicht records for its own municipality and records the afdoening; other municipalities see nothing', async () => {
    const created = await leerplicht0118.post('/api/facilitated/lpco', { subject: subject(), concerns: 'leerling-en-ouders', municipality: 'GM0118', registeredAt: '2024-02-11' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await leerplicht0118.post('/api/facilitated/lpco', { subject: subject(), municipality: 'GM0106', registeredAt: '2024-02-11' })).status).toBe(403);
    // on the LPCO's agenda until it is discussed
    expect((await recordsForAgenda(zvhCtx(), 'lpco', 'zuidwest')).map((r) => r.id)).toContain(id);
    // discussedAt before the proces-verbaal, and an outcome without a date: 422
    expect((await leerplicht0118.patch(`/api/facilitated/lpco/${id}`, { discussedAt: '2024-02-10', outcome: 'trip' })).status).toBe(422);
    expect((await leerplicht0118.patch(`/api/facilitated/lpco/${id}`, { outcome: 'trip' })).status).toBe(422);
    expect((await leerplicht0118.patch(`/api/facilitated/lpco/${id}`, { discussedAt: '2024-02-11', outcome: 'onbekend' })).status).toBe(422);
    const done = await leerplicht0118.patch(`/api/facilitated/lpco/${id}`, { discussedAt: '2024-02-11', outcome: 'trip', version: 1 });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ discussedAt: '2024-02-11', outcome: 'trip', concerns: 'leerling-en-ouders', version: 2 });
    expect((await leerplicht0118.patch(`/api/facilitated/lpco/${id}`, { note: 'oud', version: 1 })).status).toBe(409);
    expect((await recordsForAgenda(zvhCtx(), 'lpco')).map((r) => r.id)).not.toContain(id);

    expect((await leerplicht0118.get('/api/facilitated/lpco')).body.map((r: { id: string }) => r.id)).toContain(id);
    expect((await leerplicht0106.get('/api/facilitated/lpco')).body.map((r: { id: string }) => r.id)).not.toContain(id);
    expect((await leerplicht0106.get(`/api/facilitated/lpco/${id}`)).status).toBe(404);
    expect((await regisseur.get(`/api/facilitated/lpco/${id}`)).status).toBe(200);
    for (const c of [om, politie, gemeente0106]) expect((await c.get(`/api/facilitated/lpco/${id}`)).status).toBe(404);
    expect(await logCount('lpco', 'update', id)).toBe(1);
  });
});

describe('nazorg', () => {
  it('only in plustaak municipalities; the coordinator of that municipality only sees its own', async () => {
    expect((await zvh.post('/api/facilitated/nazorg', { subject: subject(), municipality: 'GM0106', registeredAt: '2024-04-02' })).status).toBe(422);
    const created = await gemeente1730.post('/api/facilitated/nazorg', { subject: subject(), municipality: 'GM1730', registeredAt: '2024-04-02', releasedAt: '2024-05-15' });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await gemeente1730.post('/api/facilitated/nazorg', { subject: subject(), municipality: 'GM1680', registeredAt: '2024-04-02' })).status).toBe(403);
    expect((await gemeente1730.get('/api/facilitated/nazorg')).body.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await gemeente0106.get('/api/facilitated/nazorg')).body).toEqual([]);
    for (const c of [gemeente0106, politie, om, leerplicht0118]) expect((await c.get(`/api/facilitated/nazorg/${id}`)).status).toBe(404);
    const r = await regisseur.get(`/api/facilitated/nazorg/${id}`);
    expect(r.status).toBe(200);
    expect(Object.keys(r.body.conditions)).toEqual(['id-bewijs', 'onderdak', 'inkomen', 'schulden', 'zorg']);
    expect(r.body.consent).toEqual({ given: null, date: null, recordedAt: null });
  });

  it('records the basic conditions before and after release, consent, and keeps them apart from agendas without consent', async () => {
    const { body } = await gemeente1730.post('/api/facilitated/nazorg', { subject: subject(), municipality: 'GM1730', registeredAt: '2024-04-02' });
    const id = body.id;
    const upd = await gemeente1730.patch(`/api/facilitated/nazorg/${id}`, { releasedAt: '2024-05-15', conditions: { onderdak: { before: 'niet-geregeld', after: 'in-behandeling' }, 'id-bewijs': { before: 'geregeld' } } });
    expect(upd.status).toBe(200);
    expect(upd.body.conditions.onderdak).toEqual({ before: 'niet-geregeld', after: 'in-behandeling' });
    expect(upd.body.conditions['id-bewijs']).toEqual({ before: 'geregeld', after: null });
    expect((await gemeente1730.patch(`/api/facilitated/nazorg/${id}`, { conditions: { vervoer: { before: 'geregeld' } } })).status).toBe(422);
    expect((await gemeente1730.patch(`/api/facilitated/nazorg/${id}`, { conditions: { zorg: { before: 'misschien' } } })).status).toBe(400);
    expect((await gemeente1730.patch(`/api/facilitated/nazorg/${id}`, { releasedAt: '2024-04-01' })).status).toBe(422);

    const ctx: Ctx = { actor: { userId: randomUUID(), sessionId: 's', tenantId, tenantCode: 'drenthe', email: 'x@test', name: 'x', organisationCode: 'zvh', organisationKind: 'zvh', municipalityCode: null, roles: ['procesregisseur'], mustChangePassword: false }, traceId: 't', db };
    expect((await recordsForAgenda(ctx, 'nazorg')).map((r) => r.id)).not.toContain(id);
    const consent = await gemeente1730.post(`/api/facilitated/nazorg/${id}/consent`, { given: true, date: '2024-04-10' });
    expect(consent.status).toBe(200);
    expect(consent.body.consent).toMatchObject({ given: true, date: '2024-04-10' });
    expect((await gemeente1730.post(`/api/facilitated/nazorg/${id}/consent`, { given: true, date: '2024-04-01' })).status).toBe(422);
    const agenda = await recordsForAgenda(ctx, 'nazorg', 'noord');
    expect(agenda.map((r) => r.id)).toContain(id);
    expect(agenda.find((r) => r.id === id)).toMatchObject({ kind: 'nazorg', municipality: 'GM1730', region: 'noord' });
    expect((await recordsForAgenda(ctx, 'nazorg', 'zuidwest')).map((r) => r.id)).not.toContain(id);
    expect(await logCount('nazorg-ex-gedetineerden', 'read', id)).toBeGreaterThanOrEqual(1);
  });

  it('escalates to an aanmelding for procesregie in one step, keeping the record and its history', async () => {
    const { body } = await zvh.post('/api/facilitated/nazorg', { subject: subject('111222333'), municipality: 'GM1731', registeredAt: '2024-04-02', releasedAt: '2024-04-20' });
    const id = body.id;
    await zvh.patch(`/api/facilitated/nazorg/${id}`, { conditions: { schulden: { after: 'niet-geregeld' } } });
    const before = (await one<{ n: number }>(db, sql`select count(*)::int as n from registrations`))!.n;
    expect((await zvh.post(`/api/facilitated/nazorg/${id}/escalate`, { reason: 'Schulden en onderdak lopen vast', mainTopic: 'bestaat-niet' })).status).toBe(422);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from registrations`))!.n).toBe(before);
    const esc = await zvh.post(`/api/facilitated/nazorg/${id}/escalate`, { reason: 'Schulden en onderdak lopen vast', mainTopic: 'ernstige-overlast', problemAreas: ['schulden'] });
    expect(esc.status).toBe(201);
    const reg = await one<Record<string, any>>(db, sql`select r.kind, r.status, r.municipality_code, r.registering_partner, r.reason, p.bsn
      from registrations r join persons p on p.id = r.person_id where r.id = ${esc.body.registrationId}`);
    expect(reg).toMatchObject({ kind: 'procesregie', status: 'aangemeld', municipality_code: 'GM1731', registering_partner: 'dji', bsn: '111222333' });
    expect(reg!.reason).toContain('signaal DJI van 2024-04-02');
    const after = await zvh.get(`/api/facilitated/nazorg/${id}`);
    expect(after.body).toMatchObject({ registrationId: esc.body.registrationId, releasedAt: '2024-04-20' });
    expect(after.body.conditions.schulden.after).toBe('niet-geregeld');
    expect((await zvh.post(`/api/facilitated/nazorg/${id}/escalate`, { reason: 'nog eens', mainTopic: 'ernstige-overlast' })).status).toBe(409);
    expect((await zvh.delete(`/api/facilitated/nazorg/${id}`)).status).toBe(409);
    // the manager may read but not register
    const manager = await env.as('manager@demo.zvh');
    const other = await zvh.post('/api/facilitated/nazorg', { subject: subject(), municipality: 'GM1731', registeredAt: '2024-04-02' });
    expect((await manager.post(`/api/facilitated/nazorg/${other.body.id}/escalate`, { reason: 'x', mainTopic: 'ernstige-overlast' })).status).toBe(403);
  });

  it('never changes the case figures: no registration or case is made by recording', async () => {
    const count = async () => (await one<{ n: number }>(db, sql`select (select count(*) from registrations) + (select count(*) from cases) as n`))!.n;
    const before = await count();
    await zvh.post('/api/facilitated/nazorg', { subject: subject(), municipality: 'GM1690', registeredAt: '2024-04-02' });
    await zvh.post('/api/facilitated/lpco', { subject: subject(), municipality: 'GM1690', registeredAt: '2024-04-02', discussedAt: today() > '2024-05-01' ? '2024-05-01' : null, outcome: today() > '2024-05-01' ? 'vsv' : null });
    await zvh.post('/api/facilitated/veelplegers', { subject: subject(), municipality: 'GM1690', status: 'veelpleger', from: '2024-04-02' });
    expect(await count()).toBe(before);
    const rec = await rows<{ n: number }>(db, sql`select count(*)::int as n from processing_log where activity in ('nazorg-ex-gedetineerden', 'lpco', 'veelplegersaanpak') and action = 'create'`);
    expect(rec[0]!.n).toBeGreaterThanOrEqual(3);
  });
});
