// SPDX-License-Identifier: EUPL-1.2
// Sign-in: password (argon2id), optional TOTP, brute-force throttle, security log.
import type { Config } from '../config.js';
import type { Executor } from '../db/index.js';
import { one, sql, transaction } from '../db/index.js';
import { DomainError, fieldError, TooManyRequestsError, UnauthorizedError } from '../errors.js';
import { logSecurity } from '../processing-log.js';
import { hashPassword, verifyPassword } from './password.js';
import { consumeRecoveryCode, isRecoveryCodeShape } from './recovery.js';
import type { SecondFactor } from './sessions.js';
import { createSession, markAuthenticated } from './sessions.js';
import { acceptTotp } from './totp.js';
import type { AuthenticationResponseJSON, RelyingParty } from './webauthn.js';
import { hasPasskeys, verifyPasskey } from './webauthn.js';

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

/** What proves the second factor: a TOTP code or a recovery code (`otp`), or a passkey assertion. */
export interface FactorProof { otp?: string; passkey?: AuthenticationResponseJSON }

/**
 * Checks the second factor of a user who has one. Returns how it was proved, 'missing' when the
 * request carries none, 'wrong' when it does not hold. A TOTP code's time step and a recovery code
 * are used up; a passkey's challenge too.
 */
export async function checkSecondFactor(ex: Executor, rp: RelyingParty | undefined, user: { id: string; totp_enabled: boolean; totp_secret: string | null }, proof: FactorProof): Promise<SecondFactor | 'missing' | 'wrong'> {
  if (proof.passkey !== undefined) {
    return rp && await verifyPasskey(ex, rp, user.id, proof.passkey) ? 'passkey' : 'wrong';
  }
  if (proof.otp !== undefined && proof.otp !== '') {
    if (!user.totp_enabled || !user.totp_secret) return 'wrong';
    if (isRecoveryCodeShape(proof.otp)) return await consumeRecoveryCode(ex, user.id, proof.otp) ? 'recovery' : 'wrong';
    return await acceptTotp(ex, user.id, user.totp_secret, proof.otp) ? 'totp' : 'wrong';
  }
  return 'missing';
}

export async function login(ex: Executor, config: Config, input: { email: string; password: string; otp?: string; passkey?: AuthenticationResponseJSON; ip: string; userAgent?: string; rp?: RelyingParty }): Promise<{ token: string; userId: string }> {
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
  const totp = user.totp_enabled && user.totp_secret !== null;
  const passkeys = await hasPasskeys(ex, user.id);
  let factor: SecondFactor | null = null;
  if (totp || passkeys) {
    const methods = [...(totp ? ['totp', 'recovery_code'] : []), ...(passkeys ? ['passkey'] : [])];
    const got = await checkSecondFactor(ex, input.rp, user, { otp: input.otp, passkey: input.passkey });
    if (got === 'missing') {
      // the right password and a request for the second factor: not a failure
      await ex.execute(sql`delete from login_attempts where id = ${attemptId}`);
      throw new DomainError(401, totp ? 'otp_required' : 'second_factor_required',
        totp ? 'Voer de verificatiecode uit uw authenticator-app in (of een herstelcode, of gebruik een passkey)' : 'Bevestig met uw passkey', { methods });
    }
    if (got === 'wrong') {
      throw await fail('wrong_second_factor', new DomainError(401, 'otp_invalid', 'Verificatiecode of passkey onjuist', { methods }));
    }
    factor = got;
  }
  await ex.execute(sql`update login_attempts set success = true where id = ${attemptId}`);
  await logSecurity(ex, { event: 'login', outcome: 'success', email, userId: user.id, tenantId: user.tenant_id, ip: input.ip, ...(factor ? { details: { secondFactor: factor } } : {}) });
  const token = await createSession(ex, config.sessionSecret, { id: user.id, tenantId: user.tenant_id }, input.ip, input.userAgent, factor);
  return { token, userId: user.id };
}

/**
 * Fresh authentication for a signed-in session: the password again and, when the user has one,
 * the second factor (TOTP or recovery code, or a passkey). Throttled and logged like a sign-in;
 * on success the session counts as fresh for FRESH_AUTH_MINUTES.
 */
