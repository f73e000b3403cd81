// SPDX-License-Identifier: EUPL-1.2
// Need-to-know: a partner sees a case only while its organisation participates (and up to 30 days
// after closure, read-only), a registration only if its organisation made it, never the ZVH's own
// notes; and whoever may not see something cannot even learn that it exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv, TestResponse } from '../../test/harness.js';
import { dataFingerprint, freshSubject, MEETS, openCaseWith, pdfUpload, randomId, register, triageBody } from '../../test/fixtures.js';
import { rows, sql } from '../../core/db/index.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient, ggz: TestClient, gem: TestClient, mgr: TestClient, adm: TestClient, inf: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg, ggz, gem, mgr, adm, inf] = await Promise.all(['politie', 'regisseur', 'ggz', 'gemeente', 'manager', 'admin', 'informatie'].map((u) => env.as(`${u}@demo.zvh`)));
});
afterAll(async () => { await env?.close(); });

const same = (a: TestResponse, b: TestResponse) => {
  expect(a.status).toBe(b.status);
  expect(a.text).toBe(b.text);
  expect(a.headers['content-type']).toBe(b.headers['content-type']);
  expect(a.headers['content-length']).toBe(b.headers['content-length']);
};
const ids = (res: TestResponse) => (res.body as { id: string }[]).map((x) => x.id);

