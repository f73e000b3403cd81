// SPDX-License-Identifier: EUPL-1.2
// The stagnation radar: each rule with a situation that fires and one that does not (just below
// the threshold or on the boundary day); idempotent runs; accept makes the signal or escalation;
// a dismissed proposal is not proposed again for the same facts, but is for new facts.
import { managerCtx } from '../../test/fixtures.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../core/db/index.js';
import { one, rows, sql } from '../../core/db/index.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { makeTenant } from '../rapportage/fixtures.js';
import { evaluateRules } from './rules.js';
import { runRadar } from './service.js';

let env: TestEnv;
let db: Db;
const DAY = '2030-03-01';

beforeAll(async () => {
  env = await setupTestEnv();
  db = env.database.db;
});
afterAll(async () => env?.close());

async function newCase(tenantId: string, status = 'procesregie_lopend', registeredAt = '2030-01-01', regStatus = 'procesregie_lopend'): Promise<string> {
  const p = await one<{ id: string }>(db, sql`insert into persons (tenant_id, first_name, last_name) values (${tenantId}, 'Radar', 'Persoon') returning id`);
  const r = await one<{ id: string }>(db, sql`insert into registrations (tenant_id, kind, status, municipality_code, registering_partner, registered_at, person_id, reason)
    values (${tenantId}, 'procesregie', ${regStatus}, 'GM0106', 'politie', ${registeredAt}, ${p!.id}, 'radar') returning id`);
  if (regStatus === 'aangemeld') return r!.id;
  const c = await one<{ id: string }>(db, sql`insert into cases (tenant_id, registration_id, person_id, kind, status, purpose, started_at, lead_partner)
    values (${tenantId}, ${r!.id}, ${p!.id}, 'procesregie', ${status}, 'radar', '2030-01-01', 'ggz-drenthe') returning id`);
  return c!.id;
}
async function agreement(tenantId: string, caseId: string, partner: string, due: string, lifeDomain: string | null = null, status = 'open'): Promise<string> {
  const a = await one<{ id: string }>(db, sql`insert into agreements (tenant_id, case_id, partner_code, title, due_date, status, life_domain)
    values (${tenantId}, ${caseId}, ${partner}, 'Afspraak', ${due}, ${status}, ${lifeDomain}) returning id`);
  return a!.id;
}
const rulesOf = async (tenantId: string, day = DAY) => (await evaluateRules(managerCtx(db, tenantId), day));

describe('rule partner-achterstand: one partner overdue in several cases', () => {
  it('fires at 3 cases, not at 2, not for agreements due on the day itself, done ones or closed cases', async () => {
    const t = await makeTenant(db);
    const cases = [await newCase(t), await newCase(t), await newCase(t)];
    await agreement(t, cases[0]!, 'menso', '2030-02-28');
    await agreement(t, cases[1]!, 'menso', '2030-02-01');
    await agreement(t, cases[2]!, 'menso', DAY); // due today: not overdue
    const closed = await newCase(t, 'afgesloten');
    await agreement(t, closed, 'menso', '2030-01-01');
    await agreement(t, cases[2]!, 'menso', '2030-01-01', null, 'done');
    expect((await rulesOf(t)).filter((p) => p.rule === 'partner-achterstand')).toEqual([]);
    await agreement(t, cases[2]!, 'menso', '2030-02-27');
    const fired = (await rulesOf(t)).filter((p) => p.rule === 'partner-achterstand');
    expect(fired).toHaveLength(1);
    expect(fired[0]!.kind).toBe('signal');
    expect(fired[0]!.payload).toMatchObject({ category: 'partner-levert-niet', addressedTo: 'menso' });
    expect([...(fired[0]!.payload as { caseIds: string[] }).caseIds].sort()).toEqual([...cases].sort());
  });
});

