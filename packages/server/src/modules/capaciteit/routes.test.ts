// SPDX-License-Identifier: EUPL-1.2
// Capacity model and cost split over HTTP (api-contract.md): seed 002's tables, the counts of a
// year from the caseload, settings, available FTE, the cost split and access per role.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.js';
import { rows, sql } from '../../core/db/index.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { insertDossiers, makeTenant, makeUser, times } from '../rapportage/fixtures.js';

let env: TestEnv;
let db: Db;
let manager: TestClient;
let beheerder: TestClient;
let tenantId: string;

beforeAll(async () => {
  env = await setupTestEnv();
  db = env.database.db;
  tenantId = await makeTenant(db);
  manager = await env.as(await makeUser(db, tenantId, ['manager']));
  beheerder = await env.as(await makeUser(db, tenantId, ['beheerder']));
  await insertDossiers(db, tenantId, [
    ...times(4, { kind: 'informatievraag', registeredAt: '2020-03-01', municipality: 'GM0106' }),
    { kind: 'informatievraag', registeredAt: '2020-12-31', municipality: 'GM0114', caseKind: null },
    { kind: 'informatievraag', registeredAt: '2021-01-01', municipality: 'GM0114' },
    ...times(2, { kind: 'advies', registeredAt: '2020-05-01', municipality: 'GM0114' }),
    { kind: 'procesregie', caseKind: 'advies', registeredAt: '2020-05-01', municipality: 'GM0118' }, // counted as advice
    ...times(3, { kind: 'procesregie', registeredAt: '2020-06-01', startedAt: '2020-06-10', municipality: 'GM0114' }),
    { kind: 'procesregie', registeredAt: '2020-11-01', caseKind: null, municipality: 'GM0114' }, // not started: no procesregie hours
    { kind: 'procesregie', registeredAt: '2019-11-01', startedAt: '2019-11-10', municipality: 'GM0106' }, // registered the year before
  ]);
});
afterAll(async () => env?.close());

const SEED = [
  { counts: { informatievraag: 140, advies: 40, procesregie: 139, signaal: 0 }, availableFte: { im: 0.763, pr: 1.35 },
    hours: { im: 3111, pr: 4730 }, neededFte: { im: 2.22, pr: 3.38 }, shortageFte: { im: -1.46, pr: -2.03 } },
  { counts: { informatievraag: 25, advies: 24, procesregie: 83, signaal: 0 }, availableFte: { im: 0.764, pr: 0.81 },
    hours: { im: 1817.7, pr: 2826 }, neededFte: { im: 1.3, pr: 2.02 }, shortageFte: { im: -0.53, pr: -1.21 } },
  { counts: { informatievraag: 200, advies: 75, procesregie: 140, signaal: 25 }, availableFte: { im: 0.76, pr: 2.78 },
    hours: { im: 3497.5, pr: 5600 }, neededFte: { im: 2.5, pr: 4 }, shortageFte: { im: -1.74, pr: -1.22 } },
];

