// SPDX-License-Identifier: EUPL-1.2
// The casusoverleg sections of the working day: today's meeting with only the items the user may
// see (others counted as besloten, without detail), and the minutes a regisseur has to approve.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@zvh/shared';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { freshSubject, openCaseWith } from '../../test/fixtures.js';
import { rows, sql } from '../../core/db/index.js';
import { amsterdamDate, amsterdamIso } from './service.js';

let env: TestEnv;
let reg: TestClient, pol: TestClient, ggz: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  [reg, pol, ggz] = await Promise.all(['regisseur', 'politie', 'ggz'].map((u) => env.as(`${u}@demo.zvh`)));
});
afterAll(async () => { await env?.close(); });

type Section = { key: string; entries: { id: string; items: { title: string; detail?: string; href?: string }[]; status?: string }[] };
const section = (body: { sections: Section[] }, key: string) => body.sections.find((s) => s.key === key);

describe('working day: meetings', () => {
  const today = amsterdamDate(new Date());
  let meetingId: string, polCase: string, ggzCase: string;
  beforeAll(async () => {
    polCase = (await openCaseWith(reg, reg, { subject: freshSubject(), participants: ['politie'] })).caseId;
    ggzCase = (await openCaseWith(reg, reg, { subject: freshSubject(), participants: ['ggz-drenthe'] })).caseId;
    const m = await reg.post('/api/meetings', { type: 'casusoverleg', startsAt: amsterdamIso(today, '23:00'), location: 'ZVH Drenthe' });
    expect(m.status, m.text).toBe(201);
    meetingId = m.body.id;
    for (const [caseId, question] of [[polCase, 'Vraag-politie-werkdag'], [ggzCase, 'Vraag-ggz-werkdag']]) {
      const r = await reg.post(`/api/meetings/${meetingId}/agenda`, { caseId, question });
      expect(r.status, r.text).toBe(201);
    }
  });

  it('shows today\'s meeting to the police with its own item only; the other is counted as besloten', async () => {
    const r = await pol.get('/api/werkdag');
    expect(r.status, r.text).toBe(200);
    const entry = section(r.body, 'casusoverleg.today')?.entries.find((e) => e.id === meetingId);
    expect(entry).toBeDefined();
    expect(entry!.items.map((i) => i.detail).filter(Boolean)).toEqual(['Vraag-politie-werkdag']);
    expect(entry!.items.some((i) => i.title === '1 besloten agendapunt(en)')).toBe(true);
    expect(r.text).not.toContain('Vraag-ggz-werkdag');
    expect(r.text).not.toContain(ggzCase);
    const logged = await rows(env.database.db, sql`select 1 from processing_log where case_id = ${polCase} and actor_email = 'politie@demo.zvh' and details->>'view' = 'werkdag'`);
    expect(logged.length).toBeGreaterThan(0);
  });

  it('shows the regisseur both items, and ggz only its own', async () => {
    const r = await reg.get('/api/werkdag');
    const entry = section(r.body, 'casusoverleg.today')?.entries.find((e) => e.id === meetingId);
    expect(entry!.items.map((i) => i.detail).sort()).toEqual(['Vraag-ggz-werkdag', 'Vraag-politie-werkdag']);
    const g = await ggz.get('/api/werkdag');
    expect(g.text).toContain('Vraag-ggz-werkdag');
    expect(g.text).not.toContain('Vraag-politie-werkdag');
  });

  it('lists a past meeting without approved minutes under the minutes to approve, for the regisseur only', async () => {
    const past = addDays(today, -10); // always more than 3 working days ago
    const m = await reg.post('/api/meetings', { type: 'casusoverleg', startsAt: amsterdamIso(past, '10:00') });
    expect(m.status, m.text).toBe(201);
    expect((await reg.post(`/api/meetings/${m.body.id}/agenda`, { caseId: polCase, question: 'Terugblik' })).status).toBe(201);
    const r = await reg.get('/api/werkdag');
    const entry = section(r.body, 'casusoverleg.minutes')?.entries.find((e) => e.id === m.body.id);
    expect(entry).toBeDefined();
    expect(entry!.status).toMatch(/te laat/);
    const p = await pol.get('/api/werkdag');
    expect(section(p.body, 'casusoverleg.minutes')).toBeUndefined();
  });
});
