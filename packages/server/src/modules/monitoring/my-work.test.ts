// SPDX-License-Identifier: EUPL-1.2
// "Mijn werk": the open agreements of the user's organisation (overdue first), and for the
// procesregisseur the cases with overdue agreements, cases without activity for 30 days and
// registrations waiting for triage longer than 5 working days.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv, TestResponse } from '../../test/harness.js';
import { freshSubject, openCaseWith, register } from '../../test/fixtures.js';
import { one, sql } from '../../core/db/index.js';
import { REGISTRATION_PURPOSE } from '../aanmelding/service.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient, gem: TestClient, ggz: TestClient, inf: TestClient, mgr: TestClient;
let today: string;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg, gem, ggz, inf, mgr] = await Promise.all(['politie', 'regisseur', 'gemeente', 'ggz', 'informatie', 'manager'].map((u) => env.as(`${u}@demo.zvh`)));
  today = (await one<{ d: string }>(env.database.db, sql`select current_date::text as d`))!.d;
});
afterAll(async () => { await env?.close(); });

const idsOf = (list: { id: string }[]) => list.map((x) => x.id);
const addAgreement = async (caseId: string, partner: string, title: string, dueDate: string | null) => {
  const r = await reg.post(`/api/cases/${caseId}/agreements`, { partner, title, dueDate });
  expect(r.status, r.text).toBe(201);
  return r.body.id as string;
};
/** The date `n` working days (Mon-Fri) before today: after it up to today lie exactly n working days. */
function workdaysBack(n: number): string {
  const d = new Date(`${today}T12:00:00Z`);
  let count = 0;
  // step back until n working days lie in (d, today]; then step back over any weekend before d
  while (count < n) {
    const dow = d.getUTCDay();
    if (dow !== 0 && dow !== 6) count++;
    d.setUTCDate(d.getUTCDate() - 1);
  }
  return d.toISOString().slice(0, 10);
}

describe('open agreements of the own organisation', () => {
  it('lists them overdue first (oldest first), then by due date, agreements without a date last', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const { caseId: other } = await openCaseWith(pol, reg);
    const noDate = await addAgreement(caseId, 'politie', 'Zonder datum', null);
    const future = await addAgreement(caseId, 'politie', 'Later', '2099-01-01');
    const overdue = await addAgreement(caseId, 'politie', 'Te laat', '2021-03-01');
    const oldest = await addAgreement(other, 'politie', 'Het langst te laat', '2020-01-01');
    const soon = await addAgreement(other, 'politie', 'Binnenkort', '2098-01-01');
    const done = await addAgreement(caseId, 'politie', 'Gedaan', '2020-06-01');
    expect((await pol.patch(`/api/agreements/${done}`, { status: 'done' })).status).toBe(200);
    const forGemeente = await addAgreement(caseId, 'gemeente-oov', 'Woning regelen', '2020-02-01');

    const w = await pol.get('/api/my-work');
    expect(w.status).toBe(200);
    expect(idsOf(w.body.agreements)).toEqual([oldest, overdue, soon, future, noDate]);
    // (an agreement without a due date is never overdue; the API answers null or false for it)
    expect(w.body.agreements.map((a: { overdue: boolean | null }) => a.overdue === true)).toEqual([true, true, false, false, false]);
    expect(w.body.agreements.at(-1).overdue).toBeFalsy();
    expect(w.body.agreements[0]).toMatchObject({ title: 'Het langst te laat', dueDate: '2020-01-01', partner: 'politie', caseId: other, status: 'open' });
    // partners get no regisseur signals
    expect(w.body).toMatchObject({ casesWithOverdue: [], inactiveCases: [], waitingTriage: [] });
    expect(idsOf((await gem.get('/api/my-work')).body.agreements)).toEqual([forGemeente]);
    expect((await ggz.get('/api/my-work')).body.agreements).toEqual([]);
  });

  it('leaves out agreements of closed cases and of cases the organisation no longer takes part in', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: ['politie', 'gemeente-oov'] });
    const a = await addAgreement(caseId, 'gemeente-oov', 'Woning', '2020-01-01');
    expect(idsOf((await gem.get('/api/my-work')).body.agreements)).toContain(a);
    expect((await reg.post(`/api/cases/${caseId}/participants/gemeente-oov/remove`, { reason: 'Rol vervuld' })).status).toBe(200);
    expect(idsOf((await gem.get('/api/my-work')).body.agreements)).not.toContain(a); // gemeente no longer takes part
    const b = await addAgreement(caseId, 'politie', 'Huisbezoek', '2020-01-01');
    expect(idsOf((await pol.get('/api/my-work')).body.agreements)).toContain(b);
    expect((await reg.post(`/api/cases/${caseId}/close`, { reason: 'Klaar', carryOver: [a, b] })).status).toBe(200);
    expect(idsOf((await pol.get('/api/my-work')).body.agreements)).not.toContain(b);
    expect(idsOf((await reg.get('/api/my-work')).body.casesWithOverdue)).not.toContain(caseId);
  });
});

