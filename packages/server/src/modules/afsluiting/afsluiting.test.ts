// SPDX-License-Identifier: EUPL-1.2
// Afsluiting: a reason code from the tenant's list, a warm handover for "overgedragen", open
// agreements closed or explicitly carried over, the evaluation stored; reopening with a reason;
// a closed case is read-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_LISTS } from '@zvh/shared';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { dataFingerprint, openCaseWith, pdfUpload, randomId } from '../../test/fixtures.js';
import { rows, sql } from '../../core/db/index.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient, gem: TestClient, inf: TestClient, mgr: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg, gem, inf, mgr] = await Promise.all(['politie', 'regisseur', 'gemeente', 'informatie', 'manager'].map((u) => env.as(`${u}@demo.zvh`)));
});
afterAll(async () => { await env?.close(); });

const agreement = async (caseId: string, partner = 'politie') => {
  const r = await reg.post(`/api/cases/${caseId}/agreements`, { partner, title: `Afspraak ${partner}`, dueDate: '2030-01-31' });
  expect(r.status).toBe(201);
  return r.body.id as string;
};

describe('closing a case', () => {
  it('accepts every code of the closure list except overgedragen without a handover; defaults to overig', async () => {
    const codes = CODE_LISTS.closeReason.map(([c]) => c).filter((c) => c !== 'overgedragen');
    for (const code of codes) {
      const { caseId } = await openCaseWith(pol, reg);
      const r = await reg.post(`/api/cases/${caseId}/close`, { reason: `Gesloten: ${code}`, reasonCode: code });
      expect(r.status, `${code}: ${r.text}`).toBe(200);
      expect((await reg.get(`/api/cases/${caseId}`)).body).toMatchObject({ status: 'afgesloten', closeReasonCode: code, closeReason: `Gesloten: ${code}` });
    }
    const { caseId } = await openCaseWith(pol, reg);
    expect((await reg.post(`/api/cases/${caseId}/close`, { reason: 'Zonder code' })).status).toBe(200);
    expect((await reg.get(`/api/cases/${caseId}`)).body.closeReasonCode).toBe('overig');
  });

  it('refuses an unknown reason code or a missing reason, changing nothing', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const before = await dataFingerprint(env.database.db);
    const bad = await reg.post(`/api/cases/${caseId}/close`, { reason: 'x', reasonCode: 'bestaat-niet' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details).toEqual([{ field: 'reasonCode', message: expect.any(String) }]);
    const noReason = await reg.post(`/api/cases/${caseId}/close`, { reasonCode: 'doel-bereikt' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details).toContainEqual(expect.objectContaining({ field: 'reason' }));
    expect((await reg.post(`/api/cases/${caseId}/close`, { reason: '' })).status).toBe(400);
    expect((await reg.post(`/api/cases/${caseId}/close`, { reason: 'x', evaluation: { goalsMet: 'misschien' } })).status).toBe(400);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
    expect((await reg.get(`/api/cases/${caseId}`)).body.status).toBe('procesregie_lopend');
  });

  it('overgedragen needs a handover partner and a handover note', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const before = await dataFingerprint(env.database.db);
    const none = await reg.post(`/api/cases/${caseId}/close`, { reason: 'Overdracht', reasonCode: 'overgedragen' });
    expect(none.status).toBe(422);
    expect(none.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['handoverNote', 'handoverPartner']);
    const noNote = await reg.post(`/api/cases/${caseId}/close`, { reason: 'Overdracht', reasonCode: 'overgedragen', handoverPartner: 'sociale-teams', handoverNote: '  ' });
    expect(noNote.status).toBe(422);
    expect(noNote.body.error.details).toEqual([{ field: 'handoverNote', message: expect.any(String) }]);
    const unknown = await reg.post(`/api/cases/${caseId}/close`, { reason: 'Overdracht', reasonCode: 'overgedragen', handoverPartner: 'bestaat-niet', handoverNote: 'Warme overdracht' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.details).toEqual([{ field: 'handoverPartner', message: expect.any(String) }]);
    expect(await dataFingerprint(env.database.db)).toEqual(before);

    const ok = await reg.post(`/api/cases/${caseId}/close`, {
      reason: 'Overgedragen aan het sociaal team', reasonCode: 'overgedragen', handoverPartner: 'sociale-teams', handoverNote: 'Warme overdracht op 1 maart',
      evaluation: { goalsMet: 'deels', helped: 'Korte lijnen', stalled: 'Wachtlijst GGZ' },
    });
    expect(ok.status, ok.text).toBe(200);
    const c = (await reg.get(`/api/cases/${caseId}`)).body;
    expect(c).toMatchObject({ closeReasonCode: 'overgedragen', handoverPartner: 'sociale-teams' });
    expect(c.evaluation).toEqual({ goalsMet: 'deels', helped: 'Korte lijnen', stalled: 'Wachtlijst GGZ', handoverNote: 'Warme overdracht op 1 maart' });
    // the participants read the closure (within 30 days)
    expect((await pol.get(`/api/cases/${caseId}`)).body).toMatchObject({ status: 'afgesloten', closeReasonCode: 'overgedragen' });
  });

  it('open agreements block closure unless carried over; finished ones do not', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const open1 = await agreement(caseId, 'politie');
    const open2 = await agreement(caseId, 'gemeente-oov');
    const finished = await agreement(caseId, 'politie');
    const cancelled = await agreement(caseId, 'gemeente-oov');
    expect((await pol.patch(`/api/agreements/${finished}`, { status: 'done' })).status).toBe(200);
    expect((await gem.patch(`/api/agreements/${cancelled}`, { status: 'cancelled' })).status).toBe(200);
    const { caseId: otherCase } = await openCaseWith(pol, reg);
    const foreign = await agreement(otherCase);

    const before = await dataFingerprint(env.database.db);
    const blocked = await reg.post(`/api/cases/${caseId}/close`, { reason: 'Klaar', reasonCode: 'doel-bereikt' });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('open_agreements');
    expect(blocked.body.error.details.map((a: { id: string }) => a.id).sort()).toEqual([open1, open2].sort());
    const partly = await reg.post(`/api/cases/${caseId}/close`, { reason: 'Klaar', carryOver: [open1] });
    expect(partly.status).toBe(409);
    expect(partly.body.error.details.map((a: { id: string }) => a.id)).toEqual([open2]);
    // only open agreements of this case can be carried over
    expect([404, 409, 422]).toContain((await reg.post(`/api/cases/${caseId}/close`, { reason: 'Klaar', carryOver: [open1, open2, foreign] })).status);
    expect([404, 409, 422]).toContain((await reg.post(`/api/cases/${caseId}/close`, { reason: 'Klaar', carryOver: [open1, open2, finished] })).status);
    expect([404, 409, 422]).toContain((await reg.post(`/api/cases/${caseId}/close`, { reason: 'Klaar', carryOver: [open1, open2, randomId()] })).status);
    expect(await dataFingerprint(env.database.db)).toEqual(before);

    const ok = await reg.post(`/api/cases/${caseId}/close`, { reason: 'Klaar', reasonCode: 'doel-bereikt', carryOver: [open1, open2], evaluation: { goalsMet: 'ja' } });
    expect(ok.status, ok.text).toBe(200);
    const c = (await reg.get(`/api/cases/${caseId}`)).body;
    const carried = Object.fromEntries(c.agreements.map((a: { id: string; carriedOver: boolean }) => [a.id, a.carriedOver]));
    expect(carried).toEqual({ [open1]: true, [open2]: true, [finished]: false, [cancelled]: false });
    expect(c.evaluation).toMatchObject({ goalsMet: 'ja' });
    const ev = await rows<{ data: { carriedOver: string[]; reasonCode: string } }>(env.database.db, sql`select data from case_events where case_id = ${caseId} and type = 'closed'`);
    expect(ev).toHaveLength(1);
    expect(ev[0]!.data.reasonCode).toBe('doel-bereikt');
    expect([...ev[0]!.data.carriedOver].sort()).toEqual([open1, open2].sort());
  });

  it('only the procesregisseur closes', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const before = await dataFingerprint(env.database.db);
    for (const c of [pol, gem, inf, mgr]) expect((await c.post(`/api/cases/${caseId}/close`, { reason: 'Klaar' })).status).toBe(403);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });
});

