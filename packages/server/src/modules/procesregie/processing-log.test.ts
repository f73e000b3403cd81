// SPDX-License-Identifier: EUPL-1.2
// The processing log (verwerkingenlog) through the API: every read of personal data, every write
// and every download leaves an entry with actor, organisation, action, purpose, case and data
// subject; the audit endpoint shows them; the application cannot change or remove them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemDb } from '../../core/context.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { freshSubject, openCaseWith, pdfUpload, PURPOSE, register, triageBody } from '../../test/fixtures.js';
import { one, rows, sql } from '../../core/db/index.js';
import { REGISTRATION_PURPOSE } from '../aanmelding/service.js';

interface LogRow {
  id: number; action: string; activity: string; purpose: string; actor_email: string; actor_organisation: string;
  case_id: string | null; registration_id: string | null; data_subject_ref: string | null; outcome: string; details: Record<string, unknown> | null;
}

let env: TestEnv;
let pol: TestClient, reg: TestClient, ggz: TestClient, mgr: TestClient, inf: TestClient, adm: TestClient;
// one case of politie's registration (politie and gemeente-oov take part) with an agreement for politie
let caseId: string, registrationId: string, personId: string, agreementId: string, lastName: string;

const lastLogId = async () => (await one<{ id: number }>(env.database.db, sql`select coalesce(max(id), 0)::int as id from processing_log`))!.id;
/** Runs fn and returns the processing-log rows it added. */
async function logged(fn: () => Promise<unknown>): Promise<LogRow[]> {
  const from = await lastLogId();
  await fn();
  return rows<LogRow>(env.database.db, sql`select id::int as id, action, activity, purpose, actor_email, actor_organisation, case_id, registration_id,
      data_subject_ref, outcome, details from processing_log where id > ${from} order by id`);
}
const caseEntry = (action: string, email: string, organisation: string) => ({
  action, actor_email: email, actor_organisation: organisation, purpose: PURPOSE, case_id: caseId, registration_id: registrationId, data_subject_ref: personId, outcome: 'success',
});

beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg, ggz, mgr, inf, adm] = await Promise.all(['politie', 'regisseur', 'ggz', 'manager', 'informatie', 'admin'].map((u) => env.as(`${u}@demo.zvh`)));
  const subject = freshSubject();
  lastName = subject.lastName as string;
  ({ caseId, registrationId, personId } = await openCaseWith(pol, reg, { subject }));
  const a = await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Huisbezoek', dueDate: '2020-01-31' }); // overdue
  expect(a.status).toBe(201);
  agreementId = a.body.id;
});
afterAll(async () => { await env?.close(); });

