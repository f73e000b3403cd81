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
import { one, rows, sql, transaction } from '../../core/db/index.js';
import { createHash } from 'node:crypto';
import { confirmSecondFactor, login, reauthenticate, throttledCheck } from '../../core/auth/login.js';
import { deleteRecoveryCodes, generateRecoveryCodes } from '../../core/auth/recovery.js';
import type { AuthenticationResponseJSON, RegistrationResponseJSON, RelyingParty } from '../../core/auth/webauthn.js';
import { authenticationOptions, registerPasskey, registrationOptions } from '../../core/auth/webauthn.js';
import { ConflictError, NotFoundError } from '../../core/errors.js';
import { acceptTotp } from '../../core/auth/totp.js';
import { ABSOLUTE_TIMEOUT_HOURS, endSession, endSessionsOfUser, IDLE_TIMEOUT_MINUTES, markFactorEnrolled } from '../../core/auth/sessions.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../../core/auth/password.js';
import { DomainError, fieldError, UnauthorizedError } from '../../core/errors.js';
import { logSecurity } from '../../core/processing-log.js';

export interface Me {
  id: string; email: string; name: string; roles: string[];
  organisation: { code: string; name: string; kind: string };
  tenant: { code: string; name: string };
  municipality: { code: string; name: string } | null;
  mustChangePassword: boolean; totpEnabled: boolean;
  /** What the user must still do before reaching any data (the enrolment page shows it). */
  enrolment: { required: boolean; passwordChange: boolean; secondFactor: boolean; confirmFactor: boolean };
  recoveryCodesLeft: number; passkeyCount: number;
  /** Until when the session counts as freshly authenticated (null without a session). */
  freshUntil: string | null;
}

async function meOf(db: Db, userId: string, session?: { actor: Actor; freshAuthMinutes: number }): Promise<Me> {
  const r = await one<{ id: string; email: string; name: string; roles: string[]; org_code: string; org_name: string; org_kind: string;
    tenant_code: string; tenant_name: string; mun_code: string | null; mun_name: string | null; must_change_password: boolean; totp_enabled: boolean;
    is_demo: boolean; recovery_left: number; passkey_count: number }>(db, sql`
    select u.id, u.email, u.name, u.roles, o.code as org_code, o.name as org_name, o.kind as org_kind, t.code as tenant_code, t.name as tenant_name,
           m.code as mun_code, m.name as mun_name, u.must_change_password, u.totp_enabled, u.is_demo,
           (select count(*)::int from recovery_codes rc where rc.user_id = u.id and rc.used_at is null) as recovery_left,
           (select count(*)::int from passkeys p where p.user_id = u.id) as passkey_count
      from users u join tenants t on t.id = u.tenant_id
      join organisations o on o.tenant_id = u.tenant_id and o.code = u.organisation_code
      left join municipalities m on m.tenant_id = u.tenant_id and m.code = u.municipality_code
     where u.id = ${userId}`);
  if (!r) throw new UnauthorizedError();
  const me = {
    id: r.id, email: r.email, name: r.name, roles: r.roles,
    organisation: { code: r.org_code, name: r.org_name, kind: r.org_kind },
    tenant: { code: r.tenant_code, name: r.tenant_name },
    municipality: r.mun_code ? { code: r.mun_code, name: r.mun_name ?? r.mun_code } : null,
    mustChangePassword: r.must_change_password, totpEnabled: r.totp_enabled,
    recoveryCodesLeft: Number(r.recovery_left), passkeyCount: Number(r.passkey_count),
    freshUntil: session?.actor.authenticatedAt ? new Date(session.actor.authenticatedAt.getTime() + session.freshAuthMinutes * 60_000).toISOString() : null,
  };
  // the session's own verdict (core/auth/sessions: single sign-on may count as the second factor) when there is one
  const secondFactor = session?.actor.secondFactorMissing ?? needsFactor(r);
  // likewise for the password change (not asked of a single sign-on session with trusted MFA)
  const passwordChange = session?.actor.mustChangePassword ?? r.must_change_password;
  // a factor the user has but this session has not proved (single sign-on without trusted MFA);
  // a password sign-in always proves it
  const confirmFactor = session?.actor.secondFactorUnconfirmed ?? false;
  return {
    ...me, mustChangePassword: passwordChange,
    enrolment: { required: passwordChange || secondFactor || confirmFactor, passwordChange, secondFactor, confirmFactor },
  };
}

const needsFactor = (r: { is_demo: boolean; totp_enabled: boolean; passkey_count: number }) => !r.is_demo && !r.totp_enabled && Number(r.passkey_count) === 0;

