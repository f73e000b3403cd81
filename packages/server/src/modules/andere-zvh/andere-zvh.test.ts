// SPDX-License-Identifier: EUPL-1.2
// Andere ZVH across two tenants of one installation (drenthe and groningen): the check reveals
// only the other ZVH's name and contact, is off by default on either side, never matches another
// BSN and is logged in both tenants; transfers are offered, refused and accepted with both views.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { GRONINGEN, createUser, freshSubject, openCaseWith, register, seedSecondTenant } from '../../test/fixtures.js';
import { one, rows, sql } from '../../core/db/index.js';
import { bsnPseudonym, pseudonymKeyId, syncPseudonyms } from './pseudonym.js';

let env: TestEnv;
let drRegisseur: TestClient, drInformatie: TestClient, drAdmin: TestClient, drPolitie: TestClient, drManager: TestClient;
let grRegisseur: TestClient, grInformatie: TestClient, grAdmin: TestClient, grPolitie: TestClient;
let groningenId: string, drentheId: string;

const ON = { check: true, transfer: true, legalGround: 'WGS art. 6 (gegevensdeling Zorg- en Veiligheidshuizen)', contactEmail: 'info@zvh-groningen.example', contactPhone: '050-1234567' };
const DR_ON = { ...ON, contactEmail: 'info@zvh-drenthe.example', contactPhone: '0592-123456' };

beforeAll(async () => {
  env = await setupTestEnv();
  groningenId = await seedSecondTenant(env.database.db);
  drentheId = (await one<{ id: string }>(env.database.db, sql`select id from tenants where code = 'drenthe'`))!.id;
  await createUser(env.database.db, { tenantCode: GRONINGEN.code, email: 'beheer@groningen.zvh', organisation: 'zvh', roles: ['beheerder'] });
  [drRegisseur, drInformatie, drAdmin, drPolitie, drManager] = await Promise.all(
    ['regisseur@demo.zvh', 'informatie@demo.zvh', 'admin@demo.zvh', 'politie@demo.zvh', 'manager@demo.zvh'].map((e) => env.as(e)));
  [grRegisseur, grInformatie, grAdmin, grPolitie] = await Promise.all(
    [GRONINGEN.users.regisseur, GRONINGEN.users.informatie, 'beheer@groningen.zvh', GRONINGEN.users.politie].map((e) => env.as(e)));
});
afterAll(async () => { await env?.close(); });

const setting = (c: TestClient, body: Record<string, unknown>) => c.put('/api/admin/other-zvh', body);

describe('pseudonym of the BSN', () => {
  it('is the same for the same BSN, differs per BSN and per secret, and names its secret', () => {
    const a = bsnPseudonym('geheim-een', '111222333');
    expect(a).toBe(bsnPseudonym('geheim-een', '111222333'));
    expect(a).not.toBe(bsnPseudonym('geheim-een', '111222334'));
    expect(a).not.toBe(bsnPseudonym('geheim-twee', '111222333'));
    expect(a.startsWith(`${pseudonymKeyId('geheim-een')}:`)).toBe(true);
    expect(a).not.toContain('111222333');
  });

  it('is computed for persons without one, redone for another secret and cleared when the BSN changes', async () => {
    const db = env.database.db;
    const subject = freshSubject();
    await register(drPolitie, { subject });
    const p = await one<{ id: string; bsn_pseudonym: string | null }>(db, sql`select id, bsn_pseudonym from persons where bsn = ${subject.bsn as string}`);
    expect(p!.bsn_pseudonym).toBeNull(); // computed lazily, not by the registration
    await syncPseudonyms(db, env.config.pseudonymSecret);
    const after = await one<{ bsn_pseudonym: string }>(db, sql`select bsn_pseudonym from persons where id = ${p!.id}`);
    expect(after!.bsn_pseudonym).toBe(bsnPseudonym(env.config.pseudonymSecret, subject.bsn as string));
    expect(await syncPseudonyms(db, 'een-ander-geheim-van-de-installatie')).toBeGreaterThan(0);
    expect((await one<{ bsn_pseudonym: string }>(db, sql`select bsn_pseudonym from persons where id = ${p!.id}`))!.bsn_pseudonym)
      .toBe(bsnPseudonym('een-ander-geheim-van-de-installatie', subject.bsn as string));
    await db.execute(sql`update persons set bsn = '999999990' where id = ${p!.id}`);
    expect((await one<{ bsn_pseudonym: string | null }>(db, sql`select bsn_pseudonym from persons where id = ${p!.id}`))!.bsn_pseudonym).toBeNull();
    await db.execute(sql`update persons set bsn = ${subject.bsn as string} where id = ${p!.id}`);
    await syncPseudonyms(db, env.config.pseudonymSecret);
  });
});

