// SPDX-License-Identifier: EUPL-1.2
// In-app notifications: made once per user, kind and subject from what the user may see; unread
// count; mark read (own notifications only); gone when access to the case ends.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { freshSubject, openCaseWith, register } from '../../test/fixtures.js';
import { rows, sql } from '../../core/db/index.js';
import { addDays, amsterdamDate } from '../../core/day-sections.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient, gem: TestClient, ggz: TestClient, inf: TestClient;
let today: string;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg, gem, ggz, inf] = await Promise.all(['politie', 'regisseur', 'gemeente', 'ggz', 'informatie'].map((u) => env.as(`${u}@demo.zvh`)));
  today = amsterdamDate(new Date());
});
afterAll(async () => { await env?.close(); });

type N = { id: string; kind: string; caseId: string | null; registrationId: string | null; readAt: string | null; agreementTitle: string | null; caseNumber: string | null };
const list = async (c: TestClient) => {
  const r = await c.get('/api/notifications');
  expect(r.status, r.text).toBe(200);
  return r.body as N[];
};
const unread = async (c: TestClient) => (await c.get('/api/notifications/unread-count')).body.unread as number;
const addAgreement = async (caseId: string, partner: string, title: string, dueDate: string | null) => {
  const r = await reg.post(`/api/cases/${caseId}/agreements`, { partner, title, dueDate });
  expect(r.status, r.text).toBe(201);
  return r.body.id as string;
};

describe('notifications', () => {
  it('an agreement assigned to my organisation: once, with the case number and no person name', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const before = await unread(gem);
    const a = await addAgreement(caseId, 'gemeente-oov', 'Woning regelen', '2099-01-01');
    expect(await unread(gem)).toBe(before + 1);
    expect(await unread(gem)).toBe(before + 1); // asked again: not made twice
    const n = (await list(gem)).filter((x) => x.caseId === caseId);
    expect(n).toHaveLength(1);
    expect(n[0]).toMatchObject({ kind: 'agreement_assigned', agreementTitle: 'Woning regelen', caseNumber: expect.stringMatching(/^\d{4}-\d{4}$/), readAt: null });
    expect(Object.keys(n[0]!)).not.toContain('subjectName');
    // not for an organisation that takes no part, nor for another organisation's agreement
    expect((await list(ggz)).filter((x) => x.caseId === caseId)).toEqual([]);
    expect((await list(pol)).filter((x) => x.caseId === caseId)).toEqual([]);
    // the processing log has the read
    const log = await rows(env.database.db, sql`select 1 from processing_log where case_id = ${caseId} and actor_email = 'gemeente@demo.zvh' and details->>'view' = 'meldingen'`);
    expect(log.length).toBeGreaterThan(0);
    expect(a).toBeTruthy();
  });

  it('an overdue agreement: for the owning organisation and the case\'s regisseur; due today is not yet overdue', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    await reg.patch(`/api/cases/${caseId}`, { regisseurId: (await rows<{ id: string }>(env.database.db, sql`select id from users where email = 'regisseur@demo.zvh'`))[0]!.id });
    const late = await addAgreement(caseId, 'politie', 'Huisbezoek', addDays(today, -1));
    await addAgreement(caseId, 'politie', 'Gesprek', today);
    const polN = (await list(pol)).filter((x) => x.caseId === caseId);
    expect(polN.filter((x) => x.kind === 'agreement_overdue').map((x) => x.agreementTitle)).toEqual(['Huisbezoek']);
    expect(polN.filter((x) => x.kind === 'agreement_assigned')).toHaveLength(2);
    const regN = (await list(reg)).filter((x) => x.caseId === caseId && x.kind === 'agreement_overdue');
    expect(regN).toHaveLength(1);
    expect(late).toBeTruthy();
  });

  it('a registration waiting for triage, for the ZVH only', async () => {
    const r = await register(pol, { subject: freshSubject() });
    expect((await list(inf)).some((x) => x.registrationId === r && x.kind === 'registration_waiting')).toBe(true);
    expect((await list(reg)).some((x) => x.registrationId === r && x.kind === 'registration_waiting')).toBe(true);
    expect((await list(pol)).some((x) => x.registrationId === r)).toBe(false);
  });

  it('mark read: one, all; another user\'s notification is not found', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    await addAgreement(caseId, 'gemeente-oov', 'Een', null);
    await addAgreement(caseId, 'gemeente-oov', 'Twee', null);
    const mine = (await list(gem)).filter((x) => x.caseId === caseId);
    expect(mine).toHaveLength(2);
    const before = await unread(gem);
    // politie may not mark gemeente's notification: the same answer as for one that does not exist
    expect((await pol.post(`/api/notifications/${mine[0]!.id}/read`)).status).toBe(404);
    expect((await pol.post('/api/notifications/00000000-0000-4000-8000-000000000000/read')).status).toBe(404);
    const r = await gem.post(`/api/notifications/${mine[0]!.id}/read`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.readAt).toEqual(expect.any(String));
    expect(await unread(gem)).toBe(before - 1);
    expect((await gem.post(`/api/notifications/${mine[0]!.id}/read`)).body.readAt).toBe(r.body.readAt); // idempotent
    const all = await gem.post('/api/notifications/read-all');
    expect(all.body.marked).toBe(before - 1);
    expect(await unread(gem)).toBe(0);
    const after = (await list(gem)).filter((x) => x.caseId === caseId);
    expect(after.every((x) => x.readAt)).toBe(true);
  });

  it('is gone when the organisation no longer takes part in the case', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: ['politie', 'gemeente-oov'] });
    await addAgreement(caseId, 'gemeente-oov', 'Woning', null);
    const n = (await list(gem)).filter((x) => x.caseId === caseId);
    expect(n).toHaveLength(1);
    expect((await reg.post(`/api/cases/${caseId}/participants/gemeente-oov/remove`, { reason: 'Rol vervuld' })).status).toBe(200);
    expect((await list(gem)).filter((x) => x.caseId === caseId)).toEqual([]);
    expect((await gem.post(`/api/notifications/${n[0]!.id}/read`)).status).toBe(404);
  });

  it('is for partners and ZVH workers; the beheerder gets 403', async () => {
    const admin = await env.as('admin@demo.zvh');
    expect((await admin.get('/api/notifications')).status).toBe(403);
  });
});
