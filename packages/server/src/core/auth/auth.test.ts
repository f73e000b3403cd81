// SPDX-License-Identifier: EUPL-1.2
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv, TestClient } from '../../test/harness.js';
import type { TestEnv } from '../../test/harness.js';
import { rows, sql } from '../db/index.js';
import { MAX_FAILURES } from './login.js';

let env: TestEnv;
beforeAll(async () => { env = await setupTestEnv(); });
afterAll(async () => { await env?.close(); });

const PASSWORD = 'demo-wachtwoord';

/** Signs in from a given address (app.inject's remoteAddress); the throttle counts per address too. */
async function loginFrom(ip: string, body: { email: string; password: string; otp?: string }) {
  const res = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: body, remoteAddress: ip });
  const setCookie = [res.headers['set-cookie'] ?? []].flat()[0];
  return {
    status: res.statusCode,
    body: JSON.parse(res.body || 'null'),
    client: setCookie ? new TestClient(env.app, String(setCookie).split(';')[0]) : undefined,
  };
}
const userId = async (email: string) =>
  (await rows<{ id: string }>(env.database.db, sql`select id from users where email = ${email}`))[0]!.id;

/** A TOTP code with a few seconds left in its 30-second step, so it is still valid when checked. */
async function freshCode(secret: string): Promise<string> {
  if (authenticator.timeRemaining() < 4) await new Promise((r) => setTimeout(r, (authenticator.timeRemaining() + 1) * 1000));
  return authenticator.generate(secret);
}

/** A code of the next time step (waits for it): the current one may be spent already. */
async function nextStepCode(secret: string): Promise<string> {
  await new Promise((r) => setTimeout(r, (authenticator.timeRemaining() + 1) * 1000));
  return authenticator.generate(secret);
}

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
  it('answers an unknown account exactly like a wrong password', async () => {
    const r = await loginFrom('10.0.0.50', { email: 'niemand@demo.zvh', password: 'fout' });
    expect(r.status).toBe(401);
    expect(r.body.error).toEqual((await loginFrom('10.0.0.50', { email: 'regisseur@demo.zvh', password: 'fout' })).body.error);
  });
  it('takes the e-mail address case-insensitively', async () => {
    expect((await loginFrom('10.0.0.51', { email: ' Regisseur@Demo.ZVH ', password: PASSWORD })).status).toBe(200);
  });
  it('ends the session server-side on sign-out', async () => {
    const c = await env.as('manager@demo.zvh');
    expect((await c.get('/api/reference')).status).toBe(200);
    expect((await c.post('/api/auth/logout')).status).toBe(204);
    expect((await c.get('/api/reference')).status).toBe(401);
  });
  it('answers /api/auth/me with 401 without a session or with a forged cookie', async () => {
    expect((await env.anon.get('/api/auth/me')).status).toBe(401);
    expect((await new TestClient(env.app, 'zvh_session=vervalst').get('/api/auth/me')).status).toBe(401);
  });
});

describe('brute-force throttle', () => {
  it(`answers 429 for an account after ${MAX_FAILURES} failures, from whatever address`, async () => {
    const email = 'informatie@demo.zvh';
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect((await loginFrom(`10.1.0.${i + 1}`, { email, password: `fout${i}` })).status).toBe(401);
    }
    const blocked = await loginFrom('10.1.0.99', { email, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_attempts');
    // other accounts from those addresses are not affected
    expect((await loginFrom('10.1.0.1', { email: 'manager@demo.zvh', password: PASSWORD })).status).toBe(200);
    // once the failures are older than the window, the account signs in again
    await env.database.db.execute(sql`update login_attempts set at = now() - interval '16 minutes' where email = ${email}`);
    expect((await loginFrom('10.1.0.99', { email, password: PASSWORD })).status).toBe(200);
  });

  it(`answers 429 for an address after ${MAX_FAILURES} failures, whatever the account`, async () => {
    const ip = '10.2.0.1';
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect((await loginFrom(ip, { email: `gok${i}@voorbeeld.nl`, password: 'fout' })).status).toBe(401);
    }
    expect((await loginFrom(ip, { email: 'regisseur@demo.zvh', password: PASSWORD })).status).toBe(429);
    expect((await loginFrom('10.2.0.2', { email: 'regisseur@demo.zvh', password: PASSWORD })).status).toBe(200);
    const logged = await rows<{ n: number }>(env.database.db, sql`select count(*) as n from security_log
      where ip = ${ip} and event = 'login' and outcome = 'failure' and details->>'reason' = 'throttled'`);
    expect(logged[0]!.n).toBe(1);
  });
});

