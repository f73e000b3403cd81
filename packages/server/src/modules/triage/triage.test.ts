// SPDX-License-Identifier: EUPL-1.2
// Triage (weegoverleg): the national criteria with an override that is recorded, what each
// outcome needs (advice, a place, an approach, a purpose), and what it opens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { dataFingerprint, freshSubject, MEETS, PURPOSE, register, registrationBody, triageBody } from '../../test/fixtures.js';
import { one, rows, sql } from '../../core/db/index.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient, gem: TestClient, inf: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg, gem, inf] = await Promise.all(['politie', 'regisseur', 'gemeente', 'informatie'].map((u) => env.as(`${u}@demo.zvh`)));
});
afterAll(async () => { await env?.close(); });

const fresh = () => register(pol, { subject: freshSubject() });
const NOT_MET = { multiProblem: true, multipleChains: false, systemImpact: true, areaSafety: false };
const caseRow = (id: string) => one<Record<string, unknown>>(env.database.db, sql`select kind, approach, status, purpose, regisseur_id, lead_partner from cases where id = ${id}`);
const participantsOf = async (caseId: string) => (await rows<{ partner_code: string }>(env.database.db,
  sql`select partner_code from case_participants where case_id = ${caseId} and removed_at is null order by partner_code`)).map((r) => r.partner_code);

async function expectRefused(id: string, body: Record<string, unknown>, status: number, fields: string[]) {
  const before = await dataFingerprint(env.database.db);
  const r = await reg.post(`/api/registrations/${id}/triage`, body);
  expect(r.status, r.text).toBe(status);
  expect(r.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([...fields].sort());
  expect(await dataFingerprint(env.database.db)).toEqual(before);
  expect((await one<{ status: string }>(env.database.db, sql`select status from registrations where id = ${id}`))!.status).toBe('aangemeld');
}

describe('criteria and override', () => {
  it('refuses procesregie when the criteria are not met, unless an override with a reason is given', async () => {
    const id = await fresh();
    const before = await dataFingerprint(env.database.db);
    const weak = await reg.post(`/api/registrations/${id}/triage`, triageBody('procesregie', { criteria: NOT_MET }));
    expect(weak.status).toBe(422);
    expect(weak.body.error.code).toBe('criteria_not_met');
    const empty = await reg.post(`/api/registrations/${id}/triage`, triageBody('procesregie', { criteria: NOT_MET, override: { reason: '' } }));
    expect(empty.status).toBe(400);
    const blank = await reg.post(`/api/registrations/${id}/triage`, triageBody('procesregie', { criteria: NOT_MET, override: { reason: '   ' } }));
    expect(blank.status).toBe(422);
    expect(await dataFingerprint(env.database.db)).toEqual(before);

    const reason = 'Escalatie dreigt; de partners vragen nadrukkelijk om regie';
    const ok = await reg.post(`/api/registrations/${id}/triage`, triageBody('procesregie', { criteria: NOT_MET, override: { reason } }));
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ criteriaMet: false, status: 'procesregie_lopend', caseId: expect.any(String) });
    const record = (await reg.get(`/api/registrations/${id}`)).body.triage;
    expect(record).toMatchObject({
      criteria: NOT_MET, criteriaMet: false, outcome: 'procesregie', approach: 'maatwerk', purpose: PURPOSE,
      override: { reason, by: expect.any(String) }, participants: ['politie', 'gemeente-oov'], triagedAt: expect.any(String),
    });
    expect((await reg.get(`/api/cases/${ok.body.caseId}`)).body.registration.triage.override.reason).toBe(reason);
    const ev = await one<{ data: Record<string, unknown> }>(env.database.db, sql`select data from case_events where registration_id = ${id} and type = 'triaged'`);
    expect(ev!.data).toMatchObject({ outcome: 'procesregie', criteriaMet: false, override: true });
  });

  it('area safety alone meets the criteria; an override then is not recorded', async () => {
    const id = await fresh();
    const r = await reg.post(`/api/registrations/${id}/triage`, triageBody('procesregie', {
      criteria: { multiProblem: false, multipleChains: false, systemImpact: false, areaSafety: true }, override: { reason: 'Overbodig' },
    }));
    expect(r.status, r.text).toBe(200);
    expect(r.body.criteriaMet).toBe(true);
    expect((await reg.get(`/api/registrations/${id}`)).body.triage).toMatchObject({ criteriaMet: true, override: null });
  });

  it('other outcomes do not need the criteria', async () => {
    const id = await fresh();
    const none = { multiProblem: false, multipleChains: false, systemImpact: false, areaSafety: false };
    const r = await reg.post(`/api/registrations/${id}/triage`, triageBody('advies', { criteria: none }));
    expect(r.status, r.text).toBe(200);
    expect(r.body.criteriaMet).toBe(false);
  });
});

