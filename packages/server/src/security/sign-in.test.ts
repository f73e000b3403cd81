// SPDX-License-Identifier: EUPL-1.2
// Attack 5b: guessing passwords and accounts. Sign-in answers an unknown e-mail address exactly
// like a wrong password (status and body), also for an inactive account, one with a second
// factor and one that must change a one-time password, and takes about as long (argon2 runs
// against a dummy hash; medians within 3x, a generous bound so the test is not flaky). Parallel
// guessing is throttled per account (from many addresses) and per address (over many accounts),
// also on the other password checks: changing the password, switching the second factor off
// or replacing it, so a stolen session cannot be used to guess the password.
// (core/auth/auth.test.ts has the sequential throttle and the security log.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestEnv } from '../test/harness.js';
import { createUser } from '../test/fixtures.js';
import { sql } from '../core/db/index.js';
import { MAX_FAILURES } from '../core/auth/login.js';

let env: TestEnv;
let ipSeq = 0;
/** A fresh client address, so the per-address throttle does not mix the cases. */
const freshIp = () => `10.77.${Math.floor(++ipSeq / 250)}.${(ipSeq % 250) + 1}`;
const login = (body: Record<string, unknown>, ip = freshIp()) => env.app.inject({ method: 'POST', url: '/api/auth/login', payload: body, remoteAddress: ip });
const tally = (statuses: number[]) => statuses.reduce<Record<number, number>>((t, s) => ({ ...t, [s]: (t[s] ?? 0) + 1 }), {});

beforeAll(async () => {
  env = await setupTestEnv();
  const db = env.database.db;
  await createUser(db, { email: 'inactief@demo.zvh', organisation: 'politie', roles: ['professional'] });
  await db.execute(sql`update users set active = false where email = 'inactief@demo.zvh'`);
  await createUser(db, { email: 'eenmalig@demo.zvh', organisation: 'politie', roles: ['professional'] });
  await db.execute(sql`update users set must_change_password = true where email = 'eenmalig@demo.zvh'`);
  await createUser(db, { email: 'totp@demo.zvh', organisation: 'politie', roles: ['professional'] });
  await db.execute(sql`update users set totp_enabled = true, totp_secret = 'JBSWY3DPEHPK3PXP' where email = 'totp@demo.zvh'`);
});
afterAll(async () => { await env?.close(); });

describe('user enumeration', () => {
  it('answers an unknown e-mail address exactly like a wrong password, whatever the state of the account', async () => {
    const answers = new Map<string, string>();
    for (const email of ['bestaat-niet@demo.zvh', 'manager@demo.zvh', 'inactief@demo.zvh', 'eenmalig@demo.zvh', 'totp@demo.zvh', 'MANAGER@demo.zvh']) {
      const r = await login({ email, password: 'helemaal-fout-wachtwoord' });
      answers.set(email, `${r.statusCode} ${r.body}`);
      expect(r.headers['set-cookie'], email).toBeUndefined();
    }
    expect(new Set(answers.values()).size, JSON.stringify(Object.fromEntries(answers))).toBe(1);
    expect([...answers.values()][0]).toMatch(/^401 .*invalid_credentials/);
  });

  it('takes about as long for an unknown e-mail address as for a wrong password (medians within 3x)', async () => {
    const time = async (email: string) => {
      const t0 = process.hrtime.bigint();
      const r = await login({ email, password: 'helemaal-fout-wachtwoord' });
      expect(r.statusCode).toBe(401);
      return Number(process.hrtime.bigint() - t0) / 1e6;
    };
    await time('opwarmen@demo.zvh'); // the dummy hash is made once
    const unknown: number[] = [];
    const known: number[] = [];
    for (let i = 0; i < 7; i++) {
      unknown.push(await time(`onbekend${i}@demo.zvh`));
      known.push(await time('regisseur@demo.zvh'));
      await env.database.db.execute(sql`delete from login_attempts where email = 'regisseur@demo.zvh'`);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [u, k] = [median(unknown), median(known)];
    expect(u / k, `unknown ${u.toFixed(1)} ms, wrong password ${k.toFixed(1)} ms`).toBeLessThan(3);
    expect(k / u, `unknown ${u.toFixed(1)} ms, wrong password ${k.toFixed(1)} ms`).toBeLessThan(3);
  });
});

describe('parallel guessing', () => {
  it(`weighs at most ${MAX_FAILURES} of 40 simultaneous guesses for one account from 40 addresses`, async () => {
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => login({ email: 'informatie@demo.zvh', password: `gok-${i}` })));
    const t = tally(results.map((r) => r.statusCode));
    expect(t[401] ?? 0).toBeLessThanOrEqual(MAX_FAILURES);
    expect(t[429] ?? 0).toBeGreaterThanOrEqual(40 - MAX_FAILURES);
    // and the right password is refused too while the account is throttled
    expect((await login({ email: 'informatie@demo.zvh', password: 'demo-wachtwoord' })).statusCode).toBe(429);
  });

  it(`weighs at most ${MAX_FAILURES} of 40 simultaneous guesses from one address over 40 accounts`, async () => {
    const ip = freshIp();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => login({ email: `gok${i}@demo.zvh`, password: 'fout' }, ip)));
    const t = tally(results.map((r) => r.statusCode));
    expect(t[401] ?? 0).toBeLessThanOrEqual(MAX_FAILURES);
    expect((t[401] ?? 0) + (t[429] ?? 0)).toBe(40);
    // that address may not sign in even with a right password for now; another address may
    expect((await login({ email: 'politie@demo.zvh', password: 'demo-wachtwoord' }, ip)).statusCode).toBe(429);
    expect((await login({ email: 'politie@demo.zvh', password: 'demo-wachtwoord' })).statusCode).toBe(200);
  });

  for (const [label, method, url, body] of [
    ['changing the password', 'POST', '/api/auth/password', (i: number) => ({ currentPassword: `gok-${i}`, newPassword: 'een-heel-nieuw-wachtwoord' })],
    ['switching the second factor off', 'POST', '/api/account/totp/disable', (i: number) => ({ password: `gok-${i}` })],
  ] as const) {
    it(`throttles 40 simultaneous password guesses with a stolen session when ${label}`, async () => {
      const email = label.includes('password') ? 'gemeente@demo.zvh' : 'ggz@demo.zvh';
      const c = await env.as(email);
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => env.app.inject({
        method, url, payload: body(i), headers: { cookie: c.cookie! }, remoteAddress: freshIp(),
      })));
      const t = tally(results.map((r) => r.statusCode));
      expect(t[400] ?? 0, JSON.stringify(t)).toBeLessThanOrEqual(MAX_FAILURES);
      expect(t[429] ?? 0, JSON.stringify(t)).toBeGreaterThanOrEqual(40 - MAX_FAILURES);
      // the session holder cannot reach the password either now; nothing changed
      const right = await env.app.inject({ method, url, payload: label.includes('password') ? { currentPassword: 'demo-wachtwoord', newPassword: 'een-heel-nieuw-wachtwoord' } : { password: 'demo-wachtwoord' }, headers: { cookie: c.cookie! }, remoteAddress: freshIp() });
      expect(right.statusCode).toBe(429);
    }, 120_000);
  }
});
