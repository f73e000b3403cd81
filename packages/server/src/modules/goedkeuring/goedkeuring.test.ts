// SPDX-License-Identifier: EUPL-1.2
// Four eyes on a procesregie override of the triage criteria: the case starts at once, a second
// ZVH person reviews it after the fact, and a rejection closes the case and reopens the triage
// (workflow action triage_heropenen); the triage contract itself does not change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.js';
import { one, sql } from '../../core/db/index.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { MEETS, freshSubject, register } from '../../test/fixtures.js';

let env: TestEnv;
let db: Db;
let regisseur: TestClient, manager: TestClient, politie: TestClient, informatie: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  db = env.database.db;
  [regisseur, manager, politie, informatie] = await Promise.all(['regisseur@demo.zvh', 'manager@demo.zvh', 'politie@demo.zvh', 'informatie@demo.zvh'].map((e) => env.as(e)));
});
afterAll(async () => env?.close());

const NOT_MET = { multiProblem: true, multipleChains: false, systemImpact: false, areaSafety: false };
async function overrideCase() {
  const registrationId = await register(politie, { subject: freshSubject() });
  const t = await regisseur.post(`/api/registrations/${registrationId}/triage`, {
    criteria: NOT_MET, outcome: 'procesregie', approach: 'maatwerk', purpose: 'Escalatie voorkomen', participants: ['politie'],
    override: { reason: 'Dreigende escalatie in het gezin; de ketens lopen vast' },
  });
  expect(t.status).toBe(200);
  expect(t.body).toMatchObject({ status: 'procesregie_lopend', criteriaMet: false });
  const approval = (await manager.get('/api/approvals?open=true')).body.find((a: any) => a.caseId === t.body.caseId);
  return { registrationId, caseId: t.body.caseId as string, approval };
}

describe('review of a triage override after the fact', () => {
  it('starts the case at once and asks a second person to review; no review when the criteria are met', async () => {
    const { caseId, approval } = await overrideCase();
    expect(approval).toMatchObject({ kind: 'triage_override', status: 'open', requestedByName: 'Rianne Regisseur' });
    expect((await regisseur.get(`/api/cases/${caseId}`)).body.status).toBe('procesregie_lopend');
    const reg = await register(politie, { subject: freshSubject() });
    const met = await regisseur.post(`/api/registrations/${reg}/triage`, { criteria: MEETS, outcome: 'procesregie', approach: 'maatwerk', purpose: 'Overlast stoppen', participants: ['politie'] });
    const n = await one<{ n: number }>(db, sql`select count(*)::int as n from approvals where case_id = ${met.body.caseId}`);
    expect(n!.n).toBe(0);
  });

  it('never lets the requester decide, nor a partner or a role without approval.decide', async () => {
    const { approval } = await overrideCase();
    expect((await regisseur.post(`/api/approvals/${approval.id}/decision`, { decision: 'goedgekeurd', note: 'eigen' })).status).toBe(403);
    expect((await politie.post(`/api/approvals/${approval.id}/decision`, { decision: 'goedgekeurd', note: 'x' })).status).toBe(403);
    expect((await informatie.post(`/api/approvals/${approval.id}/decision`, { decision: 'goedgekeurd', note: 'x' })).status).toBe(403);
    expect((await informatie.get('/api/approvals')).status).toBe(403);
    expect((await manager.post(`/api/approvals/${approval.id}/decision`, { decision: 'goedgekeurd', note: '' })).status).toBe(400);
    const row = await one<{ status: string }>(db, sql`select status from approvals where id = ${approval.id}`);
    expect(row!.status).toBe('open');
  });

  it('keeps the case on approval', async () => {
    const { caseId, approval } = await overrideCase();
    const ok = await manager.post(`/api/approvals/${approval.id}/decision`, { decision: 'goedgekeurd', note: 'Onderbouwing volstaat' });
    expect(ok.status).toBe(200);
    expect((await regisseur.get(`/api/cases/${caseId}`)).body.status).toBe('procesregie_lopend');
  });

  it('on rejection closes the case and reopens the triage, which can open a new case; all logged', async () => {
    const { registrationId, caseId, approval } = await overrideCase();
    const no = await manager.post(`/api/approvals/${approval.id}/decision`, { decision: 'afgewezen', note: 'Criteria niet gehaald; eerst terug naar het weegoverleg' });
    expect(no.status).toBe(200);
    const c = await one<Record<string, unknown>>(db, sql`select status, close_reason_code from cases where id = ${caseId}`);
    expect(c).toEqual({ status: 'afgesloten', close_reason_code: 'triage-override-afgewezen' });
    const r = await regisseur.get(`/api/registrations/${registrationId}`);
    expect(r.body.status).toBe('in_triage');
    const again = await regisseur.post(`/api/registrations/${registrationId}/triage`, { criteria: MEETS, outcome: 'procesregie', approach: 'maatwerk', purpose: 'Na herbeoordeling', participants: ['politie'] });
    expect(again.status).toBe(200);
    expect(again.body.caseId).not.toBe(caseId);
    const dossiers = await one<{ n: number; case_id: string }>(db, sql`select count(*)::int as n, max(case_id::text) as case_id from report_dossiers where registration_id = ${registrationId}`);
    expect(dossiers).toEqual({ n: 1, case_id: again.body.caseId });
    const events = await one<{ n: number }>(db, sql`select count(*)::int as n from case_events where case_id = ${caseId} and type in ('triage_override_reviewed', 'triage_reopened')`);
    expect(events!.n).toBe(2);
    const log = await one<{ n: number }>(db, sql`select count(*)::int as n from processing_log where case_id = ${caseId} and activity = 'vier-ogen' and action = 'update'`);
    expect(log!.n).toBe(1);
    expect((await manager.post(`/api/approvals/${approval.id}/decision`, { decision: 'goedgekeurd', note: 'toch' })).status).toBe(409);
  });
});
