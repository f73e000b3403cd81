// SPDX-License-Identifier: EUPL-1.2
// Signals over HTTP (api-contract.md "Information hub, advice, signals"): ZVH staff make, list
// and send them; partners get 403; cases only as counts per municipality; the capacity model
// counts a signal in the year it was sent, never while open, with the 31 Dec / 1 Jan boundaries.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { one, rows, sql } from '../../core/db/index.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { freshSubject, openCase } from '../../test/fixtures.js';

let env: TestEnv;
let reg: TestClient;
let info: TestClient;
let mgr: TestClient;
let pol: TestClient;
let caseA: string;
let caseB: string;

beforeAll(async () => {
  env = await setupTestEnv();
  [reg, info, mgr, pol] = await Promise.all(['regisseur', 'informatie', 'manager', 'politie'].map((u) => env.as(`${u}@demo.zvh`)));
  caseA = (await openCase(pol, reg, { subject: freshSubject({ lastName: 'Signaalpersoon' }) })).caseId;
  caseB = (await openCase(pol, reg, { subject: freshSubject() })).caseId;
});
afterAll(async () => env?.close());

const body = (o: Record<string, unknown> = {}) => ({
  category: 'huisvesting', description: 'Geen plekken beschermd wonen in de regio', addressedTo: 'stuurgroep', caseIds: [caseA, caseB], ...o,
});

async function signalCount(year: number): Promise<number> {
  const r = await mgr.get(`/api/capacity?year=${year}`);
  expect(r.status).toBe(200);
  return r.body.counts.signaal;
}