describe('every read is logged', () => {
  it('GET case: a read with the case\'s purpose, case and data subject', async () => {
    const added = await logged(async () => expect((await pol.get(`/api/cases/${caseId}`)).status).toBe(200));
    expect(added).toEqual([expect.objectContaining(caseEntry('read', 'politie@demo.zvh', 'politie'))]);
  });

  it('GET case: also a read for every household member shown in the case file', async () => {
    const subject = freshSubject();
    const member = { firstName: 'Kim', lastName: subject.lastName as string, birthDate: '2015-03-01', relation: 'kind' };
    const c = await openCaseWith(pol, reg, { subject, registration: { household: [member] } });
    const file = await pol.get(`/api/cases/${c.caseId}`);
    expect(file.body.household).toEqual([expect.objectContaining({ firstName: 'Kim', relation: 'kind' })]);
    const memberId = file.body.household[0].id as string;
    const added = await logged(async () => expect((await pol.get(`/api/cases/${c.caseId}`)).status).toBe(200));
    const subjects = added.filter((r) => r.case_id === c.caseId && r.action === 'read').map((r) => r.data_subject_ref);
    expect(subjects.sort()).toEqual([c.personId, memberId].sort());
  });

  it('the case list: one read per listed case', async () => {
    const added = await logged(async () => expect((await pol.get('/api/cases')).status).toBe(200));
    expect(added).toContainEqual(expect.objectContaining(caseEntry('read', 'politie@demo.zvh', 'politie')));
    expect(added.every((r) => r.action === 'read' && r.actor_email === 'politie@demo.zvh')).toBe(true);
  });

  it('the timeline', async () => {
    const added = await logged(async () => expect((await reg.get(`/api/cases/${caseId}/timeline`)).status).toBe(200));
    expect(added).toEqual([expect.objectContaining(caseEntry('read', 'regisseur@demo.zvh', 'zvh'))]);
  });

  it('registration detail: a read per person in it (main person and household)', async () => {
    const subject = freshSubject();
    const id = await register(pol, { subject, household: [{ firstName: 'Kim', lastName: subject.lastName, birthDate: '2015-03-01', relation: 'kind' }] });
    const people = await rows<{ person_id: string }>(env.database.db, sql`
      select person_id from registrations where id = ${id} union all select person_id from registration_relations where registration_id = ${id}`);
    expect(people).toHaveLength(2);
    const added = await logged(async () => expect((await reg.get(`/api/registrations/${id}`)).status).toBe(200));
    expect(added).toHaveLength(2);
    for (const p of people) {
      expect(added).toContainEqual(expect.objectContaining({
        action: 'read', actor_email: 'regisseur@demo.zvh', actor_organisation: 'zvh', purpose: REGISTRATION_PURPOSE, registration_id: id, data_subject_ref: p.person_id,
      }));
    }
    // the registration of a running case: the read names the case
    const ofCase = await logged(async () => expect((await pol.get(`/api/registrations/${registrationId}`)).status).toBe(200));
    expect(ofCase).toEqual([expect.objectContaining({
      action: 'read', actor_email: 'politie@demo.zvh', actor_organisation: 'politie', registration_id: registrationId, case_id: caseId, data_subject_ref: personId,
    })]);
    expect([REGISTRATION_PURPOSE, PURPOSE]).toContain(ofCase[0]!.purpose);
  });

  it('the registration list', async () => {
    const added = await logged(async () => expect((await pol.get('/api/registrations')).status).toBe(200));
    expect(added).toContainEqual(expect.objectContaining({ action: 'read', actor_email: 'politie@demo.zvh', actor_organisation: 'politie', registration_id: registrationId, data_subject_ref: personId }));
  });

  it('my-work: a read for every case shown', async () => {
    const added = await logged(async () => {
      const w = await pol.get('/api/my-work');
      expect(w.status).toBe(200);
      expect(w.body.agreements.map((a: { id: string }) => a.id)).toContain(agreementId);
    });
    expect(added).toContainEqual(expect.objectContaining(caseEntry('read', 'politie@demo.zvh', 'politie')));
    // the regisseur's overview (overdue agreements) is logged as well
    const forReg = await logged(async () => expect((await reg.get('/api/my-work')).body.casesWithOverdue.map((c: { id: string }) => c.id)).toContain(caseId));
    expect(forReg).toContainEqual(expect.objectContaining(caseEntry('read', 'regisseur@demo.zvh', 'zvh')));
  });

  it('person search: a read per person found', async () => {
    const added = await logged(async () => {
      const r = await reg.get(`/api/persons?q=${encodeURIComponent(lastName)}`);
      expect(r.status).toBe(200);
      expect(r.body.map((p: { id: string }) => p.id)).toEqual([personId]);
    });
    expect(added).toEqual([expect.objectContaining({ action: 'read', actor_email: 'regisseur@demo.zvh', actor_organisation: 'zvh', data_subject_ref: personId })]);
    expect(added[0]!.purpose).toMatch(/\S/);
    const detail = await logged(async () => expect((await inf.get(`/api/persons/${personId}`)).status).toBe(200));
    expect(detail).toEqual([expect.objectContaining({ action: 'read', actor_email: 'informatie@demo.zvh', data_subject_ref: personId })]);
  });

  it('a document download is an export', async () => {
    const d = await reg.post(`/api/cases/${caseId}/documents`, pdfUpload({ visibility: 'all' }));
    expect(d.status).toBe(201);
    const added = await logged(async () => expect((await pol.get(`/api/documents/${d.body.id}/content`)).status).toBe(200));
    expect(added).toEqual([expect.objectContaining({ ...caseEntry('export', 'politie@demo.zvh', 'politie'), details: expect.objectContaining({ id: d.body.id }) })]);
  });

  it('a refused read logs nothing about the case for the refused user', async () => {
    const added = await logged(async () => expect((await ggz.get(`/api/cases/${caseId}`)).status).toBe(404));
    expect(added.filter((r) => r.outcome === 'success')).toEqual([]);
  });
});

