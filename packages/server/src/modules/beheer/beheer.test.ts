// SPDX-License-Identifier: EUPL-1.2
// Beheer of the reference data: partners, municipalities and code lists; the installation's
// reference data (shared/spec/reference-data.md) and idempotent seeding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { one, sql } from '../../core/db/index.js';
import { seedInstallation } from '../../core/seed.js';
import { managerCtx } from '../../test/fixtures.js';
import * as service from './service.js';

let env: TestEnv;
let admin: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  admin = await env.as('admin@demo.zvh');
});
afterAll(async () => { await env?.close(); });

type Org = { code: string; name: string; kind: string; domain: string | null; active: boolean };
type Mun = { code: string; name: string; region: string; nazorgPlustaak: boolean; active: boolean };
type Entry = { code: string; label: string; active: boolean; sort: number };
const reference = async () => (await admin.get('/api/reference')).body as { municipalities: Mun[]; organisations: Org[]; codeLists: Record<string, Entry[]> };

// shared/spec/reference-data.md, written out here on purpose: the test checks the shared package against the spec
const MUNICIPALITIES: [string, string, string][] = [
  ['GM1680', 'Aa en Hunze', 'noord'], ['GM0106', 'Assen', 'noord'], ['GM1699', 'Noordenveld', 'noord'], ['GM1730', 'Tynaarlo', 'noord'],
  ['GM1681', 'Borger-Odoorn', 'zuidoost'], ['GM0109', 'Coevorden', 'zuidoost'], ['GM0114', 'Emmen', 'zuidoost'],
  ['GM0118', 'Hoogeveen', 'zuidwest'], ['GM0119', 'Meppel', 'zuidwest'], ['GM1731', 'Midden-Drenthe', 'zuidwest'],
  ['GM1701', 'Westerveld', 'zuidwest'], ['GM1690', 'De Wolden', 'zuidwest'],
];
const NAZORG = ['GM1680', 'GM1730', 'GM1690', 'GM0118', 'GM1731'];
const PARTNERS: [string, string, string][] = [
  ['andere-zvh', 'Andere zorg- en veiligheidshuizen', 'gemeente'], ['cosis', 'Cosis', 'zorg'],
  ['dji', 'Dienst Justitiële Inrichtingen', 'justitie'], ['gemeente-oov', 'Gemeente (openbare orde en veiligheid)', 'gemeente'],
  ['gemeente-sd', 'Gemeente (sociaal domein)', 'gemeente'], ['ggd-oggz', 'GGD (OGGZ)', 'zorg'], ['ggz-drenthe', 'GGZ Drenthe', 'zorg'],
  ['jbn-jeugdbescherming', 'Jeugdbescherming Noord (jeugdbescherming)', 'zorg'],
  ['jbn-jeugdreclassering', 'Jeugdbescherming Noord (jeugdreclassering)', 'justitie'],
  ['ldh-welzijn', 'Leger des Heils (welzijn)', 'zorg'], ['ldh-reclassering', 'Leger des Heils (reclassering)', 'justitie'],
  ['mee-drenthe', 'MEE Drenthe', 'zorg'], ['menso', 'Menso', 'zorg'], ['om', 'Openbaar Ministerie', 'justitie'],
  ['politie', 'Politie', 'justitie'], ['rvdk', 'Raad voor de Kinderbescherming', 'justitie'],
  ['3ro', 'Reclasseringsorganisaties (3RO)', 'justitie'], ['sociale-teams', 'Sociale teams', 'gemeente'],
  ['halt', 'Stichting HALT', 'justitie'], ['leerplicht', 'Leerplicht en RMC (gemeente)', 'gemeente'], ['vnn', 'Verslavingszorg Noord Nederland', 'zorg'],
  ['veilig-thuis', 'Veilig Thuis Drenthe', 'zorg'], ['william-schrikker', 'William Schrikker', 'zorg'], ['zsm', 'ZSM', 'justitie'],
];
const CODE_LISTS: Record<string, string[]> = {
  caseKind: ['procesregie', 'advies', 'informatievraag'],
  approach: ['maatwerk', 'pga'],
  mainTopic: ['verward-hoog-risico', 'ernstige-overlast', 'radicalisering', 'huiselijk-geweld', 'bij-delict', 'overige-veiligheid'],
  problemArea: ['psychisch', 'lvb', 'verslaving', 'schulden', 'huisvesting', 'delict'],
  children: ['met-minderjarige-kinderen', 'zonder-minderjarige-kinderen', 'hoofdpersoon-minderjarig'],
  gender: ['man', 'vrouw', 'anders'],
  ageGroup: ['<18', '18-23', '24-40', '41-65', '>65'],
  triageOutcome: ['procesregie', 'advies', 'terugleggen', 'doorverwijzen'],
  nazorgCondition: ['id-bewijs', 'onderdak', 'inkomen', 'schulden', 'zorg'],
  lpcoOutcome: ['trip', 'dagvaarden', 'bespreekcasus', 'vsv', 'geseponeerd'],
  veelplegerStatus: ['veelpleger', 'zeer-actieve-veelpleger'],
};

