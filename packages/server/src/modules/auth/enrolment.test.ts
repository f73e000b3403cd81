// SPDX-License-Identifier: EUPL-1.2
// Sign-in (issue 11): the enrolment gate, recovery codes, fresh authentication, active sessions,
// the beheerder's reset of a user's factors and passkeys through a software authenticator
// (test/soft-authenticator.ts).
import { randomBytes } from 'node:crypto';
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, TestClient } from '../../test/harness.js';
import { b64u, SoftAuthenticator } from '../../test/soft-authenticator.js';
import type { TestEnv } from '../../test/harness.js';
import { one, rows, sql } from '../../core/db/index.js';
import { isFresh } from '../../core/http.js';
import type { Actor } from '../../core/context.js';

let env: TestEnv;
beforeAll(async () => { env = await setupTestEnv(); });
afterAll(async () => { await env?.close(); });

const NEW_PASSWORD = 'een-heel-nieuw-wachtwoord';
const DATA_ROUTES = ['/api/cases', '/api/registrations', '/api/persons?q=Jansen'];
let ipCounter = 0;
const nextIp = () => `10.77.${Math.floor(++ipCounter / 250)}.${ipCounter % 250 + 1}`;

async function login(body: Record<string, unknown>) {
  const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: body, remoteAddress: nextIp() });
  const setCookie = [res.headers['set-cookie'] ?? []].flat()[0];
  return {
    status: res.statusCode, body: JSON.parse(res.body || 'null'),
    client: setCookie ? new TestClient(env.app, String(setCookie).split(';')[0]) : undefined,
  };
}

/** A user made by the beheerder, signed in with the one-time password. */
async function newUser(tag: string) {
  const admin = await env.as('admin@demo.zvh');
  const email = `${tag}-${randomBytes(3).toString('hex')}@politie.example.nl`;
  const made = await admin.post('/api/admin/users', { email, name: `Test ${tag}`, organisationCode: 'politie', roles: ['professional'] });
  expect(made.status).toBe(201);
  const first = await login({ email, password: made.body.oneTimePassword });
  expect(first.status).toBe(200);
  return { email, id: made.body.id as string, oneTime: made.body.oneTimePassword as string, client: first.client! };
}

/** A new user who has changed the password (no second factor yet). */
async function userWithPassword(tag: string) {
  const u = await newUser(tag);
  expect((await u.client.post('/api/auth/password', { currentPassword: u.oneTime, newPassword: NEW_PASSWORD })).status).toBe(204);
  return u;
}

/** A TOTP code with a few seconds left in its step. */
async function freshCode(secret: string): Promise<string> {
  if (authenticator.timeRemaining() < 4) await new Promise((r) => setTimeout(r, (authenticator.timeRemaining() + 1) * 1000));
  return authenticator.generate(secret);
}

async function enrolTotp(c: TestClient): Promise<string> {
  const setup = await c.post('/api/account/totp/setup', {});
  expect(setup.status).toBe(200);
  expect((await c.post('/api/account/totp/enable', { code: await freshCode(setup.body.secret) })).status).toBe(204);
  return setup.body.secret as string;
}

const sessionIdOf = async (email: string) => (await rows<{ id: string }>(env.database.db, sql`
  select s.id from sessions s join users u on u.id = s.user_id where u.email = ${email} and s.ended_at is null order by s.created_at desc`));
const makeStale = (email: string) => env.database.db.execute(sql`
  update sessions set authenticated_at = now() - interval '11 minutes' where user_id = (select id from users where email = ${email})`);

async function statuses(c: TestClient) {
  const out: Record<string, [number, string | undefined]> = {};
  for (const p of DATA_ROUTES) { const r = await c.get(p); out[p] = [r.status, r.body?.error?.code]; }
  return out;
}

