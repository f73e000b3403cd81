// SPDX-License-Identifier: EUPL-1.2
// Sign-in, sign-out, the current user, password change and TOTP enrolment.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import type { Config } from '../../core/config.js';
import type { Db } from '../../core/db/index.js';
import { one, sql } from '../../core/db/index.js';
import { login } from '../../core/auth/login.js';
import { acceptTotp } from '../../core/auth/totp.js';
import { endSession, endSessionsOfUser, SESSION_COOKIE, ABSOLUTE_TIMEOUT_HOURS } from '../../core/auth/sessions.js';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from '../../core/auth/password.js';
import { DomainError, fieldError, UnauthorizedError } from '../../core/errors.js';
import { logSecurity } from '../../core/processing-log.js';
import type { Actor } from '../../core/context.js';

const Me = Type.Object({
  id: Type.String(), email: Type.String(), name: Type.String(), roles: Type.Array(Type.String()),
  organisation: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() }),
  tenant: Type.Object({ code: Type.String(), name: Type.String() }),
  municipality: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  mustChangePassword: Type.Boolean(), totpEnabled: Type.Boolean(),
});

export async function loadMe(db: Db, userId: string) {
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

export function authRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const setCookie = (reply: FastifyReply, token: string) => reply.setCookie(SESSION_COOKIE, token, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: ABSOLUTE_TIMEOUT_HOURS * 3600,
  });
  const actorOf = (a: Actor | undefined) => { if (!a) throw new UnauthorizedError(); return a; };

  app.post('/api/auth/login', {
    config: { access: { public: true } },
    schema: {
      operationId: 'signIn', tags: ['auth'], summary: 'Inloggen met e-mailadres, wachtwoord en (indien ingesteld) TOTP-code',
      body: Type.Object({
        email: Type.String({ minLength: 3, maxLength: 254 }),
        password: Type.String({ minLength: 1, maxLength: 1024 }),
        otp: Type.Optional(Type.String({ maxLength: 12 })),
      }),
      response: { 200: Type.Object({ user: Me }) },
    },
  }, async (request, reply) => {
    const body = request.body as { email: string; password: string; otp?: string };
    const { token, userId } = await login(db, config, { ...body, ip: request.ip, userAgent: request.headers['user-agent'] });
    setCookie(reply, token);
    return { user: await loadMe(db, userId) };
  });

  app.post('/api/auth/logout', {
    config: { access: { public: true } },
    schema: { operationId: 'signOut', tags: ['auth'], summary: 'Uitloggen: beëindigt de sessie op de server' },
  }, async (request, reply) => {
    if (request.actor) {
      await endSession(db, request.actor.sessionId);
      await logSecurity(db, { event: 'logout', outcome: 'success', email: request.actor.email, userId: request.actor.userId, tenantId: request.actor.tenantId, ip: request.ip });
    }
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/auth/me', {
    config: { access: { public: true } },
    schema: { operationId: 'getMe', tags: ['auth'], summary: 'De ingelogde gebruiker', response: { 200: Type.Object({ user: Me }) } },
  }, async (request) => ({ user: await loadMe(db, actorOf(request.actor).userId) }));

  app.post('/api/auth/password', {
    config: { access: { public: true } },
    schema: {
      operationId: 'changePassword', tags: ['auth'], summary: 'Wachtwoord wijzigen (ook het verplichte wijzigen van een eenmalig wachtwoord)',
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: Type.String({ maxLength: 1024 }) }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request.actor);
    const { currentPassword, newPassword } = request.body as { currentPassword: string; newPassword: string };
    const row = await one<{ password_hash: string }>(db, sql`select password_hash from users where id = ${actor.userId}`);
    if (!row || !(await verifyPassword(row.password_hash, currentPassword))) throw fieldError('currentPassword', 'Huidig wachtwoord onjuist');
    if (newPassword.length < MIN_PASSWORD_LENGTH) throw fieldError('newPassword', `Het nieuwe wachtwoord moet minstens ${MIN_PASSWORD_LENGTH} tekens hebben`);
    if (newPassword === currentPassword) throw fieldError('newPassword', 'Kies een ander wachtwoord dan het huidige');
    await db.execute(sql`update users set password_hash = ${await hashPassword(newPassword)}, must_change_password = false, updated_at = now() where id = ${actor.userId}`);
    await endSessionsOfUser(db, actor.userId, actor.sessionId);
    await logSecurity(db, { event: 'password_change', outcome: 'success', email: actor.email, userId: actor.userId, tenantId: actor.tenantId, ip: request.ip });
    return reply.status(204).send();
  });

  app.post('/api/account/totp/setup', {
    config: { access: { signedIn: true } },
    // no body at all is the same as {} (a first setup needs nothing)
    preValidation: async (request) => { request.body ??= {}; },
    schema: {
      tags: ['account'], operationId: 'startTotpSetup',
      summary: 'Start TOTP-registratie: geheim en QR-code (staat er al een tweede factor aan: met wachtwoord of huidige code)',
      description: 'Het nieuwe geheim geldt pas na bevestiging met `POST /api/account/totp/enable`; tot dan blijft een ingeschakelde tweede factor gewoon van kracht. '
        + 'Staat de tweede factor aan, dan moet hetzelfde verzoek het wachtwoord (`password`) of een huidige code (`code`) bevatten; anders 403 en verandert er niets.',
      body: Type.Object({
        password: Type.Optional(Type.String({ minLength: 1, maxLength: 1024 })),
        code: Type.Optional(Type.String({ pattern: '^[0-9]{6}$' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ secret: Type.String(), otpauthUrl: Type.String(), qrDataUrl: Type.String() }) },
    },
  }, async (request) => {
    const actor = actorOf(request.actor);
    const body = (request.body ?? {}) as { password?: string; code?: string };
    const row = await one<{ password_hash: string; totp_enabled: boolean; totp_secret: string | null }>(db, sql`
      select password_hash, totp_enabled, totp_secret from users where id = ${actor.userId}`);
    if (!row) throw new UnauthorizedError();
    if (row.totp_enabled) {
      // replacing an enabled factor: a session alone is not enough
      const refuse = async (code: string, message: string, details?: { field: string; message: string }[]) => {
        await logSecurity(db, { event: 'totp_setup', outcome: 'failure', email: actor.email, userId: actor.userId, tenantId: actor.tenantId, ip: request.ip, details: { reason: code } });
        return new DomainError(403, code, message, details);
      };
      if (body.password === undefined && body.code === undefined) {
        throw await refuse('confirmation_required', 'Tweestapsverificatie staat aan: bevestig met uw wachtwoord of een code uit uw authenticator-app');
      }
      const confirmed = body.password !== undefined
        ? await verifyPassword(row.password_hash, body.password)
        : row.totp_secret !== null && await acceptTotp(db, actor.userId, row.totp_secret, body.code!);
      if (!confirmed) {
        const field = body.password !== undefined ? 'password' : 'code';
        const message = field === 'password' ? 'Wachtwoord onjuist' : 'Code onjuist, verlopen of al gebruikt';
        throw await refuse('confirmation_invalid', message, [{ field, message }]);
      }
    }
    const secret = authenticator.generateSecret();
    // waits for its first code (enable); an enabled factor stays as it is until then
    await db.execute(sql`update users set totp_pending_secret = ${secret}, updated_at = now() where id = ${actor.userId}`);
    await logSecurity(db, { event: 'totp_setup', outcome: 'success', email: actor.email, userId: actor.userId, tenantId: actor.tenantId, ip: request.ip, details: { replacing: row.totp_enabled } });
    const otpauthUrl = authenticator.keyuri(actor.email, 'ZVH Casussysteem', secret);
    return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
  });

  app.post('/api/account/totp/enable', {
    config: { access: { signedIn: true } },
    schema: {
      tags: ['account'], operationId: 'enableTotp',
      summary: 'Bevestig het nieuwe TOTP-geheim met een code uit de app (vervangt een eerdere tweede factor)',
      body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }),
    },
  }, async (request, reply) => {
    const actor = actorOf(request.actor);
    const row = await one<{ totp_pending_secret: string | null; totp_enabled: boolean }>(db, sql`select totp_pending_secret, totp_enabled from users where id = ${actor.userId}`);
    const { code } = request.body as { code: string };
    const pending = row?.totp_pending_secret ?? null;
    const delta = pending ? authenticator.checkDelta(code, pending) : null;
    if (!pending || delta === null) throw fieldError('code', 'Code onjuist, verlopen of al gebruikt');
    const step = Math.floor(Date.now() / 30_000) + delta;
    // one atomic switch, only if the pending secret is still the one the code was checked against
    const done = await one<{ id: string }>(db, sql`update users
      set totp_secret = totp_pending_secret, totp_pending_secret = null, totp_enabled = true, totp_last_step = ${step}, updated_at = now()
      where id = ${actor.userId} and totp_pending_secret = ${pending} returning id`);
    if (!done) throw fieldError('code', 'Code onjuist, verlopen of al gebruikt');
    await logSecurity(db, { event: 'totp_enabled', outcome: 'success', email: actor.email, userId: actor.userId, tenantId: actor.tenantId, ip: request.ip, details: { replaced: row!.totp_enabled } });
    return reply.status(204).send();
  });

  app.post('/api/account/totp/disable', {
    config: { access: { signedIn: true } },
    schema: { operationId: 'disableTotp', tags: ['account'], summary: 'Zet TOTP uit (wachtwoord vereist)', body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 1024 }) }) },
  }, async (request, reply) => {
    const actor = actorOf(request.actor);
    const row = await one<{ password_hash: string }>(db, sql`select password_hash from users where id = ${actor.userId}`);
    if (!row || !(await verifyPassword(row.password_hash, (request.body as { password: string }).password))) throw fieldError('password', 'Wachtwoord onjuist');
    await db.execute(sql`update users set totp_enabled = false, totp_secret = null, totp_pending_secret = null, updated_at = now() where id = ${actor.userId}`);
    await logSecurity(db, { event: 'totp_disabled', outcome: 'success', email: actor.email, userId: actor.userId, tenantId: actor.tenantId, ip: request.ip });
    return reply.status(204).send();
  });
}
