// SPDX-License-Identifier: EUPL-1.2
// The privacy officer's work on a real database: the person export (contract), retention with
// an unchanged annual report (before and after, and the exact due day), extensions under four
// eyes, data-subject requests with the one-month deadline, forwarding to partners and erasure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.js';
import { one, rows, sql } from '../../core/db/index.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { freshSubject, managerCtx, openCase, zvhUserCtx } from '../../test/fixtures.js';
import { computeAnnualReport } from '../rapportage/annual-report.js';
import { insertDossiers, makeTenant } from '../rapportage/fixtures.js';
import type { Ctx } from '../../core/context.js';
import { runRetention } from './retention.js';
import { deadlineSql } from './requests.js';

let env: TestEnv;
let db: Db;
let privacy: TestClient, regisseur: TestClient, politie: TestClient, manager: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  db = env.database.db;
  [privacy, regisseur, politie, manager] = await Promise.all(['privacy@demo.zvh', 'regisseur@demo.zvh', 'politie@demo.zvh', 'manager@demo.zvh'].map((e) => env.as(e)));
});
afterAll(async () => env?.close());

const tenantCtx = (tenantId: string): Ctx => managerCtx(db, tenantId);

describe('GET /api/persons/{id}/export', () => {
  it('gives the privacy officer every case, registration and processing-log entry (who, organisation, when, action, purpose), logged as export on the case', async () => {
    const subject = freshSubject();
    const { registrationId, caseId } = await openCase(politie, regisseur, { subject, participants: ['politie'] });
    expect((await politie.get(`/api/cases/${caseId}`)).status).toBe(200);
    const personId = (await regisseur.get(`/api/cases/${caseId}`)).body.subject.id;
    const r = await privacy.get(`/api/persons/${personId}/export`);
    expect(r.status).toBe(200);
    expect(r.body.cases.map((c: { id: string }) => c.id)).toContain(caseId);
    expect(r.body.registrations.map((x: { id: string }) => x.id)).toContain(registrationId);
    const polRead = r.body.processingLog.find((l: any) => l.action === 'read' && l.actor.email === 'politie@demo.zvh');
    expect(polRead).toMatchObject({ organisation: 'politie', actor: { name: 'Peter Politie' } });
    expect(typeof polRead.at).toBe('string');
    expect(polRead.purpose.length).toBeGreaterThan(0);
    for (const c of [regisseur, politie, manager]) expect([403, 404]).toContain((await c.get(`/api/persons/${personId}/export`)).status);
    const audit = await regisseur.get(`/api/cases/${caseId}/audit`);
    expect(audit.body.filter((e: any) => e.action === 'export')).toHaveLength(1);
    const pdf = await privacy.get(`/api/persons/${personId}/export.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.text.startsWith('%PDF')).toBe(true);
    expect((await regisseur.get(`/api/cases/${caseId}/audit`)).body.filter((e: any) => e.action === 'export')).toHaveLength(2);
  });

  it('answers a person of another tenant or none like a missing one, and logs the refusal', async () => {
    const r = await privacy.get('/api/persons/00000000-0000-4000-8000-00000000abcd/export');
    expect(r.status).toBe(404);
    const denied = await one<{ n: number }>(db, sql`select count(*)::int as n from processing_log where outcome = 'denied' and details->>'attemptedId' = '00000000-0000-4000-8000-00000000abcd'`);
    expect(denied!.n).toBe(1);
  });
});

describe('retention', () => {
  it('anonymises a closed case exactly on its due day, keeps the annual report identical and leaves an extended case alone', async () => {
    const t = await makeTenant(db);
    const [due, extended, young] = await insertDossiers(db, t, [
      { kind: 'procesregie', registeredAt: '2020-01-10', startedAt: '2020-01-20', closedAt: '2020-06-30', birthDate: '2003-03-01', gender: 'vrouw', firstName: 'Anna', lastName: 'Weg' },
      { kind: 'procesregie', registeredAt: '2020-02-10', startedAt: '2020-02-20', closedAt: '2020-06-30', birthDate: '1950-05-05', gender: 'man', firstName: 'Bert', lastName: 'Blijft' },
      { kind: 'procesregie', registeredAt: '2020-03-10', startedAt: '2020-03-20', closedAt: '2021-01-15', birthDate: '1999-12-31', gender: 'anders' },
    ]);
    await db.execute(sql`update cases set status = 'afgesloten' where tenant_id = ${t}`);
    await db.execute(sql`insert into retention_terms (tenant_id, record_kind, months, legal_source) values (${t}, 'procesregie_case', 24, 'test')`);
    // an approved extension for the second case, until after the run
    const a = await one<{ id: string }>(db, sql`insert into approvals (tenant_id, kind, case_id, summary, status, requested_by, requested_by_name, decided_by, decided_by_name, decided_at, note)
      values (${t}, 'retention_extension', ${extended}, 'test', 'goedgekeurd', gen_random_uuid(), 'A', gen_random_uuid(), 'B', now(), 'ok') returning id`);
    await db.execute(sql`insert into retention_extensions (tenant_id, case_id, reason, until, approval_id, requested_by) values (${t}, ${extended}, 'lopend onderzoek', '2030-01-01', ${a!.id}, gen_random_uuid())`);
    const ctx = tenantCtx(t);
    const before = await computeAnnualReport(ctx, 2020);
    const before21 = await computeAnnualReport(ctx, 2021);

    const dayBefore = await runRetention(ctx, '2022-06-29');
    expect(dayBefore).toMatchObject({ cases: 0, persons: 0, skippedExtended: 0 });
    const onTheDay = await runRetention(ctx, '2022-06-30');
    expect(onTheDay).toMatchObject({ cases: 1, registrations: 0, persons: 1, skippedExtended: 1 });

    const person = await one<Record<string, unknown>>(db, sql`select p.first_name, p.last_name, p.birth_date, p.bsn, p.anonymised_at from persons p join cases c on c.person_id = p.id where c.id = ${due}`);
    expect(person).toMatchObject({ first_name: 'Geanonimiseerd', last_name: 'Persoon', birth_date: null, bsn: null });
    expect(person!.anonymised_at).not.toBeNull();
    const reg = await one<Record<string, unknown>>(db, sql`select r.reason, r.report_age_group, r.report_gender from registrations r join cases c on c.registration_id = r.id where c.id = ${due}`);
    expect(reg).toEqual({ reason: '[geanonimiseerd]', report_age_group: '<18', report_gender: 'vrouw' });
    const kept = await one<{ first_name: string }>(db, sql`select p.first_name from persons p join cases c on c.person_id = p.id where c.id = ${extended}`);
    expect(kept!.first_name).toBe('Bert');
    expect((await one<{ anonymised_at: string | null }>(db, sql`select anonymised_at from cases where id = ${young}`))!.anonymised_at).toBeNull();

    expect(await computeAnnualReport(ctx, 2020)).toEqual(before);
    expect(await computeAnnualReport(ctx, 2021)).toEqual(before21);
    // idempotent: a second run on the same day changes nothing
    expect(await runRetention(ctx, '2022-06-30')).toMatchObject({ cases: 0, persons: 0, skippedExtended: 1 });
    const log = await rows<{ action: string; case_id: string }>(db, sql`select action, case_id from processing_log where tenant_id = ${t} and activity = 'bewaartermijn' and case_id is not null`);
    expect(log).toEqual([{ action: 'delete', case_id: due }]);
  });

  it('keeps a person who is still a household member of a live registration, and anonymises them once that one goes too', async () => {
    const t = await makeTenant(db);
    const [gone, live] = await insertDossiers(db, t, [
      { kind: 'procesregie', registeredAt: '2020-01-10', startedAt: '2020-01-20', closedAt: '2020-06-30', birthDate: '1980-01-01', gender: 'man', firstName: 'Henk', lastName: 'Huis' },
      { kind: 'procesregie', registeredAt: '2020-02-10', startedAt: '2020-02-20', closedAt: '2021-06-30', birthDate: '1982-02-02', gender: 'vrouw', firstName: 'Greet', lastName: 'Huis' },
    ]);
    await db.execute(sql`update cases set status = 'afgesloten' where tenant_id = ${t}`);
    // Henk (main person of the first) is a household member on Greet's registration
    await db.execute(sql`insert into registration_relations (registration_id, person_id, tenant_id, relation)
      select (select registration_id from cases where id = ${live}), c.person_id, ${t}, 'partner' from cases c where c.id = ${gone}`);
    await db.execute(sql`insert into retention_terms (tenant_id, record_kind, months, legal_source) values (${t}, 'procesregie_case', 24, 'test')`);
    const ctx = tenantCtx(t);
    const first = await runRetention(ctx, '2022-06-30');
    expect(first).toMatchObject({ cases: 1, persons: 0 });
    const henk = async () => (await one<{ first_name: string }>(db, sql`select p.first_name from persons p join cases c on c.person_id = p.id where c.id = ${gone}`))!.first_name;
    expect(await henk()).toBe('Henk');
    // the day Greet's case is due, both persons lose their data
    expect(await runRetention(ctx, '2023-06-29')).toMatchObject({ cases: 0, persons: 0 });
    expect(await runRetention(ctx, '2023-06-30')).toMatchObject({ cases: 1, persons: 2 });
    expect(await henk()).toBe('Geanonimiseerd');
  });

  it('leaves every kind without a term alone', async () => {
    const t = await makeTenant(db);
    await insertDossiers(db, t, [{ kind: 'procesregie', registeredAt: '2001-01-10', startedAt: '2001-01-20', closedAt: '2001-06-30' }]);
    await db.execute(sql`update cases set status = 'afgesloten' where tenant_id = ${t}`);
    expect(await runRetention(tenantCtx(t), '2026-01-01')).toMatchObject({ cases: 0, registrations: 0, documents: 0, persons: 0 });
  });

  it('lets only the privacy officer set terms, each with its source', async () => {
    expect((await regisseur.put('/api/privacy/retention', { terms: [{ recordKind: 'advice_case', months: 12, legalSource: 'x' }] })).status).toBe(403);
    const missing = await privacy.put('/api/privacy/retention', { terms: [{ recordKind: 'advice_case', months: 12, legalSource: null }] });
    expect(missing.status).toBe(422);
    const ok = await privacy.put('/api/privacy/retention', { terms: [{ recordKind: 'advice_case', months: 12, legalSource: 'Besluit van de stuurgroep' }] });
    expect(ok.status).toBe(200);
    expect(ok.body.find((x: any) => x.recordKind === 'advice_case')).toMatchObject({ months: 12, legalSource: 'Besluit van de stuurgroep', updatedByName: 'Pim Privacy' });
    expect((await privacy.get('/api/privacy/retention')).body.terms).toHaveLength(5);
  });
});

describe('four eyes on a retention extension', () => {
  it('needs a second ZVH person: never the requester', async () => {
    const { caseId } = await openCase(politie, regisseur, { subject: freshSubject(), participants: ['politie'] });
    const r = await regisseur.post(`/api/cases/${caseId}/retention-extension`, { reason: 'Strafrechtelijk onderzoek loopt nog', until: '2099-01-01' });
    expect(r.status).toBe(201);
    const own = await regisseur.post(`/api/approvals/${r.body.approvalId}/decision`, { decision: 'goedgekeurd', note: 'zelf' });
    expect(own.status).toBe(403);
    expect((await politie.post(`/api/approvals/${r.body.approvalId}/decision`, { decision: 'goedgekeurd', note: 'x' })).status).toBe(403);
    const open = await privacy.get('/api/approvals?open=true');
    expect(open.body.map((a: any) => a.id)).toContain(r.body.approvalId);
    const ok = await privacy.post(`/api/approvals/${r.body.approvalId}/decision`, { decision: 'goedgekeurd', note: 'Onderbouwd: onderzoek OM' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'goedgekeurd', decidedByName: 'Pim Privacy' });
    expect((await manager.post(`/api/approvals/${r.body.approvalId}/decision`, { decision: 'afgewezen', note: 'te laat' })).status).toBe(409);
    const ext = await privacy.get('/api/privacy/extensions');
    expect(ext.body.find((x: any) => x.caseId === caseId)).toMatchObject({ status: 'goedgekeurd', until: '2099-01-01' });
  });
});

describe('data-subject requests', () => {
  it('sets the deadline one month after receipt (AVG art. 12(3)), overdue only after that day', async () => {
    const d = async (received: string) => (await one<{ d: string }>(db, sql`select ${deadlineSql(received)} as d`))!.d;
    expect(await d('2026-01-31')).toBe('2026-02-28');
    expect(await d('2028-01-31')).toBe('2028-02-29');
    expect(await d('2026-03-15')).toBe('2026-04-15');
    const { caseId } = await openCase(politie, regisseur, { subject: freshSubject(), participants: ['politie', 'ggz-drenthe'] });
    const personId = (await regisseur.get(`/api/cases/${caseId}`)).body.subject.id;
    const created = await privacy.post('/api/privacy/requests', { personId, kind: 'inzage', receivedOn: '2026-03-15', description: 'Brief van betrokkene: wil weten wat er over hem is vastgelegd' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ deadline: '2026-04-15', status: 'open' });
    const ctx = await zvhUserCtx(db, 'privacy@demo.zvh');
    const { getRequest } = await import('./requests.js');
    expect((await getRequest(ctx, created.body.id, '2026-04-15')).overdue).toBe(false);
    expect((await getRequest(ctx, created.body.id, '2026-04-16')).overdue).toBe(true);
  });

  it('forwards to the participating partners, who mark it handled; access is released only after a second person approves', async () => {
    const { caseId } = await openCase(politie, regisseur, { subject: freshSubject(), participants: ['politie', 'ggz-drenthe'] });
    const personId = (await regisseur.get(`/api/cases/${caseId}`)).body.subject.id;
    const q = (await privacy.post('/api/privacy/requests', { personId, kind: 'inzage', receivedOn: '2026-11-02', description: 'Inzageverzoek per brief' })).body;
    const fw = await privacy.post(`/api/privacy/requests/${q.id}/forward`);
    expect(fw.body.forwards.map((f: any) => f.partnerCode).sort()).toEqual(['ggz-drenthe', 'politie']);
    const inbox = await politie.get('/api/data-subject-forwards');
    const mine = inbox.body.find((f: any) => f.requestId === q.id);
    expect(mine).toMatchObject({ kind: 'inzage', handledAt: null });
    expect((await regisseur.get('/api/data-subject-forwards')).status).toBe(403);
    expect((await politie.post(`/api/data-subject-forwards/${mine.id}/handled`, { note: 'Eigen gegevens nagelopen' })).status).toBe(200);
    expect((await politie.post(`/api/data-subject-forwards/${mine.id}/handled`, { note: 'nog eens' })).status).toBe(409);
    // carrying out before a decision is refused
    expect((await privacy.post(`/api/privacy/requests/${q.id}/carry-out`, { note: 'x' })).status).toBe(409);
    expect((await privacy.post(`/api/privacy/requests/${q.id}/decision`, { decision: 'toegewezen', reasons: 'Betrokkene heeft recht op inzage' })).status).toBe(200);
    const done = await privacy.post(`/api/privacy/requests/${q.id}/carry-out`, { note: 'Export per post' });
    expect(done.body).toMatchObject({ status: 'uitgevoerd', releaseStatus: 'open', releasedAt: null });
    expect((await privacy.post(`/api/approvals/${done.body.releaseApprovalId}/decision`, { decision: 'goedgekeurd', note: 'zelf' })).status).toBe(403);
    expect((await regisseur.post(`/api/approvals/${done.body.releaseApprovalId}/decision`, { decision: 'goedgekeurd', note: 'Gecontroleerd: export compleet' })).status).toBe(200);
    const after = (await privacy.get(`/api/privacy/requests/${q.id}`)).body;
    expect(after.releaseStatus).toBe('goedgekeurd');
    expect(after.releasedAt).not.toBeNull();
  });

  it('carries out erasure through the anonymisation of the person\'s closed records', async () => {
    const t = await makeTenant(db);
    await insertDossiers(db, t, [{ kind: 'procesregie', registeredAt: '2024-01-10', startedAt: '2024-01-20', closedAt: '2024-06-30', firstName: 'Wim', lastName: 'Wissen', birthDate: '1970-01-01', gender: 'man' }]);
    await db.execute(sql`update cases set status = 'afgesloten' where tenant_id = ${t}`);
    const ctx = { ...tenantCtx(t), actor: { ...tenantCtx(t).actor, roles: ['privacy' as const] } };
    const before = await computeAnnualReport(ctx, 2024);
    const person = (await one<{ id: string }>(db, sql`select id from persons where tenant_id = ${t}`))!.id;
    const { createRequest, decideRequest, carryOutRequest } = await import('./requests.js');
    const q = await createRequest(ctx, { personId: person, kind: 'wissing', receivedOn: '2026-01-05', description: 'Verzoek tot wissing' });
    await decideRequest(ctx, q.id, { decision: 'toegewezen', reasons: 'Doel bereikt, geen grond om te bewaren' });
    await carryOutRequest(ctx, q.id, { note: 'Geanonimiseerd' });
    expect(await one(db, sql`select first_name, bsn, birth_date from persons where id = ${person}`)).toEqual({ first_name: 'Geanonimiseerd', bsn: null, birth_date: null });
    expect(await computeAnnualReport(ctx, 2024)).toEqual(before);
  });
});