describe('what each outcome needs', () => {
  it('terugleggen needs advice, which the registrant then reads', async () => {
    const id = await fresh();
    await expectRefused(id, triageBody('terugleggen', { advice: undefined }), 422, ['advice']);
    await expectRefused(id, triageBody('terugleggen', { advice: '  ' }), 422, ['advice']);
    const advice = 'Bespreek dit eerst in het sociaal team van de gemeente';
    const r = await reg.post(`/api/registrations/${id}/triage`, triageBody('terugleggen', { advice }));
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'teruggelegd', caseId: null });
    expect((await pol.get(`/api/registrations/${id}`)).body.triage).toMatchObject({ outcome: 'terugleggen', advice });
  });

  it('doorverwijzen needs a known place', async () => {
    const id = await fresh();
    await expectRefused(id, triageBody('doorverwijzen', { referredTo: undefined }), 422, ['referredTo']);
    await expectRefused(id, triageBody('doorverwijzen', { referredTo: { place: 'de-maan' } }), 422, ['referredTo.place']);
    const noPlace = await reg.post(`/api/registrations/${id}/triage`, triageBody('doorverwijzen', { referredTo: { note: 'ergens heen' } }));
    expect(noPlace.status).toBe(400);
    const r = await reg.post(`/api/registrations/${id}/triage`, triageBody('doorverwijzen', { referredTo: { place: 'zsm', note: 'Strafrechtelijk oppakken' } }));
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ status: 'doorverwezen', caseId: null });
    expect((await pol.get(`/api/registrations/${id}`)).body.triage).toMatchObject({ outcome: 'doorverwijzen', referredTo: { place: 'zsm', note: 'Strafrechtelijk oppakken' } });
  });

  it('procesregie needs an approach and a purpose; advies a purpose', async () => {
    const id = await fresh();
    await expectRefused(id, triageBody('procesregie', { approach: undefined }), 422, ['approach']);
    await expectRefused(id, triageBody('procesregie', { purpose: undefined }), 422, ['purpose']);
    await expectRefused(id, triageBody('procesregie', { purpose: ' ' }), 422, ['purpose']);
    await expectRefused(id, triageBody('advies', { purpose: undefined }), 422, ['purpose']);
    await expectRefused(id, triageBody('procesregie', { participants: ['politie', 'bestaat-niet'] }), 422, ['participants.1']);
    await expectRefused(id, triageBody('procesregie', { participants: ['zvh'] }), 422, ['participants.0']);
    await expectRefused(id, triageBody('procesregie', { leadPartner: 'bestaat-niet' }), 422, ['leadPartner']);
    await expectRefused(id, triageBody('procesregie', { regisseurId: '00000000-0000-4000-8000-000000000000' }), 422, ['regisseurId']);
    const before = await dataFingerprint(env.database.db);
    expect((await reg.post(`/api/registrations/${id}/triage`, triageBody('procesregie', { approach: 'intensief' }))).status).toBe(400);
    expect((await reg.post(`/api/registrations/${id}/triage`, triageBody('procesregie', { outcome: 'opsluiten' }))).status).toBe(400);
    expect((await reg.post(`/api/registrations/${id}/triage`, { outcome: 'procesregie', approach: 'maatwerk', purpose: 'x' })).status).toBe(400);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });
});

