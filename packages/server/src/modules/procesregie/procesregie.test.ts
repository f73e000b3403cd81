// SPDX-License-Identifier: EUPL-1.2
// Procesregie: the plan and the case with optimistic locking (If-Match / version), agreements,
// the AVE phase history, participants, journal, documents and the timeline.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { dataFingerprint, freshSubject, MEETS, openCaseWith, PDF_BYTES, pdfUpload, randomId, register, triageBody } from '../../test/fixtures.js';
import { one, rows, sql } from '../../core/db/index.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient, gem: TestClient, ggz: TestClient, inf: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg, gem, ggz, inf] = await Promise.all(['politie', 'regisseur', 'gemeente', 'ggz', 'informatie'].map((u) => env.as(`${u}@demo.zvh`)));
});
afterAll(async () => { await env?.close(); });

const PLAN_A = { analysis: [{ domain: 'psychisch', problem: 'Verward gedrag', risk: 'Escalatie', protective: 'Zus betrokken' }], goals: [{ text: 'Stabiele woonsituatie' }] };
const PLAN_B = { analysis: [{ domain: 'verslaving', problem: 'Alcohol' }], goals: [{ text: 'Behandeling gestart', achieved: false }] };
const PLAN_C = { analysis: [], goals: [{ text: 'Anders' }] };
const caseRow = (id: string) => one<{ version: number; plan: unknown; purpose: string; approach: string | null; ave_phase: number | null }>(env.database.db,
  sql`select version, plan, purpose, approach, ave_phase from cases where id = ${id}`);
const eventsOf = (caseId: string, type: string) => rows<{ data: Record<string, unknown>; actor_organisation: string }>(env.database.db,
  sql`select data, actor_organisation from case_events where case_id = ${caseId} and type = ${type} order by id`);

/** Downloads raw bytes (the test client decodes bodies as text). */
async function download(client: TestClient, id: string) {
  const res = await env.app.inject({ method: 'GET', url: `/api/documents/${id}/content`, headers: client.cookie ? { cookie: client.cookie } : {} });
  return { status: res.statusCode, bytes: res.rawPayload, headers: res.headers };
}