describe('a closed case', () => {
  it('is read-only for partners and for the ZVH', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const a = await agreement(caseId);
    expect((await reg.post(`/api/cases/${caseId}/close`, { reason: 'Klaar', carryOver: [a] })).status).toBe(200);
    const before = await dataFingerprint(env.database.db);
    const writes = [
      () => pol.patch(`/api/agreements/${a}`, { status: 'done' }),
      () => pol.post(`/api/cases/${caseId}/journal`, { text: 'Na afsluiting', visibility: 'all' }),
      () => pol.post(`/api/cases/${caseId}/documents`, pdfUpload()),
      () => reg.put(`/api/cases/${caseId}/plan`, { analysis: [], goals: [] }),
      () => reg.patch(`/api/cases/${caseId}`, { purpose: 'Nieuw doel' }),
      () => reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Nieuw' }),
      () => reg.post(`/api/cases/${caseId}/ave-phase`, { phase: 1, reason: 'x' }),
      () => reg.post(`/api/cases/${caseId}/participants`, { partner: 'vnn', reason: 'x' }),
      () => reg.post(`/api/cases/${caseId}/participants/politie/remove`, { reason: 'x' }),
      () => reg.post(`/api/cases/${caseId}/journal`, { text: 'Na afsluiting', visibility: 'zvh' }),
      () => reg.patch(`/api/agreements/${a}`, { status: 'done' }),
    ];
    for (const w of writes) {
      const r = await w();
      expect(r.status, r.text).toBe(409);
      expect(r.body.error.code).toBe('case_closed');
    }
    expect(await dataFingerprint(env.database.db)).toEqual(before);
    const view = await pol.get(`/api/cases/${caseId}`);
    expect(view.status).toBe(200);
    expect(view.body.permissions).toMatchObject({ contribute: false, manage: false });
    expect((await pol.get(`/api/cases/${caseId}/timeline`)).status).toBe(200);
  });
});