describe('what triage opens', () => {
  it('procesregie opens a case with the purpose, approach, participants and the regisseur', async () => {
    const id = await fresh();
    const r = await reg.post(`/api/registrations/${id}/triage`, triageBody('procesregie', { approach: 'pga', participants: ['politie', 'ggz-drenthe'], leadPartner: 'ggz-drenthe' }));
    expect(r.status, r.text).toBe(200);
    const regisseurId = (await one<{ id: string }>(env.database.db, sql`select id from users where email = 'regisseur@demo.zvh'`))!.id;
    expect(await caseRow(r.body.caseId)).toEqual({ kind: 'procesregie', approach: 'pga', status: 'procesregie_lopend', purpose: PURPOSE, regisseur_id: regisseurId, lead_partner: 'ggz-drenthe' });
    expect(await participantsOf(r.body.caseId)).toEqual(['ggz-drenthe', 'politie']);
    // triage by the informatiemakelaar leaves the case without a regisseur
    const id2 = await fresh();
    const r2 = await inf.post(`/api/registrations/${id2}/triage`, triageBody('procesregie'));
    expect(r2.status).toBe(200);
    expect((await caseRow(r2.body.caseId))!.regisseur_id).toBeNull();
  });

  it('advies opens an advice case in which the registrant takes part', async () => {
    const id = await fresh();
    const r = await reg.post(`/api/registrations/${id}/triage`, triageBody('advies', { participants: [] }));
    expect(r.status, r.text).toBe(200);
    expect(r.body.status).toBe('advies');
    expect(await caseRow(r.body.caseId)).toMatchObject({ kind: 'advies', approach: null, status: 'advies' });
    expect(await participantsOf(r.body.caseId)).toEqual(['politie']);
    const seen = await pol.get(`/api/cases/${r.body.caseId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ kind: 'advies', status: 'advies' });
    expect((await gem.get(`/api/cases/${r.body.caseId}`)).status).toBe(404);

    // registered by the ZVH on behalf of gemeente-oov: gemeente takes part, once
    const onBehalf = await reg.post('/api/registrations', registrationBody({ subject: freshSubject(), registeringPartner: 'gemeente-oov' }));
    const r2 = await reg.post(`/api/registrations/${onBehalf.body.id}/triage`, triageBody('advies', { participants: ['gemeente-oov', 'vnn'] }));
    expect(r2.status).toBe(200);
    expect(await participantsOf(r2.body.caseId)).toEqual(['gemeente-oov', 'vnn']);
    expect((await gem.get(`/api/cases/${r2.body.caseId}`)).status).toBe(200);
  });

  it('terugleggen and doorverwijzen open no case', async () => {
    for (const outcome of ['terugleggen', 'doorverwijzen'] as const) {
      const id = await fresh();
      const before = (await dataFingerprint(env.database.db)).cases;
      const r = await reg.post(`/api/registrations/${id}/triage`, triageBody(outcome));
      expect(r.status).toBe(200);
      expect(r.body.caseId).toBeNull();
      expect((await dataFingerprint(env.database.db)).cases).toBe(before);
    }
  });

  it('start triage and triage are recorded in the registration\'s history', async () => {
    const id = await fresh();
    expect((await reg.post(`/api/registrations/${id}/triage/start`)).status).toBe(200);
    const r = await reg.post(`/api/registrations/${id}/triage`, triageBody('procesregie', { criteria: MEETS }));
    const tl = await reg.get(`/api/cases/${r.body.caseId}/timeline`);
    const types = tl.body.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['registered', 'triage_started', 'triaged', 'case_opened']));
  });
});
