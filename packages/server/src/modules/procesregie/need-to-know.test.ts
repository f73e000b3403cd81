// SPDX-License-Identifier: EUPL-1.2
// Need-to-know: a partner sees a case only while its organisation participates (and up to 30 days
// after closure, read-only), a registration only if its organisation made it, never the ZVH's own
// notes; and whoever may not see something cannot even learn that it exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv, TestResponse } from '../../test/harness.js';
import { createUser, dataFingerprint, freshSubject, GRONINGEN, MEETS, openCaseWith, pdfUpload, randomId, register, registrationBody, seedSecondTenant, triageBody } from '../../test/fixtures.js';
import { REFUSED_PURPOSE } from '../../core/access.js';
import { one, rows, sql } from '../../core/db/index.js';

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

    // day 30 is the last day of the window
    await setClosedAt(30);
    expect((await pol.get(`/api/cases/${caseId}`)).status).toBe(200);
    expect((await pol.get(`/api/cases/${caseId}/timeline`)).status).toBe(200);
    expect(ids(await pol.get('/api/cases'))).toContain(caseId);
    const closedWrite = await pol.post(`/api/cases/${caseId}/journal`, { text: 'Op dag 30', visibility: 'all' });
    expect(closedWrite.status).toBe(409);

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

describe('municipal partners: one department per municipality', () => {
  // gemeente@demo.zvh works for Assen (GM0106) only; an Emmen colleague of the same organisation
  let emmen: TestClient, both: TestClient;
  let assenCase: string, emmenCase: string, emmenRegistration: string, emmenAgreement: string, emmenName: string;
  beforeAll(async () => {
    await createUser(env.database.db, { email: 'gemeente-emmen@demo.zvh', organisation: 'gemeente-oov', roles: ['professional'], municipalities: ['GM0114'] });
    await createUser(env.database.db, { email: 'gemeente-zuidoost@demo.zvh', organisation: 'gemeente-oov', roles: ['professional'], municipalities: ['GM0114', 'GM0109'] });
    [emmen, both] = await Promise.all([env.as('gemeente-emmen@demo.zvh'), env.as('gemeente-zuidoost@demo.zvh')]);
    ({ caseId: assenCase } = await openCaseWith(pol, reg, { participants: ['politie', 'gemeente-oov'] }));
    const subject = freshSubject();
    emmenName = subject.lastName as string;
    ({ caseId: emmenCase, registrationId: emmenRegistration } = await openCaseWith(pol, reg, {
      subject, participants: ['politie', 'gemeente-oov'], registration: { municipality: 'GM0114' },
    }));
    emmenAgreement = (await reg.post(`/api/cases/${emmenCase}/agreements`, { partner: 'gemeente-oov', title: 'Woonoverlast aanpakken', dueDate: '2030-01-31' })).body.id;
  });

  it('the Assen professional gets the Assen case and, for the Emmen case, exactly the answer for a case that does not exist', async () => {
    expect((await gem.get(`/api/cases/${assenCase}`)).status).toBe(200);
    const refused = await gem.get(`/api/cases/${emmenCase}`);
    expect(refused.status).toBe(404);
    same(refused, await gem.get(`/api/cases/${randomId()}`));
    expect(refused.text).not.toContain(emmenName);
    for (const [what, call] of [
      ['timeline', () => gem.get(`/api/cases/${emmenCase}/timeline`)],
      ['agreement', () => gem.patch(`/api/agreements/${emmenAgreement}`, { status: 'done' })],
      ['journal', () => gem.post(`/api/cases/${emmenCase}/journal`, { text: 'Kennen wij ook', visibility: 'all' })],
    ] as const) expect((await call()).status, what).toBe(404);
    // the Emmen department (and a professional working for Emmen and Coevorden) does see it
    expect((await emmen.get(`/api/cases/${emmenCase}`)).status).toBe(200);
    expect((await both.get(`/api/cases/${emmenCase}`)).status).toBe(200);
    expect((await emmen.get(`/api/cases/${assenCase}`)).status).toBe(404);
    // a non-municipal partner is one organisation for all municipalities
    expect((await pol.get(`/api/cases/${emmenCase}`)).status).toBe(200);
  });

  it('lists, search and my-work leave out the other municipalities\' cases and registrations', async () => {
    const cases = ids(await gem.get('/api/cases'));
    expect(cases).toContain(assenCase);
    expect(cases).not.toContain(emmenCase);
    expect((await gem.get(`/api/cases?q=${encodeURIComponent(emmenName)}`)).body).toEqual([]);
    expect(ids(await emmen.get('/api/cases'))).toContain(emmenCase);
    const work = await gem.get('/api/my-work');
    expect(work.status).toBe(200);
    expect(work.text).not.toContain(emmenAgreement);
    expect(work.text).not.toContain(emmenName);
    expect((await emmen.get('/api/my-work')).body.agreements.map((a: { id: string }) => a.id)).toContain(emmenAgreement);

    // a registration of the Emmen department: not the Assen department's
    const r = await emmen.post('/api/registrations', { ...registrationBody({ subject: freshSubject() }), municipality: 'GM0114', registeringPartner: 'gemeente-oov' });
    expect(r.status, r.text).toBe(201);
    expect(ids(await emmen.get('/api/registrations'))).toContain(r.body.id);
    expect(ids(await gem.get('/api/registrations'))).not.toContain(r.body.id);
    const hidden = await gem.get(`/api/registrations/${r.body.id}`);
    expect(hidden.status).toBe(404);
    same(hidden, await gem.get(`/api/registrations/${randomId()}`));
    // and the registration of politie stays politie's
    expect((await gem.get(`/api/registrations/${emmenRegistration}`)).status).toBe(404);
  });

  it('a municipal professional registers only for the municipalities they work for', async () => {
    const before = await dataFingerprint(env.database.db);
    const r = await gem.post('/api/registrations', { ...registrationBody({ subject: freshSubject() }), municipality: 'GM0114', registeringPartner: 'gemeente-oov' });
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual([expect.objectContaining({ field: 'municipality' })]);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });

  it('the agreement of a municipal partner belongs to its department of the case\'s municipality', async () => {
    // the Assen department added across the border sees the case, but the agreement is Emmen's
    const { caseId } = await openCaseWith(pol, reg, { participants: ['gemeente-oov'], registration: { municipality: 'GM0114' } });
    const a = (await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'gemeente-oov', title: 'Gesprek met verhuurder', dueDate: '2030-02-28' })).body.id;
    expect((await reg.post(`/api/cases/${caseId}/participants`, { partner: 'gemeente-oov', municipality: 'GM0106', reason: 'Betrokkene verhuist naar Assen' })).status).toBe(201);
    expect((await gem.get(`/api/cases/${caseId}`)).status).toBe(200);
    const notOwn = await gem.patch(`/api/agreements/${a}`, { status: 'done' });
    expect(notOwn.status).toBe(403);
    expect((await gem.get('/api/my-work')).text).not.toContain(a);
    const own = await emmen.patch(`/api/agreements/${a}`, { status: 'done', note: 'Gesprek gevoerd' });
    expect(own.status, own.text).toBe(200);
  });

  it('the regisseur adds another municipality\'s department to a case that crosses a border, with a reason, and removes it again', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: ['politie', 'gemeente-oov'], registration: { municipality: 'GM0114', crossesMunicipalityBorder: true } });
    expect((await gem.get(`/api/cases/${caseId}`)).status).toBe(404);
    const before = await dataFingerprint(env.database.db);
    for (const [body, status] of [
      [{ partner: 'politie', municipality: 'GM0106', reason: 'Politie heeft geen afdelingen per gemeente' }, 422],
      [{ partner: 'gemeente-oov', municipality: 'GM9999', reason: 'Bestaat niet' }, 422],
      [{ partner: 'gemeente-oov', municipality: 'Assen', reason: 'Geen code' }, 400],
      [{ partner: 'gemeente-oov', municipality: 'GM0106' }, 400],
      [{ partner: 'gemeente-oov', reason: 'De afdeling van Emmen neemt al deel' }, 409],
    ] as const) {
      const r = await reg.post(`/api/cases/${caseId}/participants`, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
    }
    expect(await dataFingerprint(env.database.db)).toEqual(before);
    // a partner cannot add a department
    expect((await gem.post(`/api/cases/${caseId}/participants`, { partner: 'gemeente-oov', municipality: 'GM0106', reason: 'Wij willen meekijken' })).status).toBe(403);

    const added = await reg.post(`/api/cases/${caseId}/participants`, { partner: 'gemeente-oov', municipality: 'GM0106', reason: 'Betrokkene woont deels in Assen' });
    expect(added.status, added.text).toBe(201);
    expect(added.body).toEqual({ partner: 'gemeente-oov', municipality: 'GM0106' });
    expect((await gem.get(`/api/cases/${caseId}`)).status).toBe(200);
    expect(ids(await gem.get('/api/cases'))).toContain(caseId);
    const file = await reg.get(`/api/cases/${caseId}`);
    const oov = file.body.participants.filter((p: { partner: string }) => p.partner === 'gemeente-oov');
    expect(oov.map((p: { municipality: string }) => p.municipality).sort()).toEqual(['GM0106', 'GM0114']);
    expect(oov.find((p: { municipality: string }) => p.municipality === 'GM0106')).toMatchObject({ municipalityName: 'Assen', addReason: 'Betrokkene woont deels in Assen' });
    const event = (await reg.get(`/api/cases/${caseId}/timeline`)).body.find((e: { type: string }) => e.type === 'participant_added');
    expect(event.data).toMatchObject({ partner: 'gemeente-oov', municipality: 'GM0106', crossBorder: true });

    // removing the Assen department leaves Emmen's in place
    const removed = await reg.post(`/api/cases/${caseId}/participants/gemeente-oov/remove`, { municipality: 'GM0106', reason: 'Niet meer nodig' });
    expect(removed.status, removed.text).toBe(200);
    expect((await gem.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await emmen.get(`/api/cases/${caseId}`)).status).toBe(200);
    // by its code alone: the department of the case's municipality
    expect((await reg.post(`/api/cases/${caseId}/participants/gemeente-oov/remove`, { reason: 'Klaar' })).status).toBe(200);
    expect((await emmen.get(`/api/cases/${caseId}`)).status).toBe(404);
    // with only the Assen department taking part, an agreement of gemeente-oov (Emmen's department) has no owner: refused
    expect((await reg.post(`/api/cases/${caseId}/participants`, { partner: 'gemeente-oov', municipality: 'GM0106', reason: 'Alleen Assen nog' })).status).toBe(201);
    const orphan = await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'gemeente-oov', title: 'Zonder eigenaar', dueDate: '2030-03-31' });
    expect(orphan.status, orphan.text).toBe(422);
    expect(orphan.body.error.details).toEqual([expect.objectContaining({ field: 'partner' })]);
  });

  it('every refused read or write is in the processing log as denied, with the attempted id and no case purpose', async () => {
    const db = env.database.db;
    const mark = (await one<{ id: number }>(db, sql`select coalesce(max(id), 0)::int as id from processing_log`))!.id;
    expect((await gem.get(`/api/cases/${emmenCase}`)).status).toBe(404);
    expect((await gem.post(`/api/cases/${emmenCase}/journal`, { text: 'Probeer het toch', visibility: 'all' })).status).toBe(404);
    expect((await gem.patch(`/api/agreements/${emmenAgreement}`, { status: 'done' })).status).toBe(404);
    expect((await gem.get(`/api/registrations/${emmenRegistration}`)).status).toBe(404);
    const missing = randomId();
    expect((await reg.get(`/api/cases/${missing}`)).status).toBe(404);
    const added = await rows<Record<string, any>>(db, sql`select actor_email, action, activity, purpose, outcome, case_id, registration_id, data_subject_ref, details
      from processing_log where id > ${mark} order by id`);
    const denied = added.filter((r) => r.outcome === 'denied');
    expect(denied).toEqual([
      expect.objectContaining({ actor_email: 'gemeente@demo.zvh', action: 'read', details: { object: 'case', attemptedId: emmenCase } }),
      expect.objectContaining({ actor_email: 'gemeente@demo.zvh', action: 'update', details: { object: 'case', attemptedId: emmenCase } }),
      expect.objectContaining({ actor_email: 'gemeente@demo.zvh', action: 'update', details: { object: 'agreement', attemptedId: emmenAgreement } }),
      expect.objectContaining({ actor_email: 'gemeente@demo.zvh', action: 'read', details: { object: 'registration', attemptedId: emmenRegistration } }),
      expect.objectContaining({ actor_email: 'regisseur@demo.zvh', action: 'read', details: { object: 'case', attemptedId: missing } }),
    ]);
    const emmenPurpose = (await one<{ purpose: string }>(db, sql`select purpose from cases where id = ${emmenCase}`))!.purpose;
    for (const d of denied) {
      expect(d.purpose).toBe(REFUSED_PURPOSE);
      expect(d.purpose).not.toBe(emmenPurpose);
      expect([d.case_id, d.registration_id, d.data_subject_ref]).toEqual([null, null, null]);
    }
    // nothing was logged as a successful processing for the refused user
    expect(added.filter((r) => r.actor_email === 'gemeente@demo.zvh' && r.outcome === 'success')).toEqual([]);
  });
});

