// SPDX-License-Identifier: EUPL-1.2
// Capacity model and cost split over HTTP (api-contract.md): seed 002's tables, the counts of a
// year from the caseload, settings, available FTE, the cost split and access per role.
import { managerCtx } from '../../test/fixtures.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.js';
import { rows, sql } from '../../core/db/index.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { computeAnnualReport } from '../rapportage/annual-report.js';
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
  it('counts advice and information requests registered in the year, procesregie active in it, and turns them into hours and FTE', async () => {
    await manager.put('/api/capacity/fte/2020', { im: 0.5, pr: 1 });
    const r = await manager.get('/api/capacity?year=2020');
    expect(r.status).toBe(200);
    // procesregie: the three started in 2020 and the one started in 2019 that is still open
    expect(r.body.counts).toEqual({ informatievraag: 5, advies: 3, procesregie: 4, signaal: 0 });
    // im: 5 x 0.7 + 3 x 9.3 + 4 x 19 = 107.4; pr: 3 x 14 + 4 x 30 = 162
    expect(r.body.hours).toEqual({ im: 107.4, pr: 162 });
    expect(r.body.availableFte).toEqual({ im: 0.5, pr: 1 });
    expect(r.body.availableFteSet).toBe(true);
    expect(r.body.neededFte).toEqual({ im: 0.08, pr: 0.12 });
    expect(r.body.shortageFte).toEqual({ im: 0.42, pr: 0.88 });
    expect(r.body.period).toEqual({ from: '2020-01-01', to: '2020-12-31' });
    expect(r.body.byMunicipality).toHaveLength(12);
    const emmen = r.body.byMunicipality.find((m: { code: string }) => m.code === 'GM0114');
    expect(emmen.counts).toEqual({ informatievraag: 1, advies: 2, procesregie: 3, signaal: 0 });
    expect(emmen.hours).toEqual({ im: 76.3, pr: 118 });
    const sum = r.body.byMunicipality.reduce((a: number, m: { hours: { pr: number } }) => a + m.hours.pr, 0);
    expect(sum).toBe(162);
  });
  it('gives one municipality what its cases cost', async () => {
    const r = await manager.get('/api/capacity?year=2020&municipality=GM0106');
    expect(r.status).toBe(200);
    expect(r.body.municipality).toBe('GM0106');
    // Assen's procesregie case started in 2019 is still open: part of its 2020 caseload
    expect(r.body.counts).toEqual({ informatievraag: 4, advies: 0, procesregie: 1, signaal: 0 });
    expect(r.body.hours).toEqual({ im: 21.8, pr: 30 });
    expect(r.body.byMunicipality).toHaveLength(1);
  });
  it('takes a period', async () => {
    const r = await manager.get('/api/capacity?from=2020-12-01&to=2021-01-31');
    expect(r.status).toBe(200);
    expect(r.body.year).toBe(2020);
    // the four open procesregie cases are active in the period
    expect(r.body.counts).toEqual({ informatievraag: 2, advies: 0, procesregie: 4, signaal: 0 });
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

describe('GET /api/capacity: procesregie is the caseload active in the year (annual-report.md), at the boundary days', () => {
  let other: string;
  let mgr: TestClient;
  beforeAll(async () => {
    other = await makeTenant(db);
    mgr = await env.as(await makeUser(db, other, ['manager']));
    await insertDossiers(db, other, [
      // active in 2016
      { kind: 'procesregie', registeredAt: '2015-12-20', startedAt: '2015-12-31', municipality: 'GM0106' }, // started 31 Dec 2015, still open
      { kind: 'procesregie', registeredAt: '2015-05-01', startedAt: '2015-06-01', closedAt: '2016-01-01', municipality: 'GM0114' }, // closed on 1 Jan 2016
      { kind: 'procesregie', registeredAt: '2016-12-20', startedAt: '2016-12-31', municipality: 'GM0114' }, // started on 31 Dec 2016
      // not active in 2016
      { kind: 'procesregie', registeredAt: '2016-03-01', caseKind: null, municipality: 'GM0106' }, // registered in 2016, never started
      { kind: 'procesregie', registeredAt: '2016-04-01', startedAt: null, municipality: 'GM0106' }, // a procesregie case without a start
      { kind: 'procesregie', registeredAt: '2015-01-01', startedAt: '2015-01-10', closedAt: '2015-12-31', municipality: 'GM0118' }, // closed 31 Dec 2015
      { kind: 'procesregie', registeredAt: '2016-12-30', startedAt: '2017-01-01', municipality: 'GM0118' }, // registered in 2016, started in 2017
      { kind: 'advies', caseKind: 'procesregie', registeredAt: '2016-02-01', startedAt: '2016-02-02', closedAt: '2016-02-03', municipality: 'GM0118' }, // triaged to procesregie: active
      // advice and information requests: registered in 2016
      ...[['2015-12-31', 'GM0106'], ['2016-01-01', 'GM0106'], ['2016-12-31', 'GM0114'], ['2017-01-01', 'GM0114']].flatMap(([registeredAt, municipality]) => [
        { kind: 'advies' as const, registeredAt: registeredAt!, municipality },
        { kind: 'informatievraag' as const, caseKind: null, registeredAt: registeredAt!, municipality },
      ]),
    ]);
  });

  it('counts exactly the active cases, and advice and information requests registered in the year', async () => {
    const r = await mgr.get('/api/capacity?year=2016');
    expect(r.status).toBe(200);
    expect(r.body.counts).toEqual({ informatievraag: 2, advies: 2, procesregie: 4, signaal: 0 });
    const by = Object.fromEntries(r.body.byMunicipality.map((m: { code: string; counts: unknown }) => [m.code, m.counts]));
    expect(by.GM0106).toEqual({ informatievraag: 1, advies: 1, procesregie: 1, signaal: 0 });
    expect(by.GM0114).toEqual({ informatievraag: 1, advies: 1, procesregie: 2, signaal: 0 });
    expect(by.GM0118).toEqual({ informatievraag: 0, advies: 0, procesregie: 1, signaal: 0 });
    expect((await mgr.get('/api/capacity?year=2015')).body.counts).toMatchObject({ procesregie: 3, advies: 1, informatievraag: 1 });
    // 2017: the two still open and the one started on 1 Jan 2017
    expect((await mgr.get('/api/capacity?year=2017')).body.counts).toMatchObject({ procesregie: 3, advies: 1, informatievraag: 1 });
  });

  it('agrees with the annual report, in total and per municipality', async () => {
    const ctxFree = await computeAnnualReport(managerCtx(db, other), 2016);
    const r = (await mgr.get('/api/capacity?year=2016')).body;
    expect(r.counts.procesregie).toBe(ctxFree.basics.activeProcessDirection);
    expect(r.counts.advies).toBe(ctxFree.basics.advice);
    expect(r.counts.informatievraag).toBe(ctxFree.basics.informationRequests);
    for (const m of ctxFree.byMunicipality) {
      const c = r.byMunicipality.find((x: { code: string }) => x.code === m.code);
      expect(c.counts.procesregie, m.code).toBe(m.processDirection);
      expect(c.counts.advies, m.code).toBe(m.advice);
    }
    const one = (await mgr.get('/api/capacity?year=2016&municipality=GM0114')).body;
    expect(one.counts).toEqual({ informatievraag: 1, advies: 1, procesregie: 2, signaal: 0 });
  });

  it('a period counts the cases active in the period', async () => {
    // 31 Dec 2016: the case still open since 2015 and the one started that day
    expect((await mgr.get('/api/capacity?from=2016-12-31&to=2016-12-31')).body.counts).toEqual({ informatievraag: 1, advies: 1, procesregie: 2, signaal: 0 });
    // 1 Jan 2016: the case open since 2015 and the one closed that day
    expect((await mgr.get('/api/capacity?from=2016-01-01&to=2016-01-01')).body.counts).toEqual({ informatievraag: 1, advies: 1, procesregie: 2, signaal: 0 });
    // February 2016: the open one and the triaged one (started 2 Feb, closed 3 Feb)
    expect((await mgr.get('/api/capacity?from=2016-02-01&to=2016-02-29')).body.counts.procesregie).toBe(2);
  });
});

describe('cost split: rounding and the nazorg plustaak fee', () => {
  let other: string;
  let mgr: TestClient;
  beforeAll(async () => {
    other = await makeTenant(db);
    mgr = await env.as(await makeUser(db, other, ['manager']));
  });
  const SEED_2019 = {
    GM1680: 13617, GM0106: 95317, GM1681: 13617, GM0109: 13617, GM1690: 13617, GM0114: 95317,
    GM0118: 95317, GM0119: 13617, GM1731: 13617, GM1699: 13617, GM1730: 13617, GM1701: 13617,
  };
  const amounts = (body: { shares: { municipality: string; amount: number }[] }) => Object.fromEntries(body.shares.map((x) => [x.municipality, x.amount]));

  it('"euro" reproduces seed 002\'s 2019-2022 table exactly; the default stays the 2018 table', async () => {
    const r = await mgr.post('/api/cost-split', { total: 408504, rounding: 'euro' });
    expect(r.status).toBe(200);
    expect(amounts(r.body)).toEqual(SEED_2019);
    expect(r.body.rule.rounding).toBe('euro');
    const d = await mgr.post('/api/cost-split', { total: 408504 });
    expect(d.body.rule.rounding).toBe('hundreds-down');
    expect(amounts(d.body).GM1680).toBe(13600);
    const h = await mgr.post('/api/cost-split', { total: 208500, rounding: 'hundreds-down' });
    for (const x of h.body.shares) expect(x.amount, x.municipality).toBe(['GM0106', 'GM0114', 'GM0118'].includes(x.municipality) ? 48800 : 6900);
  });

  it('the tenant\'s default rounding is a setting; the request\'s rounding wins', async () => {
    const s = (await mgr.get('/api/cost-split/settings')).body;
    expect((await mgr.put('/api/cost-split/settings', { ...s, rule: { ...s.rule, rounding: 'euro' } })).body.rule.rounding).toBe('euro');
    expect(amounts((await mgr.post('/api/cost-split', { total: 408504 })).body)).toEqual(SEED_2019);
    expect(amounts((await mgr.post('/api/cost-split', { total: 408504, rounding: 'hundreds-down' })).body).GM1680).toBe(13600);
    // a rule given with the request brings its own rounding, the separate option still wins
    expect(amounts((await mgr.post('/api/cost-split', { total: 408504, rule: { ...s.rule, rounding: 'hundreds-down' } })).body).GM1680).toBe(13600);
    expect(amounts((await mgr.post('/api/cost-split', { total: 408504, rule: { ...s.rule, rounding: 'hundreds-down' }, rounding: 'euro' })).body).GM1680).toBe(13617);
    expect((await mgr.put('/api/cost-split/settings', s)).status).toBe(200);
  });

  it('the nazorg plustaak fee is a separate line for the five plustaak municipalities', async () => {
    const r = await mgr.post('/api/cost-split', { total: 208500 });
    expect(r.status).toBe(200);
    expect(r.body.nazorg.fee).toBe(15000);
    const five = ['GM1680', 'GM1730', 'GM1690', 'GM0118', 'GM1731'];
    expect(r.body.nazorg.shares.map((x: { municipality: string }) => x.municipality).sort()).toEqual([...five].sort());
    for (const x of r.body.nazorg.shares) expect(x.amount).toBe(3000);
    for (const x of r.body.shares) {
      expect(x.nazorg, x.municipality).toBe(five.includes(x.municipality) ? 3000 : 0);
      expect(x.amountWithNazorg).toBe(x.amount + x.nazorg);
    }
    // the contract's fields are untouched: the amounts still sum to the total
    expect(r.body.shares.reduce((a: number, x: { amount: number }) => a + x.amount, 0)).toBe(208500);
    expect(r.body.grandTotal).toBe(223500);
    expect(r.body.shares.find((x: { municipality: string }) => x.municipality === 'GM0118')).toMatchObject({ amount: 48800, nazorg: 3000, amountWithNazorg: 51800 });

    // configurable in the settings, and per request
    const s = (await mgr.get('/api/cost-split/settings')).body;
    expect((await mgr.put('/api/cost-split/settings', { ...s, nazorgFee: 15002 })).status).toBe(200);
    const c = await mgr.post('/api/cost-split', { total: 208500 });
    expect(c.body.nazorg.fee).toBe(15002);
    expect(c.body.nazorg.shares.reduce((a: number, x: { amount: number }) => a + x.amount, 0)).toBe(15002);
    expect(Math.max(...c.body.nazorg.shares.map((x: { amount: number }) => x.amount))).toBe(3001);
    const z = await mgr.post('/api/cost-split', { total: 208500, nazorgFee: 0 });
    expect(z.body.nazorg).toEqual({ fee: 0, shares: five.map(() => expect.objectContaining({ amount: 0 })) });
    expect(z.body.grandTotal).toBe(208500);
    expect((await mgr.put('/api/cost-split/settings', s)).status).toBe(200);
  });

  it('without an active plustaak municipality: the tenant\'s fee is not charged, an explicit fee is refused', async () => {
    const t = await makeTenant(db);
    const m = await env.as(await makeUser(db, t, ['manager']));
    await db.execute(sql`update municipalities set nazorg_plustaak = false where tenant_id = ${t}`);
    const r = await m.post('/api/cost-split', { total: 1000 });
    expect(r.status).toBe(200);
    expect(r.body.nazorg).toEqual({ fee: 0, shares: [] });
    expect(r.body.grandTotal).toBe(1000);
    expect((await m.post('/api/cost-split', { total: 1000, nazorgFee: 500 })).status).toBe(422);
  });
});

describe('migration 0007_capacity', () => {
  it('turns a stored roundDownTo into the named rounding and keeps everything else', async () => {
    const text = readFileSync(fileURLToPath(new URL('../../../migrations/0007_capacity.sql', import.meta.url)), 'utf8');
    const [a, b] = [await makeTenant(db), await makeTenant(db)];
    const old = (roundDownTo: number) => JSON.stringify({ capacity: { hoursPerFte: 1400 }, costSplit: { total: 1234, rule: { largeMunicipalities: ['GM0106'], smallShare: 0.25, roundDownTo } } });
    await db.execute(sql`update tenants set settings = ${old(100)}::jsonb where id = ${a}`);
    await db.execute(sql`update tenants set settings = ${old(1)}::jsonb where id = ${b}`);
    await db.execute(sql.raw(text));
    const got = async (id: string) => (await rows<{ settings: Record<string, unknown> }>(db, sql`select settings from tenants where id = ${id}`))[0]!.settings;
    expect(await got(a)).toEqual({ capacity: { hoursPerFte: 1400 }, costSplit: { total: 1234, rule: { largeMunicipalities: ['GM0106'], smallShare: 0.25, rounding: 'hundreds-down' } } });
    expect((await got(b)).costSplit).toEqual({ total: 1234, rule: { largeMunicipalities: ['GM0106'], smallShare: 0.25, rounding: 'euro' } });
    // a tenant already in the new form is left alone
    const c = await makeTenant(db);
    const before = await got(c);
    await db.execute(sql.raw(text));
    expect(await got(c)).toEqual(before);
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
    expect(s.body).toEqual({ total: 208500, rule: { largeMunicipalities: ['GM0106', 'GM0114', 'GM0118'], smallShare: 0.3, rounding: 'hundreds-down' }, nazorgFee: 15000 });
    expect((await manager.put('/api/cost-split/settings', { ...s.body, total: 408504 })).status).toBe(200);
    const r = await manager.post('/api/cost-split', {});
    expect(r.body.total).toBe(408504);
    expect(r.body.shares.reduce((a: number, x: { amount: number }) => a + x.amount, 0)).toBe(408504);
    await db.execute(sql`update municipalities set active = false where tenant_id = ${tenantId} and code = 'GM1701'`);
    const r11 = await manager.post('/api/cost-split', { total: 208500 });
    expect(r11.body.shares).toHaveLength(11);
    expect(r11.body.shares.reduce((a: number, x: { amount: number }) => a + x.amount, 0)).toBe(208500);
    await db.execute(sql`update municipalities set active = true where tenant_id = ${tenantId} and code = 'GM1701'`);
    expect((await manager.put('/api/cost-split/settings', { ...s.body, total: 1, rule: { ...s.body.rule, largeMunicipalities: ['GM9999'] } })).status).toBe(422);
    for (const bad of [{ ...s.body, total: -1 }, { ...s.body, nazorgFee: -1 }, { ...s.body, nazorgFee: 1.5 }, { ...s.body, rule: { ...s.body.rule, rounding: 'cents' } },
      { total: 1, rule: s.body.rule }]) {
      expect((await manager.put('/api/cost-split/settings', bad)).status, JSON.stringify(bad)).toBe(400);
    }
    expect((await manager.get('/api/cost-split/settings')).body).toEqual({ ...s.body, total: 408504 });
    expect((await manager.put('/api/cost-split/settings', s.body)).status).toBe(200);
  });
  it('refuses bad input', async () => {
    for (const body of [{ total: -5 }, { total: 'veel' }, { total: 1.5 }, { total: 100, rule: { smallShare: 2 } }, { total: 100, rounding: 'cents' },
      { total: 100, rounding: null }, { total: 100, nazorgFee: -1 }, { total: 100, nazorgFee: 'veel' }]) {
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
