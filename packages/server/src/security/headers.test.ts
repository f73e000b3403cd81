// SPDX-License-Identifier: EUPL-1.2
// Attack 5a: the browser's defences on every answer, the session cookie, and CSRF on every
// state-changing operation of the OpenAPI document. Security headers on every GET operation (as
// a user who may call it, and anonymously): CSP without inline script and with frame-ancestors
// 'none', X-Frame-Options DENY, nosniff, a Referrer-Policy, no X-Powered-By, no-store on API
// answers (they hold personal data); HSTS whenever the site is reached over https. A foreign
// Origin is refused with 403 on every POST/PUT/PATCH/DELETE, before anything changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestClient, TestEnv } from '../test/harness.js';
import { ACTORS, fingerprintAll, operations, someoneAllowed, urlOf, validBody } from './attack-kit.js';
import type { Operation } from './attack-kit.js';

let env: TestEnv;
let ops: Operation[];
const clients = new Map<string, TestClient>();
beforeAll(async () => {
  env = await setupTestEnv();
  ops = await operations(env.app);
  for (const a of ACTORS) clients.set(a.email, await env.as(a.email));
});
afterAll(async () => { await env?.close(); });

function headerProblems(h: Record<string, unknown>, api: boolean): string[] {
  const p: string[] = [];
  const csp = String(h['content-security-policy'] ?? '');
  const directives = new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0]!, d] as const));
  const script = directives.get('script-src') ?? directives.get('default-src');
  if (!script || /'unsafe-inline'|'unsafe-eval'|\*/.test(script)) p.push(`script-src ${script}`);
  if (directives.get('frame-ancestors') !== "frame-ancestors 'none'") p.push('frame-ancestors');
  if (directives.get('object-src') !== "object-src 'none'") p.push('object-src');
  if (h['x-frame-options'] !== 'DENY') p.push(`x-frame-options ${String(h['x-frame-options'])}`);
  if (h['x-content-type-options'] !== 'nosniff') p.push('nosniff');
  if (!/^(same-origin|no-referrer|strict-origin)/.test(String(h['referrer-policy'] ?? ''))) p.push('referrer-policy');
  if (h['x-powered-by'] !== undefined) p.push('x-powered-by');
  if (api && !/no-store/.test(String(h['cache-control'] ?? ''))) p.push(`cache-control ${String(h['cache-control'])}`);
  return p;
}

describe('security headers', () => {
  it('are on every GET operation, for a permitted user and anonymously, and on errors', async () => {
    const wrong: string[] = [];
    for (const op of ops.filter((o) => o.method === 'GET')) {
      const email = someoneAllowed(op);
      for (const c of [email ? clients.get(email)! : env.anon, env.anon]) {
        const res = await c.get(urlOf(op));
        const p = headerProblems(res.headers, true);
        if (p.length) wrong.push(`${op.key} (${res.status}): ${p.join(', ')}`);
      }
    }
    for (const path of ['/', '/api/bestaat-niet', '/api/docs', '/api/docs/static/index.html', '/api/docs/json']) {
      const res = await env.anon.get(path);
      const p = headerProblems(res.headers, path.startsWith('/api/'));
      if (p.length) wrong.push(`${path}: ${p.join(', ')}`);
    }
    expect(wrong).toEqual([]);
  }, 180_000);

  it('sends no HSTS on plain http without an https PUBLIC_URL (development)', async () => {
    const res = await env.anon.get('/api/health');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('sends HSTS when PUBLIC_URL is https, and when a trusted proxy says the request came over https', async () => {
    const https = await setupTestEnv({ PUBLIC_URL: 'https://zvh.example.nl' });
    const proxied = await setupTestEnv({ TRUST_PROXY: '1' });
    try {
      for (const path of ['/api/health', '/', '/api/bestaat-niet']) {
        expect(String((await https.anon.get(path)).headers['strict-transport-security']), path).toMatch(/max-age=31536000/);
      }
      const viaTls = await proxied.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(String(viaTls.headers['strict-transport-security'])).toMatch(/max-age=\d{7,}/);
      const viaHttp = await proxied.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'http' } });
      expect(viaHttp.headers['strict-transport-security']).toBeUndefined();
      // an untrusted client cannot switch it on (nor the Secure cookie) by claiming https
      const claimed = await env.app.inject({ method: 'GET', url: '/api/health', headers: { 'x-forwarded-proto': 'https' } });
      expect(claimed.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await https.close();
      await proxied.close();
    }
  }, 180_000);
});

describe('session cookie', () => {
  const cookieOf = (res: { headers: Record<string, unknown> }) => String([res.headers['set-cookie']].flat()[0] ?? '');
  const login = { email: 'manager@demo.zvh', password: 'demo-wachtwoord' };

  it('is HttpOnly, SameSite=Lax, Path=/ and not Secure on plain http', async () => {
    const c = cookieOf(await env.anon.post('/api/auth/login', login));
    expect(c).toMatch(/^zvh_session=[^;]{20,}/);
    expect(c).toMatch(/;\s*HttpOnly/i);
    expect(c).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(c).toMatch(/;\s*Path=\//i);
    expect(c).not.toMatch(/;\s*Secure/i);
  });

  it('is Secure when the request came over https through a trusted proxy (no PUBLIC_URL needed)', async () => {
    const proxied = await setupTestEnv({ TRUST_PROXY: '1' });
    try {
      const res = await proxied.app.inject({ method: 'POST', url: '/api/auth/login', payload: login, headers: { 'x-forwarded-proto': 'https' } });
      expect(res.statusCode).toBe(200);
      const c = cookieOf(res);
      expect(c).toMatch(/;\s*Secure/i);
      expect(c).toMatch(/;\s*HttpOnly/i);
    } finally {
      await proxied.close();
    }
  }, 120_000);

  it('is cleared on sign-out and the old value no longer works', async () => {
    const res = await env.anon.post('/api/auth/login', login);
    const cookie = cookieOf(res).split(';')[0]!;
    const out = await env.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect(String([out.headers['set-cookie']].flat()[0])).toMatch(/zvh_session=;|Max-Age=0|Expires=Thu, 01 Jan 1970/i);
    expect((await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  it('refuses a foreign Origin with 403 on every state-changing operation, signed in, and changes nothing', async () => {
    const before = await fingerprintAll(env.database.db);
    const wrong: string[] = [];
    const changing = ops.filter((o) => o.method !== 'GET');
    expect(changing.length).toBeGreaterThan(50);
    for (const op of changing) {
      const email = someoneAllowed(op);
      const c = email ? clients.get(email)! : env.anon;
      for (const origin of ['https://evil.example', 'null', 'http://localhost.evil.example', 'https://localhost:80']) {
        const res = await c.req(op.method, urlOf(op), await validBody(op), { origin });
        if (res.status !== 403 || res.body?.error?.code !== 'foreign_origin') wrong.push(`${op.key} from ${origin}: ${res.status} ${res.body?.error?.code}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await fingerprintAll(env.database.db)).toEqual(before);
    // the sessions still work: sign-out from a foreign page was refused too
    expect((await clients.get(ACTORS[0]!.email)!.get('/api/auth/me')).status).toBe(200);
  }, 180_000);
});
