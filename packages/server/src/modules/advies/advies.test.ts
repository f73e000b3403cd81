// SPDX-License-Identifier: EUPL-1.2
// Advice cases: direct and anonymous advice questions, the advice with its time spent, the
// follow-up (stays with the registrant, or one step to an aanmelding for procesregie that keeps
// the history), and that anonymous advice still counts in the annual report and capacity model.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, sql } from '../../core/db/index.js';
import { today } from '../../core/reference-check.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { MEETS, freshSubject, register } from '../../test/fixtures.js';

let env: TestEnv;
let reg: TestClient;
let info: TestClient;
let mgr: TestClient;
let pol: TestClient;
let ggz: TestClient;
const year = Number(today().slice(0, 4));

beforeAll(async () => {
  env = await setupTestEnv();
  [reg, info, mgr, pol, ggz] = await Promise.all(['regisseur', 'informatie', 'manager', 'politie', 'ggz'].map((u) => env.as(`${u}@demo.zvh`)));
});
afterAll(async () => env?.close());

const annual = async () => (await mgr.get(`/api/reports/annual?year=${year}`)).body;
const capacity = async () => (await mgr.get(`/api/capacity?year=${year}`)).body;

describe('direct advice questions', () => {
  it('an anonymous question (no person, no municipality) opens an advice case that counts in the annual report and the capacity model', async () => {
    const [a0, c0] = await Promise.all([annual(), capacity()]);
    const r = await info.post('/api/advice', { question: 'Hoe gaan we om met een buurtbewoner die steeds verward gedrag vertoont?', registeringPartner: 'politie' });
    expect(r.status).toBe(201);
    const advice = await info.get(`/api/cases/${r.body.caseId}/advice`);
    expect(advice.status).toBe(200);
    expect(advice.body).toMatchObject({ anonymous: true, subjectName: null, municipality: null, status: 'advies', minutesSpent: 0, followUp: null });
    const [a1, c1] = await Promise.all([annual(), capacity()]);
    expect(a1.basics.advice).toBe(a0.basics.advice + 1);
    // attributed to no municipality: the per-municipality table is unchanged
    const sum = (a: { byMunicipality: { advice: number }[] }) => a.byMunicipality.reduce((n, m) => n + m.advice, 0);
    expect(sum(a1)).toBe(sum(a0));
    expect(c1.counts.advies).toBe(c0.counts.advies + 1);
    // and a municipality's own figures do not take it
    const assen0 = (await mgr.get(`/api/capacity?year=${year}&municipality=GM0106`)).body.counts.advies;
    const named = await info.post('/api/advice', { question: 'Welke hulp past bij deze jongere?', registeringPartner: 'politie', municipality: 'GM0106', subject: freshSubject() });
    expect(named.status).toBe(201);
    const [a2, c2] = await Promise.all([annual(), capacity()]);
    expect(a2.basics.advice).toBe(a1.basics.advice + 1);
    expect(a2.byMunicipality.find((m: { code: string }) => m.code === 'GM0106').advice).toBe(a1.byMunicipality.find((m: { code: string }) => m.code === 'GM0106').advice + 1);
    expect(c2.counts.advies).toBe(c1.counts.advies + 1);
    expect((await mgr.get(`/api/capacity?year=${year}&municipality=GM0106`)).body.counts.advies).toBe(assen0 + 1);
    // the anonymous one is in the advice list, and its creation in the processing log
    const list = await reg.get('/api/advice');
    expect(list.body.map((a: { caseId: string }) => a.caseId)).toContain(r.body.caseId);
    const logged = await rows(env.database.db, sql`select 1 from processing_log where case_id = ${r.body.caseId} and action = 'create'`);
    expect(logged).toHaveLength(1);
    // the case file and the case list show it without a person (it is not "not found")
    const file = await reg.get(`/api/cases/${r.body.caseId}`);
    expect(file.status, file.text).toBe(200);
    expect(file.body).toMatchObject({ kind: 'advies', subject: null, household: [] });
    expect(file.body.registration.municipality).toBeNull();
    const cases = await reg.get('/api/cases');
    expect(cases.body.find((c: { id: string }) => c.id === r.body.caseId)).toMatchObject({ subjectName: null, subjectId: null });
    const read = await rows(env.database.db, sql`select data_subject_ref from processing_log where case_id = ${r.body.caseId} and action = 'read' and details->>'view' = 'case'`);
    expect(read.length).toBeGreaterThan(0);
  });

  it('refuses partners and bad input', async () => {
    expect((await pol.post('/api/advice', { question: 'Vraag', registeringPartner: 'politie' })).status).toBe(403);
    expect((await pol.get('/api/advice')).status).toBe(403);
    const bad = await info.post('/api/advice', { question: 'Vraag', registeringPartner: 'bestaat-niet', municipality: 'GM0106' });
    expect(bad.status).toBe(422);
  });
});

