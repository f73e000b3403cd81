// SPDX-License-Identifier: EUPL-1.2
// Four eyes on adding a partner with professional secrecy (beroepsgeheim) to a running case: the
// regisseur's request waits (202 with the approval id, the case shows it as waiting); a second ZVH
// person approves (the partner takes part, in the decision's transaction) or rejects with a note
// (nothing added). The requester cannot decide. Without the flag the partner takes part at once,
// and the triage's own participants (ggz-drenthe among them) take part at once as well.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.js';
import { one, sql } from '../../core/db/index.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { freshSubject, openCase } from '../../test/fixtures.js';

let env: TestEnv;
let db: Db;
let regisseur: TestClient, manager: TestClient, privacy: TestClient, politie: TestClient, ggz: TestClient, admin: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  db = env.database.db;
  [regisseur, manager, privacy, politie, ggz, admin] = await Promise.all(
    ['regisseur@demo.zvh', 'manager@demo.zvh', 'privacy@demo.zvh', 'politie@demo.zvh', 'ggz@demo.zvh', 'admin@demo.zvh'].map((e) => env.as(e)));
});
afterAll(async () => env?.close());

const newCase = async (participants = ['politie']) => (await openCase(politie, regisseur, { participants, subject: freshSubject() })).caseId;
const participantRows = async (caseId: string, partner: string) =>
  (await one<{ n: number }>(db, sql`select count(*)::int as n from case_participants where case_id = ${caseId} and partner_code = ${partner} and removed_at is null`))!.n;
const approvalRow = (id: string) => one<{ status: string; kind: string; note: string | null }>(db, sql`select status, kind, note from approvals where id = ${id}`);

async function requestGgz(caseId: string) {
  const r = await regisseur.post(`/api/cases/${caseId}/participants`, { partner: 'ggz-drenthe', reason: 'Psychische problematiek; behandelaar nodig aan tafel' });
  expect(r.status, r.text).toBe(202);
  expect(r.body).toEqual({ partner: 'ggz-drenthe', municipality: null, approvalId: expect.any(String), status: 'wacht_op_goedkeuring' });
  return r.body.approvalId as string;
}