export async function reauthenticate(ex: Executor, user: { userId: string; sessionId: string; email: string; tenantId: string }, input: { password: string; otp?: string; passkey?: AuthenticationResponseJSON; ip: string; rp?: RelyingParty }): Promise<void> {
  const email = user.email.trim().toLowerCase();
  const attemptId = await reserveAttempt(ex, email, input.ip);
  const entry = { event: 'reauth', email, userId: user.userId, tenantId: user.tenantId, ip: input.ip };
  if (attemptId === undefined) {
    await logSecurity(ex, { ...entry, outcome: 'failure', details: { reason: 'throttled' } });
    throw new TooManyRequestsError();
  }
  const row = await one<UserRow>(ex, sql`select id, tenant_id, password_hash, active, is_demo, totp_enabled, totp_secret from users where id = ${user.userId}`);
  const fail = async (reason: string, field: string, message: string) => {
    await logSecurity(ex, { ...entry, outcome: 'failure', details: { reason } });
    return new DomainError(403, 'reauth_failed', message, [{ field, message }]);
  };
  if (!row || !(await verifyPassword(row.password_hash, input.password))) throw await fail('wrong_password', 'password', 'Wachtwoord onjuist');
  const totp = row.totp_enabled && row.totp_secret !== null;
  let factor: SecondFactor | null = null;
  if (totp || await hasPasskeys(ex, row.id)) {
    const got = await checkSecondFactor(ex, input.rp, row, { otp: input.otp, passkey: input.passkey });
    if (got === 'missing') {
      await ex.execute(sql`delete from login_attempts where id = ${attemptId}`);
      throw new DomainError(403, 'second_factor_required', 'Bevestig ook met uw tweede factor', [{ field: 'otp', message: 'Verplicht' }]);
    }
    if (got === 'wrong') throw await fail('wrong_second_factor', input.passkey ? 'passkey' : 'otp', 'Verificatiecode of passkey onjuist');
    factor = got;
  }
  await ex.execute(sql`update login_attempts set success = true where id = ${attemptId}`);
  await markAuthenticated(ex, user.sessionId, factor);
  await logSecurity(ex, { ...entry, outcome: 'success', ...(factor ? { details: { secondFactor: factor } } : {}) });
}

/**
 * Completes a sign-in that did not prove the user's own second factor (single sign-on whose
 * provider's MFA the organisation does not trust): the TOTP code, a recovery code or a passkey
 * assertion. Throttled like a sign-in (per account and per address) and logged (`second_factor`);
 * on success the session holds the factor and counts as freshly authenticated. A wrong proof is
 * 403 `otp_invalid` (not 401: the session itself is fine), nothing changes.
 */
export async function confirmSecondFactor(ex: Executor, user: { userId: string; sessionId: string; email: string; tenantId: string }, input: FactorProof & { ip: string; rp?: RelyingParty }): Promise<SecondFactor> {
  const email = user.email.trim().toLowerCase();
  const entry = { event: 'second_factor', email, userId: user.userId, tenantId: user.tenantId, ip: input.ip };
  const attemptId = await reserveAttempt(ex, email, input.ip);
  if (attemptId === undefined) {
    await logSecurity(ex, { ...entry, outcome: 'failure', details: { reason: 'throttled' } });
    throw new TooManyRequestsError();
  }
  const row = await one<UserRow>(ex, sql`select id, tenant_id, password_hash, active, is_demo, totp_enabled, totp_secret from users where id = ${user.userId}`);
  const got = row ? await checkSecondFactor(ex, input.rp, row, { otp: input.otp, passkey: input.passkey }) : 'wrong';
  if (got === 'missing') {
    // asked without a proof: no guess, so no failure for the throttle
    await ex.execute(sql`delete from login_attempts where id = ${attemptId}`);
    throw fieldError('otp', 'Vul de verificatiecode of een herstelcode in, of gebruik een passkey');
  }
  if (got === 'wrong') {
    await logSecurity(ex, { ...entry, outcome: 'failure', details: { reason: 'wrong_second_factor' } });
    const field = input.passkey !== undefined ? 'passkey' : 'otp';
    throw new DomainError(403, 'otp_invalid', 'Verificatiecode of passkey onjuist', [{ field, message: 'Verificatiecode of passkey onjuist' }]);
  }
  await ex.execute(sql`update login_attempts set success = true where id = ${attemptId}`);
  await markAuthenticated(ex, user.sessionId, got);
  await logSecurity(ex, { ...entry, outcome: 'success', details: { secondFactor: got } });
  return got;
}
