// SPDX-License-Identifier: EUPL-1.2
// Figures for a quarter or any range of days (issue 10): the annual report's one computation over
// [from, to], at the boundary days (a quarter's first and last day, a range of one day, a range
// over a year end), the period's exports, and the refusals (from after to: 400, nothing changed).
import { managerCtx } from '../../test/fixtures.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.js';
import { ValidationError } from '../../core/errors.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { dataFingerprint } from '../../test/fixtures.js';
import { computeAnnualReport, computePeriodReport, resolvePeriod } from './annual-report.js';
import { insertDossiers, makeTenant, makeUser } from './fixtures.js';
import type { Dossier } from './fixtures.js';

let env: TestEnv;
let db: Db;
beforeAll(async () => {
  env = await setupTestEnv();
  db = env.database.db;
});
afterAll(async () => env?.close());

const pr = (d: Partial<Dossier> & { registeredAt: string }): Dossier => ({ kind: 'procesregie', ...d });
const period = (from: string, to: string) => ({ from, to, quarter: null });
const assen = (r: Awaited<ReturnType<typeof computePeriodReport>>) => r.byMunicipality.find((m) => m.code === 'GM0106')!;

describe('resolvePeriod', () => {
  it('turns a year and a quarter into its first and last day', () => {
    expect(resolvePeriod({ year: 2026, quarter: 1 })).toEqual({ from: '2026-01-01', to: '2026-03-31', quarter: 1 });
    expect(resolvePeriod({ year: 2026, quarter: 2 })).toEqual({ from: '2026-04-01', to: '2026-06-30', quarter: 2 });
    expect(resolvePeriod({ year: 2026, quarter: 3 })).toEqual({ from: '2026-07-01', to: '2026-09-30', quarter: 3 });
    expect(resolvePeriod({ year: 2026, quarter: 4 })).toEqual({ from: '2026-10-01', to: '2026-12-31', quarter: 4 });
    expect(resolvePeriod({ year: 2026 })).toEqual({ from: '2026-01-01', to: '2026-12-31', quarter: null });
    expect(resolvePeriod({ from: '2025-12-01', to: '2026-01-31' })).toEqual({ from: '2025-12-01', to: '2026-01-31', quarter: null });
    expect(resolvePeriod({ from: '2024-02-29', to: '2024-02-29' })).toEqual({ from: '2024-02-29', to: '2024-02-29', quarter: null });
  });
  it('refuses from after to, half a range, a day that does not exist, a quarter without a year, or both forms', () => {
    const bad = [
      { from: '2026-02-01', to: '2026-01-31' }, { from: '2026-01-01' }, { to: '2026-01-01' }, { from: '2026-02-30', to: '2026-03-01' },
      { from: '2025-02-29', to: '2025-03-01' }, { quarter: 2 }, { year: 2026, quarter: 5 }, { year: 2026, from: '2026-01-01', to: '2026-01-31' }, {},
    ];
    for (const q of bad) {
      let err: unknown;
      try { resolvePeriod(q); } catch (e) { err = e; }
      expect(err, JSON.stringify(q)).toBeInstanceOf(ValidationError);
      expect((err as ValidationError).status, JSON.stringify(q)).toBe(400);
    }
  });
});

