// SPDX-License-Identifier: EUPL-1.2
// Sign-in, sign-out, the current user, password change and TOTP enrolment. The work is done in
// service.ts; the handlers read the request, set or clear the session cookie and answer.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../core/config.js';
import type { Db } from '../../core/db/index.js';
import { SESSION_COOKIE, ABSOLUTE_TIMEOUT_HOURS } from '../../core/auth/sessions.js';
import { ctxOf } from '../../core/http.js';
import * as service from './service.js';

const Me = Type.Object({
  id: Type.String(), email: Type.String(), name: Type.String(), roles: Type.Array(Type.String()),
  organisation: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() }),
  tenant: Type.Object({ code: Type.String(), name: Type.String() }),
  municipality: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  mustChangePassword: Type.Boolean(), totpEnabled: Type.Boolean(),
});

export function authRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const setCookie = (reply: FastifyReply, token: string) => reply.setCookie(SESSION_COOKIE, token, {
    path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies || reply.request.protocol === 'https', maxAge: ABSOLUTE_TIMEOUT_HOURS * 3600,
  });

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
    const { token, user } = await service.signIn(db, config, { ...body, ip: request.ip, userAgent: request.headers['user-agent'] });
    setCookie(reply, token);
    return { user };
  });

  app.post('/api/auth/logout', {
    config: { access: { public: true } },
    schema: { operationId: 'signOut', tags: ['auth'], summary: 'Uitloggen: beëindigt de sessie op de server', response: { 204: Type.Null() } },
  }, async (request, reply) => {
    await service.signOut(db, request.actor, request.ip);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });

  app.get('/api/auth/me', {
    config: { access: { public: true } },
    schema: { operationId: 'getMe', tags: ['auth'], summary: 'De ingelogde gebruiker', response: { 200: Type.Object({ user: Me }) } },
  }, async (request) => ({ user: await service.loadMe(ctxOf(request, db)) }));

  app.post('/api/auth/password', {
    config: { access: { public: true } },
    schema: {
      operationId: 'changePassword', tags: ['auth'], summary: 'Wachtwoord wijzigen (ook het verplichte wijzigen van een eenmalig wachtwoord)',
      body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 1024 }), newPassword: Type.String({ maxLength: 1024 }) }),
      response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    await service.changePassword(ctxOf(request, db), request.body as { currentPassword: string; newPassword: string }, request.ip);
    return reply.status(204).send();
  });

  app.post('/api/account/totp/setup', {
    config: { access: { signedIn: true } },
    // no body at all is the same as {} (a first setup needs nothing)
    preValidation: async (request) => { if (request.body === undefined) request.body = {}; },
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
  }, async (request) => service.startTotpSetup(ctxOf(request, db), (request.body ?? {}) as { password?: string; code?: string }, request.ip));

  app.post('/api/account/totp/enable', {
    config: { access: { signedIn: true } },
    schema: {
      tags: ['account'], operationId: 'enableTotp',
      summary: 'Bevestig het nieuwe TOTP-geheim met een code uit de app (vervangt een eerdere tweede factor)',
      body: Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }),
      response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    await service.enableTotp(ctxOf(request, db), (request.body as { code: string }).code, request.ip);
    return reply.status(204).send();
  });

  app.post('/api/account/totp/disable', {
    config: { access: { signedIn: true } },
    schema: {
      operationId: 'disableTotp', tags: ['account'], summary: 'Zet TOTP uit (wachtwoord vereist)',
      body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 1024 }) }), response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    await service.disableTotp(ctxOf(request, db), (request.body as { password: string }).password, request.ip);
    return reply.status(204).send();
  });
}
