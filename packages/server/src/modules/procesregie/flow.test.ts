// SPDX-License-Identifier: EUPL-1.2
// The contract's case lifecycle through the HTTP layer: registration, triage, need-to-know,
// agreements, processing log, closure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { MEETS, openCase, register, registrationBody, SUBJECT } from '../../test/fixtures.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient, ggz: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg, ggz] = await Promise.all([env.as('politie@demo.zvh'), env.as('regisseur@demo.zvh'), env.as('ggz@demo.zvh')]);
});
afterAll(async () => { await env?.close(); });

describe('case lifecycle', () => {
  it('refuses bad input and creates nothing', async () => {
    const bad = await pol.post('/api/registrations', registrationBody({ subject: { ...SUBJECT, bsn: '123456789' } }));
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([{ field: 'subject.bsn', message: expect.any(String) }]);
    expect((await pol.post('/api/registrations', registrationBody({ municipality: 'GM9999' }))).status).toBe(422);
    expect((await pol.post('/api/registrations', '{"kind": ', { 'content-type': 'application/json' })).status).toBe(400);
    const future = await pol.post('/api/registrations', registrationBody({ subject: { ...SUBJECT, birthDate: '2999-01-01' } }));
    expect(future.status).toBe(422);
    expect((await pol.get('/api/registrations')).body).toHaveLength(0);
  });

  it('walks aanmelding -> triage -> agreements -> close with need-to-know', async () => {
    const regId = await register(pol);
    const weak = await reg.post(`/api/registrations/${regId}/triage`, {
      criteria: { ...MEETS, multipleChains: false }, outcome: 'procesregie', approach: 'maatwerk', purpose: 'test', participants: ['politie'],
    });
    expect(weak.status).toBe(422);
    const tri = await reg.post(`/api/registrations/${regId}/triage`, {
      criteria: MEETS, outcome: 'procesregie', approach: 'maatwerk', purpose: 'Overlast stoppen', participants: ['politie', 'gemeente-oov'],
    });
    expect(tri.status).toBe(200);
    const caseId = tri.body.caseId as string;
    expect((await reg.post(`/api/registrations/${regId}/triage`, { criteria: MEETS, outcome: 'terugleggen', advice: 'x' })).status).toBe(409);

    expect((await pol.get(`/api/cases/${caseId}`)).status).toBe(200);
    const refused = await ggz.get(`/api/cases/${caseId}`);
    const missing = await ggz.get('/api/cases/00000000-0000-4000-8000-000000000000');
    expect(refused.status).toBe(404);
    expect(refused.text).toBe(missing.text);

    const agr = await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Huisbezoek', dueDate: '2030-01-31' });
    expect(agr.status).toBe(201);
    const stale = await pol.patch(`/api/agreements/${agr.body.id}`, { status: 'done', version: 99 });
    expect(stale.status).toBe(409);
    expect((await pol.patch(`/api/agreements/${agr.body.id}`, { status: 'done', note: 'Gedaan' })).status).toBe(200);
    expect((await ggz.patch(`/api/agreements/${agr.body.id}`, { status: 'cancelled' })).status).toBe(404);

    const a1 = await reg.get(`/api/cases/${caseId}/audit`);
    expect(a1.status).toBe(200);
    expect(a1.body.length).toBeGreaterThanOrEqual(4);
    expect(a1.body[0]).toMatchObject({ at: expect.any(String), actor: expect.any(String), organisation: expect.any(String), action: expect.any(String), purpose: expect.any(String) });
    await pol.get(`/api/cases/${caseId}`);
    const a2 = await reg.get(`/api/cases/${caseId}/audit`);
    expect(a2.body.slice(a1.body.length).some((e: { organisation: string; action: string }) => e.organisation === 'politie' && e.action === 'read')).toBe(true);
    expect([403, 404]).toContain((await pol.get(`/api/cases/${caseId}/audit`)).status);

    const closed = await reg.post(`/api/cases/${caseId}/close`, { reason: 'Doel bereikt' });
    expect(closed.status).toBe(200);
    expect((await pol.patch(`/api/agreements/${agr.body.id}`, { status: 'open' })).status).toBe(409);
    expect((await reg.post(`/api/cases/${caseId}/reopen`, { reason: 'Nieuwe overlast' })).status).toBe(200);
  });

  it('blocks closing while agreements are open unless carried over', async () => {
    const { caseId } = await openCase(pol, reg, { subject: { ...SUBJECT, bsn: '123456782' } });
    const a = await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'gemeente-oov', title: 'Woning', dueDate: '2030-01-01' });
    const blocked = await reg.post(`/api/cases/${caseId}/close`, { reason: 'x', reasonCode: 'doel-bereikt' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('open_agreements');
    const ok = await reg.post(`/api/cases/${caseId}/close`, { reason: 'x', reasonCode: 'doel-bereikt', carryOver: [a.body.id], evaluation: { goalsMet: 'deels' } });
    expect(ok.status).toBe(200);
  });
});
