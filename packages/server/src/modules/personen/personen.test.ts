// SPDX-License-Identifier: EUPL-1.2
// The person index: search by name, BSN or birth date; a person's registrations and cases; merging
// a duplicate into the surviving record (registrations and cases move; different BSNs refused).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { dataFingerprint, freshSubject, nextBsn, openCaseWith, randomId, register } from '../../test/fixtures.js';
import { one, rows, sql } from '../../core/db/index.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient, inf: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg, inf] = await Promise.all(['politie', 'regisseur', 'informatie'].map((u) => env.as(`${u}@demo.zvh`)));
});
afterAll(async () => { await env?.close(); });

const personOf = async (registrationId: string) => (await one<{ person_id: string }>(env.database.db, sql`select person_id from registrations where id = ${registrationId}`))!.person_id;
const search = async (q: string) => {
  const r = await reg.get(`/api/persons?q=${encodeURIComponent(q)}`);
  expect(r.status, r.text).toBe(200);
  return (r.body as { id: string }[]).map((p) => p.id);
};

describe('search', () => {
  it('finds a person by (part of the) name, BSN or birth date', async () => {
    const subject = freshSubject({ birthDate: '1961-11-23' });
    const { personId, caseId } = await openCaseWith(pol, reg, { subject });
    expect(await search(subject.lastName as string)).toEqual([personId]);
    expect(await search((subject.lastName as string).slice(2, 12).toUpperCase())).toContain(personId);
    expect(await search(`Test ${subject.lastName}`)).toEqual([personId]);
    expect(await search(subject.bsn as string)).toEqual([personId]);
    expect(await search('1961-11-23')).toContain(personId);
    expect(await search('Niemand Bestaatniet')).toEqual([]);
    const hit = (await reg.get(`/api/persons?q=${subject.bsn}`)).body[0];
    expect(hit).toMatchObject({ id: personId, firstName: 'Test', lastName: subject.lastName, bsn: subject.bsn, registrations: 1, runningCases: 1 });
    expect((await reg.get('/api/persons?q=x')).status).toBe(400);
    expect((await reg.get('/api/persons')).status).toBe(400);
    const detail = await inf.get(`/api/persons/${personId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.history).toEqual([expect.objectContaining({ caseId, caseStatus: 'procesregie_lopend' })]);
    expect((await reg.get(`/api/persons/${randomId()}`)).status).toBe(404);
  });
});

describe('merge', () => {
  it('moves registrations and cases of the duplicate into the surviving person', async () => {
    const keep = freshSubject();
    const dup = freshSubject({ bsn: null, lastName: `${keep.lastName}-dubbel` });
    const a = await openCaseWith(pol, reg, { subject: keep });
    const b = await openCaseWith(pol, reg, { subject: dup });
    // the same name again without a BSN is a separate record, and the merge leaves it alone
    const lone = await register(pol, { subject: { ...dup, bsn: undefined } });
    const dupId = b.personId;
    expect(dupId).not.toBe(a.personId);
    expect(await personOf(lone)).not.toBe(dupId);

    const before = await dataFingerprint(env.database.db);
    const r = await reg.post(`/api/persons/${dupId}/merge`, { intoId: a.personId, reason: 'Zelfde persoon, andere schrijfwijze' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ id: a.personId });
    const after = await dataFingerprint(env.database.db);
    expect(after.mergedPersons).toBe(before.mergedPersons + 1);
    expect(after.persons).toBe(before.persons);
    expect((await one<{ merged_into: string | null }>(env.database.db, sql`select merged_into from persons where id = ${await personOf(lone)}`))!.merged_into).toBeNull();

    expect(await personOf(b.registrationId)).toBe(a.personId);
    const c = await one<{ person_id: string }>(env.database.db, sql`select person_id from cases where id = ${b.caseId}`);
    expect(c!.person_id).toBe(a.personId);
    expect((await reg.get(`/api/cases/${b.caseId}`)).body.subject.id).toBe(a.personId);
    const history = (await reg.get(`/api/persons/${a.personId}`)).body.history.map((h: { caseId: string }) => h.caseId);
    expect(history.sort()).toEqual([a.caseId, b.caseId].sort());
    // the duplicate stays as a pointer and is no longer found
    expect((await reg.get(`/api/persons/${dupId}`)).body).toMatchObject({ id: dupId, mergedInto: a.personId, history: [] });
    expect(await search(dup.lastName as string)).not.toContain(dupId);
    // the regisseur sees the other case in history when the person is registered again
    const again = await register(pol, { subject: keep });
    const hist = (await reg.get(`/api/registrations/${again}`)).body.history.map((h: { caseId: string }) => h.caseId);
    expect(hist.sort()).toEqual([a.caseId, b.caseId].sort());
    const ev = await one<{ data: Record<string, unknown> }>(env.database.db, sql`select data from case_events where type = 'person_merged' and data->>'duplicateId' = ${dupId}`);
    expect(ev!.data).toMatchObject({ intoId: a.personId, reason: 'Zelfde persoon, andere schrijfwijze' });
    const log = await rows<{ action: string; data_subject_ref: string }>(env.database.db, sql`
      select action, data_subject_ref from processing_log where activity = 'persoonsindex' and action in ('update', 'delete') and data_subject_ref in (${dupId}, ${a.personId})`);
    expect(log).toEqual(expect.arrayContaining([{ action: 'update', data_subject_ref: a.personId }, { action: 'delete', data_subject_ref: dupId }]));
  });

  it('carries the duplicate\'s BSN over when the surviving record has none', async () => {
    const bsn = nextBsn();
    const withBsn = await register(pol, { subject: freshSubject({ bsn }) });
    const without = await register(pol, { subject: freshSubject({ bsn: null }) });
    const dupId = await personOf(withBsn), intoId = await personOf(without);
    expect((await reg.post(`/api/persons/${dupId}/merge`, { intoId, reason: 'Dubbel' })).status).toBe(200);
    expect((await one<{ bsn: string | null }>(env.database.db, sql`select bsn from persons where id = ${intoId}`))!.bsn).toBe(bsn);
    expect(await search(bsn)).toEqual([intoId]);
    // a new registration with that BSN lands on the surviving record
    expect(await personOf(await register(pol, { subject: freshSubject({ bsn }) }))).toBe(intoId);
  });

  it('refuses different BSNs, itself, an already merged record and unknown ids, changing nothing', async () => {
    const p1 = await personOf(await register(pol, { subject: freshSubject() }));
    const p2 = await personOf(await register(pol, { subject: freshSubject() }));
    const p3 = await personOf(await register(pol, { subject: freshSubject({ bsn: null }) }));
    const p4 = await personOf(await register(pol, { subject: freshSubject({ bsn: null }) }));
    expect((await reg.post(`/api/persons/${p3}/merge`, { intoId: p4, reason: 'Dubbel' })).status).toBe(200);

    const before = await dataFingerprint(env.database.db);
    const conflict = await reg.post(`/api/persons/${p2}/merge`, { intoId: p1, reason: 'Dubbel' });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('bsn_differs');
    expect((await reg.post(`/api/persons/${p1}/merge`, { intoId: p1, reason: 'Dubbel' })).status).toBe(409);
    expect((await reg.post(`/api/persons/${p3}/merge`, { intoId: p1, reason: 'Nogmaals' })).status).toBe(409);
    expect((await reg.post(`/api/persons/${p1}/merge`, { intoId: p3, reason: 'Naar een samengevoegde' })).status).toBe(409);
    expect((await reg.post(`/api/persons/${p1}/merge`, { intoId: randomId(), reason: 'Dubbel' })).status).toBe(404);
    expect((await reg.post(`/api/persons/${p1}/merge`, { intoId: p2 })).status).toBe(400);
    expect((await inf.post(`/api/persons/${p2}/merge`, { intoId: p1, reason: 'Dubbel' })).status).toBe(403);
    expect((await pol.post(`/api/persons/${p2}/merge`, { intoId: p1, reason: 'Dubbel' })).status).toBe(403);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
    const bsns = await rows<{ id: string; bsn: string | null; merged_into: string | null }>(env.database.db, sql`select id, bsn, merged_into from persons where id in (${p1}, ${p2})`);
    expect(bsns.every((p) => p.bsn && !p.merged_into)).toBe(true);
  });
});