describe('reference data after installation', () => {
  it('has the 12 municipalities of Drenthe with their regions and the 5 nazorg plustaak ones', async () => {
    const { municipalities } = await reference();
    expect(municipalities.map((m) => [m.code, m.name, m.region]).sort()).toEqual([...MUNICIPALITIES].sort());
    expect(municipalities.filter((m) => m.nazorgPlustaak).map((m) => m.code).sort()).toEqual([...NAZORG].sort());
    expect(municipalities.every((m) => m.active)).toBe(true);
  });
  it('has the 24 convenant partners of reference-data.md with their domains, and the ZVH itself', async () => {
    const { organisations } = await reference();
    const partners = organisations.filter((o) => o.kind === 'partner');
    expect(partners.map((o) => [o.code, o.name, o.domain]).sort()).toEqual([...PARTNERS].sort());
    expect(organisations.filter((o) => o.kind === 'zvh')).toEqual([expect.objectContaining({ code: 'zvh', active: true })]);
  });
  it('has the code lists in their order', async () => {
    const { codeLists } = await reference();
    for (const [list, codes] of Object.entries(CODE_LISTS)) {
      expect(codeLists[list]?.map((e) => e.code), list).toEqual(codes);
      expect(codeLists[list]?.every((e) => e.label.length > 0 && e.active), list).toBe(true);
    }
    expect(codeLists.closeReason?.map((e) => e.code)).toContain('overig');
  });
  it('is the same in the beheer listings', async () => {
    expect((await admin.get('/api/admin/municipalities')).body).toHaveLength(12);
    expect((await admin.get('/api/admin/organisations')).body).toHaveLength(25);
    expect(Object.keys((await admin.get('/api/admin/code-lists')).body)).toEqual(expect.arrayContaining(Object.keys(CODE_LISTS)));
  });
});

