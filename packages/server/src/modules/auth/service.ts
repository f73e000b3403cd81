// SPDX-License-Identifier: EUPL-1.2
// Sign-in, sign-out, the current user, password change and TOTP enrolment. The engine (password
// hashing, sessions, throttling, TOTP replay protection) is core/auth; this is the module's work
// on top of it. Signed-in work takes a Ctx; sign-in and sign-out run without one (no session yet,
// or perhaps none any more). `ip` is the client address for the security log.
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import type { Config } from '../../core/config.js';
import type { Actor, Ctx } from '../../core/context.js';
import type { Db } from '../../core/db/index.js';
import { one, sql } from '../../core/db/index.js';
import { login, throttledCheck } from '../../core/auth/login.js';
import { acceptTotp } from '../../core/auth/totp.js';
import { endSession, endSessionsOfUser } from '../../core/auth/sessions.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../../core/auth/password.js';
import { DomainError, fieldError, UnauthorizedError } from '../../core/errors.js';
import { logSecurity } from '../../core/processing-log.js';

export interface Me {
  id: string; email: string; name: string; roles: string[];
  organisation: { code: string; name: string; kind: string };
  tenant: { code: string; name: string };
  municipality: { code: string; name: string } | null;
  mustChangePassword: boolean; totpEnabled: boolean;
}

async function meOf(db: Db, userId: string): Promise<Me> {
  const r = await one<{ id: string; email: string; name: string; roles: string[]; org_code: string; org_name: string; org_kind: string;
    tenant_code: string; tenant_name: string; mun_code: string | null; mun_name: string | null; must_change_password: boolean; totp_enabled: boolean }>(db, sql`
    select u.id, u.email, u.name, u.roles, o.code as org_code, o.name as org_name, o.kind as org_kind, t.code as tenant_code, t.name as tenant_name,
           m.code as mun_code, m.name as mun_name, u.must_change_password, u.totp_enabled
      from users u join tenants t on t.id = u.tenant_id
      join organisations o on o.tenant_id = u.tenant_id and o.code = u.organisation_code
      left join municipalities m on m.tenant_id = u.tenant_id and m.code = u.municipality_code
     where u.id = ${userId}`);
  if (!r) throw new UnauthorizedError();
  return {
    id: r.id, email: r.email, name: r.name, roles: r.roles,
    organisation: { code: r.org_code, name: r.org_name, kind: r.org_kind },
    tenant: { code: r.tenant_code, name: r.tenant_name },
    municipality: r.mun_code ? { code: r.mun_code, name: r.mun_name ?? r.mun_code } : null,
    mustChangePassword: r.must_change_password, totpEnabled: r.totp_enabled,
  };
}

/** The signed-in user, as the web app shows them. */
export const loadMe = (ctx: Ctx): Promise<Me> => meOf(ctx.db, ctx.actor.userId);

/** Signs in (core/auth/login: throttle, password, second factor, security log); the new session's token and the user. */
export async function signIn(db: Db, config: Config, input: { email: string; password: string; otp?: string; ip: string; userAgent?: string }): Promise<{ token: string; user: Me }> {
  const { token, userId } = await login(db, config, input);
  return { token, user: await meOf(db, userId) };
}

/** Ends the session of a signed-in actor (nothing to do without one). */
export async function signOut(db: Db, actor: Actor | undefined, ip: string): Promise<void> {
  if (!actor) return;
  await endSession(db, actor.sessionId);
  await logSecurity(db, { event: 'logout', outcome: 'success', email: actor.email, userId: actor.userId, tenantId: actor.tenantId, ip });
}

const securityEntry = (actor: Actor, ip: string) => ({ email: actor.email, userId: actor.userId, tenantId: actor.tenantId, ip });

/** Changes the password (also the required change of a one-time password); ends the user's other sessions. */
export async function changePassword(ctx: Ctx, b: { currentPassword: string; newPassword: string }, ip: string): Promise<void> {
  const { actor, db } = ctx;
  const row = await one<{ password_hash: string }>(db, sql`select password_hash from users where id = ${actor.userId}`);
  if (!row || !(await throttledCheck(db, actor.email, ip, () => verifyPassword(row.password_hash, b.currentPassword)))) throw fieldError('currentPassword', 'Huidig wachtwoord onjuist');
  if (b.newPassword.length < MIN_PASSWORD_LENGTH) throw fieldError('newPassword', `Het nieuwe wachtwoord moet minstens ${MIN_PASSWORD_LENGTH} tekens hebben`);
  if (b.newPassword === b.currentPassword) throw fieldError('newPassword', 'Kies een ander wachtwoord dan het huidige');
  await db.execute(sql`update users set password_hash = ${await hashPassword(b.newPassword)}, must_change_password = false, updated_at = now() where id = ${actor.userId}`);
  await endSessionsOfUser(db, actor.userId, actor.sessionId);
  await logSecurity(db, { event: 'password_change', outcome: 'success', ...securityEntry(actor, ip) });
}