describe('plan and case with versions', () => {
  it('returns the version as ETag, applies a write with the current version and refuses a stale one', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const got = await reg.get(`/api/cases/${caseId}`);
    expect(got.headers.etag).toBe(`"v${got.body.version}"`);
    const v1 = got.headers.etag as string;

    const ok = await reg.put(`/api/cases/${caseId}/plan`, PLAN_A, { 'if-match': v1 });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body.version).toBe(got.body.version + 1);
    expect(ok.headers.etag).toBe(`"v${ok.body.version}"`);

    // a second writer still holding v1 is refused, and nothing changes
    const before = await caseRow(caseId);
    const fp = await dataFingerprint(env.database.db);
    const stale = await reg.put(`/api/cases/${caseId}/plan`, PLAN_B, { 'if-match': v1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    expect(stale.body.error.details).toEqual({ expected: got.body.version, actual: ok.body.version });
    const staleBody = await reg.put(`/api/cases/${caseId}/plan`, { ...PLAN_B, version: got.body.version });
    expect(staleBody.status).toBe(409);
    expect(staleBody.body.error.code).toBe('stale_version');
    const junk = await reg.put(`/api/cases/${caseId}/plan`, PLAN_B, { 'if-match': '"abc"' });
    expect(junk.status).toBe(409);
    expect(await caseRow(caseId)).toEqual(before);
    expect((await reg.get(`/api/cases/${caseId}`)).body.plan).toEqual(PLAN_A);
    expect(await dataFingerprint(env.database.db)).toEqual(fp);

    // the current version in the body works too; without a version the write is applied
    const withBody = await reg.put(`/api/cases/${caseId}/plan`, { ...PLAN_B, version: ok.body.version });
    expect(withBody.status, withBody.text).toBe(200);
    const blind = await reg.put(`/api/cases/${caseId}/plan`, PLAN_C);
    expect(blind.status).toBe(200);
    expect(blind.body.version).toBe(withBody.body.version + 1);
    const final = await reg.get(`/api/cases/${caseId}`);
    expect(final.body.plan).toEqual(PLAN_C);
    expect(final.headers.etag).toBe(`"v${blind.body.version}"`);
    expect((await eventsOf(caseId, 'plan_updated'))).toHaveLength(3);
  });

  it('validates the plan\'s domains against the code list', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const r = await reg.put(`/api/cases/${caseId}/plan`, { analysis: [{ domain: 'bestaat-niet' }], goals: [] });
    expect(r.status).toBe(422);
    expect(r.body.error.details).toEqual([{ field: 'analysis.0.domain', message: expect.any(String) }]);
  });

  it('PATCH case: If-Match / version, ETag, and a stale write changes nothing', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const v = (await reg.get(`/api/cases/${caseId}`)).body.version as number;
    const ok = await reg.patch(`/api/cases/${caseId}`, { approach: 'pga', purpose: 'Nieuw doel: woning behouden' }, { 'if-match': `"v${v}"` });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.headers.etag).toBe(`"v${v + 1}"`);
    const before = await caseRow(caseId);
    const stale = await reg.patch(`/api/cases/${caseId}`, { purpose: 'Overschreven' }, { 'if-match': `"v${v}"` });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    const staleBody = await reg.patch(`/api/cases/${caseId}`, { purpose: 'Overschreven', version: v });
    expect(staleBody.status).toBe(409);
    expect(await caseRow(caseId)).toEqual(before);
    expect(before).toMatchObject({ approach: 'pga', purpose: 'Nieuw doel: woning behouden' });
    const blind = await reg.patch(`/api/cases/${caseId}`, { leadPartner: 'politie' });
    expect(blind.status).toBe(200);
    expect((await reg.get(`/api/cases/${caseId}`)).body.leadPartner).toBe('politie');
    expect((await reg.patch(`/api/cases/${caseId}`, { leadPartner: 'bestaat-niet' })).status).toBe(422);
  });
});

describe('agreements', () => {
  it('the regisseur creates; a partner changes only status and note of its own organisation\'s agreement', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const created = await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Huisbezoek', dueDate: '2030-01-31', responsiblePerson: 'Wijkagent' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), version: 1 });
    expect(created.headers.etag).toBe('"v1"');
    const id = created.body.id as string;
    const before = await dataFingerprint(env.database.db);
    for (const [who, body] of [
      [gem, { status: 'done' }], // another participating organisation
      [pol, { title: 'Anders' }], // own agreement, but not status/note
      [pol, { dueDate: '2031-01-01' }],
      [pol, { status: 'done', description: 'Meer' }],
      [inf, { status: 'done' }], // ZVH, but not the regisseur
    ] as const) {
      const r = await who.patch(`/api/agreements/${id}`, body);
      expect(r.status, JSON.stringify(body)).toBe(403);
    }
    expect((await ggz.patch(`/api/agreements/${id}`, { status: 'done' })).status).toBe(404);
    expect(await dataFingerprint(env.database.db)).toEqual(before);

    const done = await pol.patch(`/api/agreements/${id}`, { status: 'done', note: 'Huisbezoek afgelegd' }, { 'if-match': '"v1"' });
    expect(done.status, done.text).toBe(200);
    expect(done.body).toMatchObject({ id, status: 'done', version: 2 });
    expect(done.headers.etag).toBe('"v2"');
    const stale = await pol.patch(`/api/agreements/${id}`, { status: 'open' }, { 'if-match': '"v1"' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('stale_version');
    // the regisseur may change anything
    const r = await reg.patch(`/api/agreements/${id}`, { title: 'Huisbezoek en gesprek', dueDate: '2030-03-01', status: 'open' });
    expect(r.status).toBe(200);
    const agreement = (await gem.get(`/api/cases/${caseId}`)).body.agreements.find((a: { id: string }) => a.id === id);
    expect(agreement).toMatchObject({ title: 'Huisbezoek en gesprek', dueDate: '2030-03-01', status: 'open', note: 'Huisbezoek afgelegd', partner: 'politie', version: 3 });
    const ev = await eventsOf(caseId, 'agreement_updated');
    expect(ev.map((e) => [e.data.from, e.data.to, e.actor_organisation])).toEqual([['open', 'done', 'politie'], ['done', 'open', 'zvh']]);
  });

  it('refuses an agreement for an unknown organisation or without a title', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const before = await dataFingerprint(env.database.db);
    expect((await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'bestaat-niet', title: 'X' })).status).toBe(422);
    const noTitle = await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', dueDate: '2030-01-01' });
    expect(noTitle.status).toBe(400);
    expect(noTitle.body.error.details).toContainEqual(expect.objectContaining({ field: 'title' }));
    expect((await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'X', dueDate: '31-01-2030' })).status).toBe(400);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });
});

