// SPDX-License-Identifier: EUPL-1.2
// Uitkomst: the ZRM scores and safety risk of a case (procesregisseur only, logged, versioned),
// and the report's outcome section on hand-made cases (closed on 31 December / 1 January, a
// domain scored only at the start is not counted, the latest version counts).
import { managerCtx } from '../../test/fixtures.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_LISTS } from '@zvh/shared';
import type { Db } from '../../core/db/index.js';
import { rows, sql } from '../../core/db/index.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { openCaseWith, randomId } from '../../test/fixtures.js';
import { computeAnnualReport, computeOutcomeFigures, computePeriodReport, resolvePeriod } from '../rapportage/annual-report.js';
import { insertDossiers, makeTenant } from '../rapportage/fixtures.js';

let env: TestEnv;
let db: Db;
let pol: TestClient, reg: TestClient, ggz: TestClient, inf: TestClient, mgr: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  db = env.database.db;
  [pol, reg, ggz, inf, mgr] = await Promise.all(['politie', 'regisseur', 'ggz', 'informatie', 'manager'].map((u) => env.as(`${u}@demo.zvh`)));
});
afterAll(async () => env?.close());

const scoreCount = async (caseId: string) => (await rows(db, sql`select 1 from case_outcome_scores where case_id = ${caseId}`)).length;

describe('ZRM scores on a case', () => {
  it('the regisseur scores at the start, each save a new version, stale versions refused', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const empty = await reg.get(`/api/cases/${caseId}/outcome`);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ start: null, afsluiting: null, history: [] });

    const s1 = await reg.put(`/api/cases/${caseId}/outcome/start`, { scores: { huisvesting: 1, financien: 2 }, safetyRisk: 'hoog', version: 0 });
    expect(s1.status, s1.text).toBe(200);
    expect(s1.body).toEqual({ moment: 'start', version: 1 });
    expect(s1.headers.etag).toBe('"v1"');
    const s2 = await reg.put(`/api/cases/${caseId}/outcome/start`, { scores: { huisvesting: 2, financien: 2, verslaving: 3 }, safetyRisk: 'hoog' }, { 'if-match': '"v1"' });
    expect(s2.body).toEqual({ moment: 'start', version: 2 });
    const stale = await reg.put(`/api/cases/${caseId}/outcome/start`, { scores: { huisvesting: 5 }, version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');

    const got = await reg.get(`/api/cases/${caseId}/outcome`);
    expect(got.body.start).toMatchObject({ moment: 'start', version: 2, scores: { huisvesting: 2, financien: 2, verslaving: 3 }, safetyRisk: 'hoog' });
    expect(got.body.afsluiting).toBeNull();
    expect(got.body.history.map((h: { version: number }) => h.version)).toEqual([2, 1]);
    expect(got.body.history[1].scores).toEqual({ financien: 2, huisvesting: 1 });
    expect(await scoreCount(caseId)).toBe(2);
  });

  it('refuses unknown domains, scores outside 1-5, an unknown risk or nothing at all, saving nothing', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    for (const body of [
      { scores: { onbekend: 3 } }, { scores: { huisvesting: 0 } }, { scores: { huisvesting: 6 } }, { scores: { huisvesting: 2.5 } },
      { scores: {}, safetyRisk: 'extreem' }, { scores: {} }, { safetyRisk: 'hoog' }, { scores: { huisvesting: 'drie' } },
    ]) {
      const r = await reg.put(`/api/cases/${caseId}/outcome/start`, body);
      expect([400, 422], JSON.stringify(body)).toContain(r.status);
    }
    expect((await reg.put(`/api/cases/${caseId}/outcome/tussendoor`, { scores: { huisvesting: 3 } })).status).toBe(400);
    expect(await scoreCount(caseId)).toBe(0);
  });

  it('accepts every ZRM domain of the code list', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const all = Object.fromEntries(CODE_LISTS.zrmDomain.map(([c], i) => [c, (i % 5) + 1]));
    expect(CODE_LISTS.zrmDomain).toHaveLength(11);
    const r = await reg.put(`/api/cases/${caseId}/outcome/start`, { scores: all, safetyRisk: 'laag' });
    expect(r.status, r.text).toBe(200);
    expect((await reg.get(`/api/cases/${caseId}/outcome`)).body.start.scores).toEqual(all);
  });

  it('is the procesregisseur\'s alone: a participant partner 403, a non-participant 404, nothing saved', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: ['politie'] });
    await reg.put(`/api/cases/${caseId}/outcome/start`, { scores: { huisvesting: 2 } });
    expect((await pol.get(`/api/cases/${caseId}/outcome`)).status).toBe(403);
    expect((await pol.put(`/api/cases/${caseId}/outcome/start`, { scores: { huisvesting: 4 } })).status).toBe(403);
    const notThere = await ggz.get(`/api/cases/${caseId}/outcome`);
    const missing = await ggz.get(`/api/cases/${randomId()}/outcome`);
    expect(notThere.status).toBe(missing.status);
    expect(notThere.body).toEqual(missing.body);
    expect([403, 404]).toContain((await ggz.put(`/api/cases/${caseId}/outcome/start`, { scores: { huisvesting: 4 } })).status);
    expect((await inf.put(`/api/cases/${caseId}/outcome/start`, { scores: { huisvesting: 4 } })).status).toBe(403);
    expect((await mgr.get(`/api/cases/${caseId}/outcome`)).status).toBe(403);
    expect(await scoreCount(caseId)).toBe(1);
  });

  it('writes every read and write to the processing log, and only that a score was recorded to the timeline', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    await reg.put(`/api/cases/${caseId}/outcome/start`, { scores: { verslaving: 1 }, safetyRisk: 'midden' });
    await reg.get(`/api/cases/${caseId}/outcome`);
    const log = await rows<{ action: string; details: Record<string, unknown>; data_subject_ref: string | null }>(db, sql`select action, details, data_subject_ref
      from processing_log where case_id = ${caseId} and details ->> 'object' = 'outcome' order by id`);
    expect(log.map((l) => l.action)).toEqual(['update', 'read']);
    expect(log.every((l) => l.data_subject_ref)).toBe(true);
    const events = await rows<{ data: Record<string, unknown> }>(db, sql`select data from case_events where case_id = ${caseId} and type = 'outcome_scored'`);
    expect(events).toHaveLength(1);
    expect(JSON.stringify(events[0]!.data)).not.toContain('verslaving');
  });

  it('the closure score can be given before and after closing; the start score only while the case runs', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    await reg.put(`/api/cases/${caseId}/outcome/start`, { scores: { huisvesting: 1 } });
    expect((await reg.put(`/api/cases/${caseId}/outcome/afsluiting`, { scores: { huisvesting: 3 } })).status).toBe(200);
    expect((await reg.post(`/api/cases/${caseId}/close`, { reason: 'Doel bereikt', reasonCode: 'doel-bereikt', evaluation: { goalsMet: 'ja' } })).status).toBe(200);
    const after = await reg.put(`/api/cases/${caseId}/outcome/afsluiting`, { scores: { huisvesting: 4 }, safetyRisk: 'laag', version: 1 });
    expect(after.status, after.text).toBe(200);
    expect(after.body.version).toBe(2);
    const start = await reg.put(`/api/cases/${caseId}/outcome/start`, { scores: { huisvesting: 2 } });
    expect(start.status).toBe(409);
    expect(await scoreCount(caseId)).toBe(3);
  });

  it('only on procesregie cases', async () => {
    const { caseId } = await openCaseWith(pol, reg, { outcome: 'advies' });
    const r = await reg.put(`/api/cases/${caseId}/outcome/start`, { scores: { huisvesting: 2 } });
    expect(r.status).toBe(409);
    expect(await scoreCount(caseId)).toBe(0);
  });
});