describe('signals for the procesregisseur', () => {
  it('cases with overdue agreements', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    await addAgreement(caseId, 'politie', 'Te laat', '2021-03-01');
    await addAgreement(caseId, 'gemeente-oov', 'Ook te laat', '2020-05-01');
    await addAgreement(caseId, 'gemeente-oov', 'Op tijd', '2099-05-01');
    const { caseId: onTime } = await openCaseWith(pol, reg);
    await addAgreement(onTime, 'politie', 'Op tijd', '2099-05-01');
    const w = await reg.get('/api/my-work');
    expect(w.status).toBe(200);
    const hit = w.body.casesWithOverdue.find((c: { id: string }) => c.id === caseId);
    expect(hit).toMatchObject({ overdueAgreements: 2, oldestDueDate: '2020-05-01', purpose: expect.any(String), subjectName: expect.any(String) });
    expect(idsOf(w.body.casesWithOverdue)).not.toContain(onTime);
    // the regisseur's own organisation (zvh) has no agreements here
    expect(w.body.agreements).toEqual([]);
  });

  it('cases without activity for 30 days', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const { caseId: recent } = await openCaseWith(pol, reg);
    await env.database.db.execute(sql`update cases set last_activity_at = now() - interval '31 days' where id = ${caseId}`);
    await env.database.db.execute(sql`update cases set last_activity_at = now() - interval '29 days' where id = ${recent}`);
    let w = await reg.get('/api/my-work');
    expect(idsOf(w.body.inactiveCases)).toContain(caseId);
    expect(idsOf(w.body.inactiveCases)).not.toContain(recent);
    // reading the case is no activity; writing to it is
    await reg.get(`/api/cases/${caseId}`);
    expect(idsOf((await reg.get('/api/my-work')).body.inactiveCases)).toContain(caseId);
    expect((await pol.post(`/api/cases/${caseId}/journal`, { text: 'Weer contact gehad', visibility: 'all' })).status).toBe(201);
    w = await reg.get('/api/my-work');
    expect(idsOf(w.body.inactiveCases)).not.toContain(caseId);
    // a closed case is no signal
    await env.database.db.execute(sql`update cases set last_activity_at = now() - interval '60 days' where id = ${recent}`);
    expect(idsOf((await reg.get('/api/my-work')).body.inactiveCases)).toContain(recent);
    expect((await reg.post(`/api/cases/${recent}/close`, { reason: 'Klaar' })).status).toBe(200);
    await env.database.db.execute(sql`update cases set last_activity_at = now() - interval '60 days' where id = ${recent}`);
    expect(idsOf((await reg.get('/api/my-work')).body.inactiveCases)).not.toContain(recent);
  });

  it('registrations waiting for triage more than 5 working days', async () => {
    const late = await register(pol, { subject: freshSubject() });
    const borderline = await register(pol, { subject: freshSubject() });
    const fresh = await register(pol, { subject: freshSubject() });
    const triaged = await register(pol, { subject: freshSubject() });
    const started = await register(pol, { subject: freshSubject() });
    expect((await reg.post(`/api/registrations/${started}/triage/start`)).status).toBe(200);
    expect((await reg.post(`/api/registrations/${triaged}/triage`, { criteria: { multiProblem: false, multipleChains: false, systemImpact: false, areaSafety: false }, outcome: 'terugleggen', advice: 'Lokaal oppakken' })).status).toBe(200);
    const setRegistered = (id: string, date: string) => env.database.db.execute(sql`update registrations set registered_at = ${date}::date where id = ${id}`);
    await setRegistered(late, workdaysBack(6));
    await setRegistered(borderline, workdaysBack(5));
    await setRegistered(triaged, workdaysBack(20));
    await setRegistered(started, workdaysBack(10));
    const w = await reg.get('/api/my-work');
    const waiting = idsOf(w.body.waitingTriage);
    expect(waiting).toContain(late);
    expect(waiting).toContain(started);
    expect(waiting).not.toContain(borderline);
    expect(waiting).not.toContain(fresh);
    expect(waiting).not.toContain(triaged);
    const row = w.body.waitingTriage.find((r: { id: string }) => r.id === late);
    expect(row).toMatchObject({ waitingWorkdays: 6, status: 'aangemeld', subjectName: expect.any(String) });
    // the oldest first
    expect(waiting.indexOf(started)).toBeLessThan(waiting.indexOf(late));
    expect((await inf.get('/api/my-work')).body.waitingTriage.map((r: { id: string }) => r.id)).toContain(late);
    expect((await pol.get('/api/my-work')).body.waitingTriage).toEqual([]);
  });

  it('the triage list: exactly its fields, and each row shown is logged as a read of the registration', async () => {
    const waiting = await register(pol, { subject: freshSubject(), urgency: 'hoog', kind: 'advies' });
    await env.database.db.execute(sql`update registrations set registered_at = ${workdaysBack(7)}::date where id = ${waiting}`);
    const from = (await one<{ id: number }>(env.database.db, sql`select coalesce(max(id), 0)::int as id from processing_log`))!.id;
    const w = await reg.get('/api/my-work');
    expect(w.status).toBe(200);
    const row = w.body.waitingTriage.find((r: { id: string }) => r.id === waiting);
    expect(row).toEqual({
      id: waiting, registeredAt: workdaysBack(7), kind: 'advies', urgency: 'hoog', status: 'aangemeld', subjectName: expect.any(String), waitingWorkdays: 7,
    });
    const person = (await one<{ person_id: string }>(env.database.db, sql`select person_id from registrations where id = ${waiting}`))!.person_id;
    const log = await one<Record<string, unknown>>(env.database.db, sql`select action, activity, purpose, registration_id, data_subject_ref, case_id, details
      from processing_log where id > ${from} and registration_id = ${waiting}`);
    expect(log).toEqual({ action: 'read', activity: 'monitoring', purpose: REGISTRATION_PURPOSE, registration_id: waiting, data_subject_ref: person, case_id: null, details: { view: 'mijn-werk' } });
    // no partner gets a triage list, not even the registrant
    for (const c of [pol, gem, ggz]) expect((await c.get('/api/my-work')).body.waitingTriage).toEqual([]);
    // once triaged it leaves the list
    expect((await reg.post(`/api/registrations/${waiting}/triage`, { criteria: { multiProblem: false, multipleChains: false, systemImpact: false, areaSafety: false }, outcome: 'terugleggen', advice: 'Lokaal oppakken' })).status).toBe(200);
    expect((await reg.get('/api/my-work')).body.waitingTriage.map((r: { id: string }) => r.id)).not.toContain(waiting);
  });

  it('a regisseur sees the signals of the own cases and the unassigned ones, not a colleague\'s', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    await addAgreement(caseId, 'politie', 'Te laat', '2021-03-01');
    expect(idsOf((await reg.get('/api/my-work')).body.casesWithOverdue)).toContain(caseId);
    // give the case to another user (any other user id will do)
    await env.database.db.execute(sql`update cases set regisseur_id = (select id from users where email = 'manager@demo.zvh') where id = ${caseId}`);
    expect(idsOf((await reg.get('/api/my-work')).body.casesWithOverdue)).not.toContain(caseId);
    expect(idsOf((await inf.get('/api/my-work')).body.casesWithOverdue)).toContain(caseId);
    await env.database.db.execute(sql`update cases set regisseur_id = null where id = ${caseId}`);
    expect(idsOf((await reg.get('/api/my-work')).body.casesWithOverdue)).toContain(caseId);
    // manager and beheerder have no signal lists
    expect((await mgr.get('/api/my-work')).body).toMatchObject({ casesWithOverdue: [], inactiveCases: [], waitingTriage: [] });
  });
});

