// SPDX-License-Identifier: EUPL-1.2
// Rules on who owns what in a case: agreements belong to participants (journal and document
// visibility: journal-visibility.test.ts), carry-over names real open agreements, overdue is a plain boolean.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { openCaseWith } from '../../test/fixtures.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg] = await Promise.all([env.as('politie@demo.zvh'), env.as('regisseur@demo.zvh')]);
});
afterAll(async () => { await env?.close(); });

describe('case rules', () => {
  it('refuses an agreement for an organisation that does not take part, and accepts the ZVH itself', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: ['politie'] });
    const refused = await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'ggz-drenthe', title: 'Intake', dueDate: '2030-01-01' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details[0].field).toBe('partner');
    expect((await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'zvh', title: 'Casusoverleg plannen' })).status).toBe(201);
  });

  it('answers 422 on carryOver naming something that is not an open agreement of the case', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: ['politie'] });
    const r = await reg.post(`/api/cases/${caseId}/close`, { reason: 'Klaar', carryOver: ['00000000-0000-4000-8000-000000000001'] });
    expect(r.status).toBe(422);
    expect(r.body.error.details[0].field).toBe('carryOver');
    expect((await reg.get(`/api/cases/${caseId}`)).body.status).toBe('procesregie_lopend');
  });

  it('reports overdue as false for an agreement without a due date', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: ['politie'] });
    await reg.post(`/api/cases/${caseId}/agreements`, { partner: 'politie', title: 'Zonder datum' });
    const c = await reg.get(`/api/cases/${caseId}`);
    expect(c.body.agreements[0].overdue).toBe(false);
    expect((await pol.get('/api/my-work')).body.agreements.every((a: { overdue: unknown }) => typeof a.overdue === 'boolean')).toBe(true);
  });
});