describe('adding a partner with professional secrecy to a running case', () => {
  it('the demo seed marks ggz-drenthe (and not politie) as having professional secrecy', async () => {
    const orgs = (await admin.get('/api/admin/organisations')).body as { code: string; professionalSecrecy: boolean }[];
    expect(orgs.find((o) => o.code === 'ggz-drenthe')?.professionalSecrecy).toBe(true);
    expect(orgs.find((o) => o.code === 'politie')?.professionalSecrecy).toBe(false);
  });

  it('waits for approval: nothing is added, ggz cannot read the case, the case and the approvals list show it waiting; a second request is 409', async () => {
    const caseId = await newCase();
    const approvalId = await requestGgz(caseId);
    expect(await participantRows(caseId, 'ggz-drenthe')).toBe(0);
    expect((await ggz.get(`/api/cases/${caseId}`)).status).toBe(404);
    const file = (await regisseur.get(`/api/cases/${caseId}`)).body;
    expect(file.participants.map((p: { partner: string }) => p.partner)).not.toContain('ggz-drenthe');
    expect(file.pendingParticipants).toEqual([expect.objectContaining({ approvalId, partner: 'ggz-drenthe', name: 'GGZ Drenthe', requestedByName: 'Rianne Regisseur' })]);
    // a partner on the case does not see the waiting request
    expect((await politie.get(`/api/cases/${caseId}`)).body.pendingParticipants).toEqual([]);
    const listed = (await manager.get('/api/approvals?open=true')).body.find((a: { id: string }) => a.id === approvalId);
    expect(listed).toMatchObject({ kind: 'partner_secrecy', caseId, status: 'open', mine: false });
    expect((await regisseur.get('/api/approvals?open=true')).body.find((a: { id: string }) => a.id === approvalId)).toMatchObject({ mine: true });
    const again = await regisseur.post(`/api/cases/${caseId}/participants`, { partner: 'ggz-drenthe', reason: 'Nogmaals' });
    expect(again.status).toBe(409);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from approvals where case_id = ${caseId} and kind = 'partner_secrecy'`))!.n).toBe(1);
    const log = await one<{ n: number }>(db, sql`select count(*)::int as n from processing_log where case_id = ${caseId} and activity = 'vier-ogen' and action = 'create'`);
    expect(log!.n).toBe(1);
  });

  it('never lets the requester decide, nor a partner', async () => {
    const caseId = await newCase();
    const approvalId = await requestGgz(caseId);
    expect((await regisseur.post(`/api/approvals/${approvalId}/decision`, { decision: 'goedgekeurd', note: 'zelf' })).status).toBe(403);
    expect((await politie.post(`/api/approvals/${approvalId}/decision`, { decision: 'goedgekeurd', note: 'x' })).status).toBe(403);
    expect((await approvalRow(approvalId))!.status).toBe('open');
    expect(await participantRows(caseId, 'ggz-drenthe')).toBe(0);
  });

  it('on approval by a second person the partner takes part (added by the requester, logged, in the history)', async () => {
    const caseId = await newCase();
    const approvalId = await requestGgz(caseId);
    const ok = await manager.post(`/api/approvals/${approvalId}/decision`, { decision: 'goedgekeurd', note: 'Noodzakelijk voor het plan van aanpak' });
    expect(ok.status, ok.text).toBe(200);
    expect(ok.body).toMatchObject({ kind: 'partner_secrecy', status: 'goedgekeurd', decidedByName: 'Marco Manager' });
    expect(await participantRows(caseId, 'ggz-drenthe')).toBe(1);
    const added = await one<{ added_by_name: string; add_reason: string }>(db, sql`select u.name as added_by_name, cp.add_reason from case_participants cp
      join users u on u.id = cp.added_by where cp.case_id = ${caseId} and cp.partner_code = 'ggz-drenthe'`);
    expect(added).toEqual({ added_by_name: 'Rianne Regisseur', add_reason: 'Psychische problematiek; behandelaar nodig aan tafel' });
    expect((await ggz.get(`/api/cases/${caseId}`)).status).toBe(200);
    expect((await regisseur.get(`/api/cases/${caseId}`)).body.pendingParticipants).toEqual([]);
    const ev = await one<{ data: Record<string, unknown> }>(db, sql`select data from case_events where case_id = ${caseId} and type = 'participant_added'`);
    expect(ev!.data).toMatchObject({ partner: 'ggz-drenthe', approvalId });
    const logs = await one<{ n: number }>(db, sql`select count(*)::int as n from processing_log where case_id = ${caseId}
      and details->>'object' = 'participant' and details->>'change' = 'added' and details->>'approvalId' = ${approvalId}`);
    expect(logs!.n).toBe(1);
    expect((await privacy.post(`/api/approvals/${approvalId}/decision`, { decision: 'afgewezen', note: 'te laat' })).status).toBe(409);
  });

  it('on rejection with a note nothing is added; a new request is possible afterwards', async () => {
    const caseId = await newCase();
    const approvalId = await requestGgz(caseId);
    expect((await privacy.post(`/api/approvals/${approvalId}/decision`, { decision: 'afgewezen', note: '' })).status).toBe(400);
    const no = await privacy.post(`/api/approvals/${approvalId}/decision`, { decision: 'afgewezen', note: 'Geen noodzaak: de huisarts volgt het al' });
    expect(no.status, no.text).toBe(200);
    expect(await approvalRow(approvalId)).toEqual({ status: 'afgewezen', kind: 'partner_secrecy', note: 'Geen noodzaak: de huisarts volgt het al' });
    expect(await participantRows(caseId, 'ggz-drenthe')).toBe(0);
    expect((await ggz.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await regisseur.get(`/api/cases/${caseId}`)).body.pendingParticipants).toEqual([]);
    const log = await one<{ n: number }>(db, sql`select count(*)::int as n from processing_log where case_id = ${caseId} and activity = 'vier-ogen' and action = 'update'`);
    expect(log!.n).toBe(1);
    await requestGgz(caseId);
  });

  it('an approval on a case closed in the meantime cannot take effect (409, stays open; rejecting still works)', async () => {
    const caseId = await newCase();
    const approvalId = await requestGgz(caseId);
    await db.execute(sql`update cases set status = 'afgesloten', closed_at = current_date where id = ${caseId}`);
    expect((await manager.post(`/api/approvals/${approvalId}/decision`, { decision: 'goedgekeurd', note: 'Akkoord' })).status).toBe(409);
    expect((await approvalRow(approvalId))!.status).toBe('open');
    expect(await participantRows(caseId, 'ggz-drenthe')).toBe(0);
    expect((await manager.post(`/api/approvals/${approvalId}/decision`, { decision: 'afgewezen', note: 'Casus is afgesloten' })).status).toBe(200);
  });

  it('an approval for a partner deactivated in the meantime cannot take effect (409, stays open)', async () => {
    const caseId = await newCase();
    const approvalId = await requestGgz(caseId);
    expect((await admin.patch('/api/admin/organisations/ggz-drenthe', { active: false })).status).toBe(200);
    try {
      expect((await manager.post(`/api/approvals/${approvalId}/decision`, { decision: 'goedgekeurd', note: 'Akkoord' })).status).toBe(409);
      expect((await approvalRow(approvalId))!.status).toBe('open');
      expect(await participantRows(caseId, 'ggz-drenthe')).toBe(0);
    } finally {
      await admin.patch('/api/admin/organisations/ggz-drenthe', { active: true });
    }
    expect((await manager.post(`/api/approvals/${approvalId}/decision`, { decision: 'goedgekeurd', note: 'Akkoord' })).status).toBe(200);
    expect(await participantRows(caseId, 'ggz-drenthe')).toBe(1);
  });

  it('a partner without professional secrecy takes part at once (201, no approval)', async () => {
    const caseId = await newCase();
    const r = await regisseur.post(`/api/cases/${caseId}/participants`, { partner: 'vnn', reason: 'Verslavingszorg nodig' });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toEqual({ partner: 'vnn', municipality: null });
    expect(await participantRows(caseId, 'vnn')).toBe(1);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from approvals where case_id = ${caseId}`))!.n).toBe(0);
  });

  it('the triage decision itself adds ggz-drenthe at once (it is a decision about the participants)', async () => {
    const caseId = await newCase(['politie', 'ggz-drenthe']);
    expect((await ggz.get(`/api/cases/${caseId}`)).status).toBe(200);
    expect((await one<{ n: number }>(db, sql`select count(*)::int as n from approvals where case_id = ${caseId}`))!.n).toBe(0);
  });

  it('boundary: the beheerder sets the flag; off means at once, on means waiting', async () => {
    const off = await admin.patch('/api/admin/organisations/ggz-drenthe', { professionalSecrecy: false });
    expect(off.status, off.text).toBe(200);
    expect(off.body.professionalSecrecy).toBe(false);
    try {
      const caseId = await newCase();
      const r = await regisseur.post(`/api/cases/${caseId}/participants`, { partner: 'ggz-drenthe', reason: 'Psychische problematiek' });
      expect(r.status, r.text).toBe(201);
      expect((await ggz.get(`/api/cases/${caseId}`)).status).toBe(200);
      const on = await admin.patch('/api/admin/organisations/vnn', { professionalSecrecy: true });
      expect(on.body.professionalSecrecy).toBe(true);
      expect((await regisseur.post(`/api/cases/${caseId}/participants`, { partner: 'vnn', reason: 'Verslavingszorg nodig' })).status).toBe(202);
      expect(await participantRows(caseId, 'vnn')).toBe(0);
    } finally {
      await admin.patch('/api/admin/organisations/ggz-drenthe', { professionalSecrecy: true });
      await admin.patch('/api/admin/organisations/vnn', { professionalSecrecy: false });
    }
    expect((await admin.patch('/api/admin/organisations/zvh', { professionalSecrecy: true })).status).toBe(422);
    expect((await admin.patch('/api/admin/organisations/ggz-drenthe', { professionalSecrecy: 'ja' })).status).toBe(400);
    expect((await regisseur.patch('/api/admin/organisations/ggz-drenthe', { professionalSecrecy: false })).status).toBe(403);
  });
});
