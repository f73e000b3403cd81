// SPDX-License-Identifier: EUPL-1.2
// Sign-in: password (argon2id), optional TOTP, brute-force throttle, security log.
import type { Config } from '../config.js';
import type { Executor } from '../db/index.js';
import { one, schema, sql } from '../db/index.js';
import { DomainError, TooManyRequestsError, UnauthorizedError } from '../errors.js';
import { logSecurity } from '../processing-log.js';
import { hashPassword, verifyPassword } from './password.js';
import { createSession } from './sessions.js';
import { acceptTotp } from './totp.js';

export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MINUTES = 15;

// verified against when the account does not exist, so both paths take the same time
let dummyHash: Promise<string> | undefined;

interface UserRow { id: string; tenant_id: string; password_hash: string; active: boolean; is_demo: boolean; totp_enabled: boolean; totp_secret: string | null }

export async function login(ex: Executor, config: Config, input: { email: string; password: string; otp?: string; ip: string; userAgent?: string }): Promise<{ token: string; userId: string }> {
  const email = input.email.trim().toLowerCase();
  const counts = await one<{ by_email: number; by_ip: number }>(ex, sql`
    select count(*) filter (where email = ${email}) as by_email, count(*) filter (where ip = ${input.ip}) as by_ip
      from login_attempts
     where not success and at > now() - make_interval(mins => ${FAILURE_WINDOW_MINUTES})
       and (email = ${email} or ip = ${input.ip})`);
  if ((counts?.by_email ?? 0) >= MAX_FAILURES || (counts?.by_ip ?? 0) >= MAX_FAILURES) {
    await logSecurity(ex, { event: 'login', outcome: 'failure', email, ip: input.ip, details: { reason: 'throttled' } });
    throw new TooManyRequestsError();
  }
  const user = await one<UserRow>(ex, sql`select id, tenant_id, password_hash, active, is_demo, totp_enabled, totp_secret
    from users where lower(email) = ${email}`);
  const fail = async (reason: string, err: DomainError = new UnauthorizedError('E-mailadres of wachtwoord onjuist', 'invalid_credentials')) => {
    await ex.insert(schema.loginAttempts).values({ email, ip: input.ip, success: false });
    await logSecurity(ex, { event: 'login', outcome: 'failure', email, userId: user?.id, tenantId: user?.tenant_id, ip: input.ip, details: { reason } });
    return err;
  };
  if (!user) {
    dummyHash ??= hashPassword('no-such-user-dummy-password');
    await verifyPassword(await dummyHash, input.password);
    throw await fail('unknown_account');
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  if (!ok) throw await fail('wrong_password');
  if (!user.active) throw await fail('inactive');
  // demo accounts share a published password: only usable while the installation runs in demo mode
  if (user.is_demo && !config.demo) throw await fail('demo_disabled');
  if (user.totp_enabled && user.totp_secret) {
    if (!input.otp) {
      throw new UnauthorizedError('Voer de verificatiecode uit uw authenticator-app in', 'otp_required');
    }
    if (!(await acceptTotp(ex, user.id, user.totp_secret, input.otp))) {
      throw await fail('wrong_otp', new UnauthorizedError('Verificatiecode onjuist', 'otp_invalid'));
    }
  }
  await ex.insert(schema.loginAttempts).values({ email, ip: input.ip, success: true });
  await logSecurity(ex, { event: 'login', outcome: 'success', email, userId: user.id, tenantId: user.tenant_id, ip: input.ip });
  const token = await createSession(ex, config.sessionSecret, { id: user.id, tenantId: user.tenant_id }, input.ip, input.userAgent);
  return { token, userId: user.id };
}