describe('the enrolment gate', () => {
  it('lets a new user reach no data until the password is changed and a second factor enrolled', async () => {
    const u = await newUser('gate');
    for (const [, [status, code]] of Object.entries(await statuses(u.client))) {
      expect(status).toBe(403);
      expect(code).toBe('password_change_required');
    }
    // factor enrolment waits for the password change
    expect((await u.client.post('/api/account/totp/setup', {})).status).toBe(403);
    expect((await u.client.get('/api/auth/me')).body.user.enrolment).toEqual({ required: true, passwordChange: true, secondFactor: true, confirmFactor: false });
    expect((await u.client.post('/api/auth/password', { currentPassword: u.oneTime, newPassword: NEW_PASSWORD })).status).toBe(204);
    for (const [, [status, code]] of Object.entries(await statuses(u.client))) {
      expect(status).toBe(403);
      expect(code).toBe('enrolment_required');
    }
    // a new sign-in with the new password: still no data
    const again = await login({ email: u.email, password: NEW_PASSWORD });
    expect(again.status).toBe(200);
    expect(again.body.user.enrolment).toEqual({ required: true, passwordChange: false, secondFactor: true, confirmFactor: false });
    expect((await again.client!.get('/api/cases')).status).toBe(403);
    expect((await again.client!.get('/api/account/sessions')).status).toBe(200);
    await enrolTotp(again.client!);
    const after = await statuses(again.client!);
    expect(after['/api/cases']![0]).toBe(200);
    expect(after['/api/registrations']![0]).toBe(200);
    // person search is not for a partner professional: refused by permission now, not by the gate
    expect(after['/api/persons?q=Jansen']![1]).not.toMatch(/enrolment_required|password_change_required/);
    const me = (await again.client!.get('/api/auth/me')).body.user;
    expect(me.enrolment).toEqual({ required: false, passwordChange: false, secondFactor: false, confirmFactor: false });
  });

  it('asks a session signed in before the factor was enrolled elsewhere to confirm it; the enrolling session is through', async () => {
    const u = await userWithPassword('elsewhere');
    const before = (await login({ email: u.email, password: NEW_PASSWORD })).client!;
    const enrolling = (await login({ email: u.email, password: NEW_PASSWORD })).client!;
    const secret = await enrolTotp(enrolling);
    expect((await enrolling.get('/api/cases')).status).toBe(200);
    // the other session never proved the factor: it must, and reaches nothing else meanwhile
    const gated = await before.get('/api/cases');
    expect(gated.status).toBe(403);
    expect(gated.body.error.code).toBe('second_factor_required');
    expect((await before.get('/api/account/sessions')).body.error.code).toBe('second_factor_required');
    expect((await before.get('/api/auth/me')).body.user.enrolment).toEqual({ required: true, passwordChange: false, secondFactor: false, confirmFactor: true });
    await env.database.db.execute(sql`update users set totp_last_step = null where id = ${u.id}`);
    expect((await before.post('/api/auth/second-factor', { otp: await freshCode(secret) })).status).toBe(204);
    expect((await before.get('/api/cases')).status).toBe(200);
    // the session that enrolled needs no confirmation
    expect((await enrolling.post('/api/auth/second-factor', { otp: '123456' })).status).toBe(409);
  });

  it('lets demo users (demo mode) through without a second factor', async () => {
    const demo = await env.as('politie@demo.zvh');
    expect((await demo.get('/api/cases')).status).toBe(200);
    expect((await demo.get('/api/auth/me')).body.user.enrolment.required).toBe(false);
  });
});