describe('partners (organisations)', () => {
  it('adds, renames and deactivates a partner', async () => {
    const add = await admin.post('/api/admin/organisations', { code: 'woningcorporatie', name: 'Woningcorporatie Drenthe', domain: 'gemeente' });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ code: 'woningcorporatie', name: 'Woningcorporatie Drenthe', kind: 'partner', domain: 'gemeente', active: true });
    const ren = await admin.patch('/api/admin/organisations/woningcorporatie', { name: 'Woonstichting Drenthe', domain: 'zorg' });
    expect(ren.status).toBe(200);
    expect(ren.body).toMatchObject({ code: 'woningcorporatie', name: 'Woonstichting Drenthe', domain: 'zorg' });
    const off = await admin.patch('/api/admin/organisations/woningcorporatie', { active: false });
    expect(off.status).toBe(200);
    const org = (await reference()).organisations.find((o) => o.code === 'woningcorporatie');
    expect(org).toMatchObject({ name: 'Woonstichting Drenthe', domain: 'zorg', active: false });
    expect((await admin.patch('/api/admin/organisations/woningcorporatie', { active: true })).body.active).toBe(true);
  });
  it('never changes a code', async () => {
    const r = await admin.patch('/api/admin/organisations/cosis', { code: 'cosis-nieuw', name: 'Cosis Zorg' });
    expect([200, 400]).toContain(r.status); // the unknown field is ignored or refused, never applied
    const codes = (await reference()).organisations.map((o) => o.code);
    expect(codes).toContain('cosis');
    expect(codes).not.toContain('cosis-nieuw');
    const only = await admin.patch('/api/admin/organisations/cosis', { code: 'cosis-nieuw' });
    expect([400, 422]).toContain(only.status);
  });
  it('refuses a duplicate code with 409', async () => {
    const r = await admin.post('/api/admin/organisations', { code: 'politie', name: 'Nog een politie', domain: 'justitie' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('code_taken');
    expect((await reference()).organisations.find((o) => o.code === 'politie')?.name).toBe('Politie');
  });
  it('refuses bad codes and domains, and deactivating the ZVH itself', async () => {
    expect((await admin.post('/api/admin/organisations', { code: 'Met Spatie', name: 'x', domain: 'zorg' })).status).toBe(400);
    expect((await admin.post('/api/admin/organisations', { code: 'sportclub', name: 'x', domain: 'sport' })).status).toBe(400);
    expect((await admin.patch('/api/admin/organisations/zvh', { active: false })).status).toBe(422);
    expect((await admin.patch('/api/admin/organisations/bestaat-niet', { name: 'x' })).status).toBe(404);
    expect((await admin.patch('/api/admin/organisations/politie', {})).status).toBe(422);
  });
});

describe('municipalities', () => {
  it('adds, renames and deactivates a municipality', async () => {
    const add = await admin.post('/api/admin/municipalities', { code: 'GM0193', name: 'Zwolle', region: 'extern' });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ code: 'GM0193', name: 'Zwolle', region: 'extern', nazorgPlustaak: false, active: true });
    const ren = await admin.patch('/api/admin/municipalities/GM0193', { name: 'Gemeente Zwolle', nazorgPlustaak: true });
    expect(ren.status).toBe(200);
    expect(ren.body).toMatchObject({ code: 'GM0193', name: 'Gemeente Zwolle', nazorgPlustaak: true });
    expect((await admin.patch('/api/admin/municipalities/GM0193', { active: false })).status).toBe(200);
    expect((await reference()).municipalities.find((m) => m.code === 'GM0193')).toMatchObject({ name: 'Gemeente Zwolle', active: false });
  });
  it('never changes a code and refuses duplicates', async () => {
    const r = await admin.patch('/api/admin/municipalities/GM0106', { code: 'GM9999', name: 'Assen' });
    expect([200, 400]).toContain(r.status);
    const codes = (await reference()).municipalities.map((m) => m.code);
    expect(codes).toContain('GM0106');
    expect(codes).not.toContain('GM9999');
    const dup = await admin.post('/api/admin/municipalities', { code: 'GM0106', name: 'Assen bis', region: 'noord' });
    expect(dup.status).toBe(409);
    expect((await admin.post('/api/admin/municipalities', { code: '0106', name: 'x', region: 'noord' })).status).toBe(400);
    expect((await admin.patch('/api/admin/municipalities/GM0000', { name: 'x' })).status).toBe(404);
  });
});

