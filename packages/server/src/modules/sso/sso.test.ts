// SPDX-License-Identifier: EUPL-1.2
// Single sign-on end to end against real OpenID Connect providers (oidc-provider in child
// processes on 127.0.0.1): the browser is played with fetch and a cookie jar through the
// provider's login and consent pages; our routes are called through the app.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, sql } from '../../core/db/index.js';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { CALLBACK_PATH } from './service.js';

const PUBLIC_URL = 'http://127.0.0.1:5999';
const CLIENT = { id: 'zvh-test', secret: 'test-client-secret-0123456789' };
const PROVIDER_SCRIPT = fileURLToPath(new URL('../../test/oidc-provider.mjs', import.meta.url));
const ORG = 'ggz-drenthe';

interface RunningProvider { issuer: string; child: ChildProcess }
const started: ChildProcess[] = [];

async function startProvider(clockOffsetSeconds = 0): Promise<RunningProvider> {
  const child = spawn(process.execPath, [PROVIDER_SCRIPT], {
    env: {
      ...process.env, CLIENT_ID: CLIENT.id, CLIENT_SECRET: CLIENT.secret, REDIRECT_URI: `${PUBLIC_URL}${CALLBACK_PATH}`,
      CLOCK_OFFSET_SECONDS: String(clockOffsetSeconds), NODE_ENV: 'test',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.stderr!.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('exit', (code) => reject(new Error(`provider exited ${code}: ${err}`)));
  });
  return { issuer, child };
}

/** Plays the browser at the provider: login and consent forms, until it redirects to our callback. */
async function signInAtProvider(authUrl: string, login: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authUrl;
  let body: string | undefined;
  for (let step = 0; step < 20; step++) {
    const res = await fetch(url, {
      method: body ? 'POST' : 'GET', body, redirect: 'manual',
      headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    });
    for (const c of res.headers.getSetCookie()) {
      const kv = c.split(';')[0]!;
      jar.set(kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1));
    }
    body = undefined;
    if (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location')!, url);
      if (next.pathname === CALLBACK_PATH) return next;
      url = next.href;
      continue;
    }
    const html = await res.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="([^"]+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected page at ${url}: ${res.status} ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    body = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'irrelevant' } : { prompt }).toString();
  }
  throw new Error('too many steps at the provider');
}

let env: TestEnv;
let admin: TestClient;
let provider: RunningProvider;

const configure = (issuer: string, extra: Record<string, unknown> = {}) => admin.put(`/api/admin/organisations/${ORG}/sso`,
  { issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, enabled: true, mfaTrusted: true, ...extra });

async function start(): Promise<string> {
  const res = await env.anon.get(`/api/auth/sso/start?organisation=${ORG}`);
  expect(res.status).toBe(302);
  return String(res.headers.location);
}

async function callback(at: URL) {
  const res = await env.anon.get(`${at.pathname}${at.search}`);
  expect(res.status).toBe(302);
  const cookie = ([res.headers['set-cookie']].flat().find((c) => String(c).startsWith('zvh_session=')) as string | undefined)?.split(';')[0];
  return { location: String(res.headers.location), cookie };
}

const lastSsoLog = async () => (await rows<{ outcome: string; email: string | null; details: { reason?: string; method?: string; secondFactor?: string } }>(env.database.db,
  sql`select outcome, email, details from security_log where details->>'method' = 'sso' order by id desc limit 1`))[0]!;

beforeAll(async () => {
  env = await setupTestEnv({ PUBLIC_URL });
  admin = await env.as('admin@demo.zvh');
  provider = await startProvider();
}, 30_000);
afterAll(async () => {
  for (const c of started) c.kill('SIGTERM');
  await env.close();
});

describe('SSO settings (beheer)', () => {
  it('stores the settings, never returns the secret, keeps it when left out', async () => {
    const empty = await admin.get(`/api/admin/organisations/${ORG}/sso`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ issuer: null, hasSecret: false, emailClaim: 'email', enabled: false, mfaTrusted: false });
    const noSecret = await admin.put(`/api/admin/organisations/${ORG}/sso`, { issuer: provider.issuer, clientId: CLIENT.id, enabled: true });
    expect(noSecret.status).toBe(422);
    const set = await configure(provider.issuer);
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ organisationCode: ORG, issuer: provider.issuer, clientId: CLIENT.id, hasSecret: true, emailClaim: 'email', enabled: true, mfaTrusted: true });
    expect(set.text).not.toContain(CLIENT.secret);
    const kept = await admin.put(`/api/admin/organisations/${ORG}/sso`, { issuer: provider.issuer, clientId: CLIENT.id, enabled: true, mfaTrusted: true });
    expect(kept.body.hasSecret).toBe(true);
    expect((await admin.get(`/api/admin/organisations/${ORG}/sso`)).text).not.toContain(CLIENT.secret);
  });

  it('refuses http issuers other than this machine, unknown organisations and non-beheerders', async () => {
    expect((await admin.put(`/api/admin/organisations/${ORG}/sso`, { issuer: 'http://idp.example.nl', clientId: 'x', clientSecret: 'y', enabled: true })).status).toBe(422);
    expect((await admin.get('/api/admin/organisations/bestaat-niet/sso')).status).toBe(404);
    const manager = await env.as('manager@demo.zvh');
    expect((await manager.get(`/api/admin/organisations/${ORG}/sso`)).status).toBe(403);
  });

  it('lists organisations with SSO switched on, publicly', async () => {
    const res = await env.anon.get('/api/auth/sso/organisations');
    expect(res.status).toBe(200);
    expect(res.body).toContainEqual({ tenant: expect.any(String), organisation: ORG, name: expect.any(String) });
    expect(res.body.map((o: { organisation: string }) => o.organisation)).not.toContain('politie');
  });
});