/** The signed-in user, as the web app shows them. */
export const loadMe = (ctx: Ctx, freshAuthMinutes: number): Promise<Me> => meOf(ctx.db, ctx.actor.userId, { actor: ctx.actor, freshAuthMinutes });

/** Signs in (core/auth/login: throttle, password, second factor, security log); the new session's token and the user. */
export async function signIn(db: Db, config: Config, input: { email: string; password: string; otp?: string; passkey?: AuthenticationResponseJSON; ip: string; userAgent?: string; rp?: RelyingParty }): Promise<{ token: string; user: Me }> {
  const { token, userId } = await login(db, config, input);
  return { token, user: await meOf(db, userId, { actor: { authenticatedAt: new Date() } as Actor, freshAuthMinutes: config.freshAuthMinutes }) };
}

/**
 * Completes a sign-in without the user's own second factor (single sign-on whose provider's MFA is
 * not trusted): a TOTP code, recovery code or passkey (core/auth/login: throttle, security log).
 * Only for a session that needs it: any other session answers 409 and nothing is checked, so this
 * is never a way to refresh a session without the password.
 */
export async function confirmFactor(ctx: Ctx, b: { otp?: string; passkey?: AuthenticationResponseJSON }, ip: string, rp: RelyingParty): Promise<void> {
  if (!ctx.actor.secondFactorUnconfirmed) {
    throw new ConflictError('second_factor_not_required', 'Deze sessie hoeft geen tweede factor meer te bevestigen');
  }
  await confirmSecondFactor(ctx.db, ctx.actor, { ...b, ip, rp });
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
  const done = await transaction(db, async (tx) => {
    // one atomic switch, only if the pending secret is still the one the code was checked against
    const switched = await one<{ id: string }>(tx, sql`update users
      set totp_secret = totp_pending_secret, totp_pending_secret = null, totp_enabled = true, totp_last_step = ${step}, updated_at = now()
      where id = ${actor.userId} and totp_pending_secret = ${pending} returning id`);
    // the session that enrolled the factor holds it (not asked to confirm it again)
    if (switched) await markFactorEnrolled(tx, actor.sessionId, 'totp');
    return switched;
  });
  if (!done) throw fieldError('code', 'Code onjuist, verlopen of al gebruikt');
  await logSecurity(db, { event: 'totp_enabled', outcome: 'success', ...securityEntry(actor, ip), details: { replaced: row!.totp_enabled } });
}

/** Switches the second factor off; needs the password. */
export async function disableTotp(ctx: Ctx, password: string, ip: string): Promise<void> {
  const { actor, db } = ctx;
  const row = await one<{ password_hash: string }>(db, sql`select password_hash from users where id = ${actor.userId}`);
  if (!row || !(await throttledCheck(db, actor.email, ip, () => verifyPassword(row.password_hash, password)))) throw fieldError('password', 'Wachtwoord onjuist');
  await transaction(db, async (tx) => {
    await tx.execute(sql`update users set totp_enabled = false, totp_secret = null, totp_pending_secret = null, updated_at = now() where id = ${actor.userId}`);
    await deleteRecoveryCodes(tx, actor.userId);
  });
  await logSecurity(db, { event: 'totp_disabled', outcome: 'success', ...securityEntry(actor, ip) });
}

/** Fresh authentication of the current session: password and (if any) second factor again. */
export async function reauth(ctx: Ctx, b: { password: string; otp?: string; passkey?: AuthenticationResponseJSON }, ip: string, rp: RelyingParty): Promise<void> {
  await reauthenticate(ctx.db, ctx.actor, { ...b, ip, rp });
}

/** New recovery codes (the old ones stop working); only with TOTP on. Shown this once. */
export async function newRecoveryCodes(ctx: Ctx, ip: string): Promise<{ codes: string[] }> {
  const { actor, db } = ctx;
  const row = await one<{ totp_enabled: boolean }>(db, sql`select totp_enabled from users where id = ${actor.userId}`);
  if (!row?.totp_enabled) throw new DomainError(409, 'totp_not_enabled', 'Herstelcodes horen bij de authenticator-app: stel die eerst in');
  const codes = await generateRecoveryCodes(db, { id: actor.userId, tenantId: actor.tenantId });
  await logSecurity(db, { event: 'recovery_codes_generated', outcome: 'success', ...securityEntry(actor, ip) });
  return { codes };
}

// --- passkeys ---

export interface Passkey { id: string; name: string; createdAt: string; lastUsedAt: string | null }