describe('code lists', () => {
  it('adds, relabels and deactivates an entry', async () => {
    const add = await admin.post('/api/admin/code-lists/mainTopic', { code: 'mensenhandel', label: 'Mensenhandel' });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ list: 'mainTopic', code: 'mensenhandel', label: 'Mensenhandel', active: true, sort: 6 });
    expect((await admin.patch('/api/admin/code-lists/mainTopic/mensenhandel', { label: 'Mensenhandel en uitbuiting' })).status).toBe(200);
    expect((await admin.patch('/api/admin/code-lists/mainTopic/mensenhandel', { active: false })).status).toBe(200);
    const entry = (await reference()).codeLists.mainTopic?.find((e) => e.code === 'mensenhandel');
    expect(entry).toMatchObject({ label: 'Mensenhandel en uitbuiting', active: false });
  });
  it('never changes a code and refuses duplicates', async () => {
    const r = await admin.patch('/api/admin/code-lists/problemArea/lvb', { code: 'lvb2', label: 'LVB' });
    expect([200, 400]).toContain(r.status);
    const codes = (await reference()).codeLists.problemArea?.map((e) => e.code);
    expect(codes).toContain('lvb');
    expect(codes).not.toContain('lvb2');
    const dup = await admin.post('/api/admin/code-lists/problemArea', { code: 'schulden', label: 'Schulden bis' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('code_taken');
  });
  it('keeps the lists the reports rely on closed, and knows only its own lists', async () => {
    for (const list of ['caseKind', 'ageGroup', 'triageOutcome', 'approach']) {
      expect((await admin.post(`/api/admin/code-lists/${list}`, { code: 'nieuw', label: 'Nieuw' })).status, list).toBe(422);
    }
    expect((await admin.post('/api/admin/code-lists/bestaatNiet', { code: 'x', label: 'x' })).status).toBe(400);
    expect((await admin.patch('/api/admin/code-lists/mainTopic/bestaat-niet', { label: 'x' })).status).toBe(404);
  });
});

describe('users', () => {
  it('matches roles to the organisation and checks the references', async () => {
    const base = { email: 'x@voorbeeld.nl', name: 'X' };
    expect((await admin.post('/api/admin/users', { ...base, organisationCode: 'politie', roles: ['procesregisseur'] })).status).toBe(422);
    expect((await admin.post('/api/admin/users', { ...base, organisationCode: 'zvh', roles: ['professional'] })).status).toBe(422);
    expect((await admin.post('/api/admin/users', { ...base, organisationCode: 'bestaat-niet', roles: ['professional'] })).status).toBe(422);
    expect((await admin.post('/api/admin/users', { ...base, organisationCode: 'gemeente-oov', roles: ['professional'], municipalityCode: 'GM0000' })).status).toBe(422);
    expect((await admin.post('/api/admin/users', { ...base, email: 'geen-adres', organisationCode: 'politie', roles: ['professional'] })).status).toBe(400);
    expect((await admin.post('/api/admin/users', { ...base, organisationCode: 'politie', roles: ['koning'] })).status).toBe(400);
    const ok = await admin.post('/api/admin/users', { ...base, organisationCode: 'gemeente-oov', roles: ['professional'], municipalityCode: 'GM0114' });
    expect(ok.status).toBe(201);
    const listed = (await admin.get('/api/admin/users')).body.find((u: { email: string }) => u.email === 'x@voorbeeld.nl');
    expect(listed).toMatchObject({ organisationCode: 'gemeente-oov', municipalityCode: 'GM0114', roles: ['professional'], active: true, mustChangePassword: true });
    expect(JSON.stringify(listed)).not.toMatch(/password_hash|passwordHash|totp_secret|totpSecret/);
  });
});

