// SPDX-License-Identifier: EUPL-1.2
// The demo caseload shows what the system is for on first start: varied situations and purposes,
// agreements due in the past and in the future, stagnating cases, a raised AVE phase, and
// registrations waiting for triage, so that "Mijn werk" has something in every list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestEnv } from '../test/harness.js';
import { one, rows, sql } from '../core/db/index.js';
import { seedDemoCases } from './demo-cases.js';

let env: TestEnv;
let tenantId: string;
beforeAll(async () => {
  env = await setupTestEnv();
  tenantId = (await one<{ id: string }>(env.database.db, sql`select id from tenants where code = 'drenthe'`))!.id;
  expect(await seedDemoCases(env.database.db, tenantId)).toBe(36);
});
afterAll(async () => { await env?.close(); });

describe('demo caseload', () => {
  it('is made once: a second run adds nothing', async () => {
    expect(await seedDemoCases(env.database.db, tenantId)).toBe(0);
    const n = await one<{ n: number }>(env.database.db, sql`select count(*) as n from registrations where tenant_id = ${tenantId}`);
    expect(n!.n).toBe(36);
  });

  it('varies the situations, purposes and agreements', async () => {
    const purposes = await rows<{ purpose: string }>(env.database.db, sql`select distinct purpose from cases where tenant_id = ${tenantId}`);
    expect(purposes.length).toBeGreaterThanOrEqual(5);
    const topics = await rows(env.database.db, sql`select distinct main_topic from registrations where tenant_id = ${tenantId}`);
    expect(topics.length).toBe(6);
    const due = await one<{ past: number; future: number }>(env.database.db, sql`
      select count(*) filter (where a.due_date < current_date and a.status = 'open') as past,
             count(*) filter (where a.due_date >= current_date and a.status = 'open') as future
        from agreements a join cases c on c.id = a.case_id where c.tenant_id = ${tenantId}`);
    expect(due!.past).toBeGreaterThan(0);
    expect(due!.future).toBeGreaterThan(0);
    const ave = await one<{ n: number }>(env.database.db, sql`select count(*) as n from cases where tenant_id = ${tenantId} and ave_phase > 1`);
    expect(ave!.n).toBeGreaterThan(0);
  });

  it('gives the regisseur and a partner something in every list of "Mijn werk"', async () => {
    const reg = await env.as('regisseur@demo.zvh');
    const work = await reg.get('/api/my-work');
    expect(work.status, work.text).toBe(200);
    expect(work.body.casesWithOverdue.length).toBeGreaterThan(0);
    expect(work.body.inactiveCases.length).toBeGreaterThan(0);
    expect(work.body.waitingTriage.length).toBeGreaterThan(0);
    const pol = await env.as('politie@demo.zvh');
    const polWork = await pol.get('/api/my-work');
    expect(polWork.status, polWork.text).toBe(200);
    expect(polWork.body.agreements.length).toBeGreaterThan(0);
  });
});