describe('AVE phase', () => {
  it('keeps every change as a case event with from, to and reason', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const steps: [number, string][] = [[1, 'Signalen van stagnatie'], [2, 'Afspraken lopen achter'], [4, 'Opschalen naar stuurgroep'], [1, 'Weer op koers']];
    for (const [phase, reason] of steps) {
      const r = await reg.post(`/api/cases/${caseId}/ave-phase`, { phase, reason });
      expect(r.status, r.text).toBe(200);
      expect(r.body.avePhase).toBe(phase);
    }
    expect((await eventsOf(caseId, 'ave_phase')).map((e) => e.data)).toEqual([
      { from: null, to: 1, reason: 'Signalen van stagnatie' },
      { from: 1, to: 2, reason: 'Afspraken lopen achter' },
      { from: 2, to: 4, reason: 'Opschalen naar stuurgroep' },
      { from: 4, to: 1, reason: 'Weer op koers' },
    ]);
    expect((await reg.get(`/api/cases/${caseId}`)).body.avePhase).toBe(1);
    const tl = await reg.get(`/api/cases/${caseId}/timeline`);
    expect(tl.body.filter((e: { type: string }) => e.type === 'ave_phase')).toHaveLength(4);

    const before = await dataFingerprint(env.database.db);
    const same = await reg.post(`/api/cases/${caseId}/ave-phase`, { phase: 1, reason: 'Nog steeds' });
    expect(same.status).toBe(409);
    expect((await reg.post(`/api/cases/${caseId}/ave-phase`, { phase: 5, reason: 'x' })).status).toBe(400);
    expect((await reg.post(`/api/cases/${caseId}/ave-phase`, { phase: 2 })).status).toBe(400);
    expect((await reg.post(`/api/cases/${caseId}/ave-phase`, { phase: 2, reason: '' })).status).toBe(400);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });
});