describe('advice of a triaged advice case and its follow-up', () => {
  async function adviceCase(subject = freshSubject()) {
    const id = await register(pol, { subject });
    const t = await reg.post(`/api/registrations/${id}/triage`, { criteria: { ...MEETS, systemImpact: false }, outcome: 'advies', purpose: 'De wijkagent adviseren over de aanpak' });
    expect(t.status).toBe(200);
    return { registrationId: id, caseId: t.body.caseId as string };
  }

  it('records question, advice and time spent; the registrant reads it, another partner gets 404', async () => {
    const { caseId } = await adviceCase();
    const first = await reg.get(`/api/cases/${caseId}/advice`);
    expect(first.body.question).toMatch(/overlast/); // the registration's reason until recorded
    const put = await reg.put(`/api/cases/${caseId}/advice`, { question: 'Hoe krijgen we zicht op de zorgbehoefte?', advice: 'Schakel het sociaal team in via de huisarts.', minutesSpent: 45 });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ minutesSpent: 45, advice: 'Schakel het sociaal team in via de huisarts.' });
    expect((await pol.get(`/api/cases/${caseId}/advice`)).body.advice).toBe('Schakel het sociaal team in via de huisarts.');
    expect((await ggz.get(`/api/cases/${caseId}/advice`)).status).toBe(404);
    expect((await reg.put(`/api/cases/${caseId}/advice`, { question: 'x', advice: null, minutesSpent: -1 })).status).toBe(400);
  });

  it('follow-up "aanmelder" closes the advice case; it stays advice', async () => {
    const { caseId } = await adviceCase();
    expect((await reg.post(`/api/cases/${caseId}/advice/follow-up`, { followUp: 'aanmelder' })).status).toBe(422); // no advice yet
    await reg.put(`/api/cases/${caseId}/advice`, { question: 'Vraag', advice: 'Advies', minutesSpent: 30 });
    const f = await reg.post(`/api/cases/${caseId}/advice/follow-up`, { followUp: 'aanmelder' });
    expect(f.status).toBe(200);
    expect(f.body).toEqual({ status: 'afgesloten', registrationId: null });
    const a = await reg.get(`/api/cases/${caseId}/advice`);
    expect(a.body).toMatchObject({ followUp: 'aanmelder', status: 'afgesloten', closedAt: today() });
    expect((await reg.post(`/api/cases/${caseId}/advice/follow-up`, { followUp: 'aanmelder' })).status).toBe(409);
  });

  it('follow-up "procesregie" makes, in one step, an aanmelding for procesregie that points back at the advice case', async () => {
    const { caseId, registrationId } = await adviceCase();
    const a0 = await annual();
    await reg.put(`/api/cases/${caseId}/advice`, { question: 'Vraag', advice: 'Dit vraagt procesregie', minutesSpent: 60 });
    const f = await reg.post(`/api/cases/${caseId}/advice/follow-up`, { followUp: 'procesregie', mainTopic: 'ernstige-overlast', problemAreas: ['psychisch'] });
    expect(f.status).toBe(200);
    expect(f.body.status).toBe('afgesloten');
    const next = await reg.get(`/api/registrations/${f.body.registrationId}`);
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ kind: 'procesregie', status: 'aangemeld', registeringPartner: 'politie', municipality: 'GM0106' });
    const [link] = await rows<{ from_advice_case_id: string; person_id: string; old_person: string }>(env.database.db, sql`
      select r.from_advice_case_id, r.person_id, (select person_id from registrations where id = ${registrationId}) as old_person from registrations r where r.id = ${f.body.registrationId}`);
    expect(link!.from_advice_case_id).toBe(caseId);
    expect(link!.person_id).toBe(link!.old_person);
    // the history of both is kept: the advice case's events, the new registration's
    const events = await rows<{ type: string }>(env.database.db, sql`select type from case_events where case_id = ${caseId} order by id`);
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(['case_opened', 'advice_recorded', 'advice_follow_up', 'closed']));
    // counting: the advice stays advice in its year, the new aanmelding is a registered procesregie
    const a1 = await annual();
    expect(a1.basics.advice).toBe(a0.basics.advice);
    expect(a1.basics.registeredProcessDirection).toBe(a0.basics.registeredProcessDirection + 1);
    expect(a1.basics.notTakenUp).toBe(a0.basics.notTakenUp + 1);
    // it goes through triage like any aanmelding
    const t = await reg.post(`/api/registrations/${f.body.registrationId}/triage`, { criteria: MEETS, outcome: 'procesregie', approach: 'maatwerk', purpose: 'Procesregie na advies', participants: ['politie'] });
    expect(t.status).toBe(200);
  });

  it('an anonymous advice question cannot become an aanmelding for procesregie', async () => {
    const r = await info.post('/api/advice', { question: 'Anonieme vraag', registeringPartner: 'ggz-drenthe' });
    await info.put(`/api/cases/${r.body.caseId}/advice`, { question: 'Anonieme vraag', advice: 'Advies', minutesSpent: 10 });
    const f = await info.post(`/api/cases/${r.body.caseId}/advice/follow-up`, { followUp: 'procesregie' });
    expect(f.status).toBe(422);
    expect((await info.get(`/api/cases/${r.body.caseId}/advice`)).body.status).toBe('advies');
  });
});
