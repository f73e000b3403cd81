// SPDX-License-Identifier: EUPL-1.2
// Replacing a second factor (issue 8, defect 7): while TOTP is on, POST /api/account/totp/setup
// needs the password or a current code in the same request, and the enabled factor stays in
// force until the new one is confirmed with enable (api-contract.md, "Accounts and second factor").
import { authenticator } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { one, sql } from '../../core/db/index.js';

const EMAIL = 'ggz@demo.zvh';
const PASSWORD = 'demo-wachtwoord';
let env: TestEnv;
let ggz: TestClient;
beforeAll(async () => {
  env = await setupTestEnv();
  ggz = await env.as(EMAIL);
});
afterAll(async () => { await env?.close(); });

const state = async () => (await one<{ totp_enabled: boolean; totp_secret: string | null; totp_pending_secret: string | null }>(env.database.db,
  sql`select totp_enabled, totp_secret, totp_pending_secret from users where email = ${EMAIL}`))!;
/** Forget the last used time step, so a code of the current step is accepted again (no 30 s wait). */
const forgetStep = () => env.database.db.execute(sql`update users set totp_last_step = null where email = ${EMAIL}`);
/**
 * A current code, never from the last 2 s of its 30-second step: the server checks it a request
 * later (on a busy machine hundreds of ms) without a window, so a code made just before the step
 * turns would fail there.
 */
async function code(secret: string): Promise<string> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < 2_000) await new Promise((r) => setTimeout(r, left + 50));
  return authenticator.generate(secret);
}
const signInAlone = () => env.anon.post('/api/auth/login', { email: EMAIL, password: PASSWORD });

describe('second factor: setup, enable, replace', () => {
  let first: string;

  it('sets up a first factor with only the session (no body at all) and enables it with a code', async () => {
    const setup = await ggz.req('POST', '/api/account/totp/setup');
    expect(setup.status).toBe(200);
    first = setup.body.secret;
    // not in force before it is confirmed
    expect(await state()).toMatchObject({ totp_enabled: false, totp_pending_secret: first });
    expect((await signInAlone()).status).toBe(200);
    expect((await ggz.post('/api/account/totp/enable', { code: '000000' === await code(first) ? '111111' : '000000' })).status).toBe(422);
    expect((await ggz.post('/api/account/totp/enable', { code: await code(first) })).status).toBe(204);
    expect(await state()).toEqual({ totp_enabled: true, totp_secret: first, totp_pending_secret: null });
    const r = await signInAlone();
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('otp_required');
    // the right password waiting for its code is no failure for the throttle
    const failures = await one<{ n: number }>(env.database.db, sql`select count(*) as n from login_attempts where email = ${EMAIL} and not success`);
    expect(failures!.n).toBe(0);
  });

  it('refuses setup with only the session while the factor is on, and changes nothing', async () => {
    for (const body of [undefined, {}]) {
      const r = await ggz.req('POST', '/api/account/totp/setup', body);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('confirmation_required');
      expect(r.body.secret).toBeUndefined();
    }
    expect(await state()).toEqual({ totp_enabled: true, totp_secret: first, totp_pending_secret: null });
    expect((await signInAlone()).body.error.code).toBe('otp_required');
  });

  it('refuses a wrong password or a wrong code, and changes nothing', async () => {
    const wrongPw = await ggz.post('/api/account/totp/setup', { password: 'fout' });
    expect(wrongPw.status).toBe(403);
    expect(wrongPw.body.error).toMatchObject({ code: 'confirmation_invalid', details: [{ field: 'password' }] });
    const otherCode = String((Number(await code(first)) + 1) % 1_000_000).padStart(6, '0');
    const wrongCode = await ggz.post('/api/account/totp/setup', { code: otherCode });
    expect(wrongCode.status).toBe(403);
    expect(wrongCode.body.error).toMatchObject({ code: 'confirmation_invalid', details: [{ field: 'code' }] });
    expect(await state()).toEqual({ totp_enabled: true, totp_secret: first, totp_pending_secret: null });
  });

  it('replaces the factor with the password: the old one holds until the new one is confirmed', async () => {
    const setup = await ggz.post('/api/account/totp/setup', { password: PASSWORD });
    expect(setup.status).toBe(200);
    const second = setup.body.secret as string;
    expect(second).not.toBe(first);
    expect(await state()).toEqual({ totp_enabled: true, totp_secret: first, totp_pending_secret: second });
    // the old factor still signs in; the unconfirmed new one does not
    expect((await signInAlone()).body.error.code).toBe('otp_required');
    await forgetStep();
    expect((await env.anon.post('/api/auth/login', { email: EMAIL, password: PASSWORD, otp: await code(second) })).status).toBe(401);
    await forgetStep();
    expect((await env.anon.post('/api/auth/login', { email: EMAIL, password: PASSWORD, otp: await code(first) })).status).toBe(200);
    // confirmed: the new one replaces the old one
    expect((await ggz.post('/api/account/totp/enable', { code: await code(second) })).status).toBe(204);
    expect(await state()).toEqual({ totp_enabled: true, totp_secret: second, totp_pending_secret: null });
    await forgetStep();
    expect((await env.anon.post('/api/auth/login', { email: EMAIL, password: PASSWORD, otp: await code(first) })).body.error.code).toBe('otp_invalid');

    // a current code of the enabled factor confirms as well
    await forgetStep();
    const withCode = await ggz.post('/api/account/totp/setup', { code: await code(second) });
    expect(withCode.status).toBe(200);
    expect(await state()).toMatchObject({ totp_enabled: true, totp_secret: second, totp_pending_secret: withCode.body.secret });
    // that code is spent now: it cannot confirm a second time
    expect((await ggz.post('/api/account/totp/setup', { code: await code(second) })).status).toBe(403);
  });

  it('logs the refused and the accepted setups in the security log', async () => {
    const log = await env.database.db.execute(sql`select outcome, details from security_log where email = ${EMAIL} and event = 'totp_setup' order by id`);
    const outcomes = (log as unknown as { rows: { outcome: string; details: { reason?: string } }[] }).rows.map((r) => `${r.outcome}:${r.details?.reason ?? ''}`);
    expect(outcomes).toContain('failure:confirmation_required');
    expect(outcomes).toContain('failure:confirmation_invalid');
    expect(outcomes.filter((o) => o.startsWith('success')).length).toBe(3);
  });
});
