// SPDX-License-Identifier: EUPL-1.2
// Informatieknooppunt: an information request answered by the informatiemakelaar reaches the
// registering partner only; questions to partners are seen and answered by the asked organisation
// (department) only; answers on a case reach the case's participants only, on a registration the
// ZVH only; every question, answer, look-up and list is in the processing log; the due-date
// boundary (due today is not overdue, yesterday is).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { GRONINGEN, createUser, freshSubject, openCaseWith, randomId, register, seedSecondTenant } from '../../test/fixtures.js';
import { one, rows, sql } from '../../core/db/index.js';
import { addDays } from '../../core/day-sections.js';
import { today } from '../../core/reference-check.js';

let env: TestEnv;
let info: TestClient, reg: TestClient, pol: TestClient, ggz: TestClient, gem: TestClient, mgr: TestClient, admin: TestClient;
const due = () => addDays(today(), 14);

beforeAll(async () => {
  env = await setupTestEnv();
  [info, reg, pol, ggz, gem, mgr, admin] = await Promise.all(['informatie', 'regisseur', 'politie', 'ggz', 'gemeente', 'manager', 'admin'].map((u) => env.as(`${u}@demo.zvh`)));
});
afterAll(async () => { await env?.close(); });

const informatievraag = (overrides: Record<string, unknown> = {}) => ({
  kind: 'informatievraag', municipality: 'GM0106', registeringPartner: 'politie', subject: freshSubject(), mainTopic: null, problemAreas: [],
  reason: 'De wijkagent vraagt of betrokkene bekend is bij het ZVH en bij welke partners.', ...overrides,
});
const logged = (where: ReturnType<typeof sql>) => rows<{ action: string; actor_email: string; outcome: string; details: Record<string, unknown> | null }>(env.database.db,
  sql`select action, actor_email, outcome, details from processing_log where activity = 'informatieknooppunt' and ${where}`);