describe('the tenant setting', () => {
  it('is off by default and only the beheerder changes it', async () => {
    const r = await drAdmin.get('/api/admin/other-zvh');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ check: false, transfer: false });
    expect((await drRegisseur.get('/api/admin/other-zvh')).status).toBe(403);
    expect((await setting(drRegisseur, DR_ON)).status).toBe(403);
    expect((await drRegisseur.get('/api/other-zvh/status')).body).toEqual({ check: false, transfer: false });
  });

  it('cannot be switched on without a legal ground or a contact, and then changes nothing', async () => {
    const r = await setting(drAdmin, { ...DR_ON, legalGround: ' ' });
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'legalGround' })]));
    const r2 = await setting(drAdmin, { ...DR_ON, contactEmail: null, contactPhone: null });
    expect(r2.status).toBe(422);
    expect((await drAdmin.get('/api/admin/other-zvh')).body).toMatchObject({ check: false, transfer: false });
  });
});

describe('bekend bij een ander ZVH', () => {
  let drPerson: string, otherBsnPerson: string, grPerson: string;
  beforeAll(async () => {
    const subject = freshSubject();
    drPerson = (await openCaseWith(drPolitie, drRegisseur, { subject })).personId;
    // the same BSN in Groningen (another name: the BSN decides), a case running there
    grPerson = (await openCaseWith(grPolitie, grRegisseur, { subject: { ...subject, firstName: 'Anders', lastName: 'Geschreven' } })).personId;
    otherBsnPerson = (await openCaseWith(drPolitie, drRegisseur, { subject: freshSubject({ firstName: subject.firstName, lastName: subject.lastName }) })).personId;
  });

  it('is refused while the asking ZVH has not switched it on', async () => {
    await setting(grAdmin, ON);
    const r = await drInformatie.post(`/api/persons/${drPerson}/other-zvh-check`);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('not_enabled');
  });

  it('gets no answer from a ZVH that has not switched it on', async () => {
    await setting(drAdmin, DR_ON);
    await setting(grAdmin, { ...ON, check: false });
    const r = await drInformatie.post(`/api/persons/${drPerson}/other-zvh-check`);
    expect(r.status).toBe(200);
    expect(r.body.matches).toEqual([]);
    const logged = await rows(env.database.db, sql`select 1 from processing_log where tenant_id = ${groningenId} and activity = 'bekend-bij-ander-zvh'`);
    expect(logged).toHaveLength(0);
  });

  it('answers only the other ZVH\'s name and contact when both switched it on', async () => {
    await setting(grAdmin, ON);
    const r = await drInformatie.post(`/api/persons/${drPerson}/other-zvh-check`);
    expect(r.status).toBe(200);
    expect(r.body.matches).toEqual([{ name: GRONINGEN.name, contactEmail: ON.contactEmail, contactPhone: ON.contactPhone }]);
    expect(Object.keys(r.body).sort()).toEqual(['checkedAt', 'matches']);
    // nothing of the case there: no ids, dates, status, purpose or the name used there
    expect(r.text).not.toMatch(/Geschreven|Anders|procesregie|Overlast|caseId|personId/);
    expect(r.text).not.toContain(grPerson);
    // the regisseur may ask too, from triage or the person page
    expect((await drRegisseur.post(`/api/persons/${drPerson}/other-zvh-check`)).body.matches).toHaveLength(1);
  });

  it('never matches a different BSN, even with the same name and birth date', async () => {
    const r = await drInformatie.post(`/api/persons/${otherBsnPerson}/other-zvh-check`);
    expect(r.status).toBe(200);
    expect(r.body.matches).toEqual([]);
  });

  it('is written in both processing logs: who asked about whom, and in the answering tenant only which tenant asked', async () => {
    const db = env.database.db;
    const before = (await one<{ n: number }>(db, sql`select count(*)::int as n from processing_log where activity = 'bekend-bij-ander-zvh' and tenant_id = ${groningenId}`))!.n;
    const r = await drInformatie.post(`/api/persons/${drPerson}/other-zvh-check`);
    expect(r.status).toBe(200);
    const asking = await rows<{ actor_email: string; data_subject_ref: string; details: { answeredBy: string[]; matches: number } }>(db, sql`
      select actor_email, data_subject_ref, details from processing_log
       where tenant_id = ${drentheId} and activity = 'bekend-bij-ander-zvh' and data_subject_ref = ${drPerson} order by id desc limit 1`);
    expect(asking[0]).toMatchObject({ actor_email: 'informatie@demo.zvh', data_subject_ref: drPerson, details: { answeredBy: ['groningen'], matches: 1 } });
    const answering = await rows<{ actor_user_id: string | null; actor_email: string; actor_organisation: string; data_subject_ref: string; details: Record<string, unknown> }>(db, sql`
      select actor_user_id, actor_email, actor_organisation, data_subject_ref, details from processing_log
       where tenant_id = ${groningenId} and activity = 'bekend-bij-ander-zvh' order by id desc`);
    expect(answering.length).toBe(before + 1);
    expect(answering[0]).toMatchObject({ actor_user_id: null, actor_email: 'zvh:drenthe', actor_organisation: 'zvh:drenthe', data_subject_ref: grPerson, details: { askedBy: 'drenthe' } });
    expect(JSON.stringify(answering[0])).not.toMatch(/informatie@demo|Ilse/);
  });

  it('is not for partners, managers or beheerders; another tenant\'s person is not found', async () => {
    expect((await drPolitie.post(`/api/persons/${drPerson}/other-zvh-check`)).status).toBe(403);
    expect((await drManager.post(`/api/persons/${drPerson}/other-zvh-check`)).status).toBe(403);
    expect((await drAdmin.post(`/api/persons/${drPerson}/other-zvh-check`)).status).toBe(403);
    expect((await grInformatie.post(`/api/persons/${drPerson}/other-zvh-check`)).status).toBe(404);
  });

  it('asks nothing without a BSN', async () => {
    const subject = freshSubject({ bsn: null });
    const { personId } = await openCaseWith(drPolitie, drRegisseur, { subject });
    const r = await drInformatie.post(`/api/persons/${personId}/other-zvh-check`);
    expect(r.status).toBe(422);
  });
});