describe('municipal partners and their professionals\' municipalities', () => {
  it('the four municipal partners are marked so in the data, and the beheerder can mark another', async () => {
    const { organisations } = await reference();
    expect(organisations.filter((o) => (o as { municipal?: boolean }).municipal).map((o) => o.code).sort())
      .toEqual(['gemeente-oov', 'gemeente-sd', 'leerplicht', 'sociale-teams']);
    const made = await admin.post('/api/admin/organisations', { code: 'wijkteams', name: 'Wijkteams', domain: 'gemeente', municipal: true });
    expect(made.status, made.text).toBe(201);
    expect(made.body.municipal).toBe(true);
    expect((await admin.patch('/api/admin/organisations/zvh', { municipal: true })).status).toBe(422);
  });

  it('a municipal professional works for one municipality or a few; others for none', async () => {
    const base = { name: 'Gemeentelijk', roles: ['professional'] };
    const before = await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from users`);
    for (const body of [
      { ...base, email: 'geen-gemeente@voorbeeld.nl', organisationCode: 'gemeente-sd' },
      { ...base, email: 'onbekend@voorbeeld.nl', organisationCode: 'gemeente-sd', municipalityCodes: ['GM0106', 'GM9999'] },
      { ...base, email: 'politie-gemeente@voorbeeld.nl', organisationCode: 'politie', municipalityCode: 'GM0106' },
    ]) {
      const r = await admin.post('/api/admin/users', body);
      expect(r.status, JSON.stringify(body)).toBe(422);
    }
    expect(await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from users`)).toEqual(before);

    const made = await admin.post('/api/admin/users', { ...base, email: 'zuidoost@voorbeeld.nl', organisationCode: 'gemeente-sd', municipalityCode: 'GM0114', municipalityCodes: ['GM0109', 'GM1681'] });
    expect(made.status, made.text).toBe(201);
    const listed = async () => (await admin.get('/api/admin/users')).body.find((u: { id: string }) => u.id === made.body.id);
    expect(await listed()).toMatchObject({ municipalityCode: expect.any(String), municipalityCodes: ['GM0109', 'GM0114', 'GM1681'] });
    const changed = await admin.patch(`/api/admin/users/${made.body.id}`, { municipalityCodes: ['GM0118'] });
    expect(changed.status, changed.text).toBe(200);
    expect(await listed()).toMatchObject({ municipalityCode: 'GM0118', municipalityCodes: ['GM0118'] });
    // an empty set would leave a municipal professional without any case: refused, unchanged
    expect((await admin.patch(`/api/admin/users/${made.body.id}`, { municipalityCodes: [] })).status).toBe(422);
    expect((await admin.patch(`/api/admin/users/${made.body.id}`, { organisationCode: 'politie' })).status).toBe(422);
    expect(await listed()).toMatchObject({ organisationCode: 'gemeente-sd', municipalityCodes: ['GM0118'] });
    // the demo professional of gemeente-oov works for Assen only
    expect((await admin.get('/api/admin/users')).body.find((u: { email: string }) => u.email === 'gemeente@demo.zvh'))
      .toMatchObject({ organisationCode: 'gemeente-oov', municipalityCodes: ['GM0106'] });
  });
});

describe('seeding again', () => {
  const counts = async () => one<Record<string, number>>(env.database.db, sql`select
    (select count(*) from tenants) as tenants, (select count(*) from municipalities) as municipalities,
    (select count(*) from organisations) as organisations, (select count(*) from code_list_entries) as entries,
    (select count(*) from users) as users`);

  it('changes nothing the beheerder did and adds no duplicates', async () => {
    expect((await admin.patch('/api/admin/organisations/menso', { name: 'Menso Welzijn', active: false })).status).toBe(200);
    expect((await admin.patch('/api/admin/municipalities/GM1701', { name: 'Gemeente Westerveld' })).status).toBe(200);
    expect((await admin.patch('/api/admin/code-lists/gender/anders', { label: 'Anders of onbekend' })).status).toBe(200);
    const before = await counts();
    await seedInstallation(env.database.db, { demo: true });
    await seedInstallation(env.database.db, { demo: true });
    expect(await counts()).toEqual(before);
    const ref = await reference();
    expect(ref.organisations.find((o) => o.code === 'menso')).toMatchObject({ name: 'Menso Welzijn', active: false });
    expect(ref.municipalities.find((m) => m.code === 'GM1701')?.name).toBe('Gemeente Westerveld');
    expect(ref.codeLists.gender?.find((e) => e.code === 'anders')?.label).toBe('Anders of onbekend');
    expect(ref.organisations.find((o) => o.code === 'woningcorporatie')).toBeDefined();
  });
});

