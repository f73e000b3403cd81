// SPDX-License-Identifier: EUPL-1.2
// Every transition of the workflow table (@zvh/shared/workflow) through the HTTP API, and the
// refused ones: 409 invalid_transition, and nothing changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextStatus } from '@zvh/shared';
import type { Action, Status } from '@zvh/shared';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv, TestResponse } from '../../test/harness.js';
import { dataFingerprint, freshSubject, openCaseWith, register, triageBody } from '../../test/fixtures.js';
import type { Outcome } from '../../test/fixtures.js';
import { one, sql } from '../../core/db/index.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg] = await Promise.all([env.as('politie@demo.zvh'), env.as('regisseur@demo.zvh')]);
});
afterAll(async () => { await env?.close(); });

const registrationRow = (id: string) => one<{ status: Status; version: number; case_id: string | null; triage: unknown }>(env.database.db,
  sql`select status, version, case_id, triage from registrations where id = ${id}`);
const caseRow = (id: string) => one<{ status: Status; version: number; closed_at: string | null; kind: string }>(env.database.db,
  sql`select status, version, closed_at::text as closed_at, kind from cases where id = ${id}`);
const casesOf = async (registrationId: string) => (await one<{ n: number }>(env.database.db,
  sql`select count(*)::int as n from cases where registration_id = ${registrationId}`))!.n;

function expectInvalidTransition(res: TestResponse, from: Status, action: Action) {
  expect(res.status, res.text).toBe(409);
  expect(res.body.error.code).toBe('invalid_transition');
  expect(res.body.error.details).toMatchObject({ from, action });
}

const OUTCOME_STATUS: Record<Outcome, Status> = {
  procesregie: 'procesregie_lopend', advies: 'advies', terugleggen: 'teruggelegd', doorverwijzen: 'doorverwezen',
};

describe('allowed transitions through the API', () => {
  it('start_triage: aangemeld -> in_triage', async () => {
    const id = await register(pol, { subject: freshSubject() });
    expect((await registrationRow(id))!.status).toBe('aangemeld');
    const r = await reg.post(`/api/registrations/${id}/triage/start`);
    expect(r.status, r.text).toBe(200);
    expect(r.body.status).toBe('in_triage');
    expect(nextStatus('aangemeld', 'start_triage')).toBe('in_triage');
    expect((await registrationRow(id))!.status).toBe('in_triage');
    const detail = await reg.get(`/api/registrations/${id}`);
    expect(detail.body.status).toBe('in_triage');
  });

  const outcomes: Outcome[] = ['procesregie', 'advies', 'terugleggen', 'doorverwijzen'];
  const cells = (['aangemeld', 'in_triage'] as const).flatMap((from) => outcomes.map((o) => [from, o] as const));

  it.each(cells)('triage from %s with outcome %s', async (from, outcome) => {
    const id = await register(pol, { subject: freshSubject() });
    if (from === 'in_triage') expect((await reg.post(`/api/registrations/${id}/triage/start`)).status).toBe(200);
    expect((await registrationRow(id))!.status).toBe(from);
    const r = await reg.post(`/api/registrations/${id}/triage`, triageBody(outcome));
    expect(r.status, r.text).toBe(200);
    const to = OUTCOME_STATUS[outcome];
    expect(nextStatus(from, outcome)).toBe(to);
    expect(r.body.status).toBe(to);
    const row = (await registrationRow(id))!;
    expect(row.status).toBe(to);
    expect(row.triage).toMatchObject({ outcome });
    if (outcome === 'procesregie' || outcome === 'advies') {
      expect(r.body.caseId).toEqual(expect.any(String));
      expect(row.case_id).toBe(r.body.caseId);
      const c = (await caseRow(r.body.caseId))!;
      expect(c.status).toBe(to);
      expect(c.kind).toBe(outcome);
      const seen = await reg.get(`/api/cases/${r.body.caseId}`);
      expect(seen.status).toBe(200);
      expect(seen.body.status).toBe(to);
    } else {
      expect(r.body.caseId).toBeNull();
      expect(row.case_id).toBeNull();
      expect(await casesOf(id)).toBe(0);
    }
  });

  it.each([['advies'], ['procesregie']] as const)('close from %s -> afgesloten', async (outcome) => {
    const { caseId, registrationId } = await openCaseWith(pol, reg, { outcome });
    const r = await reg.post(`/api/cases/${caseId}/close`, { reason: 'Doel bereikt', reasonCode: 'doel-bereikt' });
    expect(r.status, r.text).toBe(200);
    expect(r.body.status).toBe('afgesloten');
    const c = (await caseRow(caseId))!;
    expect(c.status).toBe('afgesloten');
    expect(c.closed_at).not.toBeNull();
    expect((await registrationRow(registrationId))!.status).toBe('afgesloten');
  });

  it('reopen: afgesloten -> heropend, and close from heropend -> afgesloten', async () => {
    const { caseId, registrationId } = await openCaseWith(pol, reg);
    expect((await reg.post(`/api/cases/${caseId}/close`, { reason: 'Doel bereikt' })).status).toBe(200);
    const re = await reg.post(`/api/cases/${caseId}/reopen`, { reason: 'Nieuwe meldingen van overlast' });
    expect(re.status, re.text).toBe(200);
    expect(re.body.status).toBe('heropend');
    let c = (await caseRow(caseId))!;
    expect(c.status).toBe('heropend');
    expect(c.closed_at).toBeNull();
    expect((await registrationRow(registrationId))!.status).toBe('heropend');
    const again = await reg.post(`/api/cases/${caseId}/close`, { reason: 'Opnieuw afgerond' });
    expect(again.status, again.text).toBe(200);
    expect(again.body.status).toBe('afgesloten');
    c = (await caseRow(caseId))!;
    expect(c.status).toBe('afgesloten');
    expect(c.closed_at).not.toBeNull();
  });
});