describe('signals', () => {
  it('are made by ZVH staff with a code of signalCategory and an addressee; the cases only as counts per municipality', async () => {
    const r = await reg.post('/api/signals', body());
    expect(r.status).toBe(201);
    expect(r.body.id).toEqual(expect.any(String));
    const detail = await reg.get(`/api/signals/${r.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: 'open', category: 'huisvesting', addressedTo: 'stuurgroep', addressedKind: 'stuurgroep', caseCount: 2, sentOn: null });
    expect(detail.body.casesByMunicipality).toEqual([{ municipality: 'GM0106', name: 'Assen', cases: 2 }]);
    // no case ids, names or numbers anywhere in the signal
    expect(detail.text).not.toContain(caseA);
    expect(detail.text).not.toContain('Signaalpersoon');
    const list = await info.get('/api/signals');
    expect(list.status).toBe(200);
    expect(list.body.map((s: { id: string }) => s.id)).toContain(r.body.id);
    expect(list.text).not.toContain(caseA);
    // linking each case is in the processing log under the signal's purpose
    const logged = await rows<{ case_id: string }>(env.database.db, sql`select case_id from processing_log where activity = 'signaalfunctie' and details->>'signalId' = ${r.body.id}`);
    expect(logged.map((l) => l.case_id).sort()).toEqual([caseA, caseB].sort());
  });

  it('refuses partners with 403 on every route', async () => {
    const made = await reg.post('/api/signals', body());
    expect((await pol.get('/api/signals')).status).toBe(403);
    expect((await pol.post('/api/signals', body())).status).toBe(403);
    expect((await pol.patch(`/api/signals/${made.body.id}`, { status: 'verzonden' })).status).toBe(403);
    expect((await pol.get(`/api/signals/${made.body.id}`)).status).toBe(403);
    expect((await pol.get('/api/signals/report?year=2026')).status).toBe(403);
  });

  it('rejects an unknown category, addressee or case with 422 and stores nothing', async () => {
    const before = (await reg.get('/api/signals')).body.length;
    const a = await reg.post('/api/signals', body({ category: 'bestaat-niet' }));
    expect(a.status).toBe(422);
    expect(a.body.error.details.map((d: { field: string }) => d.field)).toContain('category');
    const b = await reg.post('/api/signals', body({ addressedTo: 'GM9999' }));
    expect(b.status).toBe(422);
    expect(b.body.error.details.map((d: { field: string }) => d.field)).toContain('addressedTo');
    const c = await reg.post('/api/signals', body({ caseIds: [caseA, '00000000-0000-4000-8000-000000000000'] }));
    expect(c.status).toBe(422);
    expect(c.body.error.details).toEqual([{ field: 'caseIds.1', message: 'Casus niet gevonden' }]);
    expect((await reg.get('/api/signals')).body.length).toBe(before);
    // a municipality and a partner are addressees too; overig is a default category
    expect((await reg.post('/api/signals', body({ addressedTo: 'GM0106', category: 'overig' }))).status).toBe(201);
    expect((await reg.post('/api/signals', body({ addressedTo: 'ggz-drenthe', caseIds: [] }))).status).toBe(201);
  });

  it('goes open -> verzonden -> in-behandeling -> opgelost with history; nothing goes back to open', async () => {
    const { body: { id } } = await reg.post('/api/signals', body());
    expect((await reg.patch(`/api/signals/${id}`, { status: 'in-behandeling' })).status).toBe(409);
    const sent = await reg.patch(`/api/signals/${id}`, { status: 'verzonden', note: 'per brief aan de stuurgroep' });
    expect(sent.status).toBe(200);
    expect(sent.body.sentOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((await reg.patch(`/api/signals/${id}`, { status: 'in-behandeling' })).status).toBe(200);
    const done = await reg.patch(`/api/signals/${id}`, { status: 'opgelost' });
    expect(done.body.history.map((h: { toStatus: string }) => h.toStatus)).toEqual(['open', 'verzonden', 'in-behandeling', 'opgelost']);
    expect(done.body.history[1].note).toBe('per brief aan de stuurgroep');
    expect(done.body.sentOn).toBe(sent.body.sentOn); // kept
    expect((await reg.patch(`/api/signals/${id}`, { status: 'open' })).status).toBe(409);
    expect((await reg.patch(`/api/signals/${id}`, { status: 'gesloten' })).status).toBe(400);
  });
});

describe('signals in the capacity model', () => {
  it('count in the year they were sent (31 Dec and 1 Jan are boundaries), never while open', async () => {
    const before2030 = await signalCount(2030);
    const before2031 = await signalCount(2031);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await reg.post('/api/signals', body({ addressedTo: i === 0 ? 'GM0106' : 'stuurgroep' }))).body.id);
    // sent on 31 Dec 2030 (a municipality), 1 Jan 2031 (stuurgroep); the third stays open
    const db = env.database.db;
    await reg.patch(`/api/signals/${ids[0]}`, { status: 'verzonden' });
    await reg.patch(`/api/signals/${ids[1]}`, { status: 'verzonden' });
    await db.execute(sql`update signals set sent_on = '2030-12-31' where id = ${ids[0]}`);
    await db.execute(sql`update signals set sent_on = '2031-01-01' where id = ${ids[1]}`);
    await db.execute(sql`update signals set created_at = '2030-06-01' where id = ${ids[2]}`);
    expect(await signalCount(2030)).toBe(before2030 + 1);
    expect(await signalCount(2031)).toBe(before2031 + 1);
    // per municipality: the one addressed to Assen counts there; the stuurgroep's for the whole only
    const y30 = await mgr.get('/api/capacity?year=2030');
    expect(y30.body.byMunicipality.find((m: { code: string }) => m.code === 'GM0106').counts.signaal).toBe(1);
    const assen31 = await mgr.get('/api/capacity?year=2031&municipality=GM0106');
    expect(assen31.body.counts.signaal).toBe(0);
    // taking it up later does not move it out of the year it was sent
    await reg.patch(`/api/signals/${ids[0]}`, { status: 'in-behandeling' });
    expect(await signalCount(2030)).toBe(before2030 + 1);
    const still = await one<{ status: string }>(db, sql`select status from signals where id = ${ids[2]}`);
    expect(still!.status).toBe('open');
  });
});

describe('signal report', () => {
  it('lists the signals sent in the year by category, addressee and status, without personal data; also as PDF', async () => {
    const { body: { id } } = await reg.post('/api/signals', body({ category: 'wachtlijst-zorg', addressedTo: 'ggz-drenthe' }));
    await reg.patch(`/api/signals/${id}`, { status: 'verzonden' });
    await env.database.db.execute(sql`update signals set sent_on = '2029-03-15' where id = ${id}`);
    const r = await mgr.get('/api/signals/report?year=2029');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(1);
    expect(r.body.byCategory.find((c: { code: string }) => c.code === 'wachtlijst-zorg').count).toBe(1);
    expect(r.body.byCategory.find((c: { code: string }) => c.code === 'overig').count).toBe(0);
    expect(r.body.byAddressee).toEqual([{ code: 'ggz-drenthe', name: expect.any(String), count: 1 }]);
    expect(r.body.signals[0].casesByMunicipality).toEqual([{ municipality: 'GM0106', name: 'Assen', cases: 2 }]);
    expect(r.text).not.toContain(caseA);
    expect(r.text).not.toContain('Signaalpersoon');
    expect(r.text).not.toContain('Rianne'); // not even who made it
    const pdf = await mgr.get('/api/signals/report.pdf?year=2029');
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.text.startsWith('%PDF')).toBe(true);
  });
});