describe('participants', () => {
  it('are added and removed with a reason, kept in the history', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    expect((await ggz.get(`/api/cases/${caseId}`)).status).toBe(404);
    // ggz-drenthe has professional secrecy: a second ZVH person approves first (modules/goedkeuring/partner-secrecy.test.ts)
    const add = await reg.post(`/api/cases/${caseId}/participants`, { partner: 'ggz-drenthe', reason: 'Psychische problematiek' });
    expect(add.status, add.text).toBe(202);
    expect((await ggz.get(`/api/cases/${caseId}`)).status).toBe(404);
    const approved = await (await env.as('manager@demo.zvh')).post(`/api/approvals/${add.body.approvalId}/decision`, { decision: 'goedgekeurd', note: 'Akkoord' });
    expect(approved.status, approved.text).toBe(200);
    expect((await ggz.get(`/api/cases/${caseId}`)).status).toBe(200);
    expect((await reg.post(`/api/cases/${caseId}/participants`, { partner: 'ggz-drenthe', reason: 'Nogmaals' })).status).toBe(409);
    expect((await reg.post(`/api/cases/${caseId}/participants`, { partner: 'bestaat-niet', reason: 'x' })).status).toBe(422);
    expect((await reg.post(`/api/cases/${caseId}/participants`, { partner: 'zvh', reason: 'x' })).status).toBe(422);
    expect((await reg.post(`/api/cases/${caseId}/participants`, { partner: 'vnn' })).status).toBe(400);

    const rm = await reg.post(`/api/cases/${caseId}/participants/ggz-drenthe/remove`, { reason: 'Behandeling afgerond' });
    expect(rm.status, rm.text).toBe(200);
    expect((await ggz.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await reg.post(`/api/cases/${caseId}/participants/ggz-drenthe/remove`, { reason: 'Nogmaals' })).status).toBe(404);
    expect((await reg.post(`/api/cases/${caseId}/participants/politie/remove`, {})).status).toBe(400);

    const zvhView = (await reg.get(`/api/cases/${caseId}`)).body.participants;
    expect(zvhView).toContainEqual(expect.objectContaining({ partner: 'ggz-drenthe', addReason: 'Psychische problematiek', removeReason: 'Behandeling afgerond', removedAt: expect.any(String) }));
    const partnerView = (await pol.get(`/api/cases/${caseId}`)).body.participants.map((p: { partner: string }) => p.partner).sort();
    expect(partnerView).toEqual(['gemeente-oov', 'politie']);
    expect((await eventsOf(caseId, 'participant_added')).map((e) => e.data)).toEqual([{ partner: 'ggz-drenthe', reason: 'Psychische problematiek', approvalId: add.body.approvalId }]);
    expect((await eventsOf(caseId, 'participant_removed')).map((e) => e.data)).toEqual([{ partner: 'ggz-drenthe', reason: 'Behandeling afgerond' }]);
  });
});

describe('journal', () => {
  it('partners and the ZVH write entries; dates in the future and overlong texts are refused', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const j = await pol.post(`/api/cases/${caseId}/journal`, { text: 'Betrokkene aangetroffen, rustig', date: '2024-02-01', visibility: 'all' });
    expect(j.status, j.text).toBe(201);
    expect(j.body.visibility).toBe('all');
    const before = await dataFingerprint(env.database.db);
    const future = await pol.post(`/api/cases/${caseId}/journal`, { text: 'Later', date: '2999-01-01', visibility: 'all' });
    expect(future.status).toBe(422);
    expect(future.body.error.details).toEqual([{ field: 'date', message: expect.any(String) }]);
    const long = await pol.post(`/api/cases/${caseId}/journal`, { text: 'x'.repeat(5001), visibility: 'all' });
    expect(long.status).toBe(400);
    expect(long.body.error.details).toContainEqual(expect.objectContaining({ field: 'text' }));
    expect((await pol.post(`/api/cases/${caseId}/journal`, { text: '', visibility: 'all' })).status).toBe(400);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
    const entry = (await gem.get(`/api/cases/${caseId}`)).body.journal[0];
    expect(entry).toMatchObject({ text: 'Betrokkene aangetroffen, rustig', date: '2024-02-01', authorOrganisation: 'politie', visibility: 'all' });
  });
});

