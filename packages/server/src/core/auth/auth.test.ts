// SPDX-License-Identifier: EUPL-1.2
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestEnv } from '../../test/harness.js';

let env: TestEnv;
beforeAll(async () => { env = await setupTestEnv(); });
afterAll(async () => { await env?.close(); });

describe('sign-in', () => {
  it('signs a demo user in and tells who they are', async () => {
    const c = await env.as('regisseur@demo.zvh');
    const me = await c.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: 'regisseur@demo.zvh', roles: ['procesregisseur'], organisation: { code: 'zvh', kind: 'zvh' } });
  });
  it('refuses a wrong password with 401', async () => {
    const r = await env.anon.post('/api/auth/login', { email: 'regisseur@demo.zvh', password: 'fout' });
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('invalid_credentials');
  });
  it('ends the session server-side on sign-out', async () => {
    const c = await env.as('manager@demo.zvh');
    expect((await c.get('/api/reference')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/reference')).status).toBe(401);
  });
});