describe('period report: the annual report definitions over any period', () => {
  let tenantId: string;
  beforeAll(async () => {
    tenantId = await makeTenant(db);
    await insertDossiers(db, tenantId, [
      pr({ registeredAt: '2026-03-20', startedAt: '2026-03-31' }), // started on Q1's last day, closed on Q2's first day
      pr({ registeredAt: '2026-03-25', startedAt: '2026-03-31', closedAt: '2026-04-01' }),
      pr({ registeredAt: '2026-04-01', startedAt: '2026-04-01' }), // registered and started on Q2's first day
      pr({ registeredAt: '2026-06-30', startedAt: '2026-06-30', closedAt: '2026-06-30' }), // everything on Q2's last day
      pr({ registeredAt: '2026-06-30' }), // registered on Q2's last day, not taken up
      pr({ registeredAt: '2026-07-01', startedAt: '2026-07-01' }), // Q3's first day
      pr({ registeredAt: '2026-02-01', startedAt: '2026-02-02', closedAt: '2026-03-31' }), // closed on Q1's last day: not active in Q2
      { kind: 'advies', registeredAt: '2026-06-30' },
      { kind: 'informatievraag', registeredAt: '2026-04-01' },
      { kind: 'advies', registeredAt: '2026-03-31' },
    ]);
  });

  it('counts a quarter from its first to its last day', async () => {
    const q2 = await computePeriodReport(managerCtx(db, tenantId), resolvePeriod({ year: 2026, quarter: 2 }));
    expect(q2.period).toEqual({ from: '2026-04-01', to: '2026-06-30', quarter: 2 });
    expect(q2.year).toBe(2026);
    expect(q2.basics).toEqual({
      registeredProcessDirection: 3, registeredProcessDirectionPga: 0, notTakenUp: 1,
      activeProcessDirection: 4, activeProcessDirectionPga: 0, informationRequests: 1, advice: 1,
    });
    // carried over: the two started on 31 March (one closed on 1 April); inflow: 1 April and 30 June
    expect(assen(q2)).toMatchObject({ carriedOver: 2, inflow: 2, closed: 2, activeAtYearEnd: 2, processDirection: 4, advice: 1 });

    const q1 = await computePeriodReport(managerCtx(db, tenantId), resolvePeriod({ year: 2026, quarter: 1 }));
    expect(assen(q1)).toMatchObject({ carriedOver: 0, inflow: 3, closed: 1, activeAtYearEnd: 2, advice: 1 });
    expect(q1.basics.registeredProcessDirection).toBe(3);

    const q3 = await computePeriodReport(managerCtx(db, tenantId), resolvePeriod({ year: 2026, quarter: 3 }));
    expect(assen(q3)).toMatchObject({ carriedOver: 2, inflow: 1, closed: 0, activeAtYearEnd: 3 });
  });

  it('counts a range of one day', async () => {
    const day = await computePeriodReport(managerCtx(db, tenantId), period('2026-06-30', '2026-06-30'));
    expect(day.basics).toMatchObject({ registeredProcessDirection: 2, notTakenUp: 1, activeProcessDirection: 3, advice: 1, informationRequests: 0 });
    expect(assen(day)).toMatchObject({ carriedOver: 2, inflow: 1, closed: 1, activeAtYearEnd: 2 });
    const first = await computePeriodReport(managerCtx(db, tenantId), period('2026-04-01', '2026-04-01'));
    // closed on 1 April: still active that day, not active after it
    expect(assen(first)).toMatchObject({ carriedOver: 2, inflow: 1, closed: 1, activeAtYearEnd: 2 });
    expect(first.basics.activeProcessDirection).toBe(3);
  });

  it('gives for a whole year exactly the annual report (one computation)', async () => {
    const { period: p, ...rest } = await computePeriodReport(managerCtx(db, tenantId), resolvePeriod({ year: 2026 }));
    expect(p).toEqual({ from: '2026-01-01', to: '2026-12-31', quarter: null });
    expect(rest).toEqual(await computeAnnualReport(managerCtx(db, tenantId), 2026));
    expect('period' in (await computeAnnualReport(managerCtx(db, tenantId), 2026))).toBe(false);
  });

  it('counts a range over a year end, with ages on the registration date', async () => {
    const t = await makeTenant(db);
    await insertDossiers(db, t, [
      pr({ registeredAt: '2025-11-01', startedAt: '2025-11-30', birthDate: null }), // carried over into the range
      pr({ registeredAt: '2025-12-31', startedAt: '2025-12-31', birthDate: '2008-01-01' }), // 17 on 31 Dec 2025
      pr({ registeredAt: '2026-01-01', startedAt: '2026-01-01', birthDate: '2008-01-01', closedAt: '2026-01-31' }), // 18 on 1 Jan 2026
      pr({ registeredAt: '2026-02-01', startedAt: '2026-02-01' }), // after the range
      pr({ registeredAt: '2025-10-01', startedAt: '2025-10-02', closedAt: '2025-11-30' }), // closed before the range
    ]);
    const r = await computePeriodReport(managerCtx(db, t), period('2025-12-01', '2026-01-31'));
    expect(r.year).toBe(2025);
    expect(assen(r)).toMatchObject({ carriedOver: 1, inflow: 2, closed: 1, activeAtYearEnd: 2 });
    expect(r.basics).toMatchObject({ registeredProcessDirection: 2, activeProcessDirection: 3 });
    expect(r.percentages.ageGroup).toMatchObject({ '<18': 33, '18-23': 33, '24-40': 0 });
  });
});