describe('recovery codes', () => {
  it('gives 10 single-use codes that stand in for the TOTP code at sign-in', async () => {
    const u = await userWithPassword('herstel');
    const c = (await login({ email: u.email, password: NEW_PASSWORD })).client!;
    expect((await c.post('/api/account/recovery-codes', {})).status).toBe(409); // no TOTP yet
    await enrolTotp(c);
    const made = await c.post('/api/account/recovery-codes', {});
    expect(made.status).toBe(200);
    const codes: string[] = made.body.codes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    // stored hashed only
    const stored = await rows<{ code_hash: string }>(env.database.db, sql`select code_hash from recovery_codes where user_id = ${u.id}`);
    expect(stored).toHaveLength(10);
    expect(stored.map((s) => s.code_hash)).not.toContain(codes[0]);
    expect((await c.get('/api/auth/me')).body.user.recoveryCodesLeft).toBe(10);

    const withCode = await login({ email: u.email, password: NEW_PASSWORD, otp: codes[0]!.toUpperCase() });
    expect(withCode.status).toBe(200);
    expect(withCode.body.user.recoveryCodesLeft).toBe(9);
    const reused = await login({ email: u.email, password: NEW_PASSWORD, otp: codes[0] });
    expect(reused.status).toBe(401);
    expect((await login({ email: u.email, password: NEW_PASSWORD, otp: 'aaaa-aaaa-aaaa-aaaa' })).status).toBe(401);
    expect((await login({ email: u.email, password: 'fout-wachtwoord-hier', otp: codes[1] })).status).toBe(401);
    // the wrong password did not use the code up
    expect((await login({ email: u.email, password: NEW_PASSWORD, otp: codes[1] })).status).toBe(200);

    // regenerating replaces them all
    const again = await withCode.client!.post('/api/account/recovery-codes', {});
    expect(again.status).toBe(200);
    expect((await login({ email: u.email, password: NEW_PASSWORD, otp: codes[2] })).status).toBe(401);
    expect((await login({ email: u.email, password: NEW_PASSWORD, otp: again.body.codes[0] })).status).toBe(200);
    const log = await rows<{ event: string }>(env.database.db, sql`select event from security_log where user_id = ${u.id} and event = 'recovery_codes_generated'`);
    expect(log).toHaveLength(2);
  });
});

