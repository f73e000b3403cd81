// SPDX-License-Identifier: EUPL-1.2
// Who may call the beheer routes: the beheerder, nobody else (ZVH staff or partner professionals).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';

const UUID = '00000000-0000-4000-8000-000000000000';
// an organisation code names a real organisation (its SSO settings are read by code); other ids a missing UUID
const fill = (url: string) => url.replace(/:code\b/g, 'politie').replace(/:[A-Za-z0-9_]+/g, UUID);
const USERS: [string, string][] = [
  ['admin@demo.zvh', 'beheerder'], ['manager@demo.zvh', 'manager'], ['regisseur@demo.zvh', 'procesregisseur'],
  ['informatie@demo.zvh', 'informatiemakelaar'], ['politie@demo.zvh', 'professional (politie)'],
  ['ggz@demo.zvh', 'professional (ggz)'], ['gemeente@demo.zvh', 'professional (gemeente)'],
];

let env: TestEnv;
const clients = new Map<string, TestClient>();
beforeAll(async () => {
  env = await setupTestEnv();
  for (const [email] of USERS) clients.set(email, await env.as(email));
});
afterAll(async () => { await env?.close(); });

const adminRoutes = () => env.app.routeInventory.filter((r) => r.url.startsWith('/api/admin/'));

describe('beheer routes per role', () => {
  it('declare the beheerder role and nothing else', () => {
    expect(adminRoutes().length).toBeGreaterThanOrEqual(12);
    for (const r of adminRoutes()) expect(r.access, `${r.method} ${r.url}`).toEqual({ permission: 'admin.manage' });
  });

  for (const [email, role] of USERS) {
    it(`${role}: ${email === 'admin@demo.zvh' ? 'may call every beheer route' : 'is refused every beheer route with 403'}`, async () => {
      const c = clients.get(email)!;
      for (const r of adminRoutes()) {
        // writes carry an empty body: the beheerder's calls fail validation or find nothing, so no data changes
        const res = await c.req(r.method as 'GET', fill(r.url), r.method === 'GET' ? undefined : {});
        if (email === 'admin@demo.zvh') {
          if (r.method === 'GET') expect(res.status, `${r.method} ${r.url}`).toBe(200);
          else expect([400, 404, 422], `${r.method} ${r.url} -> ${res.status}`).toContain(res.status);
        } else {
          expect(res.status, `${role} ${r.method} ${r.url}`).toBe(403);
          expect(res.body.error.code).toBe('forbidden');
        }
      }
    });
  }

  it('every signed-in role reads the reference data', async () => {
    for (const [email] of USERS) expect((await clients.get(email)!.get('/api/reference')).status, email).toBe(200);
    expect((await env.anon.get('/api/reference')).status).toBe(401);
  });

  it('nobody without a session reaches a beheer route', async () => {
    for (const r of adminRoutes()) {
      expect((await env.anon.req(r.method as 'GET', fill(r.url), r.method === 'GET' ? undefined : {})).status).toBe(401);
    }
  });
});