describe('a second tenant', () => {
  // tenant groningen has its own ZVH staff and partners; nothing of one tenant is visible in the other
  let gReg: TestClient, gPol: TestClient, gGem: TestClient, gMgr: TestClient;
  let gCase: string, gRegistration: string, gPerson: string, gName: string, gBsn: string, gWaiting: string;
  let dCase: string, dRegistration: string, dName: string;
  beforeAll(async () => {
    await seedSecondTenant(env.database.db);
    [gReg, gPol, gGem, gMgr] = await Promise.all([GRONINGEN.users.regisseur, GRONINGEN.users.politie, GRONINGEN.users.gemeente, GRONINGEN.users.manager].map((e) => env.as(e)));
    const subject = freshSubject();
    gName = subject.lastName as string;
    gBsn = subject.bsn as string;
    ({ caseId: gCase, registrationId: gRegistration, personId: gPerson } = await openCaseWith(gPol, gReg, { subject }));
    // an overdue agreement on an unassigned case, inactive for long, and a registration waiting for triage:
    // every signal list of "Mijn werk" would show them to a regisseur who sees every tenant
    expect((await gReg.post(`/api/cases/${gCase}/agreements`, { partner: 'gemeente-oov', title: 'Te laat', dueDate: '2021-03-01' })).status).toBe(201);
    await env.database.db.execute(sql`update cases set regisseur_id = null, last_activity_at = now() - interval '90 days' where id = ${gCase}`);
    gWaiting = await register(gPol, { subject: { ...freshSubject(), lastName: gName } });
    await env.database.db.execute(sql`update registrations set registered_at = current_date - 30 where id = ${gWaiting}`);
    const d = freshSubject();
    dName = d.lastName as string;
    ({ caseId: dCase, registrationId: dRegistration } = await openCaseWith(pol, reg, { subject: d }));
  });

  it('the other tenant\'s ZVH staff and partners get exactly the answer for something that does not exist', async () => {
    const gemeente = await env.as('gemeente@demo.zvh');
    for (const c of [reg, mgr, adm, inf, pol, gemeente]) {
      for (const [path, missing] of [
        [`/api/cases/${gCase}`, `/api/cases/${randomId()}`],
        [`/api/cases/${gCase}/timeline`, `/api/cases/${randomId()}/timeline`],
        [`/api/registrations/${gRegistration}`, `/api/registrations/${randomId()}`],
      ]) {
        const r = await c.get(path);
        expect(r.status, path).toBe(404);
        same(r, await c.get(missing));
      }
    }
    for (const c of [reg, inf]) expect((await c.get(`/api/persons/${gPerson}`)).status).toBe(404);
    // each refusal is in the processing log of the asking tenant, as denied, with the attempted id
    const denied = await rows<{ email: string; object: string; tenant: string }>(env.database.db, sql`
      select l.actor_email as email, l.details->>'object' as object, t.code as tenant from processing_log l join tenants t on t.id = l.tenant_id
       where l.outcome = 'denied' and l.details->>'attemptedId' in (${gCase}, ${gRegistration}, ${gPerson})`);
    expect(denied).toContainEqual({ email: 'regisseur@demo.zvh', object: 'case', tenant: 'drenthe' });
    expect(denied).toContainEqual({ email: 'politie@demo.zvh', object: 'registration', tenant: 'drenthe' });
    expect(denied).toContainEqual({ email: 'informatie@demo.zvh', object: 'person', tenant: 'drenthe' });
    expect(denied.every((d) => d.tenant === 'drenthe')).toBe(true);
    // and the other way round
    for (const c of [gReg, gMgr, gPol, gGem]) {
      expect((await c.get(`/api/cases/${dCase}`)).status).toBe(404);
      expect((await c.get(`/api/registrations/${dRegistration}`)).status).toBe(404);
    }
    // in its own tenant the case is there
    for (const c of [gReg, gMgr, gPol, gGem]) expect((await c.get(`/api/cases/${gCase}`)).status).toBe(200);
  });

  it('lists, person search and my-work hold only the own tenant\'s', async () => {
    for (const c of [reg, mgr, adm, inf, pol]) {
      const cases = await c.get('/api/cases');
      expect(ids(cases)).not.toContain(gCase);
      expect(cases.text).not.toContain(gName);
      const regs = await c.get('/api/registrations');
      expect(ids(regs)).not.toContain(gRegistration);
      expect(regs.text).not.toContain(gName);
    }
    for (const c of [reg, inf]) {
      expect((await c.get(`/api/persons?q=${encodeURIComponent(gName)}`)).body).toEqual([]);
      expect((await c.get(`/api/persons?q=${gBsn}`)).body).toEqual([]);
      const work = await c.get('/api/my-work');
      expect(work.status).toBe(200);
      for (const secret of [gCase, gWaiting, gName]) expect(work.text).not.toContain(secret);
    }
    // the own tenant's staff do see them
    const own = (await gReg.get('/api/my-work')).body;
    expect(own.casesWithOverdue.map((c: { id: string }) => c.id)).toContain(gCase);
    expect(own.inactiveCases.map((c: { id: string }) => c.id)).toContain(gCase);
    expect(own.waitingTriage.map((r: { id: string }) => r.id)).toContain(gWaiting);
    expect(ids(await gReg.get('/api/cases'))).toContain(gCase);
    expect(ids(await gReg.get('/api/cases'))).not.toContain(dCase);
    expect((await gReg.get(`/api/persons?q=${encodeURIComponent(gName)}`)).body.map((p: { id: string }) => p.id)).toContain(gPerson);
    expect((await gReg.get(`/api/persons?q=${encodeURIComponent(dName)}`)).body).toEqual([]);
    expect((await gGem.get('/api/my-work')).body.agreements.length).toBeGreaterThan(0);
    expect((await gem.get('/api/my-work')).text).not.toContain(gName);
  });
});
