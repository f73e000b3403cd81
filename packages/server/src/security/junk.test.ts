// SPDX-License-Identifier: EUPL-1.2
// Attack 3: junk for every operation of the OpenAPI document, sent by a user the route lets
// through (so the junk reaches validation and the handler, not only the access check): junk JSON,
// bodies over the limit, each property of a valid body replaced by a value of the wrong type,
// wrong content types, and junk in every path and query parameter. Never a 5xx, never a change
// (a digest of every table, attack-kit fingerprintAll), and the server keeps answering: in
// process and on a real listening server (the ndjson crash of issue 8 came after the answer).
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestClient, TestEnv } from '../test/harness.js';
import { ACTORS, apiDocument, fingerprintAll, operations, someoneAllowed, urlOf, validBody } from './attack-kit.js';
import type { Operation } from './attack-kit.js';

const JUNK_JSON = ['{', '[]', 'null', '{"a":', '"tekst"', '12', 'true', '\u0000', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}',
  JSON.stringify({ id: "' OR 1=1 --", email: '<script>alert(1)</script>', name: { $gt: '' }, roles: 'beheerder' }),
  `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`];
const WRONG_TYPES = ['application/x-ndjson', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=zvh', 'application/xml', 'application/json-patch+json'];
const JUNK_PARAMS = ['%00', "'%20OR%201=1%20--", '..%2F..%2Fetc%2Fpasswd', 'x'.repeat(5000), '-1', '99999999999999999999', '%F0%9F%92%A3', '%E0%A4%A'];
const JUNK_QUERY = ['\u0000', "' OR 1=1 --", 'x'.repeat(5000), '-1', '99999999999999999999', '2025-02-30'];

/** A value of another type than the schema wants, that no coercion turns into a valid one. */
function wrongValue(s: Record<string, any>): unknown {
  const type = Array.isArray(s.type) ? s.type.find((t: string) => t !== 'null') : s.type;
  if (s.enum || s.anyOf || s.const !== undefined) return 'bestaat-niet-' + 'x'.repeat(3);
  switch (type) {
    case 'string': return s.format ? 'geen-' + String(s.format) : { waarde: 'x' };
    case 'integer': case 'number': return 'veel';
    case 'boolean': return 'misschien';
    case 'array': return { geen: 'lijst' };
    case 'object': return 'geen object';
    default: return { onbekend: true };
  }
}

let env: TestEnv;
let ops: Operation[];
const clients = new Map<string, TestClient>();
const clientFor = (op: Operation): TestClient => {
  const email = someoneAllowed(op);
  return email ? clients.get(email)! : env.anon;
};
const problems: string[] = [];
const check = (label: string, status: number) => {
  if (status >= 500 || status < 400) problems.push(`${label}: ${status}`);
};

beforeAll(async () => {
  env = await setupTestEnv();
  ops = (await operations(env.app)).filter((o) => o.path !== '/api/auth/logout');
  for (const a of ACTORS) clients.set(a.email, await env.as(a.email));
});
afterAll(async () => { await env?.close(); });

describe('junk bodies', () => {
  it('answers 4xx to junk JSON, oversized and wrongly typed bodies on every route with a body, and changes nothing', async () => {
    const doc = await apiDocument();
    const withBody = ops.filter((o) => o.body);
    expect(withBody.length).toBeGreaterThan(50);
    problems.length = 0;
    const before = await fingerprintAll(env.database.db);
    for (const op of withBody) {
      const c = clientFor(op);
      const url = urlOf(op);
      const anyOptional = !(op.body!.required ?? []).length;
      for (const body of JUNK_JSON) {
        // an object of unknown properties is an empty object to a route whose properties are all optional
        if (anyOptional && body.startsWith('{"')) continue;
        const r = await c.req(op.method, url, body, { 'content-type': 'application/json' });
        check(`${op.key} junk ${body.slice(0, 16)}`, r.status);
        if (r.status >= 400) expect(r.body?.error?.code, op.key).toEqual(expect.any(String));
      }
      const big = await c.req(op.method, url, JSON.stringify({ x: 'x'.repeat(2 * 1024 * 1024 + 10) }));
      check(`${op.key} oversized`, big.status);
      const valid = (await validBody(op)) as Record<string, unknown>;
      const props = Object.entries((op.body!.properties ?? {}) as Record<string, Record<string, any>>);
      for (const [name, schema] of props) {
        const resolved = schema.$ref ? doc.components?.schemas?.[String(schema.$ref).split('/').pop()!] ?? {} : schema;
        const r = await c.req(op.method, url, { ...valid, [name]: wrongValue(resolved) });
        check(`${op.key} ${name} of the wrong type`, r.status);
      }
      if (op.body!.type === 'object') {
        const arr = await c.req(op.method, url, [valid]);
        check(`${op.key} an array for an object`, arr.status);
      }
    }
    expect(problems).toEqual([]);
    expect(await fingerprintAll(env.database.db)).toEqual(before);
    expect((await env.anon.get('/api/health')).status).toBe(200);
  }, 300_000);

  it('answers 4xx to every wrong content type on every state-changing route, and changes nothing', async () => {
    const before = await fingerprintAll(env.database.db);
    problems.length = 0;
    for (const op of ops.filter((o) => o.method !== 'GET')) {
      const c = clientFor(op);
      for (const ct of WRONG_TYPES) {
        if (op.bodyTypes.includes(ct)) continue; // the import takes ndjson
        const r = await c.req(op.method, urlOf(op), '{"a":1}', { 'content-type': ct });
        check(`${op.key} ${ct}`, r.status);
      }
    }
    expect(problems).toEqual([]);
    expect(await fingerprintAll(env.database.db)).toEqual(before);
  }, 120_000);
});

describe('junk parameters', () => {
  it('answers 4xx to junk in every path parameter and never 5xx to junk in a query, and changes nothing', async () => {
    const before = await fingerprintAll(env.database.db);
    problems.length = 0;
    let probes = 0;
    for (const op of ops) {
      const c = clientFor(op);
      const body = await validBody(op);
      for (const p of op.pathParams) {
        for (const junk of JUNK_PARAMS) {
          // the junk goes in as written (already percent-encoded where it needs to be)
          const r = await c.req(op.method, urlOf(op, { [p.name]: 'JUNKHERE' }).replace('JUNKHERE', junk), body);
          probes++;
          check(`${op.key} path ${p.name}=${junk.slice(0, 16)}`, r.status);
        }
      }
      for (const q of op.queryParams) {
        for (const junk of [...JUNK_QUERY, ['a', 'b']]) {
          const r = await c.req(op.method, urlOf(op, {}, { [q.name]: junk }), body);
          probes++;
          // a query value of the wrong shape is 400; a harmless one may be answered normally
          if (r.status >= 500) problems.push(`${op.key} query ${q.name}=${String(junk).slice(0, 16)}: ${r.status}`);
        }
      }
    }
    expect(probes).toBeGreaterThan(500);
    expect(problems).toEqual([]);
    expect(await fingerprintAll(env.database.db)).toEqual(before);
  }, 300_000);
});

describe('on a real listening server', () => {
  it('keeps answering after junk, wrong content types and aborted bodies on every route with a body', async () => {
    const { buildApp } = await import('../app.js');
    const app = await buildApp(env.config, env.database);
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const cookies = new Map<string, string>();
      for (const a of ACTORS) {
        const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: a.email, password: 'demo-wachtwoord' }) });
        cookies.set(a.email, String(login.headers.get('set-cookie')).split(';')[0]!);
      }
      problems.length = 0;
      for (const op of ops.filter((o) => o.method !== 'GET')) {
        const who = someoneAllowed(op);
        const headers = (ct: string): Record<string, string> => ({ 'content-type': ct, ...(who ? { cookie: cookies.get(who)! } : {}) });
        for (const [ct, body] of [['application/x-ndjson', '{"counts":{}}\n{"x":1}\n'], ['text/plain', 'x'], ['application/json', '{'], ['multipart/form-data; boundary=zvh', '--zvh\r\n']] as const) {
          if (op.bodyTypes.includes(ct) && ct !== 'application/json') continue;
          if (ct === 'application/json' && !op.body) continue;
          const res = await fetch(`${base}${urlOf(op)}`, { method: op.method, headers: headers(ct), body });
          await res.text();
          check(`${op.key} ${ct} over http`, res.status);
        }
        // an unknown property on a route that forbids them is stripped or refused, never a crash (issue 8)
        if (op.body) {
          const res = await fetch(`${base}${urlOf(op)}`, { method: op.method, headers: headers('application/json'), body: '{"onbekend":1}' });
          await res.text();
          if (res.status >= 500) problems.push(`${op.key} unknown property over http: ${res.status}`);
        }
      }
      // a body that stops half-way (the client goes away)
      const { request } = await import('node:http');
      await new Promise<void>((resolve) => {
        const req = request(`${base}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '1000', cookie: cookies.get(ACTORS[0]!.email)! } });
        req.on('error', () => resolve());
        req.write('{"a":');
        setTimeout(() => { req.destroy(); resolve(); }, 50);
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(problems).toEqual([]);
      expect((await fetch(`${base}/api/health`)).status).toBe(200);
    } finally {
      await app.close();
    }
  }, 120_000);
});
