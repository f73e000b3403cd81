// SPDX-License-Identifier: EUPL-1.2
// Escalation steps: the partner's management first, then the stuurgroep; question, deadline and
// answer recorded; case events and processing log; the regie holder per AVE phase.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, sql } from '../../core/db/index.js';
import { today } from '../../core/reference-check.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { freshSubject, openCase } from '../../test/fixtures.js';

let env: TestEnv;
let reg: TestClient;
let info: TestClient;
let pol: TestClient;
let ggz: TestClient;
const due = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  env = await setupTestEnv();
  [reg, info, pol, ggz] = await Promise.all(['regisseur', 'informatie', 'politie', 'ggz'].map((u) => env.as(`${u}@demo.zvh`)));
});
afterAll(async () => env?.close());

async function caseWithAgreement() {
  const { caseId } = await openCase(pol, reg, { subject: freshSubject(), participants: ['politie', 'ggz-drenthe'] });
  const a = await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'ggz-drenthe', title: 'Intake bij FACT-team', dueDate: today() });
  expect(a.status).toBe(201);
  return { caseId, agreementId: a.body.id as string };
}

describe('escalation', () => {
  it('goes to the partner management first, then the stuurgroep, each with question, deadline and answer', async () => {
    const { caseId, agreementId } = await caseWithAgreement();
    const early = await reg.post(`/api/cases/${caseId}/escalations`, { agreementId, level: 'stuurgroep', question: 'Kan de stuurgroep helpen?', dueDate: due(14) });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('escalation_order');
    const m = await reg.post(`/api/cases/${caseId}/escalations`, { agreementId, level: 'management', question: 'Wanneer volgt de intake?', dueDate: due(7) });
    expect(m.status).toBe(201);
    // an escalation of the case as a whole is a different subject: its own first step
    expect((await reg.post(`/api/cases/${caseId}/escalations`, { level: 'stuurgroep', question: 'x', dueDate: due(7) })).status).toBe(409);
    const ans = await reg.post(`/api/escalations/${m.body.id}/answer`, { answer: 'Geen capaciteit tot volgende maand.' });
    expect(ans.status).toBe(200);
    expect(ans.body).toMatchObject({ level: 'management', partner: 'ggz-drenthe', answer: 'Geen capaciteit tot volgende maand.', answeredByName: 'Rianne Regisseur' });
    expect((await reg.post(`/api/escalations/${m.body.id}/answer`, { answer: 'nog eens' })).status).toBe(409);
    const s = await reg.post(`/api/cases/${caseId}/escalations`, { agreementId, level: 'stuurgroep', question: 'Kan de stuurgroep capaciteit vrijmaken?', dueDate: due(21) });
    expect(s.status).toBe(201);
    const list = await reg.get(`/api/cases/${caseId}/escalations`);
    expect(list.body.escalations.map((e: { level: string; agreementTitle: string }) => [e.level, e.agreementTitle])).toEqual([
      ['management', 'Intake bij FACT-team'], ['stuurgroep', 'Intake bij FACT-team']]);
    const events = await rows<{ type: string }>(env.database.db, sql`select type from case_events where case_id = ${caseId} and type like 'escalat%' order by id`);
    expect(events.map((e) => e.type)).toEqual(['escalated', 'escalation_answered', 'escalated']);
    const logged = await rows(env.database.db, sql`select 1 from processing_log where case_id = ${caseId} and details->>'object' = 'escalation'`);
    expect(logged).toHaveLength(3);
  });

  it('refuses bad input and anyone but the procesregisseur', async () => {
    const { caseId, agreementId } = await caseWithAgreement();
    expect((await reg.post(`/api/cases/${caseId}/escalations`, { agreementId, level: 'management', question: 'Vraag', dueDate: '2020-01-01' })).status).toBe(422);
    expect((await reg.post(`/api/cases/${caseId}/escalations`, { level: 'management', question: 'Vraag', dueDate: due(3) })).status).toBe(422); // which partner?
    expect((await reg.post(`/api/cases/${caseId}/escalations`, { agreementId: '00000000-0000-4000-8000-000000000000', level: 'management', question: 'Vraag', dueDate: due(3) })).status).toBe(422);
    expect((await info.post(`/api/cases/${caseId}/escalations`, { agreementId, level: 'management', question: 'Vraag', dueDate: due(3) })).status).toBe(403);
    expect((await pol.post(`/api/cases/${caseId}/escalations`, { agreementId, level: 'management', question: 'Vraag', dueDate: due(3) })).status).toBe(403);
    // a partner sees no escalations; a non-participant gets 404
    expect((await pol.get(`/api/cases/${caseId}/escalations`)).status).toBe(403);
    const other = await openCase(pol, reg, { subject: freshSubject(), participants: ['politie'] });
    expect((await ggz.get(`/api/cases/${other.caseId}/escalations`)).status).toBe(404);
    // the deadline today is allowed (boundary)
    expect((await reg.post(`/api/cases/${caseId}/escalations`, { agreementId, level: 'management', question: 'Vraag', dueDate: today() })).status).toBe(201);
  });

  it('records who holds the regie in each AVE phase', async () => {
    const { caseId } = await caseWithAgreement();
    expect((await reg.post(`/api/cases/${caseId}/ave-phase`, { phase: 2, reason: 'Zorgen nemen toe' })).status).toBe(200);
    expect((await reg.put(`/api/cases/${caseId}/regie-holder`, { holder: 'ggz-drenthe', reason: 'Zorg staat voorop' })).status).toBe(200);
    expect((await reg.put(`/api/cases/${caseId}/regie-holder`, { holder: 'ggz-drenthe' })).status).toBe(409);
    expect((await reg.post(`/api/cases/${caseId}/ave-phase`, { phase: 3, reason: 'Dreiging' })).status).toBe(200);
    expect((await reg.put(`/api/cases/${caseId}/regie-holder`, { holder: 'politie' })).status).toBe(200);
    expect((await reg.put(`/api/cases/${caseId}/regie-holder`, { holder: 'bestaat-niet' })).status).toBe(422);
    const r = await reg.get(`/api/cases/${caseId}/escalations`);
    expect(r.body.regieHolder).toBe('politie');
    expect(r.body.regie.map((s: { phase: number; holder: string }) => [s.phase, s.holder])).toEqual([[2, 'ggz-drenthe'], [3, 'politie']]);
  });
});