describe('writes are logged as create and update', () => {
  it('registration and triage', async () => {
    const subject = freshSubject();
    let id = '';
    const created = await logged(async () => { id = await register(pol, { subject }); });
    expect(created).toEqual([expect.objectContaining({ action: 'create', actor_email: 'politie@demo.zvh', actor_organisation: 'politie', registration_id: id, purpose: REGISTRATION_PURPOSE })]);
    const triaged = await logged(async () => expect((await reg.post(`/api/registrations/${id}/triage/start`)).status).toBe(200));
    expect(triaged).toEqual([expect.objectContaining({ action: 'update', actor_email: 'regisseur@demo.zvh', registration_id: id })]);
  });

  it('the triage decision: its own entry with the new case and the case\'s purpose (or the registration\'s without a case)', async () => {
    const subject = freshSubject();
    const id = await register(pol, { subject });
    const person = (await reg.get(`/api/registrations/${id}`)).body.subject.id as string;
    const purpose = `Escalatie voorkomen en woonruimte behouden ${Math.random()}`;
    let newCase = '';
    const decided = await logged(async () => {
      const t = await reg.post(`/api/registrations/${id}/triage`, triageBody('procesregie', { purpose }));
      expect(t.status, t.text).toBe(200);
      newCase = t.body.caseId;
    });
    expect(newCase).toBeTruthy();
    expect(decided).toEqual([expect.objectContaining({
      action: 'update', activity: 'triage', actor_email: 'regisseur@demo.zvh', actor_organisation: 'zvh', outcome: 'success',
      case_id: newCase, registration_id: id, data_subject_ref: person, purpose, details: { outcome: 'procesregie' },
    })]);
    // the case's purpose as stored is the one logged
    expect((await one<{ purpose: string }>(env.database.db, sql`select purpose from cases where id = ${newCase}`))!.purpose).toBe(purpose);

    const other = await register(pol, { subject: freshSubject() });
    const back = await logged(async () => expect((await reg.post(`/api/registrations/${other}/triage`, triageBody('terugleggen'))).status).toBe(200));
    expect(back).toEqual([expect.objectContaining({ action: 'update', activity: 'triage', case_id: null, registration_id: other, purpose: REGISTRATION_PURPOSE, details: { outcome: 'terugleggen' } })]);
  });

  it('agreement create and update, journal, document, plan, close', async () => {
    const { caseId: c, personId: p } = await openCaseWith(pol, reg);
    const expectOne = (added: LogRow[], action: string, email: string, object?: string) => {
      const mine = added.filter((r) => r.case_id === c);
      expect(mine).toEqual([expect.objectContaining({ action, actor_email: email, purpose: PURPOSE, data_subject_ref: p })]);
      if (object) expect(mine[0]!.details).toMatchObject({ object });
    };
    let aId = '';
    expectOne(await logged(async () => { aId = (await reg.post(`/api/cases/${c}/agreements`, { partner: 'politie', title: 'X', dueDate: '2030-01-01' })).body.id; }), 'create', 'regisseur@demo.zvh', 'agreement');
    expectOne(await logged(() => pol.patch(`/api/agreements/${aId}`, { status: 'done' })), 'update', 'politie@demo.zvh', 'agreement');
    expectOne(await logged(() => pol.post(`/api/cases/${c}/journal`, { text: 'Contact gehad', visibility: 'all' })), 'create', 'politie@demo.zvh', 'journal');
    expectOne(await logged(() => pol.post(`/api/cases/${c}/documents`, pdfUpload())), 'create', 'politie@demo.zvh', 'document');
    expectOne(await logged(() => reg.put(`/api/cases/${c}/plan`, { analysis: [], goals: [{ text: 'Doel' }] })), 'update', 'regisseur@demo.zvh', 'plan');
    expectOne(await logged(() => reg.post(`/api/cases/${c}/close`, { reason: 'Klaar' })), 'update', 'regisseur@demo.zvh', 'case');
  });
});