describe('information requests', () => {
  let id: string;
  beforeAll(async () => {
    id = await register(pol, informatievraag());
  });

  it('lists the open request in the informatiemakelaar\'s inbox, not for partners', async () => {
    const r = await info.get('/api/information-requests');
    expect(r.status, r.text).toBe(200);
    expect(r.body.map((x: { id: string }) => x.id)).toContain(id);
    expect((await pol.get('/api/information-requests')).status).toBe(403);
    expect((await reg.get('/api/information-requests')).status).toBe(403);
  });

  it('lets the informatiemakelaar look the person up: cases with the organisations involved, logged', async () => {
    const subject = freshSubject();
    const { caseId } = await openCaseWith(pol, reg, { subject, participants: ['politie', 'ggz-drenthe'] });
    const q = await register(pol, informatievraag({ subject }));
    const r = await info.get(`/api/information-requests/${q}/lookup`);
    expect(r.status, r.text).toBe(200);
    const kase = r.body.cases.find((c: { id: string }) => c.id === caseId);
    expect(kase.participants.map((p: { code: string }) => p.code).sort()).toEqual(['ggz-drenthe', 'politie']);
    expect(kase.regisseurName).toBeTruthy();
    expect(r.body.registrations.length).toBe(1);
    const log = await logged(sql`registration_id = ${q} and action = 'read' and details->>'view' = 'lookup'`);
    expect(log).toHaveLength(1);
    const caseLog = await logged(sql`case_id = ${caseId} and details->>'view' = 'lookup'`);
    expect(caseLog).toHaveLength(1);
    expect((await pol.get(`/api/information-requests/${q}/lookup`)).status).toBe(403);
  });

  it('records the answer; the registrant reads it, another partner gets exactly the 404 of a missing one', async () => {
    const refused = await pol.post(`/api/registrations/${id}/answer`, { answer: 'zelf beantwoord' });
    expect(refused.status).toBe(403);
    const a = await info.post(`/api/registrations/${id}/answer`, {
      answer: 'Betrokkene is bekend bij het ZVH; neem contact op met de procesregisseur.', organisations: ['ggz-drenthe'], contact: 'Rianne Regisseur, 0592-123456',
    });
    expect(a.status, a.text).toBe(200);
    expect(a.body.status).toBe('beantwoord');
    const mine = await pol.get(`/api/registrations/${id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.answer).toContain('neem contact op');
    expect(mine.body.answerDetails).toMatchObject({ organisations: ['ggz-drenthe'], contact: 'Rianne Regisseur, 0592-123456' });
    expect(mine.body.answerDetails.answeredByName).toBeUndefined();
    expect(mine.body.status).toBe('beantwoord');
    const other = await ggz.get(`/api/registrations/${id}`);
    const missing = await ggz.get(`/api/registrations/${randomId()}`);
    expect(other.status).toBe(404);
    expect(other.body.error).toEqual(missing.body.error);
    expect(other.text).not.toContain('neem contact op');
    const log = await logged(sql`registration_id = ${id} and action = 'update'`);
    expect(log.map((l) => l.actor_email)).toEqual(['informatie@demo.zvh']);
  });

  it('answers once (409 through the transition table) and only information requests', async () => {
    const again = await info.post(`/api/registrations/${id}/answer`, { answer: 'nog eens' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_transition');
    const pr = await register(pol, { subject: freshSubject() });
    const wrong = await info.post(`/api/registrations/${pr}/answer`, { answer: 'geen informatievraag' });
    expect(wrong.status).toBe(409);
    expect(wrong.body.error.code).toBe('not_information_request');
    const unknownOrg = await info.post(`/api/registrations/${await register(pol, informatievraag())}/answer`, { answer: 'x', organisations: ['bestaat-niet'] });
    expect(unknownOrg.status).toBe(422);
    expect((await info.post(`/api/registrations/${randomId()}/answer`, { answer: 'x' })).status).toBe(404);
  });

  it('still counts the answered request in the annual report', async () => {
    const year = Number(today().slice(0, 4));
    const before = (await mgr.get(`/api/reports/annual?year=${year}`)).body.basics.informationRequests;
    const q = await register(pol, informatievraag());
    expect((await info.post(`/api/registrations/${q}/answer`, { answer: 'Niet bekend bij het ZVH.' })).status).toBe(200);
    const after = (await mgr.get(`/api/reports/annual?year=${year}`)).body.basics.informationRequests;
    expect(after).toBe(before + 1);
  });
});

describe('questions to partners on a case', () => {
  let caseId: string, toGgz: string, toPol: string;
  beforeAll(async () => {
    ({ caseId } = await openCaseWith(pol, reg, { subject: freshSubject(), participants: ['politie'] }));
    const a = await info.post(`/api/cases/${caseId}/partner-requests`, { partner: 'ggz-drenthe', question: 'Is betrokkene in zorg bij de GGZ (vraag-ggz-1)?', dueDate: due() });
    expect(a.status, a.text).toBe(201);
    toGgz = a.body.id;
    const b = await reg.post(`/api/cases/${caseId}/partner-requests`, { partner: 'politie', questionCode: 'risicos', dueDate: due() });
    expect(b.status, b.text).toBe(201);
    toPol = b.body.id;
  });

  it('is asked by the informatiemakelaar and the regisseur only', async () => {
    expect((await pol.post(`/api/cases/${caseId}/partner-requests`, { partner: 'ggz-drenthe', question: 'x', dueDate: due() })).status).toBe(403);
    expect((await mgr.post(`/api/cases/${caseId}/partner-requests`, { partner: 'ggz-drenthe', question: 'x', dueDate: due() })).status).toBe(403);
  });

  it('takes the question text from the catalogue when only a code is given; bad input changes nothing', async () => {
    const r = await reg.get(`/api/cases/${caseId}/partner-requests`);
    expect(r.body.find((q: { id: string }) => q.id === toPol).question).toMatch(/risico's voor de veiligheid/);
    const count = async () => (await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from partner_requests`))!.n;
    const n = await count();
    for (const body of [
      { partner: 'ggz-drenthe', questionCode: 'bestaat-niet', dueDate: due() },
      { partner: 'bestaat-niet', question: 'x', dueDate: due() },
      { partner: 'ggz-drenthe', dueDate: due() },
      { partner: 'ggz-drenthe', question: 'x', dueDate: addDays(today(), -1) },
    ]) {
      const bad = await info.post(`/api/cases/${caseId}/partner-requests`, body);
      expect(bad.status, JSON.stringify(body)).toBe(422);
    }
    const impossible = await info.post(`/api/cases/${caseId}/partner-requests`, { partner: 'ggz-drenthe', question: 'x', dueDate: '2030-02-30' });
    expect([400, 422]).toContain(impossible.status);
    expect((await info.post(`/api/cases/${randomId()}/partner-requests`, { partner: 'ggz-drenthe', question: 'x', dueDate: due() })).status).toBe(404);
    expect(await count()).toBe(n);
    // due today is allowed
    expect((await info.post(`/api/cases/${caseId}/partner-requests`, { partner: 'gemeente-oov', question: 'Vandaag?', dueDate: today() })).status).toBe(201);
  });

  it('shows each partner only the questions asked of its own organisation', async () => {
    const g = await ggz.get('/api/partner-requests');
    expect(g.status).toBe(200);
    const ids = g.body.map((q: { id: string }) => q.id);
    expect(ids).toContain(toGgz);
    expect(ids).not.toContain(toPol);
    expect(g.body.every((q: { partner: string }) => q.partner === 'ggz-drenthe')).toBe(true);
    // the partner learns who the question is about, not the case
    const mine = g.body.find((q: { id: string }) => q.id === toGgz);
    expect(mine.subject.lastName).toBeTruthy();
    expect(mine.caseId).toBeUndefined();
    const p = await pol.get('/api/partner-requests');
    expect(p.body.map((q: { id: string }) => q.id)).toContain(toPol);
    expect(p.text).not.toContain('vraag-ggz-1');
    const all = await info.get('/api/partner-requests');
    expect(all.body.map((q: { id: string }) => q.id)).toEqual(expect.arrayContaining([toGgz, toPol]));
  });

  it('lets only the asked organisation answer (404 for others, logged as denied)', async () => {
    const wrong = await pol.post(`/api/partner-requests/${toGgz}/answer`, { answer: 'politie-antwoord-fout' });
    const missing = await pol.post(`/api/partner-requests/${randomId()}/answer`, { answer: 'x' });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error).toEqual(missing.body.error);
    const denied = await rows(env.database.db, sql`select 1 from processing_log where outcome = 'denied' and actor_email = 'politie@demo.zvh' and details->>'attemptedId' = ${toGgz}`);
    expect(denied).toHaveLength(1);
    expect((await info.post(`/api/partner-requests/${toGgz}/answer`, { answer: 'x' })).status).toBe(403);
    const ok = await ggz.post(`/api/partner-requests/${toGgz}/answer`, { answer: 'In behandeling bij het FACT-team (antwoord-ggz-1).' });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.status).toBe('beantwoord');
    const twice = await ggz.post(`/api/partner-requests/${toGgz}/answer`, { noInformation: true });
    expect(twice.status).toBe(409);
  });

  it('shows the answers on the case to its participants only, with source, author and date', async () => {
    const r = await reg.get(`/api/cases/${caseId}/partner-requests`);
    expect(r.status).toBe(200);
    const a = r.body.find((q: { id: string }) => q.id === toGgz);
    expect(a).toMatchObject({ partner: 'ggz-drenthe', status: 'beantwoord', answeredByName: 'Gerda GGZ' });
    expect(a.partnerName).toBeTruthy();
    expect(a.answeredAt).toBeTruthy();
    const participant = await pol.get(`/api/cases/${caseId}/partner-requests`);
    expect(participant.status).toBe(200);
    expect(participant.text).toContain('antwoord-ggz-1');
    // ggz was asked but does not take part in the case: the case's answers are not for it
    const outsider = await ggz.get(`/api/cases/${caseId}/partner-requests`);
    const missing = await ggz.get(`/api/cases/${randomId()}/partner-requests`);
    expect(outsider.status).toBe(404);
    expect(outsider.body.error).toEqual(missing.body.error);
    expect((await gem.get(`/api/cases/${caseId}/partner-requests`)).status).toBe(404);
  });

  it('logs every question, answer and list read', async () => {
    const created = await logged(sql`case_id = ${caseId} and action = 'create'`);
    expect(created.map((l) => l.details?.partnerRequest).sort()).toEqual(expect.arrayContaining([toGgz, toPol].sort()));
    const answered = await logged(sql`case_id = ${caseId} and action = 'update' and details->>'partnerRequest' = ${toGgz}`);
    expect(answered.map((l) => l.actor_email)).toEqual(['ggz@demo.zvh']);
    const inbox = await logged(sql`action = 'read' and actor_email = 'ggz@demo.zvh' and details->>'view' = 'inbox' and details->>'partnerRequest' = ${toGgz}`);
    expect(inbox.length).toBeGreaterThan(0);
    const onCase = await logged(sql`action = 'read' and actor_email = 'politie@demo.zvh' and details->>'view' = 'case' and case_id = ${caseId}`);
    expect(onCase.length).toBeGreaterThan(0);
  });
});

