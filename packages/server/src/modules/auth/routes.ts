// SPDX-License-Identifier: EUPL-1.2
// Sign-in, sign-out, the current user, password change and TOTP enrolment. The work is done in
// service.ts; the handlers read the request, set or clear the session cookie and answer.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../core/config.js';
import type { Db } from '../../core/db/index.js';
import { SESSION_COOKIE, ABSOLUTE_TIMEOUT_HOURS } from '../../core/auth/sessions.js';
import { ctxOf } from '../../core/http.js';
import type { AuthenticationResponseJSON, RegistrationResponseJSON } from '../../core/auth/webauthn.js';
import { relyingParty } from '../../core/auth/webauthn.js';
import type { FastifyRequest } from 'fastify';
import * as service from './service.js';
import { OrganisationKindSchema } from '../schemas.js';

const Me = Type.Object({
  id: Type.String(), email: Type.String(), name: Type.String(), roles: Type.Array(Type.String()),
  organisation: Type.Object({ code: Type.String(), name: Type.String(), kind: OrganisationKindSchema }),
  tenant: Type.Object({ code: Type.String(), name: Type.String() }),
  municipality: Type.Union([Type.Object({ code: Type.String(), name: Type.String() }), Type.Null()]),
  mustChangePassword: Type.Boolean(), totpEnabled: Type.Boolean(),
  enrolment: Type.Object({
    required: Type.Boolean({ description: 'Nog iets te doen voordat er gegevens bereikbaar zijn (anders 403 enrolment_required)' }),
    passwordChange: Type.Boolean({ description: 'Het eenmalige wachtwoord moet nog gewijzigd worden' }),
    secondFactor: Type.Boolean({ description: 'Er moet nog een tweede factor (authenticator-app of passkey) ingesteld worden' }),
    confirmFactor: Type.Boolean({
      description: 'De gebruiker heeft een tweede factor, maar deze sessie heeft die nog niet bewezen (single sign-on zonder vertrouwde MFA): '
        + 'eerst `POST /api/auth/second-factor` (anders 403 second_factor_required)',
    }),
  }),
  recoveryCodesLeft: Type.Integer(), passkeyCount: Type.Integer(),
  freshUntil: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Tot wanneer de sessie als recent bevestigd geldt (freshAuth-routes)' }),
});

// a WebAuthn response as @simplewebauthn/browser sends it; checked in detail by @simplewebauthn/server
const B64URL = Type.String({ maxLength: 20_000, pattern: '^[A-Za-z0-9_-]*={0,2}$' });
const AssertionJson = Type.Object({
  id: B64URL, rawId: B64URL, type: Type.Literal('public-key'),
  response: Type.Object({ clientDataJSON: B64URL, authenticatorData: B64URL, signature: B64URL, userHandle: Type.Optional(B64URL) }),
  clientExtensionResults: Type.Object({}, { additionalProperties: true }),
  authenticatorAttachment: Type.Optional(Type.String({ maxLength: 40 })),
}, { description: 'PublicKeyCredential (WebAuthn-assertie) als JSON' });
const AttestationJson = Type.Object({
  id: B64URL, rawId: B64URL, type: Type.Literal('public-key'),
  response: Type.Object({
    clientDataJSON: B64URL, attestationObject: B64URL,
    transports: Type.Optional(Type.Array(Type.String({ maxLength: 20 }), { maxItems: 10 })),
    authenticatorData: Type.Optional(B64URL), publicKey: Type.Optional(B64URL), publicKeyAlgorithm: Type.Optional(Type.Integer()),
  }),
  clientExtensionResults: Type.Object({}, { additionalProperties: true }),
  authenticatorAttachment: Type.Optional(Type.String({ maxLength: 40 })),
}, { description: 'PublicKeyCredential (WebAuthn-registratie) als JSON' });
const WebAuthnOptions = Type.Object({ challenge: Type.String() }, { additionalProperties: true, description: 'Opties voor navigator.credentials (@simplewebauthn/browser)' });
const Passkey = Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.String({ format: 'date-time' }), lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) });
const Session = Type.Object({
  id: Type.String(), createdAt: Type.String({ format: 'date-time' }), lastSeenAt: Type.String({ format: 'date-time' }),
  ip: Type.Union([Type.String(), Type.Null()]), userAgent: Type.Union([Type.String(), Type.Null()], { description: 'Browser en systeem, samengevat' }),
  current: Type.Boolean(),
});
// reachable once the one-time password is changed, also before a second factor is enrolled
const account = { access: { signedIn: true as const, duringEnrolment: 'secondFactor' as const } };