describe('the audit endpoint', () => {
  it('returns at/actor/organisation/action/purpose and shows a partner\'s read', async () => {
    const a1 = await reg.get(`/api/cases/${caseId}/audit`);
    expect(a1.status).toBe(200);
    for (const e of a1.body) {
      expect(e).toMatchObject({ at: expect.any(String), actor: expect.any(String), organisation: expect.any(String), action: expect.any(String), purpose: expect.any(String) });
      expect(Number.isFinite(Date.parse(e.at)), e.at).toBe(true);
    }
    expect((await pol.get(`/api/cases/${caseId}`)).status).toBe(200);
    const a2 = await mgr.get(`/api/cases/${caseId}/audit`);
    expect(a2.status).toBe(200);
    const fresh = a2.body.slice(a1.body.length);
    expect(fresh).toContainEqual(expect.objectContaining({ actor: 'politie@demo.zvh', organisation: 'politie', action: 'read', purpose: PURPOSE }));
    // reading the audit is itself logged
    expect(fresh).toContainEqual(expect.objectContaining({ actor: 'manager@demo.zvh', organisation: 'zvh', action: 'read' }));
    expect(a1.body).toContainEqual(expect.objectContaining({ actor: 'regisseur@demo.zvh', organisation: 'zvh', action: 'read', details: { view: 'audit' } }));
    expect(a2.body.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['create', 'update', 'read', 'export']));
    expect((await adm.get(`/api/cases/${caseId}/audit`)).status).toBe(200);
    expect((await inf.get(`/api/cases/${caseId}/audit`)).status).toBe(403);
    expect((await pol.get(`/api/cases/${caseId}/audit`)).status).toBe(403);
  });

  it('includes the registration\'s entries from before the case existed', async () => {
    const a = await reg.get(`/api/cases/${caseId}/audit`);
    expect(a.body).toContainEqual(expect.objectContaining({ actor: 'politie@demo.zvh', action: 'create', purpose: REGISTRATION_PURPOSE }));
  });
});

describe('append-only', () => {
  it('the application cannot UPDATE or DELETE processing_log rows', async () => {
    // as the application (zvh_app under row-level security, ZVH staff of the case's tenant); the owner could
    const t = await one<{ tenant_id: string }>(env.database.db, sql`select tenant_id from cases where id = ${caseId}`);
    const db = systemDb(env.appDatabase.db, t!.tenant_id);
    const before = await one<{ n: number; p: string }>(db, sql`select count(*)::int as n, md5(string_agg(purpose || action || actor_email, ',' order by id)) as p from processing_log where case_id = ${caseId}`);
    await expect(db.execute(sql`update processing_log set purpose = 'vervalst' where case_id = ${caseId}`)).rejects.toThrow();
    await expect(db.execute(sql`delete from processing_log where case_id = ${caseId}`)).rejects.toThrow();
    const after = await one<{ n: number; p: string }>(db, sql`select count(*)::int as n, md5(string_agg(purpose || action || actor_email, ',' order by id)) as p from processing_log where case_id = ${caseId}`);
    expect(after).toEqual(before);
    expect(before!.n).toBeGreaterThan(5);
  });
});