describe('questions to partners on a registration', () => {
  let regId: string, toPol: string;
  beforeAll(async () => {
    regId = await register(ggz, informatievraag({ registeringPartner: 'ggz-drenthe', reason: 'Veiligheidsrisico\'s bekend voor een huisbezoek?' }));
    const r = await info.post(`/api/registrations/${regId}/partner-requests`, { partner: 'politie', question: 'Zijn er politiecontacten bekend?', dueDate: due() });
    expect(r.status, r.text).toBe(201);
    toPol = r.body.id;
  });

  it('lets the asked partner say it has no information, or decline with a reason; exactly one', async () => {
    expect((await pol.post(`/api/partner-requests/${toPol}/answer`, {})).status).toBe(422);
    expect((await pol.post(`/api/partner-requests/${toPol}/answer`, { answer: 'x', noInformation: true })).status).toBe(422);
    const r = await pol.post(`/api/partner-requests/${toPol}/answer`, { noInformation: true });
    expect(r.status, r.text).toBe(200);
    expect(r.body.status).toBe('geen-informatie');
    const second = await info.post(`/api/registrations/${regId}/partner-requests`, { partner: 'politie', question: 'Lopende maatregelen?', dueDate: due() });
    const refused = await pol.post(`/api/partner-requests/${second.body.id}/answer`, { refusalReason: 'Geen grondslag om dit te delen (strafvorderlijke gegevens).' });
    expect(refused.body.status).toBe('geweigerd');
  });

  it('shows the answers on a registration to the ZVH only, never to the registering partner', async () => {
    const zvh = await info.get(`/api/registrations/${regId}/partner-requests`);
    expect(zvh.status).toBe(200);
    expect(zvh.body.map((q: { status: string }) => q.status).sort()).toEqual(['geen-informatie', 'geweigerd']);
    expect(zvh.text).toContain('Geen grondslag');
    expect((await ggz.get(`/api/registrations/${regId}/partner-requests`)).status).toBe(403);
    const own = await ggz.get(`/api/registrations/${regId}`);
    expect(own.status).toBe(200);
    expect(own.text).not.toContain('Geen grondslag');
    expect((await ggz.get('/api/partner-requests')).text).not.toContain('Geen grondslag');
  });

  it('refuses questions on a registration that was already decided', async () => {
    const { registrationId } = await openCaseWith(pol, reg, { subject: freshSubject() });
    const r = await info.post(`/api/registrations/${registrationId}/partner-requests`, { partner: 'ggz-drenthe', question: 'x', dueDate: due() });
    expect(r.status).toBe(409);
  });
});