describe('GET /api/reports/period and its exports', () => {
  let mgr: TestClient;
  let pol: TestClient;
  beforeAll(async () => {
    const t = await makeTenant(db);
    mgr = await env.as(await makeUser(db, t, ['manager']));
    pol = await env.as('politie@demo.zvh');
    await insertDossiers(db, t, [pr({ registeredAt: '2026-04-01', startedAt: '2026-04-02', closedAt: '2026-06-30', goalsMet: 'ja' })]);
  });

  it('answers a quarter and a range with the period', async () => {
    const q = await mgr.get('/api/reports/period?year=2026&quarter=2');
    expect(q.status, q.text).toBe(200);
    expect(q.body.period).toEqual({ from: '2026-04-01', to: '2026-06-30', quarter: 2 });
    expect(q.body.basics.activeProcessDirection).toBe(1);
    expect(q.body.outcome.closed).toBe(1);
    expect(q.body.outcome.goalsMet).toMatchObject({ ja: 1, percentMet: 100 });
    expect(q.headers['cache-control']).toBe('no-store');
    const r = await mgr.get('/api/reports/period?from=2026-07-01&to=2026-07-01');
    expect(r.status).toBe(200);
    expect(r.body.period).toEqual({ from: '2026-07-01', to: '2026-07-01', quarter: null });
    expect(r.body.basics.activeProcessDirection).toBe(0);
    // the annual report keeps its shape: no period
    const a = await mgr.get('/api/reports/annual?year=2026');
    expect(a.status).toBe(200);
    expect(a.body.period).toBeUndefined();
    expect(a.body.basics.activeProcessDirection).toBe(1);
  });

  it('refuses from after to and other bad periods with 400, changing nothing', async () => {
    const before = await dataFingerprint(db);
    for (const q of ['from=2026-02-01&to=2026-01-31', 'from=2026-01-01', 'quarter=2', 'year=2026&quarter=5', 'from=2026-02-30&to=2026-03-31',
      'year=2026&from=2026-01-01&to=2026-01-31', '', 'from=1-1-2026&to=2026-01-31']) {
      const r = await mgr.get(`/api/reports/period?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code, q).toBe('validation');
      for (const ext of ['xlsx', 'pdf']) expect((await mgr.get(`/api/reports/period.${ext}?${q}`)).status, `${ext} ${q}`).toBe(400);
    }
    expect(await dataFingerprint(db)).toEqual(before);
  });

  it('exports a quarter as spreadsheet and PDF', async () => {
    const x = await mgr.req('GET', '/api/reports/period.xlsx?year=2026&quarter=2');
    expect(x.status).toBe(200);
    expect(String(x.headers['content-type'])).toContain('spreadsheetml');
    expect(String(x.headers['content-disposition'])).toContain('cijfers-2026-k2.xlsx');
    const p = await mgr.get('/api/reports/period.pdf?from=2025-12-01&to=2026-01-31');
    expect(p.status).toBe(200);
    expect(p.text.startsWith('%PDF')).toBe(true);
    expect(String(p.headers['content-disposition'])).toContain('cijfers-2025-12-01-2026-01-31.pdf');
  });

  it('is for managers and administrators only', async () => {
    expect((await pol.get('/api/reports/period?year=2026&quarter=1')).status).toBe(403);
    expect((await pol.get('/api/reports/period.pdf?year=2026&quarter=1')).status).toBe(403);
  });

  it('the capacity model takes the same quarter', async () => {
    const c = await mgr.get('/api/capacity?from=2026-04-01&to=2026-06-30');
    expect(c.status, c.text).toBe(200);
    expect(c.body.counts.procesregie).toBe(1);
    expect((await mgr.get('/api/capacity?from=2026-07-01&to=2026-09-30')).body.counts.procesregie).toBe(0);
  });
});