describe('reopening', () => {
  it('needs a reason, is recorded, and makes the case writable again', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    expect((await reg.post(`/api/cases/${caseId}/close`, { reason: 'Klaar', reasonCode: 'doel-bereikt' })).status).toBe(200);
    const before = await dataFingerprint(env.database.db);
    expect((await reg.post(`/api/cases/${caseId}/reopen`, {})).status).toBe(400);
    expect((await reg.post(`/api/cases/${caseId}/reopen`, { reason: '' })).status).toBe(400);
    for (const c of [pol, gem, inf, mgr]) expect((await c.post(`/api/cases/${caseId}/reopen`, { reason: 'Wil ik' })).status).toBe(403);
    expect(await dataFingerprint(env.database.db)).toEqual(before);

    const r = await reg.post(`/api/cases/${caseId}/reopen`, { reason: 'Nieuwe meldingen van overlast' });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ status: 'heropend' });
    const c = (await reg.get(`/api/cases/${caseId}`)).body;
    expect(c).toMatchObject({ status: 'heropend', closedAt: null });
    expect(c.permissions.actions).toEqual(['close']);
    const ev = await rows<{ data: unknown; actor_organisation: string }>(env.database.db, sql`select data, actor_organisation from case_events where case_id = ${caseId} and type = 'reopened'`);
    // the previous closure is kept in the history; the case itself no longer carries it
    expect(ev).toMatchObject([{ data: { reason: 'Nieuwe meldingen van overlast', previousClosure: { reasonCode: expect.any(String), closedAt: expect.any(String) } }, actor_organisation: 'zvh' }]);
    expect(c).toMatchObject({ closeReasonCode: null, closeReason: null, evaluation: null });
    expect((await pol.get(`/api/cases/${caseId}/timeline`)).body.map((e: { type: string }) => e.type)).toContain('reopened');
    expect((await pol.post(`/api/cases/${caseId}/journal`, { text: 'Weer aan de slag', visibility: 'all' })).status).toBe(201);
  });
});