describe('municipal departments and tenants', () => {
  it('shows a question to gemeente-oov only to the department of the subject\'s municipality', async () => {
    await createUser(env.database.db, { email: 'oov-emmen@demo.zvh', organisation: 'gemeente-oov', roles: ['professional'], municipalities: ['GM0114'] });
    const emmen = await env.as('oov-emmen@demo.zvh');
    const { caseId } = await openCaseWith(pol, reg, { subject: freshSubject(), participants: ['politie'] });
    const q = await info.post(`/api/cases/${caseId}/partner-requests`, { partner: 'gemeente-oov', question: 'Bekend bij OOV Assen?', dueDate: due() });
    expect((await gem.get('/api/partner-requests')).body.map((x: { id: string }) => x.id)).toContain(q.body.id);
    expect((await emmen.get('/api/partner-requests')).body.map((x: { id: string }) => x.id)).not.toContain(q.body.id);
    expect((await emmen.post(`/api/partner-requests/${q.body.id}/answer`, { noInformation: true })).status).toBe(404);
    expect((await gem.post(`/api/partner-requests/${q.body.id}/answer`, { noInformation: true })).status).toBe(200);
  });

  it('never shows one tenant\'s questions to another tenant', async () => {
    await seedSecondTenant(env.database.db);
    const gPol = await env.as(GRONINGEN.users.politie);
    const gInfo = await env.as(GRONINGEN.users.informatie);
    const { caseId } = await openCaseWith(pol, reg, { subject: freshSubject(), participants: ['politie'] });
    const q = await info.post(`/api/cases/${caseId}/partner-requests`, { partner: 'politie', question: 'Drenthe-vraag-tenant', dueDate: due() });
    expect((await gPol.get('/api/partner-requests')).text).not.toContain('Drenthe-vraag-tenant');
    expect((await gInfo.get('/api/partner-requests')).text).not.toContain('Drenthe-vraag-tenant');
    expect((await gPol.post(`/api/partner-requests/${q.body.id}/answer`, { noInformation: true })).status).toBe(404);
  });
});

