// SPDX-License-Identifier: EUPL-1.2
// Single sign-on end to end against real OpenID Connect providers (oidc-provider in child
// processes on 127.0.0.1): the browser is played with fetch and a cookie jar through the
// provider's login and consent pages; our routes are called through the app.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticator } from 'otplib';
import { one, rows, sql } from '../../core/db/index.js';
import { MAX_FAILURES } from '../../core/auth/login.js';
import { generateRecoveryCodes } from '../../core/auth/recovery.js';
import { setupTestEnv, TestClient } from '../../test/harness.js';
import { b64u, SoftAuthenticator } from '../../test/soft-authenticator.js';
import type { TestEnv } from '../../test/harness.js';
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
    expect(me.json().user.enrolment).toMatchObject({ required: true, secondFactor: true, confirmFactor: false });
    const cases = await env.app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: res.cookie! } });
    expect(cases.statusCode).toBe(403);
    expect(cases.json().error.code).toBe('password_change_required');
    // nothing to confirm: enrolment, not confirmation
    const confirm = await new TestClient(env.app, res.cookie!).post('/api/auth/second-factor', { otp: '123456' });
    expect(confirm.status).toBe(409);
    expect(confirm.body.error.code).toBe('second_factor_not_required');
    // with trusted MFA the same user is through: no password change, no own second factor needed
    await configure(provider.issuer, { mfaTrusted: true });
    const trusted = await callback(await signInAtProvider(await start(), 'nieuw@ggz.example'));
    const me2 = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: trusted.cookie! } });
    expect(me2.json().user.enrolment).toEqual({ required: false, passwordChange: false, secondFactor: false, confirmFactor: false });
  });
});