describe('brute-force throttle under parallel requests', () => {
  const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

  it('weighs at most 10 of 35 simultaneous wrong passwords for one account (the rest 429)', async () => {
    const email = 'informatie@demo.zvh';
    await env.database.db.execute(sql`update login_attempts set at = now() - interval '16 minutes' where email = ${email}`);
    const results = await Promise.all(Array.from({ length: 35 }, (_, i) => loginFrom(`10.20.${i}.1`, { email, password: `fout-${i}` })));
    const t = tally(results.map((r) => r.status));
    expect(t[401] ?? 0).toBeLessThanOrEqual(MAX_FAILURES);
    expect((t[401] ?? 0) + (t[429] ?? 0)).toBe(35);
    expect(t[429] ?? 0).toBeGreaterThanOrEqual(35 - MAX_FAILURES);
    const recorded = await rows<{ n: number }>(env.database.db, sql`select count(*) as n from login_attempts where email = ${email} and not success and at > now() - interval '15 minutes'`);
    expect(recorded[0]!.n).toBeLessThanOrEqual(MAX_FAILURES);
  });

  it('weighs at most 10 of 35 simultaneous sign-ins from one address, whatever the accounts', async () => {
    const ip = '10.21.0.1';
    const results = await Promise.all(Array.from({ length: 35 }, (_, i) => loginFrom(ip, { email: `raden${i}@voorbeeld.nl`, password: 'fout' })));
    const t = tally(results.map((r) => r.status));
    expect(t[401] ?? 0).toBeLessThanOrEqual(MAX_FAILURES);
    expect((t[401] ?? 0) + (t[429] ?? 0)).toBe(35);
  });

  it('turns the recorded attempt into a success when the sign-in succeeds', async () => {
    const ip = '10.22.0.1';
    expect((await loginFrom(ip, { email: 'manager@demo.zvh', password: PASSWORD })).status).toBe(200);
    const rowsOf = await rows<{ success: boolean }>(env.database.db, sql`select success from login_attempts where ip = ${ip}`);
    expect(rowsOf).toEqual([{ success: true }]);
  });
});

describe('session timeouts', () => {
  it('ends a session idle for more than 30 minutes; activity slides the window', async () => {
    const { client } = await loginFrom('10.3.0.1', { email: 'politie@demo.zvh', password: PASSWORD });
    const id = await userId('politie@demo.zvh');
    await env.database.db.execute(sql`update sessions set last_seen_at = now() - interval '29 minutes' where user_id = ${id} and ended_at is null`);
    expect((await client!.get('/api/auth/me')).status).toBe(200);
    const seen = await rows<{ idle: number }>(env.database.db, sql`select extract(epoch from now() - last_seen_at) as idle
      from sessions where user_id = ${id} and ended_at is null`);
    expect(seen[0]!.idle).toBeLessThan(60); // touched by the request
    await env.database.db.execute(sql`update sessions set last_seen_at = now() - interval '31 minutes' where user_id = ${id} and ended_at is null`);
    const r = await client!.get('/api/auth/me');
    expect(r.status).toBe(401);
    expect((await client!.get('/api/reference')).status).toBe(401);
  });

  it('ends a session after 12 hours however active', async () => {
    const { client } = await loginFrom('10.3.0.2', { email: 'politie@demo.zvh', password: PASSWORD });
    expect((await client!.get('/api/reference')).status).toBe(200);
    const id = await userId('politie@demo.zvh');
    await env.database.db.execute(sql`update sessions set created_at = now() - interval '11 hours 59 minutes', last_seen_at = now()
      where user_id = ${id} and ended_at is null`);
    expect((await client!.get('/api/reference')).status).toBe(200);
    await env.database.db.execute(sql`update sessions set created_at = now() - interval '12 hours 1 minute', last_seen_at = now()
      where user_id = ${id} and ended_at is null`);
    expect((await client!.get('/api/reference')).status).toBe(401);
  });
});

