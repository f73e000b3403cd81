// SPDX-License-Identifier: EUPL-1.2
// Request bodies are JSON; only the caseload import takes application/x-ndjson. Every other
// content type on every route answers 4xx (415 for a body type the route does not take) and never
// stops the server. Issue 8, defect 1: an ndjson body on a route with `additionalProperties: false`
// answered 400 and then the process died of an async stream error after the answer.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestClient, TestEnv } from '../test/harness.js';

const UUID = '00000000-0000-4000-8000-000000000000';
const fill = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, UUID).replace(/\*/g, 'x');
const WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const WRONG_TYPES = [
  'application/x-ndjson',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=zvh',
  'application/xml',
];
const BODY = '{"counts":{}}';

let env: TestEnv;
let clients: Record<string, TestClient>;
beforeAll(async () => {
  env = await setupTestEnv();
  clients = { manager: await env.as('manager@demo.zvh'), beheerder: await env.as('admin@demo.zvh') };
});
afterAll(async () => { await env?.close(); });

describe('wrong content types on every route', () => {
  it('answers 4xx (never 5xx) on every route with a body, for manager and beheerder, and keeps answering', async () => {
    const routes = env.app.routeInventory.filter((r) => WITH_BODY.has(r.method));
    expect(routes.length).toBeGreaterThan(20);
    const problems: string[] = [];
    let sent = 0;
    for (const [who, c] of Object.entries(clients)) {
      for (const r of routes) {
        for (const ct of WRONG_TYPES) {
          // ndjson is the import's own type (a line without fields is rejected by line, 200)
          if (r.url === '/api/import/cases' && ct === 'application/x-ndjson') { sent++; continue; }
          const res = await c.req(r.method as 'POST', fill(r.url), BODY, { 'content-type': ct });
          sent++;
          if (res.status < 400 || res.status >= 500) problems.push(`${r.method} ${r.url} (${ct}) as ${who}: ${res.status} ${res.text.slice(0, 100)}`);
          // a body type the route does not take is 415 with the error model, wherever the caller may go
          if (res.status === 415) expect(res.body?.error?.code).toBe('unsupported_media_type');
          // ndjson is refused everywhere except on the import
          if (ct === 'application/x-ndjson' && r.url !== '/api/import/cases' && ![401, 403, 404].includes(res.status)) {
            if (res.status !== 415) problems.push(`${r.method} ${r.url} (ndjson) as ${who}: ${res.status}, not 415`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(sent).toBe(2 * routes.length * WRONG_TYPES.length);
    // a pause for any stream error that would surface after the answers
    await new Promise((r) => setTimeout(r, 200));
    expect((await env.anon.get('/api/health')).status).toBe(200);
  });

  it('answers 415 to ndjson on a route whose schema forbids additional properties (capacity plan, organisations)', async () => {
    for (const url of ['/api/capacity/plan', '/api/admin/organisations']) {
      const res = await clients.beheerder!.post(url, BODY, { 'content-type': 'application/x-ndjson' });
      const res2 = await clients.manager!.post(url, BODY, { 'content-type': 'application/x-ndjson' });
      expect([res.status, res2.status]).toContain(415);
      expect([res.status, res2.status].every((s) => s === 415 || s === 403)).toBe(true);
    }
  });

  it('still takes JSON with a charset, and ndjson on the import', async () => {
    const ok = await clients.manager!.post('/api/capacity/plan', { counts: { procesregie: 1 } }, { 'content-type': 'application/json; charset=utf-8' });
    expect(ok.status).not.toBe(415);
    const imp = await clients.manager!.post('/api/import/cases?dryRun=true', '', { 'content-type': 'application/x-ndjson' });
    expect(imp.status).toBe(200);
    expect(imp.body.lines).toBe(0);
  });
});

describe('on a real listening server', () => {
  it('survives ndjson and other wrong types on a route with additionalProperties: false', async () => {
    const { buildApp } = await import('../app.js');
    const app = await buildApp(env.config, env.database);
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@demo.zvh', password: 'demo-wachtwoord' }),
      });
      expect(login.status).toBe(200);
      const cookie = String(login.headers.get('set-cookie')).split(';')[0]!;
      for (const url of ['/api/capacity/plan', '/api/admin/organisations', '/api/admin/users']) {
        for (const ct of WRONG_TYPES) {
          const res = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': ct, cookie }, body: BODY });
          await res.text();
          expect(res.status, `${url} ${ct}`).toBeGreaterThanOrEqual(400);
          expect(res.status, `${url} ${ct}`).toBeLessThan(500);
        }
      }
      // the crash came asynchronously, after the answer
      await new Promise((r) => setTimeout(r, 300));
      const health = await fetch(`${base}/api/health`);
      expect(health.status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