export interface TotpSetup { secret: string; otpauthUrl: string; qrDataUrl: string }

/**
 * Starts TOTP enrolment: a new secret waits for its first code (enableTotp); an enabled factor
 * stays in force until then. Replacing an enabled factor needs the password or a current code.
 */
export async function startTotpSetup(ctx: Ctx, b: { password?: string; code?: string }, ip: string): Promise<TotpSetup> {
  const { actor, db } = ctx;
  const row = await one<{ password_hash: string; totp_enabled: boolean; totp_secret: string | null }>(db, sql`
    select password_hash, totp_enabled, totp_secret from users where id = ${actor.userId}`);
  if (!row) throw new UnauthorizedError();
  if (row.totp_enabled) {
    // replacing an enabled factor: a session alone is not enough
    const refuse = async (code: string, message: string, details?: { field: string; message: string }[]) => {
      await logSecurity(db, { event: 'totp_setup', outcome: 'failure', ...securityEntry(actor, ip), details: { reason: code } });
      return new DomainError(403, code, message, details);
    };
    if (b.password === undefined && b.code === undefined) {
      throw await refuse('confirmation_required', 'Tweestapsverificatie staat aan: bevestig met uw wachtwoord of een code uit uw authenticator-app');
    }
    const confirmed = await throttledCheck(db, actor.email, ip, async () => (b.password !== undefined
      ? verifyPassword(row.password_hash, b.password)
      : row.totp_secret !== null && acceptTotp(db, actor.userId, row.totp_secret, b.code!)));
    if (!confirmed) {
      const field = b.password !== undefined ? 'password' : 'code';
      const message = field === 'password' ? 'Wachtwoord onjuist' : 'Code onjuist, verlopen of al gebruikt';
      throw await refuse('confirmation_invalid', message, [{ field, message }]);
    }
  }
  const secret = authenticator.generateSecret();
  // waits for its first code (enable); an enabled factor stays as it is until then
  await db.execute(sql`update users set totp_pending_secret = ${secret}, updated_at = now() where id = ${actor.userId}`);
  await logSecurity(db, { event: 'totp_setup', outcome: 'success', ...securityEntry(actor, ip), details: { replacing: row.totp_enabled } });
  const otpauthUrl = authenticator.keyuri(actor.email, 'ZVH Casussysteem', secret);
  return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
}

/** Confirms the pending secret with a code from the app; it replaces an earlier second factor. */
export async function enableTotp(ctx: Ctx, code: string, ip: string): Promise<void> {
  const { actor, db } = ctx;
  const row = await one<{ totp_pending_secret: string | null; totp_enabled: boolean }>(db, sql`select totp_pending_secret, totp_enabled from users where id = ${actor.userId}`);
  const pending = row?.totp_pending_secret ?? null;
  const delta = pending ? authenticator.checkDelta(code, pending) : null;
  if (!pending || delta === null) throw fieldError('code', 'Code onjuist, verlopen of al gebruikt');
  const step = Math.floor(Date.now() / 30_000) + delta;
  // one atomic switch, only if the pending secret is still the one the code was checked against
  const done = await one<{ id: string }>(db, sql`update users
    set totp_secret = totp_pending_secret, totp_pending_secret = null, totp_enabled = true, totp_last_step = ${step}, updated_at = now()
    where id = ${actor.userId} and totp_pending_secret = ${pending} returning id`);
  if (!done) throw fieldError('code', 'Code onjuist, verlopen of al gebruikt');
  await logSecurity(db, { event: 'totp_enabled', outcome: 'success', ...securityEntry(actor, ip), details: { replaced: row!.totp_enabled } });
}

/** Switches the second factor off; needs the password. */
export async function disableTotp(ctx: Ctx, password: string, ip: string): Promise<void> {
  const { actor, db } = ctx;
  const row = await one<{ password_hash: string }>(db, sql`select password_hash from users where id = ${actor.userId}`);
  if (!row || !(await throttledCheck(db, actor.email, ip, () => verifyPassword(row.password_hash, password)))) throw fieldError('password', 'Wachtwoord onjuist');
  await db.execute(sql`update users set totp_enabled = false, totp_secret = null, totp_pending_secret = null, updated_at = now() where id = ${actor.userId}`);
  await logSecurity(db, { event: 'totp_disabled', outcome: 'success', ...securityEntry(actor, ip) });
}