describe('account management by the beheerder', () => {
  it('ends the sessions of a deactivated user at once and refuses their sign-in', async () => {
    const admin = await env.as('admin@demo.zvh');
    const ggz = (await loginFrom('10.4.0.1', { email: 'ggz@demo.zvh', password: PASSWORD })).client!;
    expect((await ggz.get('/api/reference')).status).toBe(200);
    const users = await admin.get('/api/admin/users');
    const id = users.body.find((u: { email: string }) => u.email === 'ggz@demo.zvh').id;
    const off = await admin.patch(`/api/admin/users/${id}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    expect((await ggz.get('/api/reference')).status).toBe(401);
    const open = await rows<{ n: number }>(env.database.db, sql`select count(*) as n from sessions where user_id = ${id} and ended_at is null`);
    expect(open[0]!.n).toBe(0);
    expect((await loginFrom('10.4.0.2', { email: 'ggz@demo.zvh', password: PASSWORD })).status).toBe(401);
    // reactivated: signs in again
    expect((await admin.patch(`/api/admin/users/${id}`, { active: true })).status).toBe(200);
    expect((await loginFrom('10.4.0.3', { email: 'ggz@demo.zvh', password: PASSWORD })).status).toBe(200);
  });

  it('refuses a beheerder deactivating themselves', async () => {
    const admin = await env.as('admin@demo.zvh');
    const me = await admin.get('/api/auth/me');
    const r = await admin.patch(`/api/admin/users/${me.body.user.id}`, { active: false });
    expect(r.status).toBe(422);
    expect((await admin.get('/api/admin/users')).status).toBe(200);
  });

  it('makes a new user change the one-time password before anything else', async () => {
    const admin = await env.as('admin@demo.zvh');
    const email = 'nieuwe.beheerder@zvh-drenthe.nl';
    const created = await admin.post('/api/admin/users', { email, name: 'Nina Nieuw', organisationCode: 'zvh', roles: ['beheerder'] });
    expect(created.status).toBe(201);
    const otp: string = created.body.oneTimePassword;
    expect(otp.length).toBeGreaterThanOrEqual(12);
    expect((await admin.post('/api/admin/users', { email: email.toUpperCase(), name: 'Dubbel', organisationCode: 'zvh', roles: ['manager'] })).status).toBe(409);

    const first = await loginFrom('10.5.0.1', { email, password: otp });
    expect(first.status).toBe(200);
    expect(first.body.user.mustChangePassword).toBe(true);
    const c = first.client!;
    for (const [method, url] of [['GET', '/api/admin/users'], ['POST', '/api/account/totp/setup']] as const) {
      const r = await c.req(method, url);
      expect(r.status, url).toBe(403);
      expect(r.body.error.code).toBe('password_change_required');
    }
    expect((await c.get('/api/auth/me')).status).toBe(200); // the web app must know why
    expect((await c.post('/api/auth/password', { currentPassword: 'fout', newPassword: 'een-nieuw-wachtwoord' })).status).toBe(422);
    expect((await c.post('/api/auth/password', { currentPassword: otp, newPassword: 'kort' })).status).toBe(422);
    expect((await c.post('/api/auth/password', { currentPassword: otp, newPassword: otp })).status).toBe(422);
    expect((await c.post('/api/auth/password', { currentPassword: otp, newPassword: 'een-nieuw-wachtwoord' })).status).toBe(204);
    // next: a second factor (modules/auth/enrolment.test.ts goes on from here)
    const gated = await c.get('/api/admin/users');
    expect(gated.status).toBe(403);
    expect(gated.body.error.code).toBe('enrolment_required');
    const me = (await c.get('/api/auth/me')).body.user;
    expect(me.mustChangePassword).toBe(false);
    expect(me.enrolment).toEqual({ required: true, passwordChange: false, secondFactor: true, confirmFactor: false });
    expect((await loginFrom('10.5.0.2', { email, password: otp })).status).toBe(401);
    expect((await loginFrom('10.5.0.3', { email, password: 'een-nieuw-wachtwoord' })).status).toBe(200);
  });

  it('ends the other sessions when the password changes', async () => {
    const a = (await loginFrom('10.5.1.1', { email: 'manager@demo.zvh', password: PASSWORD })).client!;
    const b = (await loginFrom('10.5.1.2', { email: 'manager@demo.zvh', password: PASSWORD })).client!;
    expect((await a.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'manager-wachtwoord-2' })).status).toBe(204);
    expect((await a.get('/api/reference')).status).toBe(200);
    expect((await b.get('/api/reference')).status).toBe(401);
    expect((await a.post('/api/auth/password', { currentPassword: 'manager-wachtwoord-2', newPassword: PASSWORD })).status).toBe(204);
  });
});

describe('two-factor sign-in (TOTP)', () => {
  it('enrols with a code from the app and then asks for it at sign-in', async () => {
    const email = 'gemeente@demo.zvh';
    const c = (await loginFrom('10.6.0.1', { email, password: PASSWORD })).client!;
    const setup = await c.post('/api/account/totp/setup');
    expect(setup.status).toBe(200);
    expect(setup.body.otpauthUrl).toContain('otpauth://totp/');
    expect(setup.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const secret: string = setup.body.secret;
    // not yet enabled: sign-in without a code still works
    expect((await loginFrom('10.6.0.2', { email, password: PASSWORD })).status).toBe(200);
    expect((await c.post('/api/account/totp/enable', { code: '12345' })).status).toBe(400);
    const wrong = String((Number(authenticator.generate(secret)) + 1) % 1_000_000).padStart(6, '0');
    expect((await c.post('/api/account/totp/enable', { code: wrong })).status).toBe(422);
    const enabledWith = await freshCode(secret);
    expect((await c.post('/api/account/totp/enable', { code: enabledWith })).status).toBe(204);
    expect((await c.get('/api/auth/me')).body.user.totpEnabled).toBe(true);

    const without = await loginFrom('10.6.0.3', { email, password: PASSWORD });
    expect(without.status).toBe(401);
    expect(without.body.error.code).toBe('otp_required');
    expect(without.client).toBeUndefined();
    const bad = await loginFrom('10.6.0.4', { email, password: PASSWORD, otp: wrong });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe('otp_invalid');
    // a right code with a wrong password reveals nothing about the second factor
    const wrongPw = await loginFrom('10.6.0.5', { email, password: 'fout', otp: await freshCode(secret) });
    expect(wrongPw.body.error.code).toBe('invalid_credentials');
    // the code used to enable is spent: the same code again is a replay (the very code, not the
    // current step's: the freshCode above may have waited into the next step)
    const replay = await loginFrom('10.6.0.7', { email, password: PASSWORD, otp: enabledWith });
    expect(replay.body.error.code).toBe('otp_invalid');
    const ok = await loginFrom('10.6.0.6', { email, password: PASSWORD, otp: await nextStepCode(secret) });
    expect(ok.status).toBe(200);
    const again = await loginFrom('10.6.0.8', { email, password: PASSWORD, otp: authenticator.generate(secret) });
    expect(again.body.error.code).toBe('otp_invalid');
    expect(ok.body.user.totpEnabled).toBe(true);

    // switching it off needs the password
    expect((await ok.client!.post('/api/account/totp/disable', { password: 'fout' })).status).toBe(422);
    expect((await ok.client!.post('/api/account/totp/disable', { password: PASSWORD })).status).toBe(204);
    expect((await loginFrom('10.6.0.7', { email, password: PASSWORD })).status).toBe(200);
  });
});

describe('security log', () => {
  it('records failed sign-ins with the reason, never the password', async () => {
    await loginFrom('10.7.0.1', { email: 'regisseur@demo.zvh', password: 'geheim-fout-wachtwoord' });
    await loginFrom('10.7.0.1', { email: 'onbekend@demo.zvh', password: 'geheim-fout-wachtwoord' });
    const log = await rows<{ email: string; user_id: string | null; event: string; outcome: string; details: { reason: string } }>(env.database.db,
      sql`select email, user_id, event, outcome, details from security_log where ip = '10.7.0.1' order by id`);
    expect(log).toEqual([
      expect.objectContaining({ email: 'regisseur@demo.zvh', user_id: expect.any(String), event: 'login', outcome: 'failure', details: { reason: 'wrong_password' } }),
      expect.objectContaining({ email: 'onbekend@demo.zvh', user_id: null, event: 'login', outcome: 'failure', details: { reason: 'unknown_account' } }),
    ]);
    expect(JSON.stringify(log)).not.toContain('geheim-fout-wachtwoord');
  });
  it('records successful sign-ins and sign-outs', async () => {
    const { client } = await loginFrom('10.7.0.2', { email: 'regisseur@demo.zvh', password: PASSWORD });
    await client!.post('/api/auth/logout');
    // the client signs out from app.inject's own address
    const log = await rows<{ event: string; outcome: string; ip: string }>(env.database.db,
      sql`select event, outcome, ip from security_log where email = 'regisseur@demo.zvh' order by id desc limit 2`);
    expect(log.reverse()).toEqual([{ event: 'login', outcome: 'success', ip: '10.7.0.2' }, { event: 'logout', outcome: 'success', ip: '127.0.0.1' }]);
  });
});

describe('demo users outside demo mode', () => {
  it('refuses the demo accounts when the app runs with DEMO=0', async () => {
    const prod = await setupTestEnv({ DEMO: '0' });
    try {
      const r = await prod.anon.post('/api/auth/login', { email: 'regisseur@demo.zvh', password: PASSWORD });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('invalid_credentials');
      expect(r.headers['set-cookie']).toBeUndefined();
      const log = await rows<{ reason: string }>(prod.database.db,
        sql`select details->>'reason' as reason from security_log where email = 'regisseur@demo.zvh' order by id desc limit 1`);
      expect(log[0]!.reason).toBe('demo_disabled');
      expect((await prod.anon.get('/api/health')).body).toMatchObject({ status: 'ok', demo: false });
    } finally {
      await prod.close();
    }
  });
});