describe('overdue questions', () => {
  type Section = { key: string; entries: { id: string; status?: string }[] };
  const section = (body: { sections: Section[] }, key: string) => body.sections.find((s) => s.key === key);
  let id: string;
  beforeAll(async () => {
    const { caseId } = await openCaseWith(pol, reg, { subject: freshSubject(), participants: ['politie'] });
    id = (await info.post(`/api/cases/${caseId}/partner-requests`, { partner: 'ggz-drenthe', question: 'Termijnvraag', dueDate: due() })).body.id;
  });
  const setDue = (d: string) => env.database.db.execute(sql`update partner_requests set due_date = ${d}::date where id = ${id}`);

  it('is not overdue on its due date', async () => {
    await setDue(today());
    const g = await ggz.get('/api/partner-requests');
    expect(g.body.find((q: { id: string }) => q.id === id).overdue).toBe(false);
    const w = await info.get('/api/werkdag');
    expect(section(w.body, 'informatieknooppunt.overdue')?.entries.map((e) => e.id)).not.toContain(id);
    const p = await ggz.get('/api/werkdag');
    expect(section(p.body, 'informatieknooppunt.asked')?.entries.find((e) => e.id === id)?.status).toMatch(/^uiterlijk/);
  });

  it('is overdue the day after, for the asked organisation and the asking informatiemakelaar', async () => {
    await setDue(addDays(today(), -1));
    const g = await ggz.get('/api/partner-requests');
    expect(g.body.find((q: { id: string }) => q.id === id).overdue).toBe(true);
    const w = await info.get('/api/werkdag');
    expect(section(w.body, 'informatieknooppunt.overdue')?.entries.map((e) => e.id)).toContain(id);
    const p = await ggz.get('/api/werkdag');
    expect(section(p.body, 'informatieknooppunt.asked')?.entries.find((e) => e.id === id)?.status).toMatch(/termijn verstreken/);
    // the regisseur did not ask it, politie was not asked
    expect(section((await reg.get('/api/werkdag')).body, 'informatieknooppunt.overdue')?.entries.map((e) => e.id)).not.toContain(id);
    expect((await pol.get('/api/werkdag')).text).not.toContain('Termijnvraag');
  });

  it('is no longer overdue once answered', async () => {
    expect((await ggz.post(`/api/partner-requests/${id}/answer`, { answer: 'Laat, maar hier is het.' })).status).toBe(200);
    expect((await ggz.get('/api/partner-requests')).body.find((q: { id: string }) => q.id === id).overdue).toBe(false);
  });
});

describe('the catalogue of questions', () => {
  it('is a code list the beheerder keeps', async () => {
    const add = await admin.post('/api/admin/code-lists/partnerQuestion', { code: 'schulden', label: 'Zijn er schulden bekend?' });
    expect(add.status, add.text).toBeLessThan(300);
    const { caseId } = await openCaseWith(pol, reg, { subject: freshSubject(), participants: ['politie'] });
    const r = await info.post(`/api/cases/${caseId}/partner-requests`, { partner: 'ggz-drenthe', questionCode: 'schulden', dueDate: due() });
    expect(r.status, r.text).toBe(201);
    const list = await info.get(`/api/cases/${caseId}/partner-requests`);
    expect(list.body[0]).toMatchObject({ questionCode: 'schulden', question: 'Zijn er schulden bekend?' });
  });
});
