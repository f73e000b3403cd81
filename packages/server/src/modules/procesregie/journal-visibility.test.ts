// SPDX-License-Identifier: EUPL-1.2
// Issue 8, defect 3: every journal entry and document names its audience (zvh, all, selected), the
// API has no default, the audience is applied in SQL for the journal, the timeline and the
// documents, and an author can withdraw an entry shortly after posting and correct it later.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { JOURNAL_WITHDRAW_MS } from '@zvh/shared';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv, TestResponse } from '../../test/harness.js';
import { dataFingerprint, openCaseWith, pdfUpload, randomId } from '../../test/fixtures.js';
import { one, rows, sql } from '../../core/db/index.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient, inf: TestClient, ggz: TestClient, gem: TestClient, om: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  // a fourth partner professional (Openbaar Ministerie), never a participant of these cases
  await env.database.db.execute(sql`insert into users (tenant_id, email, name, organisation_code, roles, password_hash, is_demo)
    select tenant_id, 'om-test@demo.zvh', 'Olga OM', 'om', roles, password_hash, true from users where email = 'politie@demo.zvh'`);
  [pol, reg, inf, ggz, gem, om] = await Promise.all(['politie', 'regisseur', 'informatie', 'ggz', 'gemeente', 'om-test'].map((u) => env.as(`${u}@demo.zvh`)));
});
afterAll(async () => { await env?.close(); });
afterEach(() => { vi.useRealTimers(); });

const PARTICIPANTS = ['politie', 'ggz-drenthe', 'gemeente-oov'];
const texts = (r: TestResponse) => (r.body.journal as { text: string }[]).map((j) => j.text);
const docIds = (r: TestResponse) => (r.body.documents as { id: string }[]).map((d) => d.id);
const timelineEntries = (r: TestResponse, key: 'entryId' | 'documentId') =>
  (r.body as { type: string; data: Record<string, string> }[]).filter((e) => e.data?.[key]).map((e) => e.data[key]);

type Reader = 'zvh' | 'informatie' | 'author' | 'chosen' | 'other' | 'outsider';

/** Does each kind of reader find the entry and the document in the journal, timeline and document list (and download)? */
async function expectAudience(caseId: string, entry: { id: string; text: string }, doc: { id: string }, sees: Record<Reader, boolean>, author: TestClient) {
  const clients: Record<Reader, TestClient> = { zvh: reg, informatie: inf, author, chosen: ggz, other: gem, outsider: om };
  for (const [reader, client] of Object.entries(clients) as [Reader, TestClient][]) {
    const c = await client.get(`/api/cases/${caseId}`);
    const tl = await client.get(`/api/cases/${caseId}/timeline`);
    const dl = await client.get(`/api/documents/${doc.id}/content`);
    if (reader === 'outsider') {
      // not a participant: the case itself does not exist for them
      expect([c.status, tl.status, dl.status], reader).toEqual([404, 404, 404]);
      expect(dl.text).toBe((await client.get(`/api/documents/${randomId()}/content`)).text);
      continue;
    }
    expect([c.status, tl.status], reader).toEqual([200, 200]);
    const want = sees[reader];
    expect(texts(c).includes(entry.text), `${reader} journal`).toBe(want);
    expect(timelineEntries(tl, 'entryId').includes(entry.id), `${reader} timeline entry`).toBe(want);
    expect(docIds(c).includes(doc.id), `${reader} documents`).toBe(want);
    expect(timelineEntries(tl, 'documentId').includes(doc.id), `${reader} timeline document`).toBe(want);
    expect(dl.status, `${reader} download`).toBe(want ? 200 : 404);
    if (!want) {
      expect(c.text).not.toContain(entry.text);
      expect(c.text + tl.text).not.toContain(entry.id);
      expect(c.text + tl.text).not.toContain(doc.id);
    }
  }
}

async function post(author: TestClient, caseId: string, visibility: string, sharedWith?: string[]) {
  const text = `Notitie ${visibility} ${randomId()}`;
  const j = await author.post(`/api/cases/${caseId}/journal`, { text, visibility, ...(sharedWith ? { sharedWith } : {}) });
  expect(j.status, j.text).toBe(201);
  const d = await author.post(`/api/cases/${caseId}/documents`, pdfUpload({ visibility, ...(sharedWith ? { sharedWith } : {}) }));
  expect(d.status, d.text).toBe(201);
  expect(d.body).toMatchObject({ visibility, sharedWith: sharedWith ?? [] });
  return { entry: { id: j.body.id as string, text }, doc: { id: d.body.id as string } };
}

