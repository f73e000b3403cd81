// SPDX-License-Identifier: EUPL-1.2
// The HTTP engine: every route has an access rule, anonymous callers get 401, CSRF defence,
// JSON-only bodies, the error model and the security headers.
import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestClient, TestEnv } from '../test/harness.js';
import { implicitAccess, registerAccess, registerErrorHandling, sameOrigin } from './http.js';
import type { AccessRule } from './http.js';

const UUID = '00000000-0000-4000-8000-000000000000';
/** A concrete URL for a route pattern: every parameter a UUID, a wildcard a plain word. */
const fill = (url: string) => url.replace(/:[A-Za-z0-9_]+/g, UUID).replace(/\*/g, 'x');
const isPublic = (rule: AccessRule | undefined) => rule !== undefined && 'public' in rule;

let env: TestEnv;
let admin: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  admin = await env.as('admin@demo.zvh');
});
afterAll(async () => { await env?.close(); });

describe('route inventory', () => {
  it('lists the routes of the app', () => {
    const urls = env.app.routeInventory.map((r) => `${r.method} ${r.url}`);
    expect(urls).toContain('GET /api/health');
    expect(urls).toContain('POST /api/auth/login');
    expect(urls).toContain('GET /api/admin/users');
  });

  it('gives every route an access rule; only the API docs and static web files go without', () => {
    const missing = env.app.routeInventory
      .filter((r) => !r.access)
      .filter((r) => !implicitAccess(r.method, r.url))
      .map((r) => `${r.method} ${r.url}`);
    expect(missing, `routes without config.access: ${missing.join(', ')}`).toEqual([]);
    // nothing under /api except the swagger-ui pages relies on the implicit rule
    const implicitApi = env.app.routeInventory
      .filter((r) => !r.access && r.url.startsWith('/api') && !r.url.startsWith('/api/docs'))
      .map((r) => `${r.method} ${r.url}`);
    expect(implicitApi).toEqual([]);
  });

  it('keeps the implicit rule to reading the docs and static files', () => {
    expect(implicitAccess('GET', '/api/docs')).toEqual({ public: true });
    expect(implicitAccess('GET', '/api/docs/static/*')).toEqual({ public: true });
    expect(implicitAccess('GET', '/assets/index-abc.js')).toEqual({ public: true });
    expect(implicitAccess('GET', '/api/cases/:id')).toBeUndefined();
    expect(implicitAccess('GET', '/api')).toBeUndefined();
    expect(implicitAccess('GET', '/apix')).toEqual({ public: true });
    expect(implicitAccess('POST', '/api/docs')).toBeUndefined();
    expect(implicitAccess('POST', '/upload')).toBeUndefined();
  });

  it('refuses at run time a route registered without a rule', async () => {
    const app = Fastify();
    await app.register(cookie);
    registerAccess(app, env.database.db, env.config);
    registerErrorHandling(app);
    app.get('/api/vergeten', async () => ({ secret: true }));
    app.get('/api/open', { config: { access: { public: true } } }, async () => ({ ok: true }));
    const r = await app.inject({ method: 'GET', url: '/api/vergeten' });
    expect(r.statusCode).toBe(403);
    expect(JSON.parse(r.body).error.code).toBe('no_access_rule');
    expect((await app.inject({ method: 'GET', url: '/api/open' })).statusCode).toBe(200);
    await app.close();
  });

  it('still serves the API docs (swagger-ui)', async () => {
    const r = await env.anon.get('/api/docs');
    expect([200, 301, 302, 303, 307, 308]).toContain(r.status);
    const json = await env.anon.get('/api/docs/json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toMatch(/^3\./);
    const spec = await env.anon.get('/api/openapi.json');
    expect(spec.status).toBe(200);
    expect(spec.body.openapi).toBe('3.1.0');
  });

  it('answers 401 to anonymous callers on every non-public /api route', async () => {
    const wrong: string[] = [];
    let probed = 0;
    for (const r of env.app.routeInventory) {
      if (!r.url.startsWith('/api/') || isPublic(r.access) || r.url.startsWith('/api/docs')) continue;
      const res = await env.anon.req(r.method as 'GET', fill(r.url), r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      probed++;
      if (res.status !== 401) wrong.push(`${r.method} ${r.url} -> ${res.status}`);
      else expect(res.body.error.code).toBe('unauthorized');
    }
    expect(probed).toBeGreaterThan(5);
    expect(wrong).toEqual([]);
  });

  it('answers 404 to a wrong token on public secret-token routes', async () => {
    for (const r of env.app.routeInventory) {
      if (!r.url.startsWith('/api/') || !isPublic(r.access) || !/:[A-Za-z]*token/i.test(r.url) || r.method !== 'GET') continue;
      const res = await env.anon.get(fill(r.url));
      expect([403, 404], `${r.method} ${r.url}`).toContain(res.status);
    }
  });
});

describe('CSRF', () => {
  const login = { email: 'regisseur@demo.zvh', password: 'demo-wachtwoord' };
  it('refuses a state-changing request from a foreign Origin with 403', async () => {
    for (const origin of ['https://evil.example', 'http://localhost.evil.example', 'null', 'junk']) {
      const r = await env.anon.post('/api/auth/login', login, { origin });
      expect(r.status, origin).toBe(403);
      expect(r.body.error.code).toBe('foreign_origin');
    }
    const c = await env.as('regisseur@demo.zvh');
    const out = await c.post('/api/auth/logout', undefined, { origin: 'https://evil.example' });
    expect(out.status).toBe(403);
    expect((await c.get('/api/auth/me')).status).toBe(200); // still signed in
  });
  it('accepts a same-origin Origin and no Origin at all', async () => {
    // app.inject sends Host: localhost:80
    expect((await env.anon.post('/api/auth/login', login, { origin: 'http://localhost' })).status).toBe(200);
    expect((await env.anon.post('/api/auth/login', login, { origin: 'http://localhost:80' })).status).toBe(200);
    expect((await env.anon.post('/api/auth/login', login, { origin: 'http://zvh.example.nl:3000', host: 'zvh.example.nl:3000' })).status).toBe(200);
    expect((await env.anon.post('/api/auth/login', login)).status).toBe(200);
  });
  it('leaves safe methods alone', async () => {
    const r = await env.anon.req('GET', '/api/health', undefined, { origin: 'https://evil.example' });
    expect(r.status).toBe(200);
  });
  it('compares hosts with default ports and PUBLIC_URL in mind', () => {
    expect(sameOrigin('https://zvh.example.nl', 'zvh.example.nl:443', undefined, 'https')).toBe(true);
    expect(sameOrigin('https://zvh.example.nl', 'zvh.example.nl', undefined, 'https')).toBe(true);
    expect(sameOrigin('https://zvh.example.nl:8443', 'zvh.example.nl', undefined, 'https')).toBe(false);
    expect(sameOrigin('https://zvh.example.nl', 'internal:3000', 'https://zvh.example.nl')).toBe(true);
    expect(sameOrigin('https://other.example', 'internal:3000', 'https://zvh.example.nl')).toBe(false);
    expect(sameOrigin('https://zvh.example.nl', undefined, undefined)).toBe(false);
    expect(sameOrigin('null', 'zvh.example.nl', undefined)).toBe(false);
  });
  it('takes the scheme into account (issue 8): http://host and https://host are different origins', () => {
    // without PUBLIC_URL: the request's own scheme
    expect(sameOrigin('https://zvh.example.nl', 'zvh.example.nl', undefined, 'http')).toBe(false);
    expect(sameOrigin('http://zvh.example.nl', 'zvh.example.nl', undefined, 'https')).toBe(false);
    expect(sameOrigin('http://zvh.example.nl', 'zvh.example.nl', undefined, 'http')).toBe(true);
    expect(sameOrigin('http://zvh.example.nl', 'zvh.example.nl', undefined)).toBe(true);
    // with PUBLIC_URL: exactly its origin, scheme and port included
    expect(sameOrigin('http://zvh.example.nl', 'zvh.example.nl', 'https://zvh.example.nl')).toBe(false);
    expect(sameOrigin('http://zvh.example.nl', 'zvh.example.nl', 'https://zvh.example.nl', 'http')).toBe(false);
    expect(sameOrigin('https://zvh.example.nl:8443', 'zvh.example.nl', 'https://zvh.example.nl')).toBe(false);
    expect(sameOrigin('https://zvh.example.nl:443', 'zvh.example.nl', 'https://zvh.example.nl')).toBe(true);
    expect(sameOrigin('http://zvh.example.nl:8080', 'zvh.example.nl:8080', 'http://zvh.example.nl:8080')).toBe(true);
    expect(sameOrigin('ftp://zvh.example.nl', 'zvh.example.nl', undefined)).toBe(false);
  });
  it('refuses an https Origin on a plain-http request, and http when PUBLIC_URL is https', async () => {
    const login = { email: 'manager@demo.zvh', password: 'demo-wachtwoord' };
    const r = await env.anon.post('/api/auth/login', login, { origin: 'https://localhost' });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('foreign_origin');
    const https = await setupTestEnv({ PUBLIC_URL: 'https://zvh.example.nl' });
    try {
      const plain = await https.anon.post('/api/auth/login', login, { origin: 'http://zvh.example.nl', host: 'zvh.example.nl' });
      expect(plain.status).toBe(403);
      expect(plain.body.error.code).toBe('foreign_origin');
      expect((await https.anon.post('/api/auth/login', login, { origin: 'https://zvh.example.nl', host: 'zvh.example.nl' })).status).toBe(200);
    } finally {
      await https.close();
    }
  });
  it('accepts only JSON bodies: text/plain and form posts get 415', async () => {
    const types = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'];
    for (const type of types) {
      const r = await env.anon.post('/api/auth/login', 'email=regisseur@demo.zvh&password=demo-wachtwoord', { 'content-type': type });
      expect(r.status, type).toBe(415);
      expect(r.body.error.code).toBe('unsupported_media_type');
    }
    const r = await admin.post('/api/admin/organisations', 'code=x&name=y&domain=zorg', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(415);
  });
});

describe('error model', () => {
  it('answers an unknown /api route with 404 in the error shape', async () => {
    for (const c of [env.anon, admin]) {
      const r = await c.get('/api/bestaat-niet');
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
    const post = await admin.post('/api/bestaat/niet', {});
    expect(post.status).toBe(404);
    expect(post.body.error.code).toBe('not_found');
  });
  it('answers validation errors with 400 and lists the fields', async () => {
    const r = await env.anon.post('/api/auth/login', {});
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation');
    expect(r.body.error.details.map((d: { field: string }) => d.field)).toEqual(expect.arrayContaining(['email', 'password']));
    const o = await admin.post('/api/admin/organisations', { code: 'Geen Code!', domain: 'sport' });
    expect(o.status).toBe(400);
    const fields = o.body.error.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'domain']));
    const p = await admin.patch(`/api/admin/users/niet-een-uuid`, { name: 'x' });
    expect(p.status).toBe(400);
    expect(p.body.error.details.map((d: { field: string }) => d.field)).toContain('params.id');
  });
  it('never answers 5xx to junk bodies', async () => {
    const junk = ['{', '[]', 'null', '{"a":', JSON.stringify({ kind: 'x'.repeat(100000) }),
      JSON.stringify({ id: "' OR 1=1 --", email: '<script>' }), '\u0000', '"tekst"', '12', 'true',
      JSON.stringify({ code: null, name: { $gt: '' }, roles: 'beheerder', active: 'ja' })];
    const bad: string[] = [];
    let probes = 0;
    for (const r of env.app.routeInventory) {
      if (!r.url.startsWith('/api/') || !['POST', 'PUT', 'PATCH'].includes(r.method) || r.url === '/api/auth/logout') continue;
      for (const body of junk) {
        const res = await admin.req(r.method as 'POST', fill(r.url), body, { 'content-type': 'application/json' });
        probes++;
        if (res.status >= 500) bad.push(`${r.method} ${r.url} ${body.slice(0, 20)} -> ${res.status} ${res.text.slice(0, 100)}`);
        else if (res.status >= 400) expect(res.body?.error?.code, `${r.method} ${r.url}`).toEqual(expect.any(String));
      }
    }
    expect(probes).toBeGreaterThan(20);
    expect(bad).toEqual([]);
    expect((await admin.get('/api/auth/me')).status).toBe(200);
  });
});

describe('security headers and cookie', () => {
  for (const path of ['/', '/api/health', '/api/bestaat-niet']) {
    it(`sets the security headers on ${path}`, async () => {
      const r = await env.anon.get(path);
      const csp = String(r.headers['content-security-policy'] ?? '');
      expect(csp).not.toBe('');
      const scriptSrc = csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src')) ?? csp.split(';').map((d) => d.trim()).find((d) => d.startsWith('default-src'));
      expect(scriptSrc).toBeDefined();
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toMatch(/same-origin|no-referrer|strict-origin/);
      expect(r.headers['x-powered-by']).toBeUndefined();
    });
  }

  it('issues an HttpOnly SameSite=Lax session cookie, not Secure on plain http', async () => {
    const r = await env.anon.post('/api/auth/login', { email: 'manager@demo.zvh', password: 'demo-wachtwoord' });
    expect(r.status).toBe(200);
    const cookie = String([r.headers['set-cookie']].flat()[0]);
    expect(cookie).toMatch(/^zvh_session=/);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    expect(cookie).toMatch(/;\s*SameSite=Lax/i);
    expect(cookie).toMatch(/;\s*Path=\//i);
    expect(cookie).not.toMatch(/;\s*Secure/i);
  });

  it('adds Secure when PUBLIC_URL is https, and accepts that origin', async () => {
    const https = await setupTestEnv({ PUBLIC_URL: 'https://zvh.example.nl' });
    try {
      const r = await https.anon.post('/api/auth/login', { email: 'manager@demo.zvh', password: 'demo-wachtwoord' },
        { origin: 'https://zvh.example.nl', host: 'internal:3000' });
      expect(r.status).toBe(200);
      const cookie = String([r.headers['set-cookie']].flat()[0]);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Lax/i);
      expect(cookie).toMatch(/;\s*Secure/i);
      const foreign = await https.anon.post('/api/auth/login', { email: 'manager@demo.zvh', password: 'demo-wachtwoord' },
        { origin: 'https://evil.example', host: 'internal:3000' });
      expect(foreign.status).toBe(403);
    } finally {
      await https.close();
    }
  });
});