describe('fresh authentication', () => {
  it('counts a session as fresh for exactly the configured minutes', () => {
    const at = new Date('2026-11-30T12:00:00Z');
    const actor = { authenticatedAt: at } as Actor;
    expect(isFresh(actor, 10, at.getTime() + 10 * 60_000)).toBe(true);
    expect(isFresh(actor, 10, at.getTime() + 10 * 60_000 + 1)).toBe(false);
    expect(isFresh({} as Actor, 10, at.getTime())).toBe(false);
  });

  it('refuses a marked route on a stale session until password and second factor are given again', async () => {
    const u = await userWithPassword('vers');
    const c = (await login({ email: u.email, password: NEW_PASSWORD })).client!;
    await enrolTotp(c);
    const codes: string[] = (await c.post('/api/account/recovery-codes', {})).body.codes;
    await makeStale(u.email);
    const refused = await c.post('/api/account/recovery-codes', {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('fresh_auth_required');
    // unmarked routes are not affected
    expect((await c.get('/api/cases')).status).toBe(200);

    const noFactor = await c.post('/api/auth/reauth', { password: NEW_PASSWORD });
    expect(noFactor.status).toBe(403);
    expect(noFactor.body.error.code).toBe('second_factor_required');
    const wrong = await c.post('/api/auth/reauth', { password: 'fout-wachtwoord-hier', otp: codes[0] });
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('reauth_failed');
    expect((await c.post('/api/account/recovery-codes', {})).status).toBe(403);
    expect((await c.post('/api/auth/reauth', { password: NEW_PASSWORD, otp: codes[0] })).status).toBe(204);
    expect((await c.get('/api/auth/me')).body.user.freshUntil).toEqual(expect.any(String));
    expect((await c.post('/api/account/recovery-codes', {})).status).toBe(200);
    const events = await rows<{ outcome: string }>(env.database.db, sql`select outcome from security_log where user_id = ${u.id} and event = 'reauth' order by id`);
    expect(events.map((e) => e.outcome)).toEqual(['failure', 'success']);
    expect((await env.anon.post('/api/auth/reauth', { password: NEW_PASSWORD })).status).toBe(401);
  });

  it('asks the beheerder for fresh authentication before changing roles', async () => {
    const u = await userWithPassword('rollen');
    const admin = await env.as('admin@demo.zvh');
    await makeStale('admin@demo.zvh');
    const refused = await admin.patch(`/api/admin/users/${u.id}`, { roles: ['professional', 'manager'] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('fresh_auth_required');
    expect((await one<{ roles: string[] }>(env.database.db, sql`select roles from users where id = ${u.id}`))!.roles).toEqual(['professional']);
    // a demo user has no second factor: the password is enough
    expect((await admin.post('/api/auth/reauth', { password: 'demo-wachtwoord' })).status).toBe(204);
    expect((await admin.patch(`/api/admin/users/${u.id}`, { roles: ['professional'] })).status).toBe(200);
  });
});

describe('active sessions', () => {
  it('lists the own sessions, ends one, and signs out everywhere', async () => {
    const u = await userWithPassword('sessies');
    const a = (await login({ email: u.email, password: NEW_PASSWORD })).client!;
    const b = (await login({ email: u.email, password: NEW_PASSWORD })).client!;
    const c = (await login({ email: u.email, password: NEW_PASSWORD })).client!;
    const list = await a.get('/api/account/sessions');
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(4); // with the one of the password change
    expect(list.body.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    // the public id is not the stored id
    const stored = (await sessionIdOf(u.email)).map((s) => s.id);
    for (const s of list.body) expect(stored).not.toContain(s.id);

    const bId = (await b.get('/api/account/sessions')).body.find((s: { current: boolean }) => s.current).id;
    expect((await a.delete(`/api/account/sessions/${bId}`)).status).toBe(204);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    expect((await a.delete(`/api/account/sessions/${bId}`)).status).toBe(404);
    // another user's session cannot be ended
    const other = await env.as('regisseur@demo.zvh');
    const aId = (await a.get('/api/account/sessions')).body.find((s: { current: boolean }) => s.current).id;
    expect((await other.delete(`/api/account/sessions/${aId}`)).status).toBe(404);

    expect((await a.post('/api/account/sessions/end', { scope: 'others' })).status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    expect((await a.post('/api/account/sessions/end', { scope: 'all' })).status).toBe(204);
    expect((await a.get('/api/auth/me')).status).toBe(401);
  });
});

describe("the beheerder's reset of a user's factors", () => {
  it('clears TOTP and recovery codes, ends the sessions, logs it, and sends the user back to enrolment', async () => {
    const u = await userWithPassword('reset');
    const c = (await login({ email: u.email, password: NEW_PASSWORD })).client!;
    await enrolTotp(c);
    const codes: string[] = (await c.post('/api/account/recovery-codes', {})).body.codes;
    const admin = await env.as('admin@demo.zvh');
    expect((await (await env.as('manager@demo.zvh')).post(`/api/admin/users/${u.id}/reset-factors`)).status).toBe(403);
    expect((await admin.post(`/api/admin/users/${u.id}/reset-factors`)).status).toBe(204);
    expect((await c.get('/api/auth/me')).status).toBe(401);
    expect(codes).toHaveLength(10);
    expect(await rows(env.database.db, sql`select id from recovery_codes where user_id = ${u.id}`)).toEqual([]);
    const back = await login({ email: u.email, password: NEW_PASSWORD });
    expect(back.status).toBe(200);
    expect(back.body.user.enrolment.secondFactor).toBe(true);
    expect((await back.client!.get('/api/cases')).body.error.code).toBe('enrolment_required');
    const log = await one<{ details: { by: string } }>(env.database.db, sql`select details from security_log where user_id = ${u.id} and event = 'factors_reset'`);
    expect(log?.details.by).toEqual(expect.any(String));
    // another tenant's id answers like a missing one
    expect((await admin.post(`/api/admin/users/00000000-0000-4000-8000-000000000abc/reset-factors`)).status).toBe(404);
  });
});

// ---------------------------------------------------------------------------------------------
// Passkeys through a software authenticator (test/soft-authenticator.ts) for app.inject's origin.

const RP_ID = 'localhost';
async function registerPasskey(c: TestClient, auth: SoftAuthenticator, name: string) {
  const options = await c.post('/api/account/passkeys/options', {});
  expect(options.status).toBe(200);
  expect(options.body.rp.id).toBe(RP_ID);
  return c.post('/api/account/passkeys', { name, response: auth.create(options.body.challenge) });
}

const assertion = async (auth: SoftAuthenticator) => auth.get((await env.anon.post('/api/auth/passkey/options', {})).body.challenge);

describe('passkeys', () => {
  it('enrols a passkey as the second factor and signs in with it after the password', async () => {
    const u = await userWithPassword('passkey');
    const c = (await login({ email: u.email, password: NEW_PASSWORD })).client!;
    const auth = new SoftAuthenticator();
    const added = await registerPasskey(c, auth, 'Laptop');
    expect(added.status).toBe(201);
    // enrolled: data reachable in the same session
    expect((await c.get('/api/cases')).status).toBe(200);
    expect((await c.get('/api/account/passkeys')).body).toEqual([expect.objectContaining({ id: added.body.id, name: 'Laptop', lastUsedAt: null })]);

    const noFactor = await login({ email: u.email, password: NEW_PASSWORD });
    expect(noFactor.status).toBe(401);
    expect(noFactor.body.error.code).toBe('second_factor_required');
    const a = await assertion(auth);
    const ok = await login({ email: u.email, password: NEW_PASSWORD, passkey: a });
    expect(ok.status).toBe(200);
    expect((await ok.client!.get('/api/cases')).status).toBe(200);
    // the same assertion again: its challenge is used up
    expect((await login({ email: u.email, password: NEW_PASSWORD, passkey: a })).status).toBe(401);
    // the wrong password with a good passkey
    expect((await login({ email: u.email, password: 'fout-wachtwoord-hier', passkey: await assertion(auth) })).status).toBe(401);
    // a made-up challenge, another origin
    expect((await login({ email: u.email, password: NEW_PASSWORD, passkey: auth.get(b64u(randomBytes(32))) })).status).toBe(401);
    const foreign = auth.get((await env.anon.post('/api/auth/passkey/options', {})).body.challenge, 'https://evil.example');
    expect((await login({ email: u.email, password: NEW_PASSWORD, passkey: foreign })).status).toBe(401);
    // another user's passkey does not count
    const v = await userWithPassword('passkey2');
    const vc = (await login({ email: v.email, password: NEW_PASSWORD })).client!;
    expect((await registerPasskey(vc, new SoftAuthenticator(), 'Telefoon')).status).toBe(201);
    expect((await login({ email: v.email, password: NEW_PASSWORD, passkey: await assertion(auth) })).status).toBe(401);
  });

  it('keeps several named passkeys, refuses one registered twice or with a stale challenge, removes one with fresh auth', async () => {
    const u = await userWithPassword('passkeys');
    const c = (await login({ email: u.email, password: NEW_PASSWORD })).client!;
    const one_ = new SoftAuthenticator();
    const two = new SoftAuthenticator();
    expect((await registerPasskey(c, one_, 'Laptop')).status).toBe(201);
    expect((await registerPasskey(c, two, 'Sleutel')).status).toBe(201);
    expect((await registerPasskey(c, one_, 'Nogmaals')).status).toBe(422);
    const options = await c.post('/api/account/passkeys/options', {});
    await env.database.db.execute(sql`update webauthn_challenges set expires_at = now() - interval '1 second' where challenge = ${options.body.challenge}`);
    expect((await c.post('/api/account/passkeys', { name: 'Te laat', response: new SoftAuthenticator().create(options.body.challenge) })).status).toBe(422);
    const list = (await c.get('/api/account/passkeys')).body as { id: string; name: string }[];
    expect(list.map((p) => p.name)).toEqual(['Laptop', 'Sleutel']);

    // with the second passkey as the factor after going stale
    await makeStale(u.email);
    const del = await c.delete(`/api/account/passkeys/${list[0]!.id}`);
    expect(del.body.error.code).toBe('fresh_auth_required');
    expect((await c.post('/api/auth/reauth', { password: NEW_PASSWORD, passkey: await assertion(two) })).status).toBe(204);
    expect((await c.delete(`/api/account/passkeys/${list[0]!.id}`)).status).toBe(204);
    expect((await c.get('/api/account/passkeys')).body.map((p: { name: string }) => p.name)).toEqual(['Sleutel']);
    // the removed one no longer signs in
    expect((await login({ email: u.email, password: NEW_PASSWORD, passkey: await assertion(one_) })).status).toBe(401);
    expect((await login({ email: u.email, password: NEW_PASSWORD, passkey: await assertion(two) })).status).toBe(200);
    // another user cannot remove it
    const other = await env.as('regisseur@demo.zvh');
    expect((await other.delete(`/api/account/passkeys/${list[1]!.id}`)).status).toBe(404);
  });
});