describe('the report\'s outcome section', () => {
  let tenantId: string;
  const score = async (caseId: string, moment: 'start' | 'afsluiting', scores: Record<string, number>, risk: string | null, version = 1) =>
    db.execute(sql`insert into case_outcome_scores (tenant_id, case_id, moment, version, scores, safety_risk)
      values (${tenantId}, ${caseId}, ${moment}, ${version}, ${JSON.stringify(scores)}::jsonb, ${risk})`);

  beforeAll(async () => {
    tenantId = await makeTenant(db);
    const ids = await insertDossiers(db, tenantId, [
      { kind: 'procesregie', registeredAt: '2025-01-10', startedAt: '2025-01-15', closedAt: '2025-12-31', goalsMet: 'ja' }, // 0: closed 31 Dec 2025
      { kind: 'procesregie', registeredAt: '2025-02-10', startedAt: '2025-02-15', closedAt: '2026-01-01', goalsMet: 'deels' }, // 1: closed 1 Jan 2026
      { kind: 'procesregie', registeredAt: '2025-03-10', startedAt: '2025-03-15', closedAt: '2026-03-31', goalsMet: 'ja' }, // 2: closed 31 Mar 2026
      { kind: 'procesregie', registeredAt: '2025-04-10', startedAt: '2025-04-15', closedAt: '2026-06-01' }, // 3: no evaluation, only a start score
      { kind: 'procesregie', registeredAt: '2025-05-10', startedAt: '2025-05-15' }, // 4: still open, scored twice: not closed, not counted
      { kind: 'procesregie', registeredAt: '2025-06-10', startedAt: '2025-06-15', closedAt: '2026-12-31', goalsMet: 'nee' }, // 5: closed 31 Dec 2026
    ]);
    const [c0, c1, c2, c3, c4, c5] = ids as string[];
    await score(c0!, 'start', { huisvesting: 1, financien: 2 }, 'hoog');
    await score(c0!, 'afsluiting', { huisvesting: 3, financien: 2 }, 'laag');
    // c1: huisvesting better, financien worse, verslaving only at the start (not counted), justitie only at closure
    await score(c1!, 'start', { huisvesting: 2, financien: 4, verslaving: 2 }, 'midden');
    await score(c1!, 'afsluiting', { huisvesting: 4, financien: 3, justitie: 3 }, 'midden');
    // c2: the latest version counts (version 1 said worse, version 2 the same)
    await score(c2!, 'start', { huisvesting: 3 }, 'laag');
    await score(c2!, 'afsluiting', { huisvesting: 1 }, 'hoog', 1);
    await score(c2!, 'afsluiting', { huisvesting: 3 }, 'midden', 2);
    await score(c3!, 'start', { huisvesting: 1 }, 'hoog');
    await score(c4!, 'start', { huisvesting: 1 }, 'hoog');
    await score(c4!, 'afsluiting', { huisvesting: 5 }, 'laag');
    await score(c5!, 'start', { dagbesteding: 4 }, null);
    await score(c5!, 'afsluiting', { dagbesteding: 4 }, 'laag');
  });

  const zero = { improved: 0, same: 0, worsened: 0 };

  it('counts per year the closed cases that improved, stayed the same or worsened, per domain and for the safety risk', async () => {
    const y2026 = (await computeAnnualReport(managerCtx(db, tenantId), 2026)).outcome;
    expect(Object.keys(y2026.byDomain)).toEqual(CODE_LISTS.zrmDomain.map(([c]) => c));
    expect(y2026.closed).toBe(4);
    expect(y2026.scoredAtBoth).toBe(3);
    expect(y2026.byDomain.huisvesting).toEqual({ improved: 1, same: 1, worsened: 0 });
    expect(y2026.byDomain.financien).toEqual({ improved: 0, same: 0, worsened: 1 });
    expect(y2026.byDomain.verslaving).toEqual(zero); // scored only at the start
    expect(y2026.byDomain.justitie).toEqual(zero); // scored only at closure
    expect(y2026.byDomain.dagbesteding).toEqual({ improved: 0, same: 1, worsened: 0 });
    // c1 midden -> midden, c2 laag -> midden (latest version), c5 no risk at the start
    expect(y2026.safetyRisk).toEqual({ improved: 0, same: 1, worsened: 1 });
    expect(y2026.goalsMet).toEqual({ ja: 1, deels: 1, nee: 1, notRecorded: 1, percentMet: 33 });

    const y2025 = (await computeAnnualReport(managerCtx(db, tenantId), 2025)).outcome;
    expect(y2025.closed).toBe(1);
    expect(y2025.byDomain.huisvesting).toEqual({ improved: 1, same: 0, worsened: 0 });
    expect(y2025.byDomain.financien).toEqual({ improved: 0, same: 1, worsened: 0 });
    expect(y2025.safetyRisk).toEqual({ improved: 1, same: 0, worsened: 0 });
    expect(y2025.goalsMet).toEqual({ ja: 1, deels: 0, nee: 0, notRecorded: 0, percentMet: 100 });
  });

  it('counts per period with the same definitions (closed on a boundary day)', async () => {
    const q1 = (await computePeriodReport(managerCtx(db, tenantId), resolvePeriod({ year: 2026, quarter: 1 }))).outcome;
    expect(q1.closed).toBe(2); // 1 January and 31 March
    expect(q1.byDomain.huisvesting).toEqual({ improved: 1, same: 1, worsened: 0 });
    const day = await computeOutcomeFigures(managerCtx(db, tenantId), { from: '2026-01-01', to: '2026-01-01' });
    expect(day.closed).toBe(1);
    expect(day.byDomain.financien).toEqual({ improved: 0, same: 0, worsened: 1 });
    const yearEnd = await computeOutcomeFigures(managerCtx(db, tenantId), { from: '2025-12-31', to: '2026-01-01' });
    expect(yearEnd.closed).toBe(2);
    expect(yearEnd.safetyRisk).toEqual({ improved: 1, same: 1, worsened: 0 });
    const empty = await computeOutcomeFigures(managerCtx(db, tenantId), { from: '2024-01-01', to: '2024-12-31' });
    expect(empty).toMatchObject({ closed: 0, scoredAtBoth: 0, safetyRisk: zero, goalsMet: { percentMet: 0 } });
  });

  it('follows the municipality filter and gives aggregates only', async () => {
    const other = (await computeAnnualReport(managerCtx(db, tenantId), 2026, { municipality: 'GM1680' })).outcome;
    expect(other.closed).toBe(0);
    expect(other.byDomain.huisvesting).toEqual(zero);
    const text = JSON.stringify(await computeAnnualReport(managerCtx(db, tenantId), 2026));
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });
});