describe('documents', () => {
  let caseId: string;
  beforeAll(async () => { ({ caseId } = await openCaseWith(pol, reg)); });

  it('uploads a pdf (201 with its sha256) and downloads the same bytes, logged as an export', async () => {
    const up = await pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ filename: 'proces-verbaal.PDF' }));
    expect(up.status, up.text).toBe(201);
    const sha = createHash('sha256').update(PDF_BYTES).digest('hex');
    expect(up.body).toMatchObject({ id: expect.any(String), sha256: sha, size: PDF_BYTES.length });
    const before = (await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from processing_log where action = 'export' and case_id = ${caseId}`))!.n;
    const d = await download(gem, up.body.id);
    expect(d.status).toBe(200);
    expect(Buffer.compare(d.bytes, PDF_BYTES)).toBe(0);
    expect(d.headers['content-type']).toMatch(/^application\/pdf/);
    expect(d.headers['x-content-sha256']).toBe(sha);
    expect(String(d.headers['content-disposition'])).toContain('attachment');
    expect(d.headers['cache-control']).toBe('no-store');
    const after = await rows<{ actor_email: string }>(env.database.db, sql`select actor_email from processing_log where action = 'export' and case_id = ${caseId} order by id`);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)!.actor_email).toBe('gemeente@demo.zvh');
    const listed = (await reg.get(`/api/cases/${caseId}`)).body.documents.find((x: { id: string }) => x.id === up.body.id);
    expect(listed).toMatchObject({ filename: 'proces-verbaal.PDF', mimeType: 'application/pdf', sha256: sha, uploadedByOrganisation: 'politie', visibility: 'all' });
    expect((await download(ggz, up.body.id)).status).toBe(404);
    expect((await download(pol, randomId())).status).toBe(404);
  });

  it('accepts a png and refuses wrong types, extensions and contents with 422, creating nothing', async () => {
    // a png signature and its IHDR chunk (the type is sniffed from the content by file-type)
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(32)]);
    expect((await reg.post(`/api/cases/${caseId}/documents`, { filename: 'foto.png', mimeType: 'image/png', contentBase64: png.toString('base64'), visibility: 'zvh' })).status).toBe(201);
    const before = await dataFingerprint(env.database.db);
    const cases: [Record<string, unknown>, string][] = [
      [pdfUpload({ mimeType: 'text/plain', filename: 'notitie.txt' }), 'mimeType'],
      [pdfUpload({ mimeType: 'application/x-msdownload', filename: 'setup.exe' }), 'mimeType'],
      [pdfUpload({ filename: 'verslag.exe' }), 'filename'],
      [pdfUpload({ filename: 'verslag.png' }), 'filename'],
      [pdfUpload({ contentBase64: Buffer.from('MZ\x90\x00 this is an executable').toString('base64') }), 'contentBase64'],
      [{ filename: 'foto.png', mimeType: 'image/png', contentBase64: PDF_BYTES.toString('base64'), visibility: 'all' }, 'contentBase64'],
      [{ filename: 'brief.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', contentBase64: PDF_BYTES.toString('base64'), visibility: 'all' }, 'contentBase64'],
    ];
    for (const [body, field] of cases) {
      const r = await pol.post(`/api/cases/${caseId}/documents`, body);
      expect(r.status, `${JSON.stringify(body).slice(0, 120)}: ${r.text}`).toBe(422);
      expect(r.body.error.details).toContainEqual(expect.objectContaining({ field }));
    }
    // a path in the file name is refused by the schema
    expect((await pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ filename: '../../etc/verslag.pdf' }))).status).toBe(400);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });

  it('refuses a file over 20 MB (413) and creates nothing', async () => {
    const before = await dataFingerprint(env.database.db);
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
    PDF_BYTES.copy(big);
    const r = await pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ contentBase64: big.toString('base64') }));
    expect([413, 422]).toContain(r.status);
    expect(r.body.error.code).toEqual(expect.any(String));
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });
});

describe('timeline', () => {
  it('shows what happened in the case; partners see the shared events only', async () => {
    const { caseId, registrationId } = await openCaseWith(pol, reg);
    await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Huisbezoek', dueDate: '2030-01-31' });
    await reg.put(`/api/cases/${caseId}/plan`, PLAN_A);
    await reg.post(`/api/cases/${caseId}/ave-phase`, { phase: 1, reason: 'Start' });
    await reg.post(`/api/cases/${caseId}/journal`, { text: 'Interne notitie', visibility: 'zvh' });
    await reg.post(`/api/cases/${caseId}/participants`, { partner: 'vnn', reason: 'Verslaving' });
    const z = await reg.get(`/api/cases/${caseId}/timeline`);
    expect(z.status).toBe(200);
    const types = z.body.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['registered', 'triaged', 'case_opened', 'agreement_created', 'plan_updated', 'ave_phase', 'journal_added', 'participant_added']));
    // newest first
    expect(types[0]).toBe('participant_added');
    expect(types.at(-1)).toBe('registered');
    for (const e of z.body) expect(e).toMatchObject({ at: expect.anything(), type: expect.any(String), actorName: expect.any(String), actorOrganisation: expect.any(String) });
    const p = await pol.get(`/api/cases/${caseId}/timeline`);
    const ptypes = p.body.map((e: { type: string }) => e.type);
    expect(ptypes).toEqual(expect.arrayContaining(['case_opened', 'agreement_created', 'plan_updated', 'participant_added']));
    for (const hidden of ['registered', 'triaged', 'ave_phase', 'journal_added']) expect(ptypes).not.toContain(hidden);
    expect(p.text).not.toContain(registrationId);
  });
});

describe('bad input never answers 500 and changes nothing', () => {
  it('text with a NUL character, on every write and search of the case flow', async () => {
    const { caseId, registrationId } = await openCaseWith(pol, reg);
    const agreementId = (await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Huisbezoek' })).body.id as string;
    const fresh = await register(pol, { subject: freshSubject() });
    const NUL = 'tekst\u0000met nul';
    const calls: [string, () => Promise<{ status: number; text: string }>][] = [
      ['triage purpose', () => reg.post(`/api/registrations/${fresh}/triage`, triageBody('procesregie', { purpose: NUL }))],
      ['triage override', () => reg.post(`/api/registrations/${fresh}/triage`, triageBody('procesregie', { criteria: { ...MEETS, systemImpact: false }, override: { reason: NUL } }))],
      ['case purpose', () => reg.patch(`/api/cases/${caseId}`, { purpose: NUL })],
      ['plan', () => reg.put(`/api/cases/${caseId}/plan`, { analysis: [{ domain: 'psychisch', problem: NUL }], goals: [] })],
      ['ave reason', () => reg.post(`/api/cases/${caseId}/ave-phase`, { phase: 3, reason: NUL })],
      ['participant reason', () => reg.post(`/api/cases/${caseId}/participants`, { partner: 'vnn', reason: NUL })],
      ['agreement title', () => reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: NUL })],
      ['agreement note', () => pol.patch(`/api/agreements/${agreementId}`, { status: 'done', note: NUL })],
      ['journal', () => pol.post(`/api/cases/${caseId}/journal`, { text: NUL, visibility: 'all' })],
      ['document name', () => pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ filename: 'ver\u0000slag.pdf' }))],
      ['close reason', () => reg.post(`/api/cases/${caseId}/close`, { reason: NUL })],
      ['close evaluation', () => reg.post(`/api/cases/${caseId}/close`, { reason: 'Klaar', evaluation: { helped: NUL } })],
      ['case search', () => reg.get(`/api/cases?q=${encodeURIComponent(NUL)}`)],
      ['person search', () => reg.get(`/api/persons?q=${encodeURIComponent(NUL)}`)],
      ['registration status filter', () => reg.get(`/api/registrations?status=${encodeURIComponent(NUL)}`)],
      ['not a uuid', () => reg.get('/api/cases/niet-een-uuid')],
      ['not a uuid (agreement)', () => pol.patch('/api/agreements/123', { status: 'done' })],
    ];
    const before = await dataFingerprint(env.database.db);
    for (const [what, call] of calls) {
      const r = await call();
      expect(r.status, `${what}: ${r.text}`).toBeLessThan(500);
      if (!what.includes('search') && !what.includes('filter')) expect(r.status, `${what}: ${r.text}`).toBeGreaterThanOrEqual(400);
    }
    expect(await dataFingerprint(env.database.db)).toEqual(before);
    expect((await reg.get(`/api/registrations/${registrationId}`)).status).toBe(200);
  });
});