describe('a non-participant learns nothing, not even existence', () => {
  let caseId: string, agreementId: string, documentId: string, lastName: string, bsn: string;
  beforeAll(async () => {
    const subject = freshSubject();
    lastName = subject.lastName as string;
    bsn = subject.bsn as string;
    ({ caseId } = await openCaseWith(pol, reg, { subject }));
    agreementId = (await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Huisbezoek', dueDate: '2030-01-31' })).body.id;
    documentId = (await reg.post(`/api/cases/${caseId}/documents`, pdfUpload({ visibility: 'all' }))).body.id;
  });

  it('answers a real but invisible case exactly like a random id, and changes nothing', async () => {
    const missing = randomId();
    const before = await dataFingerprint(env.database.db);
    const pairs: [string, (id: string) => Promise<TestResponse>, string][] = [
      ['GET case', (id) => ggz.get(`/api/cases/${id}`), caseId],
      ['GET timeline', (id) => ggz.get(`/api/cases/${id}/timeline`), caseId],
      ['GET audit', (id) => ggz.get(`/api/cases/${id}/audit`), caseId],
      ['PATCH agreement', (id) => ggz.patch(`/api/agreements/${id}`, { status: 'cancelled' }), agreementId],
      ['GET document', (id) => ggz.get(`/api/documents/${id}/content`), documentId],
      ['POST journal', (id) => ggz.post(`/api/cases/${id}/journal`, { text: 'Wij kennen deze persoon ook', visibility: 'all' }), caseId],
      ['POST document', (id) => ggz.post(`/api/cases/${id}/documents`, pdfUpload()), caseId],
      ['POST close', (id) => ggz.post(`/api/cases/${id}/close`, { reason: 'Klaar' }), caseId],
      ['POST reopen', (id) => ggz.post(`/api/cases/${id}/reopen`, { reason: 'Opnieuw' }), caseId],
      ['PUT plan', (id) => ggz.put(`/api/cases/${id}/plan`, { analysis: [], goals: [] }), caseId],
    ];
    for (const [what, call, realId] of pairs) {
      const real = await call(realId);
      const fake = await call(missing);
      expect([403, 404], what).toContain(real.status);
      same(real, fake);
      for (const secret of [lastName, bsn, realId]) expect(real.text, `${what} leaks`).not.toContain(secret);
    }
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });

  it('leaves the case out of the non-participant\'s list, search and my-work', async () => {
    expect(ids(await ggz.get('/api/cases'))).not.toContain(caseId);
    expect((await ggz.get(`/api/cases?q=${encodeURIComponent(lastName)}`)).body).toEqual([]);
    const work = await ggz.get('/api/my-work');
    expect(work.status).toBe(200);
    expect(work.text).not.toContain(caseId);
    expect(work.text).not.toContain(lastName);
    // the participants do see it
    expect(ids(await pol.get('/api/cases'))).toContain(caseId);
    expect(ids(await gem.get('/api/cases'))).toContain(caseId);
  });
});

describe('participation decides access at once', () => {
  it('a removed participant loses access on the next request, and regains it when added again', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const agreementId = (await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Huisbezoek', dueDate: '2030-01-31' })).body.id;
    expect((await pol.get(`/api/cases/${caseId}`)).status).toBe(200);
    const removed = await reg.post(`/api/cases/${caseId}/participants/politie/remove`, { reason: 'Politie heeft geen rol meer' });
    expect(removed.status, removed.text).toBe(200);
    const refused = await pol.get(`/api/cases/${caseId}`);
    expect(refused.status).toBe(404);
    same(refused, await pol.get(`/api/cases/${randomId()}`));
    expect((await pol.get(`/api/cases/${caseId}/timeline`)).status).toBe(404);
    expect((await pol.patch(`/api/agreements/${agreementId}`, { status: 'done' })).status).toBe(404);
    expect((await pol.post(`/api/cases/${caseId}/journal`, { text: 'Nog iets', visibility: 'all' })).status).toBe(404);
    expect(ids(await pol.get('/api/cases'))).not.toContain(caseId);
    expect((await pol.get('/api/my-work')).text).not.toContain(agreementId);
    // gemeente still takes part
    expect((await gem.get(`/api/cases/${caseId}`)).status).toBe(200);
    expect((await gem.get(`/api/cases/${caseId}`)).body.participants.map((p: { partner: string }) => p.partner)).toEqual(['gemeente-oov']);

    expect((await reg.post(`/api/cases/${caseId}/participants`, { partner: 'politie', reason: 'Nieuwe incidenten' })).status).toBe(201);
    expect((await pol.get(`/api/cases/${caseId}`)).status).toBe(200);
  });

  it('a partner\'s access ends 30 days after closure; until then the case is read-only for it', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const agreementId = (await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Huisbezoek', dueDate: '2030-01-31' })).body.id;
    expect((await pol.patch(`/api/agreements/${agreementId}`, { status: 'done' })).status).toBe(200);
    expect((await reg.post(`/api/cases/${caseId}/close`, { reason: 'Doel bereikt', reasonCode: 'doel-bereikt' })).status).toBe(200);
    const setClosedAt = (days: number) => env.database.db.execute(sql`update cases set closed_at = current_date - ${days}::int where id = ${caseId}`);

    await setClosedAt(29);
    expect((await pol.get(`/api/cases/${caseId}`)).status).toBe(200);
    expect((await pol.get(`/api/cases/${caseId}/timeline`)).status).toBe(200);
    expect(ids(await pol.get('/api/cases'))).toContain(caseId);
    const before = await dataFingerprint(env.database.db);
    for (const write of [
      pol.patch(`/api/agreements/${agreementId}`, { status: 'open', note: 'Toch niet' }),
      pol.post(`/api/cases/${caseId}/journal`, { text: 'Na afsluiting', visibility: 'all' }),
      pol.post(`/api/cases/${caseId}/documents`, pdfUpload()),
    ]) {
      const r = await write;
      expect(r.status, r.text).toBe(409);
      expect(r.body.error.code).toBe('case_closed');
    }
    expect(await dataFingerprint(env.database.db)).toEqual(before);

    await setClosedAt(31);
    const gone = await pol.get(`/api/cases/${caseId}`);
    expect(gone.status).toBe(404);
    same(gone, await pol.get(`/api/cases/${randomId()}`));
    expect((await pol.get(`/api/cases/${caseId}/timeline`)).status).toBe(404);
    expect((await pol.patch(`/api/agreements/${agreementId}`, { status: 'open' })).status).toBe(404);
    expect(ids(await pol.get('/api/cases'))).not.toContain(caseId);
    // the ZVH keeps access
    for (const c of [reg, mgr, adm, inf]) expect((await c.get(`/api/cases/${caseId}`)).status).toBe(200);
  });
});

describe('registrations', () => {
  it('are visible only to the registering organisation and the ZVH staff', async () => {
    const id = await register(pol, { subject: freshSubject() });
    for (const c of [pol, reg, mgr, adm, inf]) {
      expect((await c.get(`/api/registrations/${id}`)).status).toBe(200);
      expect(ids(await c.get('/api/registrations'))).toContain(id);
    }
    for (const c of [gem, ggz]) {
      const r = await c.get(`/api/registrations/${id}`);
      expect(r.status).toBe(404);
      same(r, await c.get(`/api/registrations/${randomId()}`));
      expect(ids(await c.get('/api/registrations'))).not.toContain(id);
    }
  });

  it('a registrant that does not take part in the case sees its registration but not the case', async () => {
    const { registrationId, caseId } = await openCaseWith(pol, reg, { participants: ['gemeente-oov'] });
    expect((await pol.get(`/api/registrations/${registrationId}`)).status).toBe(200);
    expect((await pol.get(`/api/cases/${caseId}`)).status).toBe(404);
  });

  it('the registrant sees the outcome, not the triage deliberation or the BSN', async () => {
    const subject = freshSubject();
    const earlier = await openCaseWith(pol, reg, { subject });
    expect(earlier.caseId).toBeTruthy();
    const id = await register(pol, { subject });
    const overrideReason = 'Afwijking: wijkagent signaleert escalatie, uitzondering op het kader nodig';
    const t = await reg.post(`/api/registrations/${id}/triage`, triageBody('procesregie', {
      criteria: { ...MEETS, systemImpact: false }, override: { reason: overrideReason }, participants: ['gemeente-oov'],
    }));
    expect(t.status, t.text).toBe(200);

    const own = await pol.get(`/api/registrations/${id}`);
    expect(own.status).toBe(200);
    expect(own.body.status).toBe('procesregie_lopend');
    expect(own.body.triage.outcome).toBe('procesregie');
    expect(Object.keys(own.body.triage).sort()).toEqual(['advice', 'outcome', 'referredTo', 'triagedAt']);
    expect(own.body.subject.bsn).toBeUndefined();
    expect(own.body.history).toEqual([]);
    for (const secret of [subject.bsn as string, overrideReason, 'criteria', 'criteriaMet', 'override', 'participants']) {
      expect(own.text).not.toContain(secret);
    }
    // the list holds no deliberation either
    const list = await pol.get('/api/registrations');
    expect(list.text).not.toContain(subject.bsn as string);
    expect(list.text).not.toContain(overrideReason);

    // the ZVH sees all of it, and the earlier case of the same person
    const zvh = await reg.get(`/api/registrations/${id}`);
    expect(zvh.body.subject.bsn).toBe(subject.bsn);
    expect(zvh.body.triage).toMatchObject({ criteriaMet: false, override: { reason: overrideReason } });
    expect(zvh.body.history.map((h: { caseId: string }) => h.caseId)).toContain(earlier.caseId);
  });

  it('a participating partner does not get the BSN, the registration text or the triage from the case file', async () => {
    const subject = freshSubject();
    const { caseId } = await openCaseWith(pol, reg, { subject, registration: { tried: 'Gesprekken met de wijkagent' } });
    const r = await gem.get(`/api/cases/${caseId}`);
    expect(r.status).toBe(200);
    expect(r.body.subject.bsn).toBeNull();
    expect(r.body.registration.triage).toBeNull();
    expect(r.body.registration.reason).toBeNull();
    expect(r.body.registration.tried).toBeNull();
    expect(r.text).not.toContain(subject.bsn as string);
    const z = await reg.get(`/api/cases/${caseId}`);
    expect(z.body.subject.bsn).toBe(subject.bsn);
    expect(z.body.registration.triage).toMatchObject({ outcome: 'procesregie' });
  });
});

describe('the ZVH\'s own notes', () => {
  it('journal entries and documents with visibility zvh are not shown to partners', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const secretText = `Alleen ZVH: overleg met de officier ${randomId()}`;
    const sharedText = `Voor iedereen: huisbezoek gepland ${randomId()}`;
    const defaultText = `Zonder zichtbaarheid ${randomId()}`;
    expect((await reg.post(`/api/cases/${caseId}/journal`, { text: secretText, visibility: 'zvh' })).body.visibility).toBe('zvh');
    expect((await reg.post(`/api/cases/${caseId}/journal`, { text: sharedText, visibility: 'all' })).body.visibility).toBe('all');
    // an entry without a visibility is refused (issue 8: no default), and nothing is stored
    expect((await reg.post(`/api/cases/${caseId}/journal`, { text: defaultText })).status).toBe(400);
    const zvhDoc = await reg.post(`/api/cases/${caseId}/documents`, pdfUpload({ filename: 'intern-advies.pdf', visibility: 'zvh' }));
    const allDoc = await reg.post(`/api/cases/${caseId}/documents`, pdfUpload({ filename: 'plan.pdf', visibility: 'all' }));
    expect([zvhDoc.status, allDoc.status]).toEqual([201, 201]);

    for (const partner of [pol, gem]) {
      const c = await partner.get(`/api/cases/${caseId}`);
      expect(c.body.journal.map((j: { text: string }) => j.text)).toEqual([sharedText]);
      expect(c.body.documents.map((d: { id: string }) => d.id)).toEqual([allDoc.body.id]);
      expect(c.text).not.toContain(secretText);
      expect(c.text).not.toContain(defaultText);
      expect(c.text).not.toContain('intern-advies.pdf');
      const tl = await partner.get(`/api/cases/${caseId}/timeline`);
      expect(tl.text).not.toContain(zvhDoc.body.id);
      expect(tl.text).not.toContain('intern-advies.pdf');
      const hidden = await partner.get(`/api/documents/${zvhDoc.body.id}/content`);
      expect(hidden.status).toBe(404);
      same(hidden, await partner.get(`/api/documents/${randomId()}/content`));
      expect((await partner.get(`/api/documents/${allDoc.body.id}/content`)).status).toBe(200);
    }
    const z = await reg.get(`/api/cases/${caseId}`);
    expect(z.body.journal.map((j: { text: string }) => j.text).sort()).toEqual([secretText, sharedText].sort());
    expect(z.body.documents).toHaveLength(2);
    expect((await reg.get(`/api/documents/${zvhDoc.body.id}/content`)).status).toBe(200);
  });

  it('a partner may keep an entry or document to the ZVH: the other partners do not see it', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const text = `Van politie, graag alleen ZVH ${randomId()}`;
    const j = await pol.post(`/api/cases/${caseId}/journal`, { text, visibility: 'zvh' });
    const d = await pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ filename: 'pv-samenvatting.pdf', visibility: 'zvh' }));
    expect([j.status, d.status]).toEqual([201, 201]);
    const stored = await rows<{ visibility: string }>(env.database.db, sql`
      select visibility from journal_entries where case_id = ${caseId} and author_organisation = 'politie'
      union all select visibility from documents where case_id = ${caseId} and uploaded_by_organisation = 'politie'`);
    expect(stored.map((s) => s.visibility)).toEqual(['zvh', 'zvh']);
    const other = await gem.get(`/api/cases/${caseId}`);
    expect(other.text).not.toContain(text);
    expect(other.text).not.toContain('pv-samenvatting.pdf');
    expect((await reg.get(`/api/cases/${caseId}`)).text).toContain(text);
  });
});