describe("SSO without trusted MFA: the user's own second factor (issue 11)", () => {
  /** A user of the organisation, password already changed, with the given factors (arranged as the owner). */
  async function userWith(tag: string, factors: { totp?: boolean; passkey?: SoftAuthenticator }) {
    const email = `${tag}@ggz.example`;
    const made = await admin.post('/api/admin/users', { email, name: `Medewerker ${tag}`, organisationCode: ORG, roles: ['professional'] });
    expect(made.status).toBe(201);
    const id = made.body.id as string;
    const secret = authenticator.generateSecret();
    await env.database.db.execute(sql`update users set must_change_password = false,
      totp_enabled = ${!!factors.totp}, totp_secret = ${factors.totp ? secret : null} where id = ${id}`);
    const { tenant_id: tenantId } = (await one<{ tenant_id: string }>(env.database.db, sql`select tenant_id from users where id = ${id}`))!;
    if (factors.passkey) {
      await env.database.db.execute(sql`insert into passkeys (user_id, tenant_id, credential_id, public_key, counter, transports, name)
        values (${id}, ${tenantId}, ${b64u(factors.passkey.credentialId)}, ${b64u(factors.passkey.cosePublicKey())}, 0, '{}'::text[], 'Laptop')`);
    }
    return { email, id, tenantId, secret };
  }

  /** A code of the current step that the account has not used yet (forgets the last used step). */
  async function codeFor(user: { id: string; secret: string }): Promise<string> {
    if (authenticator.timeRemaining() < 4) await new Promise((r) => setTimeout(r, (authenticator.timeRemaining() + 1) * 1000));
    await env.database.db.execute(sql`update users set totp_last_step = null where id = ${user.id}`);
    return authenticator.generate(user.secret);
  }

  async function ssoSession(email: string): Promise<TestClient> {
    const res = await callback(await signInAtProvider(await start(), email));
    expect(res.location).toBe('/');
    return new TestClient(env.app, res.cookie!);
  }

  const sessionFactor = async (c: TestClient) => {
    const token = decodeURIComponent(c.cookie!.slice('zvh_session='.length));
    const { createHmac } = await import('node:crypto');
    const id = createHmac('sha256', env.config.sessionSecret).update(token).digest('hex');
    return (await one<{ second_factor: string | null }>(env.database.db, sql`select second_factor from sessions where id = ${id}`))!.second_factor;
  };
  const lastFactorLog = async (userId: string) => (await rows<{ outcome: string; details: { reason?: string; secondFactor?: string } }>(env.database.db,
    sql`select outcome, details from security_log where event = 'second_factor' and user_id = ${userId} order by id desc limit 1`))[0];
  const failures = async (email: string) => Number((await one<{ n: number }>(env.database.db,
    sql`select count(*) as n from login_attempts where email = ${email} and not success`))!.n);

  it('gates a user with TOTP until the code is given: data and account routes 403, a wrong code refused and logged, the right one lets through', async () => {
    await configure(provider.issuer, { mfaTrusted: false });
    const u = await userWith('totp', { totp: true });
    const c = await ssoSession(u.email);
    expect(await sessionFactor(c)).toBeNull();
    expect((await c.get('/api/auth/me')).body.user.enrolment).toEqual({ required: true, passwordChange: false, secondFactor: false, confirmFactor: true });
    for (const path of ['/api/cases', '/api/registrations', '/api/account/sessions', '/api/account/passkeys']) {
      const r = await c.get(path);
      expect([path, r.status, r.body.error.code]).toEqual([path, 403, 'second_factor_required']);
    }
    // no way around it through the account routes: a new factor cannot be set up with the provider's password alone
    expect((await c.post('/api/account/totp/setup', {})).body.error.code).toBe('second_factor_required');
    expect((await one<{ p: string | null }>(env.database.db, sql`select totp_pending_secret as p from users where id = ${u.id}`))!.p).toBeNull();

    // no proof at all: asked for one, no failure counted
    const empty = await c.post('/api/auth/second-factor', {});
    expect(empty.status).toBe(422);
    expect(empty.body.error.details).toEqual([{ field: 'otp', message: expect.any(String) }]);
    expect(await failures(u.email)).toBe(0);

    // a wrong code: refused (403, not 401: the session stays), logged, counted for the throttle, still gated
    const right = await codeFor(u);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const refused = await c.post('/api/auth/second-factor', { otp: wrong });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: 'otp_invalid', details: [{ field: 'otp' }] });
    expect(await lastFactorLog(u.id)).toEqual({ outcome: 'failure', details: { reason: 'wrong_second_factor' } });
    expect(await failures(u.email)).toBe(1);
    expect(await sessionFactor(c)).toBeNull();
    expect((await c.get('/api/cases')).status).toBe(403);

    // the right code
    expect((await c.post('/api/auth/second-factor', { otp: right })).status).toBe(204);
    expect(await sessionFactor(c)).toBe('totp');
    expect(await lastFactorLog(u.id)).toEqual({ outcome: 'success', details: { secondFactor: 'totp' } });
    expect((await c.get('/api/cases')).status).toBe(200);
    expect((await c.get('/api/auth/me')).body.user.enrolment).toEqual({ required: false, passwordChange: false, secondFactor: false, confirmFactor: false });
    // done: the route is no way to refresh a session without the password
    expect((await c.post('/api/auth/second-factor', { otp: await codeFor(u) })).body.error.code).toBe('second_factor_not_required');

    // every new single sign-on asks again
    const next = await ssoSession(u.email);
    expect((await next.get('/api/cases')).body.error.code).toBe('second_factor_required');
  });

  it('takes a recovery code once', async () => {
    await configure(provider.issuer, { mfaTrusted: false });
    const u = await userWith('herstel', { totp: true });
    const [code] = await generateRecoveryCodes(env.database.db, { id: u.id, tenantId: u.tenantId });
    const c = await ssoSession(u.email);
    expect((await c.post('/api/auth/second-factor', { otp: code })).status).toBe(204);
    expect(await sessionFactor(c)).toBe('recovery');
    expect((await c.get('/api/cases')).status).toBe(200);
    // used up: the next session cannot use it again
    const again = await ssoSession(u.email);
    expect((await again.post('/api/auth/second-factor', { otp: code })).status).toBe(403);
    expect((await again.get('/api/cases')).status).toBe(403);
  });

  it('takes a passkey assertion of the user, not of another user nor a TOTP code the user does not have', async () => {
    await configure(provider.issuer, { mfaTrusted: false });
    const rp = { id: new URL(PUBLIC_URL).hostname, origin: PUBLIC_URL };
    const key = new SoftAuthenticator(rp);
    const u = await userWith('passkey', { passkey: key });
    const other = await userWith('anderpasskey', { passkey: new SoftAuthenticator(rp) });
    const c = await ssoSession(u.email);
    expect((await c.get('/api/auth/me')).body.user).toMatchObject({ passkeyCount: 1, totpEnabled: false, enrolment: { confirmFactor: true } });
    const challenge = async () => (await env.anon.post('/api/auth/passkey/options', {})).body.challenge as string;
    expect((await c.post('/api/auth/second-factor', { otp: '123456' })).status).toBe(403);
    // the other user's passkey does not count for this account
    const foreign = await new TestClient(env.app, (await ssoSession(other.email)).cookie).post('/api/auth/second-factor', { passkey: key.get(await challenge()) });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.details).toEqual([{ field: 'passkey', message: expect.any(String) }]);
    expect((await c.get('/api/cases')).status).toBe(403);
    expect((await c.post('/api/auth/second-factor', { passkey: key.get(await challenge()) })).status).toBe(204);
    expect(await sessionFactor(c)).toBe('passkey');
    expect((await c.get('/api/cases')).status).toBe(200);
  });

  it(`throttles the confirmation like a sign-in: after ${MAX_FAILURES} wrong codes even the right one waits`, async () => {
    await configure(provider.issuer, { mfaTrusted: false });
    const u = await userWith('raden', { totp: true });
    const c = await ssoSession(u.email);
    // every client here is 127.0.0.1, which the wrong codes above also count for: a clean slate, before and after
    await env.database.db.execute(sql`delete from login_attempts`);
    const right = await codeFor(u);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < MAX_FAILURES; i++) expect((await c.post('/api/auth/second-factor', { otp: wrong })).status).toBe(403);
    const throttled = await c.post('/api/auth/second-factor', { otp: right });
    expect(throttled.status).toBe(429);
    expect(await lastFactorLog(u.id)).toEqual({ outcome: 'failure', details: { reason: 'throttled' } });
    expect((await c.get('/api/cases')).status).toBe(403);
    await env.database.db.execute(sql`delete from login_attempts`);
  });

  it('marks the session that enrols a factor (no confirmation of what was just set up); other sessions must confirm', async () => {
    await configure(provider.issuer, { mfaTrusted: false });
    const u = await userWith('inrichten', {});
    const older = await ssoSession(u.email);
    const c = await ssoSession(u.email);
    expect((await c.get('/api/cases')).body.error.code).toBe('enrolment_required');
    const setup = await c.post('/api/account/totp/setup', {});
    expect(setup.status).toBe(200);
    expect((await c.post('/api/account/totp/enable', { code: await codeFor({ id: u.id, secret: setup.body.secret }) })).status).toBe(204);
    expect(await sessionFactor(c)).toBe('totp');
    expect((await c.get('/api/cases')).status).toBe(200);
    expect((await older.get('/api/cases')).body.error.code).toBe('second_factor_required');
  });

  it('with trusted MFA nothing is asked of a user with TOTP', async () => {
    await configure(provider.issuer, { mfaTrusted: true });
    const u = await userWith('vertrouwd', { totp: true });
    const c = await ssoSession(u.email);
    expect(await sessionFactor(c)).toBe('sso');
    expect((await c.get('/api/auth/me')).body.user.enrolment).toEqual({ required: false, passwordChange: false, secondFactor: false, confirmFactor: false });
    expect((await c.get('/api/cases')).status).toBe(200);
    expect((await c.post('/api/auth/second-factor', { otp: await codeFor(u) })).status).toBe(409);
  });
});