describe('refused transitions: 409 invalid_transition and nothing changed', () => {
  it('triage twice', async () => {
    const { registrationId, caseId } = await openCaseWith(pol, reg);
    const before = await dataFingerprint(env.database.db);
    const regBefore = await registrationRow(registrationId);
    for (const outcome of ['terugleggen', 'doorverwijzen', 'advies', 'procesregie'] as const) {
      expectInvalidTransition(await reg.post(`/api/registrations/${registrationId}/triage`, triageBody(outcome)), 'procesregie_lopend', outcome);
    }
    expect(await registrationRow(registrationId)).toEqual(regBefore);
    expect((await caseRow(caseId))!.status).toBe('procesregie_lopend');
    expect(await casesOf(registrationId)).toBe(1);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });

  it('triage of a registration that was returned or referred (final states)', async () => {
    for (const outcome of ['terugleggen', 'doorverwijzen'] as const) {
      const id = await register(pol, { subject: freshSubject() });
      expect((await reg.post(`/api/registrations/${id}/triage`, triageBody(outcome))).status).toBe(200);
      const status = OUTCOME_STATUS[outcome];
      const before = await dataFingerprint(env.database.db);
      expectInvalidTransition(await reg.post(`/api/registrations/${id}/triage`, triageBody('procesregie')), status, 'procesregie');
      expectInvalidTransition(await reg.post(`/api/registrations/${id}/triage/start`), status, 'start_triage');
      expect((await registrationRow(id))!.status).toBe(status);
      expect(await casesOf(id)).toBe(0);
      expect(await dataFingerprint(env.database.db)).toEqual(before);
    }
  });

  it('start triage on a triaged registration, or twice', async () => {
    const { registrationId } = await openCaseWith(pol, reg);
    const before = await dataFingerprint(env.database.db);
    expectInvalidTransition(await reg.post(`/api/registrations/${registrationId}/triage/start`), 'procesregie_lopend', 'start_triage');
    expect((await registrationRow(registrationId))!.status).toBe('procesregie_lopend');
    expect(await dataFingerprint(env.database.db)).toEqual(before);

    const id = await register(pol, { subject: freshSubject() });
    expect((await reg.post(`/api/registrations/${id}/triage/start`)).status).toBe(200);
    const mid = await dataFingerprint(env.database.db);
    expectInvalidTransition(await reg.post(`/api/registrations/${id}/triage/start`), 'in_triage', 'start_triage');
    expect((await registrationRow(id))!.status).toBe('in_triage');
    expect(await dataFingerprint(env.database.db)).toEqual(mid);
  });

  it('close a closed case', async () => {
    const { caseId, registrationId } = await openCaseWith(pol, reg);
    expect((await reg.post(`/api/cases/${caseId}/close`, { reason: 'Doel bereikt', reasonCode: 'doel-bereikt' })).status).toBe(200);
    const caseBefore = await caseRow(caseId);
    const before = await dataFingerprint(env.database.db);
    expectInvalidTransition(await reg.post(`/api/cases/${caseId}/close`, { reason: 'Nogmaals', reasonCode: 'overig' }), 'afgesloten', 'close');
    expect(await caseRow(caseId)).toEqual(caseBefore);
    expect((await registrationRow(registrationId))!.status).toBe('afgesloten');
    const detail = await reg.get(`/api/cases/${caseId}`);
    expect(detail.body.closeReasonCode).toBe('doel-bereikt');
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });

  it.each([['procesregie'], ['advies']] as const)('reopen a running %s case', async (outcome) => {
    const { caseId } = await openCaseWith(pol, reg, { outcome });
    const status = OUTCOME_STATUS[outcome];
    const caseBefore = await caseRow(caseId);
    const before = await dataFingerprint(env.database.db);
    expectInvalidTransition(await reg.post(`/api/cases/${caseId}/reopen`, { reason: 'Per ongeluk' }), status, 'reopen');
    expect(await caseRow(caseId)).toEqual(caseBefore);
    expect((await caseRow(caseId))!.status).toBe(status);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });

  it('reopen a reopened case', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    expect((await reg.post(`/api/cases/${caseId}/close`, { reason: 'Klaar' })).status).toBe(200);
    expect((await reg.post(`/api/cases/${caseId}/reopen`, { reason: 'Nieuwe overlast' })).status).toBe(200);
    const before = await dataFingerprint(env.database.db);
    expectInvalidTransition(await reg.post(`/api/cases/${caseId}/reopen`, { reason: 'Nog eens' }), 'heropend', 'reopen');
    expect((await caseRow(caseId))!.status).toBe('heropend');
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });
});