describe('who sees an entry and a document', () => {
  let caseId: string;
  beforeAll(async () => { ({ caseId } = await openCaseWith(pol, reg, { participants: PARTICIPANTS })); });

  const cases: [string, 'pol' | 'reg', string, string[] | undefined, Record<Reader, boolean>][] = [
    ['partner, zvh', 'pol', 'zvh', undefined, { zvh: true, informatie: true, author: true, chosen: false, other: false, outsider: false }],
    ['partner, all', 'pol', 'all', undefined, { zvh: true, informatie: true, author: true, chosen: true, other: true, outsider: false }],
    ['partner, selected', 'pol', 'selected', ['ggz-drenthe'], { zvh: true, informatie: true, author: true, chosen: true, other: false, outsider: false }],
    ['ZVH, zvh', 'reg', 'zvh', undefined, { zvh: true, informatie: true, author: true, chosen: false, other: false, outsider: false }],
    ['ZVH, all', 'reg', 'all', undefined, { zvh: true, informatie: true, author: true, chosen: true, other: true, outsider: false }],
    ['ZVH, selected', 'reg', 'selected', ['ggz-drenthe'], { zvh: true, informatie: true, author: true, chosen: true, other: false, outsider: false }],
  ];
  for (const [name, who, visibility, sharedWith, sees] of cases) {
    it(name, async () => {
      const author = who === 'pol' ? pol : reg;
      const { entry, doc } = await post(author, caseId, visibility, sharedWith);
      // politie is the partner author; for a ZVH author "author" is the ZVH itself, and politie is one more other participant
      await expectAudience(caseId, entry, doc, who === 'reg' ? { ...sees, author: true } : sees, author);
      if (who === 'reg') {
        const p = await pol.get(`/api/cases/${caseId}`);
        expect(texts(p).includes(entry.text)).toBe(visibility === 'all');
      }
    });
  }

  it('the ZVH sees the chosen audience of every entry', async () => {
    const { entry } = await post(ggz, caseId, 'selected', ['politie']);
    const z = (await reg.get(`/api/cases/${caseId}`)).body.journal.find((j: { id: string }) => j.id === entry.id);
    expect(z).toMatchObject({ visibility: 'selected', sharedWith: ['politie'], authorOrganisation: 'ggz-drenthe', state: 'actief' });
  });
});

