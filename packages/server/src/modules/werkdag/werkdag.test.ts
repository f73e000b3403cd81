// SPDX-License-Identifier: EUPL-1.2
// Werkdag (start page): my open agreements (overdue first), the cases that need attention (with
// the exact boundary days), registrations waiting for triage, provider sections from other
// modules, access through caseVisibleTo and the processing log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { freshSubject, openCaseWith, register } from '../../test/fixtures.js';
import { rows, sql } from '../../core/db/index.js';
import { addDays, amsterdamDate, dayRange, registerDaySectionProvider, unregisterDaySectionProvider } from '../../core/day-sections.js';
import { AVE_UP_DAYS, INACTIVE_DAYS } from './service.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient, gem: TestClient, ggz: TestClient, inf: TestClient, mgr: TestClient;
let today: string;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg, gem, ggz, inf, mgr] = await Promise.all(['politie', 'regisseur', 'gemeente', 'ggz', 'informatie', 'manager'].map((u) => env.as(`${u}@demo.zvh`)));
  today = amsterdamDate(new Date());
});
afterAll(async () => { await env?.close(); });

const ids = (list: { id: string }[]) => list.map((x) => x.id);
const addAgreement = async (caseId: string, partner: string, title: string, dueDate: string | null) => {
  const r = await reg.post(`/api/cases/${caseId}/agreements`, { partner, title, dueDate });
  expect(r.status, r.text).toBe(201);
  return r.body.id as string;
};
/** Sets the case's last activity to noon (Dutch time) `days` days before today. */
const lastActivityDaysAgo = (caseId: string, days: number) => env.database.db.execute(sql`
  update cases set last_activity_at = ((${addDays(today, -days)}::date + time '12:00') at time zone 'Europe/Amsterdam') where id = ${caseId}`);

describe('day range', () => {
  it('is the Dutch calendar day and its Monday-Sunday week', () => {
    // 23:30 UTC on Sunday 29 March 2026 is already Monday 30 March in the Netherlands (summer time)
    expect(dayRange(new Date('2026-03-29T23:30:00Z'))).toEqual({ date: '2026-03-30', weekStart: '2026-03-30', weekEnd: '2026-04-05' });
    expect(dayRange(new Date('2026-03-29T21:30:00Z'))).toEqual({ date: '2026-03-29', weekStart: '2026-03-23', weekEnd: '2026-03-29' });
    expect(dayRange(new Date('2026-12-31T23:00:00Z')).date).toBe('2027-01-01');
  });
});

describe('my open agreements', () => {
  it('lists the own organisation\'s open agreements, overdue first, with the case number; due today is not overdue', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    const dueToday = await addAgreement(caseId, 'politie', 'Vandaag', today);
    const yesterday = await addAgreement(caseId, 'politie', 'Gisteren', addDays(today, -1));
    const older = await addAgreement(caseId, 'politie', 'Eerder', addDays(today, -10));
    const noDate = await addAgreement(caseId, 'politie', 'Zonder datum', null);
    const other = await addAgreement(caseId, 'gemeente-oov', 'Woning', addDays(today, -3));
    const w = await pol.get('/api/werkdag');
    expect(w.status, w.text).toBe(200);
    const mine = w.body.agreements.filter((a: { caseId: string }) => a.caseId === caseId);
    expect(ids(mine)).toEqual([older, yesterday, dueToday, noDate]);
    expect(mine.map((a: { overdue: boolean }) => a.overdue)).toEqual([true, true, false, false]);
    expect(mine[0]).toMatchObject({ caseNumber: expect.stringMatching(/^\d{4}-\d{4}$/), subjectName: expect.any(String), partner: 'politie' });
    expect(ids(w.body.agreements)).not.toContain(other);
    expect(ids((await gem.get('/api/werkdag')).body.agreements)).toContain(other);
    // ggz takes no part: nothing of this case
    expect((await ggz.get('/api/werkdag')).body.agreements.filter((a: { caseId: string }) => a.caseId === caseId)).toEqual([]);
    // a partner gets no regisseur lists
    expect(w.body).toMatchObject({ attention: [], waitingTriage: [], date: today });
  });

  it('follows caseVisibleTo: an organisation removed from the case no longer sees its agreements there', async () => {
    const { caseId } = await openCaseWith(pol, reg, { participants: ['politie', 'gemeente-oov'] });
    const a = await addAgreement(caseId, 'gemeente-oov', 'Woning', addDays(today, -2));
    expect(ids((await gem.get('/api/werkdag')).body.agreements)).toContain(a);
    expect((await reg.post(`/api/cases/${caseId}/participants/gemeente-oov/remove`, { reason: 'Rol vervuld' })).status).toBe(200);
    expect(ids((await gem.get('/api/werkdag')).body.agreements)).not.toContain(a);
  });

  it('case numbers are unique per tenant and given to every new case', async () => {
    const { caseId: a } = await openCaseWith(pol, reg);
    const { caseId: b } = await openCaseWith(pol, reg);
    const list = await rows<{ id: string; n: string | null }>(env.database.db, sql`select id, case_number as n from cases where id in (${a}, ${b})`);
    const [na, nb] = [a, b].map((id) => list.find((r) => r.id === id)!.n);
    expect(na).toMatch(/^\d{4}-\d{4}$/);
    expect(nb).toMatch(/^\d{4}-\d{4}$/);
    expect(na).not.toBe(nb);
    expect(Number(nb!.slice(5))).toBe(Number(na!.slice(5)) + 1);
    const l = await reg.get('/api/cases');
    expect(l.body.find((c: { id: string }) => c.id === a)).toMatchObject({ caseNumber: na, avePhase: null, overdueAgreements: 0 });
  });
});

