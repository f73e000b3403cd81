// SPDX-License-Identifier: EUPL-1.2
// Attack 1: every operation of the OpenAPI document called without a session. Only the routes the
// contract names public ("Access and CSRF": health, ready, the document, the API docs, sign-in
// under /api/auth/ — password, passkey and single sign-on start/callback/organisations —, and secret-token feeds) may answer anything but 401; a token feed answers 404
// to a wrong token. A route added later is in the document, so it is attacked too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestEnv } from '../test/harness.js';
import { fingerprintAll, operations, undocumentedRoutes, urlOf, validBody } from './attack-kit.js';
import type { Operation } from './attack-kit.js';

/** The contract's public routes (api-contract.md, "Access and CSRF"). */
const CONTRACT_PUBLIC = (op: Operation) => /^\/api\/(health|ready|openapi\.json)$/.test(op.path)
  || op.path.startsWith('/api/docs') || op.path.startsWith('/api/auth/')
  || op.pathParams.some((p) => p.name === 'token');

let env: TestEnv;
let ops: Operation[];
beforeAll(async () => {
  env = await setupTestEnv();
  ops = await operations(env.app);
});
afterAll(async () => { await env?.close(); });

describe('anonymous callers', () => {
  it('find every /api route of the app in the OpenAPI document', async () => {
    expect(ops.length).toBeGreaterThan(100);
    expect(await undocumentedRoutes(env.app)).toEqual([]);
  });

  it('get 401 on every route but the public ones, with a valid body and a query, and change nothing', async () => {
    const before = await fingerprintAll(env.database.db);
    const wrong: string[] = [];
    for (const op of ops) {
      const query = Object.fromEntries(op.queryParams.map((p) => [p.name, 'x']));
      const res = await env.anon.req(op.method, urlOf(op, {}, query), await validBody(op));
      if (res.status >= 500) wrong.push(`${op.key}: ${res.status}`);
      else if (!CONTRACT_PUBLIC(op) && res.status !== 401) wrong.push(`${op.key}: ${res.status}, not 401`);
      else if (res.status === 401) expect(res.body?.error?.code, op.key).toEqual(expect.any(String));
      // a route the contract leaves public must also be declared public (no accidental session check)
      if (CONTRACT_PUBLIC(op) && !(op.access && 'public' in op.access)) wrong.push(`${op.key}: public in the contract, not declared public`);
      if (!CONTRACT_PUBLIC(op) && op.access && 'public' in op.access) wrong.push(`${op.key}: declared public, not public in the contract`);
    }
    expect(wrong).toEqual([]);
    expect(await fingerprintAll(env.database.db)).toEqual(before);
  }, 180_000);

  it('get 404 on a secret-token feed with a wrong token', async () => {
    const feeds = ops.filter((op) => op.pathParams.some((p) => p.name === 'token'));
    expect(feeds.length).toBeGreaterThan(0);
    for (const op of feeds) {
      for (const token of ['x', 'a'.repeat(64), '../../etc/passwd', "' or 1=1 --"]) {
        const res = await env.anon.req(op.method, urlOf(op, { token }));
        expect(res.status, `${op.key} ${token}`).toBe(404);
      }
    }
  });

  it('get 401 with a forged, expired-looking or empty session cookie', async () => {
    const guarded = ops.filter((op) => !CONTRACT_PUBLIC(op) && op.method === 'GET');
    for (const cookie of ['zvh_session=', 'zvh_session=forged', `zvh_session=${'A'.repeat(43)}.${'B'.repeat(43)}`, 'zvh_session=%00']) {
      for (const op of guarded) {
        const res = await env.app.inject({ method: op.method, url: urlOf(op), headers: { cookie } });
        expect(res.statusCode, `${op.key} ${cookie}`).toBe(401);
      }
    }
  }, 180_000);
});