describe('POST /api/capacity/plan', () => {
  it.each(SEED)('reproduces seed 002 for $counts', async (c) => {
    const r = await manager.post('/api/capacity/plan', { counts: c.counts, availableFte: c.availableFte });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ counts: c.counts, availableFte: c.availableFte, hours: c.hours, neededFte: c.neededFte, shortageFte: c.shortageFte });
  });
  it('takes the available FTE of a year when none is given, missing counts as 0', async () => {
    await manager.put('/api/capacity/fte/2030', { im: 0.76, pr: 2.78 });
    const r = await manager.post('/api/capacity/plan', { counts: { informatievraag: 200, advies: 75, procesregie: 140, signaal: 25 }, year: 2030 });
    expect(r.body.shortageFte).toEqual({ im: -1.74, pr: -1.22 });
    const z = await manager.post('/api/capacity/plan', { counts: { procesregie: 1 } });
    expect(z.body).toMatchObject({ counts: { informatievraag: 0, advies: 0, procesregie: 1, signaal: 0 }, hours: { im: 19, pr: 30 }, availableFte: { im: 0, pr: 0 } });
  });
  it('refuses bad input with 400 and changes nothing', async () => {
    for (const body of [{}, { counts: { advies: -1 } }, { counts: { advies: 'x' } }, { counts: {}, availableFte: { im: 1 } }, { counts: {}, availableFte: { im: -1, pr: 0 } }]) {
      const r = await manager.post('/api/capacity/plan', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('GET /api/capacity', () => {
  it('counts the dossiers registered in the year and turns them into hours and FTE', async () => {
    await manager.put('/api/capacity/fte/2020', { im: 0.5, pr: 1 });
    const r = await manager.get('/api/capacity?year=2020');
    expect(r.status).toBe(200);
    expect(r.body.counts).toEqual({ informatievraag: 5, advies: 3, procesregie: 3, signaal: 0 });
    // im: 5 x 0.7 + 3 x 9.3 + 3 x 19 = 88.4; pr: 3 x 14 + 3 x 30 = 132
    expect(r.body.hours).toEqual({ im: 88.4, pr: 132 });
    expect(r.body.availableFte).toEqual({ im: 0.5, pr: 1 });
    expect(r.body.availableFteSet).toBe(true);
    expect(r.body.neededFte).toEqual({ im: 0.06, pr: 0.09 });
    expect(r.body.shortageFte).toEqual({ im: 0.44, pr: 0.91 });
    expect(r.body.period).toEqual({ from: '2020-01-01', to: '2020-12-31' });
    expect(r.body.byMunicipality).toHaveLength(12);
    const emmen = r.body.byMunicipality.find((m: { code: string }) => m.code === 'GM0114');
    expect(emmen.counts).toEqual({ informatievraag: 1, advies: 2, procesregie: 3, signaal: 0 });
    expect(emmen.hours).toEqual({ im: 76.3, pr: 118 });
    const sum = r.body.byMunicipality.reduce((a: number, m: { hours: { pr: number } }) => a + m.hours.pr, 0);
    expect(sum).toBe(132);
  });
  it('gives one municipality what its cases cost', async () => {
    const r = await manager.get('/api/capacity?year=2020&municipality=GM0106');
    expect(r.status).toBe(200);
    expect(r.body.municipality).toBe('GM0106');
    expect(r.body.counts).toEqual({ informatievraag: 4, advies: 0, procesregie: 0, signaal: 0 });
    expect(r.body.hours).toEqual({ im: 2.8, pr: 0 });
    expect(r.body.byMunicipality).toHaveLength(1);
  });
  it('takes a period', async () => {
    const r = await manager.get('/api/capacity?from=2020-12-01&to=2021-01-31');
    expect(r.status).toBe(200);
    expect(r.body.year).toBe(2020);
    expect(r.body.counts).toEqual({ informatievraag: 2, advies: 0, procesregie: 0, signaal: 0 });
    const y = await manager.get('/api/capacity?year=2019');
    expect(y.body.counts).toEqual({ informatievraag: 0, advies: 0, procesregie: 1, signaal: 0 });
    expect(y.body.availableFteSet).toBe(false);
  });
  it('refuses bad input', async () => {
    for (const q of ['', '?from=2020-01-01', '?year=x', '?from=2020-02-01&to=2020-01-01', '?year=2020&municipality=GM9999', '?from=2020-13-01&to=2020-12-31']) {
      const r = await manager.get(`/api/capacity${q}`);
      expect([400, 422], q).toContain(r.status);
    }
  });
});

describe('settings', () => {
  it('norm hours and hours per FTE can be read and changed, and are used', async () => {
    const s = await beheerder.get('/api/capacity/settings');
    expect(s.status).toBe(200);
    expect(s.body).toEqual({
      hoursPerFte: 1400,
      norms: { informatievraag: { im: 0.7, pr: 0 }, advies: { im: 9.3, pr: 14 }, procesregie: { im: 19, pr: 30 }, signaal: { im: 0, pr: 14 } },
    });
    const changed = { ...s.body, hoursPerFte: 1000, norms: { ...s.body.norms, procesregie: { im: 20, pr: 40 } } };
    const put = await manager.put('/api/capacity/settings', changed);
    expect(put.status).toBe(200);
    expect(put.body).toEqual(changed);
    const plan = await manager.post('/api/capacity/plan', { counts: { procesregie: 10 }, availableFte: { im: 0, pr: 0 } });
    expect(plan.body.hours).toEqual({ im: 200, pr: 400 });
    expect(plan.body.neededFte).toEqual({ im: 0.2, pr: 0.4 });
    const log = await rows<{ event: string }>(db, sql`select event from security_log where tenant_id = ${tenantId} and event = 'capacity_settings_changed'`);
    expect(log).toHaveLength(1);
    // restore
    expect((await manager.put('/api/capacity/settings', s.body)).status).toBe(200);
  });
  it('refuses incomplete or invalid settings', async () => {
    const s = (await manager.get('/api/capacity/settings')).body;
    for (const body of [{}, { ...s, hoursPerFte: 0 }, { ...s, norms: { ...s.norms, advies: { im: -1, pr: 0 } } }, { hoursPerFte: 1400, norms: { advies: { im: 1, pr: 1 } } }]) {
      expect((await manager.put('/api/capacity/settings', body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await manager.get('/api/capacity/settings')).body).toEqual(s);
  });
  it('available FTE per year', async () => {
    expect((await manager.get('/api/capacity/fte/2031')).body).toEqual({ year: 2031, im: 0, pr: 0, contribution: null, set: false });
    const put = await manager.put('/api/capacity/fte/2031', { im: 0.763, pr: 1.35, contribution: 208500 });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ year: 2031, im: 0.763, pr: 1.35, contribution: 208500, set: true });
    expect((await manager.put('/api/capacity/fte/2031', { im: 1, pr: 2 })).body).toMatchObject({ im: 1, pr: 2, contribution: null });
    expect((await manager.get('/api/capacity/fte')).body.map((f: { year: number }) => f.year)).toContain(2031);
    expect((await manager.put('/api/capacity/fte/2031', { im: -1, pr: 2 })).status).toBe(400);
    expect((await manager.put('/api/capacity/fte/abc', { im: 1, pr: 2 })).status).toBe(400);
  });
});

describe('cost split', () => {
  it('208500: 48800 for the three, 6900 for the nine, every municipality, summing to the total', async () => {
    const r = await manager.post('/api/cost-split', { total: 208500 });
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(208500);
    expect(r.body.shares).toHaveLength(12);
    const big = new Set(['GM0106', 'GM0114', 'GM0118']);
    for (const s of r.body.shares) expect(s.amount, s.municipality).toBe(big.has(s.municipality) ? 48800 : 6900);
    expect(r.body.shares.reduce((a: number, s: { amount: number }) => a + s.amount, 0)).toBe(208500);
    expect(r.body.shares.find((s: { municipality: string }) => s.municipality === 'GM0106')).toMatchObject({ name: 'Assen', amount: 48800 });
  });
  it('gives each municipality its share of the caseload of a year', async () => {
    const r = await manager.post('/api/cost-split', { total: 208500, year: 2020 });
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.shares.map((s: { municipality: string }) => [s.municipality, s]));
    // caseload = advice + procesregie (carried over + inflow) from the annual report: Emmen 2 + 3, Hoogeveen 1, Assen 1 (carried over)
    expect(by.GM0114).toMatchObject({ caseload: 5, caseloadShare: 71.4 });
    expect(by.GM0118).toMatchObject({ caseload: 1, caseloadShare: 14.3 });
    expect(by.GM0106).toMatchObject({ caseload: 1, caseloadShare: 14.3 });
    expect(by.GM1680).toMatchObject({ caseload: 0, caseloadShare: 0 });
  });
  it('uses the settings: total and rule can be changed; only active municipalities share', async () => {
    const s = await manager.get('/api/cost-split/settings');
    expect(s.body).toEqual({ total: 208500, rule: { largeMunicipalities: ['GM0106', 'GM0114', 'GM0118'], smallShare: 0.3, roundDownTo: 100 } });
    expect((await manager.put('/api/cost-split/settings', { total: 408504, rule: s.body.rule })).status).toBe(200);
    const r = await manager.post('/api/cost-split', {});
    expect(r.body.total).toBe(408504);
    expect(r.body.shares.reduce((a: number, x: { amount: number }) => a + x.amount, 0)).toBe(408504);
    await db.execute(sql`update municipalities set active = false where tenant_id = ${tenantId} and code = 'GM1701'`);
    const r11 = await manager.post('/api/cost-split', { total: 208500 });
    expect(r11.body.shares).toHaveLength(11);
    expect(r11.body.shares.reduce((a: number, x: { amount: number }) => a + x.amount, 0)).toBe(208500);
    await db.execute(sql`update municipalities set active = true where tenant_id = ${tenantId} and code = 'GM1701'`);
    expect((await manager.put('/api/cost-split/settings', { total: 1, rule: { ...s.body.rule, largeMunicipalities: ['GM9999'] } })).status).toBe(422);
    expect((await manager.put('/api/cost-split/settings', { total: -1, rule: s.body.rule })).status).toBe(400);
    expect((await manager.put('/api/cost-split/settings', s.body)).status).toBe(200);
  });
  it('refuses bad input', async () => {
    for (const body of [{ total: -5 }, { total: 'veel' }, { total: 1.5 }, { total: 100, rule: { smallShare: 2 } }]) {
      expect((await manager.post('/api/cost-split', body)).status, JSON.stringify(body)).toBe(400);
    }
  });
});

describe('access', () => {
  const routes: [string, string, unknown?][] = [
    ['POST', '/api/capacity/plan', { counts: {} }],
    ['GET', '/api/capacity?year=2020'],
    ['GET', '/api/capacity/settings'],
    ['GET', '/api/capacity/fte/2020'],
    ['GET', '/api/capacity/fte'],
    ['POST', '/api/cost-split', { total: 1000 }],
    ['GET', '/api/cost-split/settings'],
  ];
  it.each(['manager@demo.zvh', 'admin@demo.zvh'])('%s may', async (email) => {
    const c = await env.as(email);
    for (const [m, p, b] of routes) expect((await c.req(m as 'GET', p, b)).status, `${m} ${p}`).toBe(200);
  });
  it.each(['regisseur@demo.zvh', 'informatie@demo.zvh', 'politie@demo.zvh', 'ggz@demo.zvh'])('%s may not (403)', async (email) => {
    const c = await env.as(email);
    for (const [m, p, b] of routes) expect((await c.req(m as 'GET', p, b)).status, `${m} ${p}`).toBe(403);
    expect((await c.put('/api/capacity/fte/2020', { im: 9, pr: 9 })).status).toBe(403);
    expect((await c.put('/api/capacity/settings', {})).status).toBe(403);
    expect((await c.put('/api/cost-split/settings', {})).status).toBe(403);
  });
  it('anonymous gets 401', async () => {
    for (const [m, p, b] of routes) expect((await env.anon.req(m as 'GET', p, b)).status, `${m} ${p}`).toBe(401);
  });
});