describe('cases that need attention (regisseur)', () => {
  it('no activity: day 30 is a signal, day 29 is not', async () => {
    expect(INACTIVE_DAYS).toBe(30);
    const { caseId: day30 } = await openCaseWith(pol, reg);
    const { caseId: day29 } = await openCaseWith(pol, reg);
    await lastActivityDaysAgo(day30, 30);
    await lastActivityDaysAgo(day29, 29);
    const w = await reg.get('/api/werkdag');
    expect(w.status).toBe(200);
    const hit = w.body.attention.find((c: { id: string }) => c.id === day30);
    expect(hit).toMatchObject({ reasons: ['inactive'], inactiveDays: 30, caseNumber: expect.any(String), subjectName: expect.any(String) });
    expect(ids(w.body.attention)).not.toContain(day29);
  });

  it('overdue agreements of any partner: due yesterday is a signal, due today is not', async () => {
    const { caseId: late } = await openCaseWith(pol, reg);
    const { caseId: onTime } = await openCaseWith(pol, reg);
    await addAgreement(late, 'gemeente-oov', 'Woning', addDays(today, -1));
    await addAgreement(onTime, 'gemeente-oov', 'Woning', today);
    const w = await reg.get('/api/werkdag');
    expect(w.body.attention.find((c: { id: string }) => c.id === late)).toMatchObject({ reasons: ['overdue'], overdueAgreements: 1, oldestDueDate: addDays(today, -1) });
    expect(ids(w.body.attention)).not.toContain(onTime);
  });

  it('AVE phase up: raised within 14 days is a signal (day 14 counts, day 15 not), lowered or first set is not', async () => {
    const phase = (caseId: string, p: number) => reg.post(`/api/cases/${caseId}/ave-phase`, { phase: p, reason: 'Inschatting' });
    const { caseId: up } = await openCaseWith(pol, reg);
    const { caseId: down } = await openCaseWith(pol, reg);
    const { caseId: first } = await openCaseWith(pol, reg);
    for (const [c, a, b] of [[up, 1, 3], [down, 3, 2]] as const) {
      expect((await phase(c, a)).status).toBe(200);
      expect((await phase(c, b)).status).toBe(200);
    }
    expect((await phase(first, 4)).status).toBe(200);
    // the event history is append-only: earlier raises are written as they would have been then
    const raisedDaysAgo = async (days: number) => {
      const { caseId } = await openCaseWith(pol, reg);
      await env.database.db.execute(sql`update cases set ave_phase = 2 where id = ${caseId}`);
      await env.database.db.execute(sql`insert into case_events (tenant_id, case_id, at, actor_name, actor_organisation, type, data)
        select tenant_id, id, ((${addDays(today, -days)}::date + time '09:00') at time zone 'Europe/Amsterdam'), 'Regisseur', 'zvh', 'ave_phase',
               ${JSON.stringify({ from: 1, to: 2, reason: 'Inschatting' })}::jsonb from cases where id = ${caseId}`);
      return caseId;
    };
    const day14 = await raisedDaysAgo(AVE_UP_DAYS);
    const day15 = await raisedDaysAgo(AVE_UP_DAYS + 1);
    const w = await reg.get('/api/werkdag');
    expect(w.body.attention.find((c: { id: string }) => c.id === up)).toMatchObject({ reasons: ['ave_up'], avePhase: 3, aveFrom: 1, aveRaisedOn: today });
    expect(w.body.attention.find((c: { id: string }) => c.id === day14)).toMatchObject({ reasons: ['ave_up'], avePhase: 2, aveFrom: 1, aveRaisedOn: addDays(today, -AVE_UP_DAYS) });
    for (const c of [down, first, day15]) expect(ids(w.body.attention)).not.toContain(c);
  });

  it('a regisseur sees the own and unassigned cases, the informatiemakelaar all; partners and the manager none', async () => {
    const { caseId } = await openCaseWith(pol, reg);
    await lastActivityDaysAgo(caseId, 40);
    await env.database.db.execute(sql`update cases set regisseur_id = (select id from users where email = 'manager@demo.zvh') where id = ${caseId}`);
    expect(ids((await reg.get('/api/werkdag')).body.attention)).not.toContain(caseId);
    expect(ids((await inf.get('/api/werkdag')).body.attention)).toContain(caseId);
    expect((await mgr.get('/api/werkdag')).status).toBe(403);
  });
});