describe('the choice is explicit: no default', () => {
  it('answers 400 to an entry or document without visibility, for ZVH staff and partners, and stores nothing', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: PARTICIPANTS });
    const before = await dataFingerprint(env.database.db);
    for (const client of [reg, pol, ggz]) {
      const j = await client.post(`/api/cases/${caseId}/journal`, { text: 'Intern: niet delen' });
      expect(j.status).toBe(400);
      const { visibility: _v, ...noVisibility } = pdfUpload();
      expect((await client.post(`/api/cases/${caseId}/documents`, noVisibility)).status).toBe(400);
    }
    expect(await dataFingerprint(env.database.db)).toEqual(before);
    const stored = await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from journal_entries where case_id = ${caseId}`);
    expect(stored!.n).toBe(0);
  });

  it('refuses a bad audience with a clear 4xx and changes nothing', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: PARTICIPANTS });
    const before = await dataFingerprint(env.database.db);
    const tries: [unknown, number, string | undefined][] = [
      [{ text: 'x', visibility: 'iedereen' }, 400, undefined],
      [{ text: 'x', visibility: 'selected' }, 422, 'sharedWith'],
      [{ text: 'x', visibility: 'selected', sharedWith: [] }, 422, 'sharedWith'],
      [{ text: 'x', visibility: 'selected', sharedWith: ['om'] }, 422, 'sharedWith'], // not a participant
      [{ text: 'x', visibility: 'all', sharedWith: ['ggz-drenthe'] }, 422, 'sharedWith'],
    ];
    for (const [body, status, field] of tries) {
      const r = await pol.post(`/api/cases/${caseId}/journal`, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      if (field) expect(r.body.error.details[0].field).toBe(field);
    }
    expect((await pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ visibility: 'selected', sharedWith: ['om'] }))).status).toBe(422);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });

  it('a participant removed later no longer sees what was shared with it', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: PARTICIPANTS });
    const { entry } = await post(pol, caseId, 'selected', ['ggz-drenthe']);
    expect(texts(await ggz.get(`/api/cases/${caseId}`))).toContain(entry.text);
    expect((await reg.post(`/api/cases/${caseId}/participants/ggz-drenthe/remove`, { reason: 'Zorg afgerond' })).status).toBe(200);
    expect((await ggz.get(`/api/cases/${caseId}`)).status).toBe(404);
  });
});

describe('withdrawing an entry', () => {
  const setAt = (id: string, at: Date) => env.database.db.execute(sql`update journal_entries set at = ${at.toISOString()}::timestamptz where id = ${id}`);

  it('within the period: gone for partners (journal and timeline), kept for the ZVH, logged and in the history', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: PARTICIPANTS });
    const { entry } = await post(pol, caseId, 'all');
    expect(texts(await gem.get(`/api/cases/${caseId}`))).toContain(entry.text);
    const w = await pol.post(`/api/journal/${entry.id}/withdraw`, { reason: 'Per ongeluk gedeeld' });
    expect(w.status, w.text).toBe(200);
    expect(w.body).toEqual({ id: entry.id, state: 'ingetrokken' });
    for (const partner of [pol, gem, ggz]) {
      const c = await partner.get(`/api/cases/${caseId}`);
      expect(c.text).not.toContain(entry.text);
      const tl = await partner.get(`/api/cases/${caseId}/timeline`);
      expect(timelineEntries(tl, 'entryId').filter((id) => id === entry.id)).toHaveLength(1); // the withdrawal, not the entry
      expect((tl.body as { type: string }[]).map((e) => e.type)).not.toContain('journal_added');
    }
    const z = (await reg.get(`/api/cases/${caseId}`)).body.journal.find((j: { id: string }) => j.id === entry.id);
    expect(z).toMatchObject({ text: entry.text, state: 'ingetrokken', withdrawReason: 'Per ongeluk gedeeld' });
    const types = ((await reg.get(`/api/cases/${caseId}/timeline`)).body as { type: string; data: { entryId?: string } }[])
      .filter((e) => e.data.entryId === entry.id).map((e) => e.type);
    expect(types.sort()).toEqual(['journal_added', 'journal_withdrawn']);
    const logged = await rows<{ action: string; details: Record<string, unknown> }>(env.database.db, sql`
      select action, details from processing_log where case_id = ${caseId} and details->>'object' = 'journal' and details->>'id' = ${entry.id} order by id`);
    expect(logged.map((l) => [l.action, l.details.change ?? null])).toEqual([['create', null], ['update', 'withdrawn']]);
  });

  it('exactly at the limit still counts; a millisecond later it is refused', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: PARTICIPANTS });
    const { entry: atLimit } = await post(pol, caseId, 'all');
    const { entry: late } = await post(pol, caseId, 'all');
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(now);
    await setAt(atLimit.id, new Date(now.getTime() - JOURNAL_WITHDRAW_MS));
    await setAt(late.id, new Date(now.getTime() - JOURNAL_WITHDRAW_MS - 1));
    const before = await dataFingerprint(env.database.db);
    const refused = await pol.post(`/api/journal/${late.id}/withdraw`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('withdraw_period_over');
    expect(await dataFingerprint(env.database.db)).toEqual(before);
    expect(texts(await gem.get(`/api/cases/${caseId}`))).toContain(late.text);
    expect((await pol.post(`/api/journal/${atLimit.id}/withdraw`, {})).status).toBe(200);
    expect(texts(await gem.get(`/api/cases/${caseId}`))).not.toContain(atLimit.text);
  });

  it('only the author; others get 403, outsiders 404 like a missing entry', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: PARTICIPANTS });
    const { entry } = await post(pol, caseId, 'all');
    const { entry: zvhEntry } = await post(reg, caseId, 'zvh');
    const before = await dataFingerprint(env.database.db);
    expect((await gem.post(`/api/journal/${entry.id}/withdraw`, {})).status).toBe(403);
    expect((await reg.post(`/api/journal/${entry.id}/withdraw`, {})).status).toBe(403);
    const hidden = await om.post(`/api/journal/${entry.id}/withdraw`, {});
    expect(hidden.status).toBe(404);
    expect(hidden.text).toBe((await om.post(`/api/journal/${randomId()}/withdraw`, {})).text);
    // a partner cannot learn of a ZVH-only entry by trying to withdraw it
    expect((await pol.post(`/api/journal/${zvhEntry.id}/withdraw`, {})).text).toBe((await pol.post(`/api/journal/${randomId()}/withdraw`, {})).text);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
    // withdrawn once: a second time is a conflict for the ZVH author
    expect((await reg.post(`/api/journal/${zvhEntry.id}/withdraw`, {})).status).toBe(200);
    expect((await reg.post(`/api/journal/${zvhEntry.id}/withdraw`, {})).status).toBe(409);
  });
});

describe('correcting an entry', () => {
  it('makes a new version and keeps the original in the history, marked gecorrigeerd, for those who could see it', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: PARTICIPANTS });
    const { entry } = await post(pol, caseId, 'all');
    await env.database.db.execute(sql`update journal_entries set at = now() - interval '2 days' where id = ${entry.id}`);
    expect((await pol.post(`/api/journal/${entry.id}/withdraw`, {})).status).toBe(409); // too late to withdraw, so correct
    const corrected = `Gecorrigeerd: ${randomId()}`;
    const c = await pol.post(`/api/journal/${entry.id}/correct`, { text: corrected, visibility: 'all' });
    expect(c.status, c.text).toBe(201);
    expect(c.body).toMatchObject({ correctsId: entry.id, visibility: 'all' });
    for (const reader of [gem, ggz, reg]) {
      const journal = (await reader.get(`/api/cases/${caseId}`)).body.journal as { id: string; text: string; state: string; correctsId: string | null }[];
      expect(journal.find((j) => j.id === entry.id)).toMatchObject({ text: entry.text, state: 'gecorrigeerd' });
      expect(journal.find((j) => j.id === c.body.id)).toMatchObject({ text: corrected, state: 'actief', correctsId: entry.id });
    }
    const original = await one<{ text: string }>(env.database.db, sql`select text from journal_entries where id = ${entry.id}`);
    expect(original!.text).toBe(entry.text);
    // only the newest version can be corrected
    const again = await pol.post(`/api/journal/${entry.id}/correct`, { text: 'Nog eens', visibility: 'all' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_corrected');
    expect((await pol.post(`/api/journal/${c.body.id}/correct`, { text: 'Tweede correctie', visibility: 'all' })).status).toBe(201);
    // logged and in the history
    const log = await one(env.database.db, sql`select 1 from processing_log where case_id = ${caseId} and action = 'update'
      and details->>'object' = 'journal' and details->>'corrects' = ${entry.id} and actor_email = 'politie@demo.zvh'`);
    expect(log).toBeDefined();
    const tl = (await gem.get(`/api/cases/${caseId}/timeline`)).body as { type: string; data: { correctsId?: string } }[];
    expect(tl.some((e) => e.type === 'journal_corrected' && e.data.correctsId === entry.id)).toBe(true);
  });

  it('a correction needs its own explicit audience; narrowing it hides the new version from the others', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: PARTICIPANTS });
    const { entry } = await post(pol, caseId, 'all');
    expect((await pol.post(`/api/journal/${entry.id}/correct`, { text: 'Zonder keuze' })).status).toBe(400);
    const secret = `Alleen voor GGZ: ${randomId()}`;
    const c = await pol.post(`/api/journal/${entry.id}/correct`, { text: secret, visibility: 'selected', sharedWith: ['ggz-drenthe'] });
    expect(c.status).toBe(201);
    const other = await gem.get(`/api/cases/${caseId}`);
    expect(other.text).not.toContain(secret);
    expect(other.body.journal.find((j: { id: string }) => j.id === entry.id)).toMatchObject({ state: 'gecorrigeerd' });
    expect(timelineEntries(await gem.get(`/api/cases/${caseId}/timeline`), 'entryId')).not.toContain(c.body.id);
    expect(texts(await ggz.get(`/api/cases/${caseId}`))).toContain(secret);
  });

  it('only the author corrects', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: PARTICIPANTS });
    const { entry } = await post(pol, caseId, 'all');
    expect((await gem.post(`/api/journal/${entry.id}/correct`, { text: 'Niet van mij', visibility: 'all' })).status).toBe(403);
    expect((await reg.post(`/api/journal/${entry.id}/correct`, { text: 'Niet van mij', visibility: 'zvh' })).status).toBe(403);
    expect((await om.post(`/api/journal/${entry.id}/correct`, { text: 'Niet van mij', visibility: 'all' })).status).toBe(404);
  });
});
