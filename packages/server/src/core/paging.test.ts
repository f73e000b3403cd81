// SPDX-License-Identifier: EUPL-1.2
// Keyset paging of the lists (core/paging): the pages together are the whole list, in order,
// each row once, also when rows tie on the sort key; X-Total-Count counts every match; the last
// page has no Link; a bad cursor or limit is a 400; each listed row is logged once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestClient, TestEnv } from '../test/harness.js';
import { freshSubject, openCaseWith, register } from '../test/fixtures.js';
import { one, sql } from './db/index.js';
import { PAGE_DEFAULT } from './paging.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg] = await Promise.all(['politie', 'regisseur'].map((u) => env.as(`${u}@demo.zvh`)));
});
afterAll(async () => { await env?.close(); });

/** Follows Link rel="next" from `first`; returns every page. */
async function walk(client: TestClient, first: string) {
  const pages: { ids: string[]; total: number; link: string | undefined }[] = [];
  let url: string | undefined = first;
  while (url) {
    const r = await client.get(url);
    expect(r.status, r.text).toBe(200);
    expect(Array.isArray(r.body)).toBe(true);
    const link = r.headers.link as string | undefined;
    pages.push({ ids: (r.body as { id: string }[]).map((x) => x.id), total: Number(r.headers['x-total-count']), link });
    url = link ? /^<([^>]+)>; rel="next"$/.exec(link)![1] : undefined;
    expect(pages.length).toBeLessThan(500);
  }
  return pages;
}

describe('keyset paging', () => {
  it('cases: pages of 2 together are the whole list in order, open before closed, ties on the sort key included, each once', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) made.push((await openCaseWith(pol, reg)).caseId);
    // three cases with exactly the same last activity: only the id breaks the tie
    await env.database.db.execute(sql`update cases set last_activity_at = '2026-11-30T10:00:00.123456Z'
      where id in (${made[0]}, ${made[1]}, ${made[2]})`);
    // and three closed ones, so that pages cross from the open part into the closed part and go on there
    await env.database.db.execute(sql`update cases set status = 'afgesloten', closed_at = current_date
      where id in (${made[2]}, ${made[3]}, ${made[4]})`);
    const all = await reg.get('/api/cases?limit=200');
    expect(all.status).toBe(200);
    const total = Number(all.headers['x-total-count']);
    expect(total).toBeGreaterThanOrEqual(5);
    const everything = (all.body as { id: string }[]).map((c) => c.id);
    const closedFlags = (all.body as { status: string }[]).map((c) => c.status === 'afgesloten');
    expect([...closedFlags].sort()).toEqual(closedFlags);
    if (total <= 200) expect(everything).toHaveLength(total);
    const pages = await walk(reg, '/api/cases?limit=2');
    const ids = pages.flatMap((p) => p.ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(total);
    expect(ids.slice(0, everything.length)).toEqual(everything);
    for (const id of made) expect(ids).toContain(id);
    for (const p of pages) expect(p.total).toBe(total);
    expect(pages.slice(0, -1).every((p) => p.ids.length === 2 && p.link)).toBe(true);
    expect(pages.at(-1)!.link).toBeUndefined();
  });

  it('keeps the other query parameters in the next link and the default page is 50', async () => {
    const r = await reg.get('/api/cases?status=procesregie_lopend&limit=1');
    expect(r.status).toBe(200);
    expect(r.headers.link).toMatch(/^<\/api\/cases\?status=procesregie_lopend&limit=1&after=[A-Za-z0-9_-]+>; rel="next"$/);
    const d = await reg.get('/api/cases');
    expect((d.body as unknown[]).length).toBe(Math.min(PAGE_DEFAULT, Number(d.headers['x-total-count'])));
  });

  it('registrations (triage list): the pages are the whole list, urgency first, each once', async () => {
    for (const urgency of ['acuut', 'normaal', 'hoog']) await register(pol, { subject: freshSubject(), urgency });
    const all = await reg.get('/api/registrations?status=aangemeld,in_triage&limit=200');
    const total = Number(all.headers['x-total-count']);
    const pages = await walk(reg, '/api/registrations?status=aangemeld,in_triage&limit=2');
    const ids = pages.flatMap((p) => p.ids);
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    if (total <= 200) expect(ids).toEqual((all.body as { id: string }[]).map((x) => x.id));
    const urgencies = (all.body as { urgency: string }[]).map((x) => ({ acuut: 0, hoog: 1 }[x.urgency] ?? 2));
    expect([...urgencies].sort((a, b) => a - b)).toEqual(urgencies);
  });

  it('person search: pages of 1 by name, with the total of all matches', async () => {
    const family = `Paginering${Math.floor(Math.random() * 1e6)}`;
    for (const first of ['Anna', 'Bert', 'Cor']) await register(pol, { subject: freshSubject({ firstName: first, lastName: family }) });
    const pages = await walk(reg, `/api/persons?q=${family}&limit=1`);
    expect(pages.map((p) => p.ids.length)).toEqual([1, 1, 1]);
    expect(pages.every((p) => p.total === 3)).toBe(true);
  });

  it('a bad cursor or limit is a 400 and lists nothing', async () => {
    const before = await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from processing_log where details->>'view' = 'list'`);
    for (const q of ['after=bm90LWpzb24', 'after=WzEsMiwzXQ', 'after=a%2Fb', 'limit=0', 'limit=201', 'limit=x']) {
      const r = await reg.get(`/api/cases?${q}`);
      expect(r.status, q).toBe(400);
    }
    const after = await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from processing_log where details->>'view' = 'list'`);
    expect(after!.n).toBe(before!.n);
  });

  it('logs each listed row of a page once, in one statement', async () => {
    const before = await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from processing_log where details->>'view' = 'list' and activity = 'procesregie'`);
    const r = await reg.get('/api/cases?limit=3');
    const after = await one<{ n: number }>(env.database.db, sql`select count(*)::int as n from processing_log where details->>'view' = 'list' and activity = 'procesregie'`);
    expect(after!.n - before!.n).toBe((r.body as unknown[]).length);
  });
});