describe('rule leefgebied-achterstand: one life domain overdue in several cases', () => {
  it('fires at 3 cases of one domain across partners, not when spread over domains', async () => {
    const t = await makeTenant(db);
    const cs = [await newCase(t), await newCase(t), await newCase(t)];
    await agreement(t, cs[0]!, 'menso', '2030-02-01', 'huisvesting');
    await agreement(t, cs[1]!, 'gemeente-sd', '2030-02-01', 'huisvesting');
    await agreement(t, cs[2]!, 'ggz-drenthe', '2030-02-01', 'psychisch');
    expect((await rulesOf(t)).filter((p) => p.rule === 'leefgebied-achterstand')).toEqual([]);
    await agreement(t, cs[2]!, 'vnn', '2030-02-01', 'huisvesting');
    const fired = (await rulesOf(t)).filter((p) => p.rule === 'leefgebied-achterstand');
    expect(fired).toHaveLength(1);
    expect(fired[0]!.payload).toMatchObject({ category: 'huisvesting', addressedTo: 'stuurgroep' });
  });
});

describe('rule triage-wachttijd: registrations waiting too long', () => {
  it('fires when 3 wait more than 14 days; one registered exactly 14 days ago does not count', async () => {
    const t = await makeTenant(db);
    await newCase(t, '', '2030-02-01', 'aangemeld');
    await newCase(t, '', '2030-02-10', 'aangemeld');
    await newCase(t, '', '2030-02-15', 'aangemeld'); // 14 days before 1 March: not yet too long
    expect((await rulesOf(t)).filter((p) => p.rule === 'triage-wachttijd')).toEqual([]);
    expect((await rulesOf(t, '2030-03-02')).filter((p) => p.rule === 'triage-wachttijd')).toHaveLength(1);
  });
});

describe('rule ave-omhoog: AVE phase went up', () => {
  it('fires for a rise within 30 days without escalation since; not for a fall, a first phase or an escalated case', async () => {
    const t = await makeTenant(db);
    const [up, down, first, escalated] = [await newCase(t), await newCase(t), await newCase(t), await newCase(t)];
    const ev = (c: string, from: number | null, to: number, at = '2030-02-20T10:00:00Z') => db.execute(sql`insert into case_events (tenant_id, case_id, at, actor_name, actor_organisation, type, data)
      values (${t}, ${c}, ${at}, 'Test', 'zvh', 'ave_phase', ${JSON.stringify({ from, to })}::jsonb)`);
    await ev(up, 1, 2);
    await ev(down, 3, 2);
    await ev(first, null, 1);
    await ev(escalated, 2, 3);
    await db.execute(sql`insert into escalations (tenant_id, case_id, level, partner_code, question, due_date, created_by_name, created_at)
      values (${t}, ${escalated}, 'management', 'politie', 'Vraag', '2030-03-10', 'Test', '2030-02-21T09:00:00Z')`);
    const fired = (await rulesOf(t)).filter((p) => p.rule === 'ave-omhoog');
    expect(fired.map((p) => (p.payload as { caseId: string }).caseId)).toEqual([up]);
    expect(fired[0]!.payload).toMatchObject({ partner: 'ggz-drenthe', level: 'management', agreementId: null });
    // 30 days later the rise is no longer recent
    expect((await rulesOf(t, '2030-03-22')).filter((p) => p.rule === 'ave-omhoog')).toEqual([]);
  });
});

describe('rule afspraak-stagneert: one agreement stalled', () => {
  it('fires when more than 14 days overdue and not escalated; 14 days exactly does not', async () => {
    const t = await makeTenant(db);
    const c = await newCase(t);
    const edge = await agreement(t, c, 'politie', '2030-02-15');
    const old = await agreement(t, c, 'politie', '2030-02-14');
    const escalated = await agreement(t, c, 'politie', '2030-01-01');
    await db.execute(sql`insert into escalations (tenant_id, case_id, agreement_id, level, partner_code, question, due_date, created_by_name)
      values (${t}, ${c}, ${escalated}, 'management', 'politie', 'Vraag', '2030-03-10', 'Test')`);
    const fired = (await rulesOf(t)).filter((p) => p.rule === 'afspraak-stagneert');
    expect(fired.map((p) => (p.payload as { agreementId: string }).agreementId)).toEqual([old]);
    expect(fired.map((p) => (p.payload as { agreementId: string }).agreementId)).not.toContain(edge);
  });
});