describe('SSO sign-in', () => {
  it('signs an existing active user of the organisation in; the state works once', async () => {
    await configure(provider.issuer);
    const authUrl = await start();
    expect(authUrl.startsWith(`${provider.issuer}/`)).toBe(true);
    const u = new URL(authUrl);
    expect(u.searchParams.get('code_challenge_method')).toBe('S256');
    expect(u.searchParams.get('state')).toBeTruthy();
    expect(u.searchParams.get('nonce')).toBeTruthy();
    const back = await signInAtProvider(authUrl, 'ggz@demo.zvh');
    const first = await callback(back);
    expect(first.location).toBe('/');
    expect(first.cookie).toBeTruthy();
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: first.cookie! } });
    expect(me.statusCode).toBe(200);
    expect(me.json().user.email).toBe('ggz@demo.zvh');
    expect(await lastSsoLog()).toMatchObject({ outcome: 'success', email: 'ggz@demo.zvh', details: { secondFactor: 'sso' } });
    const [session] = await rows<{ second_factor: string | null }>(env.database.db, sql`select second_factor from sessions order by created_at desc limit 1`);
    expect(session!.second_factor).toBe('sso');

    // the same answer again (replay): refused
    const again = await callback(back);
    expect(again).toEqual({ location: '/login?sso=mislukt', cookie: undefined });
    expect(await lastSsoLog()).toMatchObject({ outcome: 'failure', details: { reason: 'unknown_or_used_state' } });
  });

  it('refuses an e-mail address without a user, and a user of another organisation, the same way', async () => {
    await configure(provider.issuer);
    for (const login of ['niemand@ggz.example', 'politie@demo.zvh']) {
      const res = await callback(await signInAtProvider(await start(), login));
      expect(res).toEqual({ location: '/login?sso=mislukt', cookie: undefined });
      expect(await lastSsoLog()).toMatchObject({ outcome: 'failure', email: login, details: { reason: 'no_active_user' } });
    }
  });

  it('refuses when the configuration points at another provider (wrong issuer)', async () => {
    await configure(provider.issuer);
    const other = await startProvider();
    const back = await signInAtProvider(await start(), 'ggz@demo.zvh');
    await configure(other.issuer);
    const res = await callback(back);
    expect(res).toEqual({ location: '/login?sso=mislukt', cookie: undefined });
    expect((await lastSsoLog()).details.reason).toMatch(/^token_rejected/);
  }, 30_000);

  it('refuses an expired ID token', async () => {
    const late = await startProvider(-3600); // its clock an hour behind: tokens expire before they arrive
    await configure(late.issuer);
    const res = await callback(await signInAtProvider(await start(), 'ggz@demo.zvh'));
    expect(res).toEqual({ location: '/login?sso=mislukt', cookie: undefined });
    expect((await lastSsoLog()).details.reason).toMatch(/^token_rejected.*(exp|timestamp|iat)/i);
  }, 30_000);

  it('refuses unknown states and organisations without SSO', async () => {
    expect((await callback(new URL(`${PUBLIC_URL}${CALLBACK_PATH}?code=x&state=verzonnen`))).location).toBe('/login?sso=mislukt');
    const res = await env.anon.get('/api/auth/sso/start?organisation=politie');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/login?sso=mislukt');
  });

  it('without trusted MFA the session has no second factor and the enrolment gate applies to a new user', async () => {
    await configure(provider.issuer, { mfaTrusted: false });
    const created = await admin.post('/api/admin/users', { email: 'nieuw@ggz.example', name: 'Nieuwe Medewerker', organisationCode: ORG, roles: ['professional'] });
    expect(created.status).toBe(201);
    const res = await callback(await signInAtProvider(await start(), 'nieuw@ggz.example'));
    expect(res.location).toBe('/');
    const me = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: res.cookie! } });
    expect(me.json().user.enrolment).toMatchObject({ required: true, secondFactor: true });
    const cases = await env.app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: res.cookie! } });
    expect(cases.statusCode).toBe(403);
    // with trusted MFA the same user is through: no password change, no own second factor needed
    await configure(provider.issuer, { mfaTrusted: true });
    const trusted = await callback(await signInAtProvider(await start(), 'nieuw@ggz.example'));
    const me2 = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: trusted.cookie! } });
    expect(me2.json().user.enrolment).toEqual({ required: false, passwordChange: false, secondFactor: false });
  });
});