export async function listPasskeys(ctx: Ctx): Promise<Passkey[]> {
  return rows<Passkey>(ctx.db, sql`select id, name, created_at as "createdAt", last_used_at as "lastUsedAt"
    from passkeys where user_id = ${ctx.actor.userId} order by created_at`);
}

export const passkeyRegistrationOptions = (ctx: Ctx, rp: RelyingParty) =>
  registrationOptions(ctx.db, rp, { id: ctx.actor.userId, email: ctx.actor.email, name: ctx.actor.name });

export async function addPasskey(ctx: Ctx, b: { name: string; response: RegistrationResponseJSON }, ip: string, rp: RelyingParty): Promise<{ id: string }> {
  const { actor, db } = ctx;
  const id = await registerPasskey(db, rp, { id: actor.userId, tenantId: actor.tenantId }, b.name.trim(), b.response);
  // the session that enrolled the factor holds it (not asked to confirm it again). Not in one
  // transaction with the registration, whose challenge must stay used up even when it fails; should
  // this write fail, the session is only asked to confirm the new passkey
  await markFactorEnrolled(db, actor.sessionId, 'passkey');
  await logSecurity(db, { event: 'passkey_added', outcome: 'success', ...securityEntry(actor, ip), details: { passkeyId: id } });
  return { id };
}

export async function removePasskey(ctx: Ctx, id: string, ip: string): Promise<void> {
  const { actor, db } = ctx;
  const gone = await one<{ id: string }>(db, sql`delete from passkeys where id = ${id} and user_id = ${actor.userId} returning id`);
  if (!gone) throw new NotFoundError('Passkey niet gevonden');
  await logSecurity(db, { event: 'passkey_removed', outcome: 'success', ...securityEntry(actor, ip), details: { passkeyId: id } });
}

export const passkeySignInOptions = (db: Db, rp: RelyingParty) => authenticationOptions(db, rp);

// --- sessions ---

/** A session as its owner sees it; `id` is a digest of the stored id (which itself is a digest of the cookie). */
export interface SessionInfo { id: string; createdAt: string; lastSeenAt: string; ip: string | null; userAgent: string | null; current: boolean }

const publicSessionId = (storedId: string) => createHash('sha256').update(storedId).digest('hex').slice(0, 32);

/** A short "browser on system" from a User-Agent header. */
export function summariseUserAgent(ua: string | null): string | null {
  if (!ua) return null;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const system = /Windows/.test(ua) ? 'Windows' : /iPhone|iPad/.test(ua) ? 'iOS' : /Android/.test(ua) ? 'Android' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  if (browser && system) return `${browser} op ${system}`;
  return browser ?? system ?? ua.slice(0, 60);
}

async function activeSessions(ctx: Ctx) {
  return rows<{ id: string; created_at: Date; last_seen_at: Date; ip: string | null; user_agent: string | null }>(ctx.db, sql`
    select id, created_at, last_seen_at, ip, user_agent from sessions
     where user_id = ${ctx.actor.userId} and ended_at is null
       and last_seen_at > now() - make_interval(mins => ${IDLE_TIMEOUT_MINUTES})
       and created_at > now() - make_interval(hours => ${ABSOLUTE_TIMEOUT_HOURS})
     order by last_seen_at desc`);
}

export async function listSessions(ctx: Ctx): Promise<SessionInfo[]> {
  return (await activeSessions(ctx)).map((s) => ({
    id: publicSessionId(s.id), createdAt: new Date(s.created_at).toISOString(), lastSeenAt: new Date(s.last_seen_at).toISOString(),
    ip: s.ip, userAgent: summariseUserAgent(s.user_agent), current: s.id === ctx.actor.sessionId,
  }));
}

/** Ends one of the user's own sessions (by its public id). */
export async function endOwnSession(ctx: Ctx, publicId: string, ip: string): Promise<void> {
  const s = (await activeSessions(ctx)).find((x) => publicSessionId(x.id) === publicId);
  if (!s) throw new NotFoundError('Sessie niet gevonden');
  await endSession(ctx.db, s.id);
  await logSecurity(ctx.db, { event: 'session_ended', outcome: 'success', ...securityEntry(ctx.actor, ip), details: { current: s.id === ctx.actor.sessionId } });
}

/** Signs out everywhere: every other session, or all of them (this one too). */
export async function endSessions(ctx: Ctx, scope: 'others' | 'all', ip: string): Promise<void> {
  await endSessionsOfUser(ctx.db, ctx.actor.userId, scope === 'others' ? ctx.actor.sessionId : undefined);
  await logSecurity(ctx.db, { event: 'sessions_ended', outcome: 'success', ...securityEntry(ctx.actor, ip), details: { scope } });
}