describe('runs, accepting and dismissing', () => {
  let reg: TestClient;
  let tenantId: string;
  beforeAll(async () => {
    reg = await env.as('regisseur@demo.zvh');
    tenantId = (await one<{ id: string }>(db, sql`select tenant_id as id from users where email = 'regisseur@demo.zvh'`))!.id;
  });

  it('is idempotent, accepts into a signal or escalation, and does not propose a dismissed one again for the same facts', async () => {
    const cs = [await newCase(tenantId), await newCase(tenantId), await newCase(tenantId)];
    for (const c of cs) await agreement(tenantId, c, 'vnn', '2020-01-01');
    const first = await reg.post('/api/radar/run');
    expect(first.status).toBe(200);
    expect(first.body.proposed).toBeGreaterThanOrEqual(4); // one partner signal, three stalled agreements
    expect((await reg.post('/api/radar/run')).body.proposed).toBe(0);
    const list = (await reg.get('/api/radar/proposals')).body as { id: string; rule: string; kind: string; payload: Record<string, unknown> }[];
    const signal = list.find((p) => p.rule === 'partner-achterstand' && p.payload.addressedTo === 'vnn')!;
    const stalled = list.filter((p) => p.rule === 'afspraak-stagneert' && cs.includes(p.payload.caseId as string));
    expect(stalled).toHaveLength(3);
    // accept the signal
    const acc = await reg.post(`/api/radar/proposals/${signal.id}/accept`, {});
    expect(acc.status).toBe(200);
    expect((await reg.get(`/api/signals/${acc.body.resultId}`)).body).toMatchObject({ category: 'partner-levert-niet', addressedTo: 'vnn', caseCount: 3 });
    expect((await reg.post(`/api/radar/proposals/${signal.id}/accept`, {})).status).toBe(409);
    // accept an escalation: needs a deadline
    expect((await reg.post(`/api/radar/proposals/${stalled[0]!.id}/accept`, {})).status).toBe(422);
    const esc = await reg.post(`/api/radar/proposals/${stalled[0]!.id}/accept`, { dueDate: '2099-01-01' });
    expect(esc.status).toBe(200);
    const escs = await reg.get(`/api/cases/${stalled[0]!.payload.caseId}/escalations`);
    expect(escs.body.escalations.map((e: { id: string }) => e.id)).toContain(esc.body.resultId);
    // dismiss one: recorded with the reason, not proposed again
    expect((await reg.post(`/api/radar/proposals/${stalled[1]!.id}/dismiss`, { reason: '' })).status).toBe(400);
    expect((await reg.post(`/api/radar/proposals/${stalled[1]!.id}/dismiss`, { reason: 'Partner heeft telefonisch toegezegd' })).status).toBe(204);
    const dismissed = (await reg.get('/api/radar/proposals?status=afgewezen')).body as { id: string; reason: string; decidedByName: string }[];
    expect(dismissed.find((p) => p.id === stalled[1]!.id)).toMatchObject({ reason: 'Partner heeft telefonisch toegezegd', decidedByName: 'Rianne Regisseur' });
    expect((await runRadar(managerCtx(db, tenantId))).proposed).toBe(0);
    // new facts (the due date moved and passed again) make a new proposal
    await db.execute(sql`update agreements set due_date = '2020-02-01' where id = ${stalled[1]!.payload.agreementId as string}`);
    expect((await runRadar(managerCtx(db, tenantId))).proposed).toBeGreaterThanOrEqual(1);
    const again = await rows(db, sql`select 1 from radar_proposals where payload->>'agreementId' = ${stalled[1]!.payload.agreementId as string} and status = 'voorgesteld'`);
    expect(again).toHaveLength(1);
  });

  it('is for the procesregisseur only', async () => {
    const pol = await env.as('politie@demo.zvh');
    const mgr = await env.as('manager@demo.zvh');
    expect((await pol.get('/api/radar/proposals')).status).toBe(403);
    expect((await mgr.post('/api/radar/run')).status).toBe(403);
  });
});