export function authRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const rpOf = (request: FastifyRequest) => relyingParty(config.publicUrl, request.protocol, request.host);
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
        otp: Type.Optional(Type.String({ maxLength: 24, description: 'TOTP-code (6 cijfers) of een herstelcode' })),
        passkey: Type.Optional(AssertionJson),
      }),
      response: { 200: Type.Object({ user: Me }) },
    },
  }, async (request, reply) => {
    const body = request.body as { email: string; password: string; otp?: string; passkey?: AuthenticationResponseJSON };
    const { token, user } = await service.signIn(db, config, { ...body, ip: request.ip, userAgent: request.headers['user-agent'], rp: rpOf(request) });
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
  }, async (request) => ({ user: await service.loadMe(ctxOf(request, db), config.freshAuthMinutes) }));

  app.post('/api/auth/reauth', {
    config: { access: { public: true } },
    schema: {
      operationId: 'reauthenticate', tags: ['auth'],
      summary: 'Opnieuw bevestigen (wachtwoord en tweede factor): de sessie geldt dan als recent bevestigd voor gevoelige handelingen',
      body: Type.Object({
        password: Type.String({ minLength: 1, maxLength: 1024 }),
        otp: Type.Optional(Type.String({ maxLength: 24, description: 'TOTP-code of herstelcode' })),
        passkey: Type.Optional(AssertionJson),
      }),
      response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    await service.reauth(ctxOf(request, db), request.body as { password: string; otp?: string; passkey?: AuthenticationResponseJSON }, request.ip, rpOf(request));
    return reply.status(204).send();
  });

  app.post('/api/auth/second-factor', {
    // like every sign-in route under /api/auth/ (api-contract, "Access and CSRF") routed publicly,
    // outside the enrolment gate it completes; ctxOf answers 401 without a session
    config: { access: { public: true } },
    schema: {
      operationId: 'confirmSecondFactor', tags: ['auth'],
      summary: 'Aanmelding afronden met de eigen tweede factor (TOTP-code, herstelcode of passkey) na single sign-on zonder vertrouwde MFA',
      description: 'Alleen voor een sessie met `enrolment.confirmFactor` (anders 409 `second_factor_not_required`). '
        + 'Afgeremd en gelogd als een aanmelding; een onjuiste code of passkey: 403 `otp_invalid` en de sessie blijft wachten.',
      body: Type.Object({
        otp: Type.Optional(Type.String({ maxLength: 24, description: 'TOTP-code (6 cijfers) of een herstelcode' })),
        passkey: Type.Optional(AssertionJson),
      }, { additionalProperties: false }),
      response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    await service.confirmFactor(ctxOf(request, db), request.body as { otp?: string; passkey?: AuthenticationResponseJSON }, request.ip, rpOf(request));
    return reply.status(204).send();
  });

  app.post('/api/auth/passkey/options', {
    config: { access: { public: true } },
    // no body at all is the same as {}; an explicit JSON null is junk (400), not an empty object
    preValidation: async (request) => { if (request.body === undefined) request.body = {}; },
    schema: {
      operationId: 'passkeyAuthenticationOptions', tags: ['auth'],
      summary: 'Uitdaging voor bevestigen met een passkey (bij inloggen of opnieuw bevestigen); 5 minuten en eenmaal geldig',
      body: Type.Object({}, { additionalProperties: false }),
      response: { 200: WebAuthnOptions },
    },
  }, async (request) => service.passkeySignInOptions(db, rpOf(request)));

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
    config: account,
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
    config: account,
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
    config: { ...account, freshAuth: true },
    schema: {
      operationId: 'disableTotp', tags: ['account'], summary: 'Zet TOTP uit (wachtwoord vereist)',
      body: Type.Object({ password: Type.String({ minLength: 1, maxLength: 1024 }) }), response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    await service.disableTotp(ctxOf(request, db), (request.body as { password: string }).password, request.ip);
    return reply.status(204).send();
  });

  app.post('/api/account/recovery-codes', {
    config: { ...account, freshAuth: true },
    // no body at all is the same as {}; an explicit JSON null is junk (400), not an empty object
    preValidation: async (request) => { if (request.body === undefined) request.body = {}; },
    schema: {
      operationId: 'generateRecoveryCodes', tags: ['account'],
      summary: '10 nieuwe herstelcodes (eenmalig te gebruiken in plaats van een TOTP-code); de vorige vervallen. Alleen nu zichtbaar.',
      body: Type.Object({}, { additionalProperties: false }),
      response: { 200: Type.Object({ codes: Type.Array(Type.String()) }) },
    },
  }, async (request) => service.newRecoveryCodes(ctxOf(request, db), request.ip));

  app.get('/api/account/passkeys', {
    config: account,
    schema: { operationId: 'listPasskeys', tags: ['account'], summary: 'Eigen passkeys', response: { 200: Type.Array(Passkey) } },
  }, async (request) => service.listPasskeys(ctxOf(request, db)));

  app.post('/api/account/passkeys/options', {
    config: { ...account, freshAuth: true },
    // no body at all is the same as {}; an explicit JSON null is junk (400), not an empty object
    preValidation: async (request) => { if (request.body === undefined) request.body = {}; },
    schema: {
      operationId: 'passkeyRegistrationOptions', tags: ['account'], summary: 'Uitdaging voor het registreren van een passkey (5 minuten geldig)',
      body: Type.Object({}, { additionalProperties: false }),
      response: { 200: WebAuthnOptions },
    },
  }, async (request) => service.passkeyRegistrationOptions(ctxOf(request, db), rpOf(request)));

  app.post('/api/account/passkeys', {
    config: { ...account, freshAuth: true },
    schema: {
      operationId: 'addPasskey', tags: ['account'], summary: 'Passkey registreren met een naam',
      body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 80, pattern: '\\S' }), response: AttestationJson }),
      response: { 201: Type.Object({ id: Type.String() }) },
    },
  }, async (request, reply) => {
    const created = await service.addPasskey(ctxOf(request, db), request.body as { name: string; response: RegistrationResponseJSON }, request.ip, rpOf(request));
    return reply.status(201).send(created);
  });

  app.delete('/api/account/passkeys/:id', {
    config: { ...account, freshAuth: true },
    schema: {
      operationId: 'removePasskey', tags: ['account'], summary: 'Passkey verwijderen',
      params: Type.Object({ id: Type.String({ format: 'uuid' }) }), response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    await service.removePasskey(ctxOf(request, db), (request.params as { id: string }).id, request.ip);
    return reply.status(204).send();
  });

  app.get('/api/account/sessions', {
    config: account,
    schema: { operationId: 'listSessions', tags: ['account'], summary: 'Eigen actieve sessies (deze gemarkeerd)', response: { 200: Type.Array(Session) } },
  }, async (request) => service.listSessions(ctxOf(request, db)));

  app.delete('/api/account/sessions/:id', {
    config: account,
    schema: {
      operationId: 'endSession', tags: ['account'], summary: 'Eén eigen sessie beëindigen',
      params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{32}$' }) }), response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    await service.endOwnSession(ctxOf(request, db), (request.params as { id: string }).id, request.ip);
    return reply.status(204).send();
  });

  app.post('/api/account/sessions/end', {
    config: account,
    schema: {
      operationId: 'endSessions', tags: ['account'], summary: 'Overal afmelden: alle andere sessies (others) of alle, ook deze (all)',
      body: Type.Object({ scope: Type.Union([Type.Literal('others'), Type.Literal('all')]) }),
      response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    const scope = (request.body as { scope: 'others' | 'all' }).scope;
    await service.endSessions(ctxOf(request, db), scope, request.ip);
    if (scope === 'all') reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.status(204).send();
  });
}
