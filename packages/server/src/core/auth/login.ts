// SPDX-License-Identifier: EUPL-1.2
// Sign-in: password (argon2id), optional TOTP, brute-force throttle, security log.
import type { Config } from '../config.js';
import type { Executor } from '../db/index.js';
import { one, sql, transaction } from '../db/index.js';
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

// advisory lock classes (two-key form): one per e-mail address, one per client address
const LOCK_EMAIL = 7420101;
const LOCK_IP = 7420102;

/**
 * The throttle decision and the record of the attempt in one step: under a transaction-scoped
 * advisory lock on the e-mail address and on the client address, count the recent failures and,
 * unless the limit is reached, record this attempt at once as a failure (it becomes a success only
 * when the sign-in succeeds). Parallel attempts thus queue on the lock and each one sees the ones
 * before it, so of any number of simultaneous wrong passwords at most MAX_FAILURES are weighed.
 * Returns the attempt's id, or undefined when throttled. The email lock is always taken first, so
 * two attempts never wait on each other in a cycle.
 */
async function reserveAttempt(db: Executor, email: string, ip: string): Promise<number | undefined> {
  return transaction(db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_EMAIL}::int, hashtext(${email}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK_IP}::int, hashtext(${ip}))`);
    const counts = await one<{ by_email: number; by_ip: number }>(tx, sql`
      select count(*) filter (where email = ${email}) as by_email, count(*) filter (where ip = ${ip}) as by_ip
        from login_attempts
       where not success and at > now() - make_interval(mins => ${FAILURE_WINDOW_MINUTES})
         and (email = ${email} or ip = ${ip})`);
    if ((counts?.by_email ?? 0) >= MAX_FAILURES || (counts?.by_ip ?? 0) >= MAX_FAILURES) return undefined;
    const row = await one<{ id: number }>(tx, sql`insert into login_attempts (email, ip, success) values (${email}, ${ip}, false) returning id`);
    return row!.id;
  });
}

/**
 * A password or code check outside sign-in (changing the password, switching the second factor
 * off or replacing it) counts for the same throttle as sign-in, per account and per address: a
 * stolen session cannot be used to guess the password. Throws 429 when throttled; a right answer
 * turns the recorded attempt into a success.
 */
export async function throttledCheck(ex: Executor, email: string, ip: string, check: () => Promise<boolean>): Promise<boolean> {
  const attemptId = await reserveAttempt(ex, email.trim().toLowerCase(), ip);
  if (attemptId === undefined) throw new TooManyRequestsError();
  const ok = await check();
  if (ok) await ex.execute(sql`update login_attempts set success = true where id = ${attemptId}`);
  return ok;
}

export async function login(ex: Executor, config: Config, input: { email: string; password: string; otp?: string; ip: string; userAgent?: string }): Promise<{ token: string; userId: string }> {
  const email = input.email.trim().toLowerCase();
  const attemptId = await reserveAttempt(ex, email, input.ip);
  if (attemptId === undefined) {
    await logSecurity(ex, { event: 'login', outcome: 'failure', email, ip: input.ip, details: { reason: 'throttled' } });
    throw new TooManyRequestsError();
  }
  const user = await one<UserRow>(ex, sql`select id, tenant_id, password_hash, active, is_demo, totp_enabled, totp_secret
    from users where lower(email) = ${email}`);
  // the attempt is already recorded as a failure
  const fail = async (reason: string, err: DomainError = new UnauthorizedError('E-mailadres of wachtwoord onjuist', 'invalid_credentials')) => {
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
      // the right password and a request for the code: not a failure
      await ex.execute(sql`delete from login_attempts where id = ${attemptId}`);
      throw new UnauthorizedError('Voer de verificatiecode uit uw authenticator-app in', 'otp_required');
    }
    if (!(await acceptTotp(ex, user.id, user.totp_secret, input.otp))) {
      throw await fail('wrong_otp', new UnauthorizedError('Verificatiecode onjuist', 'otp_invalid'));
    }
  }
  await ex.execute(sql`update login_attempts set success = true where id = ${attemptId}`);
  await logSecurity(ex, { event: 'login', outcome: 'success', email, userId: user.id, tenantId: user.tenant_id, ip: input.ip });
  const token = await createSession(ex, config.sessionSecret, { id: user.id, tenantId: user.tenant_id }, input.ip, input.userAgent);
  return { token, userId: user.id };
}