describe('registrations waiting for triage', () => {
  it('lists every open registration, oldest first, late after 5 working days', async () => {
    const r1 = await register(pol, { subject: freshSubject() });
    const r2 = await register(pol, { subject: freshSubject() });
    await env.database.db.execute(sql`update registrations set registered_at = ${addDays(today, -21)}::date where id = ${r1}`);
    const w = await reg.get('/api/werkdag');
    const waiting = ids(w.body.waitingTriage);
    expect(waiting.indexOf(r1)).toBeGreaterThanOrEqual(0);
    expect(waiting.indexOf(r1)).toBeLessThan(waiting.indexOf(r2));
    expect(w.body.waitingTriage.find((r: { id: string }) => r.id === r1)).toMatchObject({ waitingWorkdays: 15, late: true, status: 'aangemeld' });
    expect(w.body.waitingTriage.find((r: { id: string }) => r.id === r2)).toMatchObject({ waitingWorkdays: 0, late: false });
    expect((await pol.get('/api/werkdag')).body.waitingTriage).toEqual([]);
  });
});

describe('sections from other modules', () => {
  it('renders what a registered provider returns for this user, and nothing once it is gone', async () => {
    registerDaySectionProvider('test.overleg', async (ctx, day) => [{
      key: 'test.overleg', title: 'Overleggen deze week', entries: [{
        id: 'm1', title: `Casusoverleg voor ${ctx.actor.organisationCode}`, when: `${day.date}T09:00:00+01:00`, place: 'Assen',
        items: [{ id: 'i1', title: 'Agendapunt', href: '/casussen/x' }],
      }],
    }]);
    try {
      const w = await pol.get('/api/werkdag');
      // the modules' own sections (casusoverleg, informatieknooppunt) come first; the test provider's after them
      expect(w.body.sections.filter((x: { key: string }) => x.key.startsWith('test.'))).toEqual([{ key: 'test.overleg', title: 'Overleggen deze week', entries: [{
        id: 'm1', title: 'Casusoverleg voor politie', when: `${today}T09:00:00+01:00`, place: 'Assen', items: [{ id: 'i1', title: 'Agendapunt', href: '/casussen/x' }],
      }] }]);
    } finally {
      unregisterDaySectionProvider('test.overleg');
    }
    expect((await pol.get('/api/werkdag')).body.sections.map((x: { key: string }) => x.key).filter((k: string) => k.startsWith('test.'))).toEqual([]);
  });
});

describe('processing log', () => {
  it('logs a read per case and registration shown, with the case purpose and view werkdag', async () => {
    const { caseId, personId, purpose } = await openCaseWith(pol, reg);
    await addAgreement(caseId, 'politie', 'Huisbezoek', addDays(today, -1));
    await pol.get('/api/werkdag');
    const log = await rows<{ purpose: string; subject: string; view: string; activity: string }>(env.database.db, sql`
      select purpose, data_subject_ref as subject, details->>'view' as view, activity from processing_log
       where case_id = ${caseId} and actor_email = 'politie@demo.zvh' and action = 'read' and details->>'view' = 'werkdag'`);
    expect(log).toEqual([{ purpose, subject: personId, view: 'werkdag', activity: 'monitoring' }]);
    const r = await register(pol, { subject: freshSubject() });
    await inf.get('/api/werkdag');
    const regLog = await rows(env.database.db, sql`select 1 from processing_log where registration_id = ${r} and actor_email = 'informatie@demo.zvh' and details->>'view' = 'werkdag'`);
    expect(regLog).toHaveLength(1);
  });
});