describe('paging (issue 12)', () => {
  /** Every page of a section, following Link rel="next" from `path`. */
  async function allPages(c: TestClient, path: string) {
    const ids: string[] = [];
    const totals: number[] = [];
    let next: string | null = path;
    for (let i = 0; next && i < 100; i++) {
      const r: TestResponse = await c.get(next);
      expect(r.status, r.text).toBe(200);
      ids.push(...idsOf(r.body));
      totals.push(Number(r.headers['x-total-count']));
      next = /<([^>]+)>;\s*rel="next"/.exec(String(r.headers.link ?? ''))?.[1] ?? null;
    }
    return { ids, totals };
  }

  it('each section pages by keyset in the overview\'s order, with its total; the overview gives the first page, totals and the next cursor', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    // equal due dates, no date, overdue: the id breaks ties, no row twice or lost across pages
    for (const [title, due] of [['A', '2021-01-01'], ['B', '2021-01-01'], ['C', '2021-01-01'], ['D', null], ['E', null], ['F', '2099-01-01']] as const) {
      await addAgreement(caseId, 'politie', title, due);
    }
    const full = await pol.get('/api/my-work/agreements?limit=200');
    expect(full.status).toBe(200);
    const total = Number(full.headers['x-total-count']);
    expect(total).toBe(full.body.length);
    expect(total).toBeGreaterThanOrEqual(6);
    const paged = await allPages(pol, '/api/my-work/agreements?limit=2');
    expect(paged.ids).toEqual(idsOf(full.body));
    expect(new Set(paged.totals)).toEqual(new Set([total]));
    // the due date ascending, without a date last (overdue, oldest first, comes first)
    const dues = full.body.map((a: { dueDate: string | null }) => a.dueDate ?? '9999-12-31');
    expect(dues).toEqual([...dues].sort());

    const w = await pol.get('/api/my-work');
    expect(w.body.totals).toMatchObject({ agreements: total, overdueAgreements: full.body.filter((a: { overdue: boolean }) => a.overdue).length, casesWithOverdue: 0, inactiveCases: 0, waitingTriage: 0 });
    expect(idsOf(w.body.agreements)).toEqual(idsOf(full.body).slice(0, 50));
    expect(w.body.next).toMatchObject({ casesWithOverdue: null, inactiveCases: null, waitingTriage: null });
    if (total <= 50) expect(w.body.next.agreements).toBeNull();
    // the overview's cursor continues the section
    const first = await pol.get('/api/my-work/agreements?limit=3');
    const cursor = /after=([A-Za-z0-9_-]+)/.exec(String(first.headers.link))![1];
    const second = await pol.get(`/api/my-work/agreements?limit=3&after=${cursor}`);
    expect([...idsOf(first.body), ...idsOf(second.body)]).toEqual(idsOf(full.body).slice(0, 6));
  });

  it('the regisseur\'s sections page too (ties on the date broken by id); partners get empty pages with total 0', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await register(pol, { subject: freshSubject() }));
    for (const id of ids) await env.database.db.execute(sql`update registrations set registered_at = ${workdaysBack(8)}::date where id = ${id}`);
    const cases: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { caseId } = await openCaseWith(pol, reg);
      cases.push(caseId);
      await env.database.db.execute(sql`update cases set last_activity_at = now() - interval '40 days' where id = ${caseId}`);
    }
    for (const [path, expected] of [['waiting-triage', ids], ['inactive-cases', cases]] as const) {
      const full = await reg.get(`/api/my-work/${path}?limit=200`);
      const paged = await allPages(reg, `/api/my-work/${path}?limit=2`);
      expect(paged.ids, path).toEqual(idsOf(full.body));
      for (const id of expected) expect(paged.ids, path).toContain(id);
      expect(Number(full.headers['x-total-count'])).toBe(full.body.length);
      const p = await pol.get(`/api/my-work/${path}`);
      expect(p.status).toBe(200);
      expect(p.body).toEqual([]);
      expect(p.headers['x-total-count']).toBe('0');
    }
    const overdue = await reg.get('/api/my-work/cases-with-overdue?limit=1');
    expect(overdue.status).toBe(200);
    expect(Number(overdue.headers['x-total-count'])).toBe((await reg.get('/api/my-work')).body.totals.casesWithOverdue);
  });

  it('a cursor that is not one answers 400 and reads nothing', async () => {
    const from = (await one<{ id: number }>(env.database.db, sql`select coalesce(max(id), 0)::int as id from processing_log`))!.id;
    for (const after of ['bm90LWpzb24', Buffer.from(JSON.stringify([1, 2])).toString('base64url'), Buffer.from(JSON.stringify(['x'])).toString('base64url')]) {
      const r = await reg.get(`/api/my-work/agreements?after=${after}`);
      expect(r.status).toBe(400);
    }
    expect((await reg.get('/api/my-work/agreements?limit=0')).status).toBe(400);
    expect((await reg.get('/api/my-work/agreements?limit=201')).status).toBe(400);
    const logged = await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from processing_log where id > ${from} and details->>'view' = 'mijn-werk'`);
    expect(logged!.n).toBe(0);
  });
});