describe('only for the beheerder', () => {
  it('refuses other roles with 403', async () => {
    const manager = await env.as('manager@demo.zvh');
    const r = await manager.post('/api/admin/organisations', { code: 'stiekem', name: 'Stiekem', domain: 'zorg' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('forbidden');
    expect((await reference()).organisations.map((o) => o.code)).not.toContain('stiekem');
  });
});

describe('answers: exactly the listed fields', () => {
  const keys = (o: object) => Object.keys(o).sort();
  it('a write answers with the entry as the lists show it, without the tenant', async () => {
    const org = await admin.post('/api/admin/organisations', { code: 'velden-org', name: 'Velden', domain: 'zorg' });
    expect(org.status).toBe(201);
    expect(keys(org.body)).toEqual(['active', 'code', 'domain', 'kind', 'municipal', 'name', 'professionalSecrecy']);
    expect(keys((await admin.patch('/api/admin/organisations/velden-org', { name: 'Velden 2' })).body)).toEqual(keys(org.body));
    const mun = await admin.post('/api/admin/municipalities', { code: 'GM0200', name: 'Apeldoorn', region: 'extern' });
    expect(mun.status).toBe(201);
    expect(keys(mun.body)).toEqual(['active', 'code', 'name', 'nazorgPlustaak', 'region']);
    expect(keys((await admin.patch('/api/admin/municipalities/GM0200', { active: false })).body)).toEqual(keys(mun.body));
    const code = await admin.post('/api/admin/code-lists/problemArea', { code: 'velden', label: 'Velden' });
    expect(code.status).toBe(201);
    expect(keys(code.body)).toEqual(['active', 'code', 'label', 'list', 'sort']);
    expect(keys((await admin.patch('/api/admin/code-lists/problemArea/velden', { active: false })).body)).toEqual(keys(code.body));
    expect(JSON.stringify([org.body, mun.body, code.body])).not.toMatch(/tenant/i);
  });

  it('users: name, e-mail, organisation, municipalities, roles and status; the last sign-in as an ISO time', async () => {
    const USER_KEYS = ['active', 'email', 'id', 'lastSignInAt', 'mustChangePassword', 'municipalityCode', 'municipalityCodes', 'name', 'organisationCode', 'roles', 'totpEnabled'].sort();
    const users = (await admin.get('/api/admin/users')).body as Record<string, unknown>[];
    for (const u of users) expect(keys(u), String(u.email)).toEqual(USER_KEYS);
    const me = users.find((u) => u.email === 'admin@demo.zvh')!;
    expect(me.lastSignInAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Math.abs(Date.parse(String(me.lastSignInAt)) - Date.now())).toBeLessThan(10 * 60_000);
    const made = await admin.post('/api/admin/users', { email: 'velden@voorbeeld.nl', name: 'Velden', organisationCode: 'politie', roles: ['professional'] });
    expect(keys(made.body)).toEqual(['id', 'oneTimePassword']);
    const changed = await admin.patch(`/api/admin/users/${made.body.id}`, { name: 'Velden Twee' });
    expect(changed.status).toBe(200);
    expect(keys(changed.body)).toEqual(USER_KEYS);
    expect(changed.body).toMatchObject({ name: 'Velden Twee', lastSignInAt: null, municipalityCode: null, municipalityCodes: [] });
    expect(keys((await admin.post(`/api/admin/users/${made.body.id}/reset-password`)).body)).toEqual(['oneTimePassword']);
  });
});

describe('the services check the permission themselves', () => {
  it('refuse a manager every beheer write and read, and change nothing', async () => {
    const tenant = await one<{ id: string }>(env.database.db, sql`select id from tenants where code = 'drenthe'`);
    const ctx = managerCtx(env.database.db, tenant!.id);
    const forbidden = { status: 403, code: 'forbidden' };
    await expect(service.createOrganisation(ctx, { code: 'via-service', name: 'Via service', domain: 'zorg' })).rejects.toMatchObject(forbidden);
    await expect(service.updateMunicipality(ctx, 'GM0106', { name: 'Assen?' })).rejects.toMatchObject(forbidden);
    await expect(service.addCode(ctx, 'mainTopic', { code: 'via-service', label: 'x' })).rejects.toMatchObject(forbidden);
    await expect(service.listUsers(ctx)).rejects.toMatchObject(forbidden);
    await expect(service.createUser(ctx, { email: 'via@service.nl', name: 'x', organisationCode: 'politie', roles: ['professional'] }, '127.0.0.1')).rejects.toMatchObject(forbidden);
    const ref = await reference();
    expect(ref.organisations.map((o) => o.code)).not.toContain('via-service');
    expect(ref.municipalities.find((m) => m.code === 'GM0106')?.name).toBe('Assen');
    expect(await one(env.database.db, sql`select 1 from users where email = 'via@service.nl'`)).toBeUndefined();
  });
});