describe('overdracht naar een ander ZVH', () => {
  const offer = (c: TestClient, caseId: string, body: Record<string, unknown> = { toTenant: 'groningen', reason: 'Cliënt verhuist naar Groningen per 1 december' }) =>
    c.post(`/api/cases/${caseId}/transfers`, body);

  it('is refused while either side has not switched it on', async () => {
    const { caseId } = await openCaseWith(drPolitie, drRegisseur);
    await setting(drAdmin, { ...DR_ON, transfer: false });
    await setting(grAdmin, ON);
    expect((await offer(drRegisseur, caseId)).status).toBe(409);
    await setting(drAdmin, DR_ON);
    await setting(grAdmin, { ...ON, transfer: false });
    expect((await drRegisseur.get('/api/other-zvh/targets')).body).toEqual([]);
    const r = await offer(drRegisseur, caseId);
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].field).toBe('toTenant');
    await setting(grAdmin, ON);
    expect((await drRegisseur.get('/api/other-zvh/targets')).body).toEqual([{ code: 'groningen', name: GRONINGEN.name }]);
  });

  it('cannot be offered or decided by a non-regisseur', async () => {
    await setting(drAdmin, DR_ON);
    await setting(grAdmin, ON);
    const { caseId } = await openCaseWith(drPolitie, drRegisseur);
    expect((await offer(drInformatie, caseId)).status).toBe(403);
    expect((await offer(drPolitie, caseId)).status).toBe(403); // politie takes part in the case, but cannot transfer it
    const made = await offer(drRegisseur, caseId);
    expect(made.status).toBe(201);
    expect((await grInformatie.get('/api/transfers/incoming')).status).toBe(403);
    expect((await grInformatie.post(`/api/transfers/${made.body.id}/decision`, { accept: true, reason: 'Ja', municipality: 'GM0106' })).status).toBe(403);
    expect((await grPolitie.post(`/api/transfers/${made.body.id}/decision`, { accept: true, reason: 'Ja', municipality: 'GM0106' })).status).toBe(403);
    // the sender cannot decide its own offer: it is not addressed to its tenant
    expect((await drRegisseur.post(`/api/transfers/${made.body.id}/decision`, { accept: true, reason: 'Ja', municipality: 'GM0106' })).status).toBe(404);
    // one open offer per case
    expect((await offer(drRegisseur, caseId)).status).toBe(409);
  });

  it('refused: the receiver\'s reason reaches the sender, the case stays open there and nothing arrives', async () => {
    await setting(drAdmin, DR_ON);
    await setting(grAdmin, ON);
    const { caseId } = await openCaseWith(drPolitie, drRegisseur);
    const made = await offer(drRegisseur, caseId);
    expect(made.status).toBe(201);
    const casesBefore = (await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from cases where tenant_id = ${groningenId}`))!.n;
    const refused = await grRegisseur.post(`/api/transfers/${made.body.id}/decision`, { accept: false, reason: 'Persoon woont niet in onze regio' });
    expect(refused.status).toBe(200);
    expect(refused.body).toMatchObject({ status: 'geweigerd', receivedCaseId: null });
    expect((await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from cases where tenant_id = ${groningenId}`))!.n).toBe(casesBefore);
    const senderView = await drRegisseur.get(`/api/cases/${caseId}/transfers`);
    expect(senderView.body[0]).toMatchObject({ toName: GRONINGEN.name, status: 'geweigerd', decisionReason: 'Persoon woont niet in onze regio' });
    expect((await drRegisseur.get(`/api/cases/${caseId}`)).body.status).toBe('procesregie_lopend');
    expect((await grRegisseur.post(`/api/transfers/${made.body.id}/decision`, { accept: true, reason: 'Toch wel', municipality: 'GM0106' })).status).toBe(409);
    // logged on both sides
    const logs = await rows<{ tenant_id: string }>(env.database.db, sql`select tenant_id from processing_log where activity = 'overdracht-ander-zvh' and details->>'id' = ${made.body.id}`);
    expect(new Set(logs.map((l) => l.tenant_id))).toEqual(new Set([drentheId, groningenId]));
  });

  it('accepted: the receiver gets the case, plan, agreements and history; the sender\'s case is closed as overgedragen', async () => {
    await setting(drAdmin, DR_ON);
    await setting(grAdmin, ON);
    const { caseId } = await openCaseWith(drPolitie, drRegisseur, { participants: ['politie'] });
    expect((await drRegisseur.put(`/api/cases/${caseId}/plan`, { analysis: [], goals: [{ text: 'Stabiel wonen' }] })).status).toBeLessThan(300);
    const ag = await drRegisseur.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Buurtagent houdt contact', responsiblePerson: 'Wijkagent Jansen', dueDate: '2030-01-31' });
    expect(ag.status).toBe(201);
    expect((await drRegisseur.post(`/api/cases/${caseId}/journal`, { text: 'Gesprek met cliënt over de verhuizing', visibility: 'all' })).status).toBe(201);

    const made = await offer(drRegisseur, caseId);
    expect(made.status).toBe(201);
    // the receiver sees only person, purpose and reason
    const incoming = await grRegisseur.get('/api/transfers/incoming');
    expect(incoming.status).toBe(200);
    const item = incoming.body.find((t: { id: string }) => t.id === made.body.id);
    expect(Object.keys(item).sort()).toEqual(['birthDate', 'decidedAt', 'decisionReason', 'firstName', 'fromName', 'id', 'lastName', 'offeredAt', 'purpose', 'reason', 'receivedCaseId', 'status']);
    const drentheName = (await one<{ name: string }>(env.database.db, sql`select name from tenants where id = ${drentheId}`))!.name;
    expect(item).toMatchObject({ fromName: drentheName, status: 'aangeboden', reason: 'Cliënt verhuist naar Groningen per 1 december' });
    expect(incoming.text).not.toMatch(/Buurtagent|verhuizing|Verslaving|Stabiel/);
    // Drenthe sees nothing of Groningen's incoming list
    expect((await drRegisseur.get('/api/transfers/incoming')).body.find((t: { id: string }) => t.id === made.body.id)).toBeUndefined();

    const noMunicipality = await grRegisseur.post(`/api/transfers/${made.body.id}/decision`, { accept: true, reason: 'Wij nemen het over' });
    expect(noMunicipality.status).toBe(422);
    const accepted = await grRegisseur.post(`/api/transfers/${made.body.id}/decision`, { accept: true, reason: 'Wij nemen het over', municipality: 'GM0106' });
    expect(accepted.status).toBe(200);
    const newId = accepted.body.receivedCaseId as string;
    expect(newId).toBeTruthy();
    expect(newId).not.toBe(caseId);

    // receiver's view: a running case with the purpose, plan, the agreement held by the ZVH, the journal and the history
    const received = await grRegisseur.get(`/api/cases/${newId}`);
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({ status: 'procesregie_lopend', purpose: 'Overlast stoppen en huisvesting en verslavingszorg regelen' });
    expect(JSON.stringify(received.body)).toContain('Stabiel wonen');
    const agreements = await rows<{ partner_code: string; title: string; responsible_person: string | null; note: string }>(env.database.db, sql`
      select partner_code, title, responsible_person, note from agreements where case_id = ${newId}`);
    expect(agreements).toEqual([expect.objectContaining({ partner_code: 'zvh', title: 'Buurtagent houdt contact', responsible_person: null })]);
    expect(agreements[0]!.note).toMatch(/Overgenomen van .*Wijkagent Jansen/);
    const journal = await rows<{ text: string; visibility: string }>(env.database.db, sql`select text, visibility from journal_entries where case_id = ${newId}`);
    expect(journal).toEqual([{ text: 'Gesprek met cliënt over de verhuizing', visibility: 'zvh' }]);
    const ev = await one<{ data: { history: unknown[] } }>(env.database.db, sql`select data from case_events where case_id = ${newId} and type = 'transfer_received'`);
    expect(ev!.data.history.length).toBeGreaterThanOrEqual(3);
    // Groningen's politie does not take part in the received case
    expect((await grPolitie.get(`/api/cases/${newId}`)).status).toBe(404);
    // the link is kept: the sender sees the offer accepted
    const senderView = await drRegisseur.get(`/api/cases/${caseId}/transfers`);
    expect(senderView.body[0]).toMatchObject({ status: 'geaccepteerd', decisionReason: 'Wij nemen het over' });
    const sending = await drRegisseur.get(`/api/cases/${caseId}`);
    expect(sending.body).toMatchObject({ status: 'afgesloten' });
    const closed = await one<{ close_reason_code: string }>(env.database.db, sql`select close_reason_code from cases where id = ${caseId}`);
    expect(closed!.close_reason_code).toBe('overgedragen');
    // Drenthe cannot open the received case, Groningen cannot open the sending one
    expect((await drRegisseur.get(`/api/cases/${newId}`)).status).toBe(404);
    expect((await grRegisseur.get(`/api/cases/${caseId}`)).status).toBe(404);
    // events on both sides, processing log on both sides
    const types = (await rows<{ type: string }>(env.database.db, sql`select type from case_events where case_id = ${caseId} order by id`)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['transfer_offered', 'transfer_accepted', 'closed']));
    const logs = await rows<{ tenant_id: string; action: string }>(env.database.db, sql`select tenant_id, action from processing_log
      where activity = 'overdracht-ander-zvh' and (case_id in (${caseId}, ${newId}) or details->>'id' = ${made.body.id})`);
    expect(logs.some((l) => l.tenant_id === groningenId && l.action === 'create')).toBe(true);
    expect(logs.some((l) => l.tenant_id === drentheId && l.action === 'export')).toBe(true);
  });

  it('exports a case as a JSON file for a ZVH outside the installation (regisseur only, logged)', async () => {
    await setting(drAdmin, DR_ON);
    const { caseId } = await openCaseWith(drPolitie, drRegisseur);
    const r = await drRegisseur.get(`/api/cases/${caseId}/transfer-export`);
    expect(r.status).toBe(200);
    expect(String(r.headers['content-disposition'])).toMatch(/attachment; filename="overdracht-/);
    expect(r.body).toMatchObject({ format: 'zvh-overdracht', version: 1, from: { code: 'drenthe' }, case: { purpose: expect.any(String) } });
    expect((await drInformatie.get(`/api/cases/${caseId}/transfer-export`)).status).toBe(403);
    const logged = await one(env.database.db, sql`select 1 from processing_log where case_id = ${caseId} and action = 'export' and activity = 'overdracht-ander-zvh'`);
    expect(logged).toBeTruthy();
  });
});
