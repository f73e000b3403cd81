// SPDX-License-Identifier: EUPL-1.2
// Single sign-on (OpenID Connect) per organisation: the beheerder's settings and the public
// sign-in routes (start, callback, the list for the login page). The work is done in service.ts.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../core/config.js';
import type { Db } from '../../core/db/index.js';
import { ABSOLUTE_TIMEOUT_HOURS, SESSION_COOKIE } from '../../core/auth/sessions.js';
import { ctxOf } from '../../core/http.js';
import { Nullable } from '../schemas.js';
import * as service from './service.js';
import type { SsoChange } from './service.js';

const FAILED = '/login?sso=mislukt';
const CODE = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$' });
const Settings = Type.Object({
  organisationCode: Type.String(),
  issuer: Nullable(Type.String({ description: 'Issuer-URL van de identity provider' })),
  clientId: Nullable(Type.String()),
  hasSecret: Type.Boolean({ description: 'Of er een client secret is opgeslagen (het secret zelf wordt nooit teruggegeven)' }),
  emailClaim: Type.String({ description: 'De claim in het ID-token met het e-mailadres' }),
  enabled: Type.Boolean(),
  mfaTrusted: Type.Boolean({ description: 'De MFA van de identity provider telt als tweede factor' }),
});

export function ssoRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const redirectUri = (request: FastifyRequest) => `${config.publicUrl ?? `${request.protocol}://${request.host}`}${service.CALLBACK_PATH}`;

  app.get('/api/admin/organisations/:code/sso', {
    config: { access: { permission: 'admin.manage' } },
    schema: {
      operationId: 'getOrganisationSso', tags: ['beheer'], summary: 'Single sign-on (OpenID Connect) van een organisatie',
      params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
      response: { 200: Settings },
    },
  }, async (request) => service.getSettings(ctxOf(request, db), (request.params as { code: string }).code));

  app.put('/api/admin/organisations/:code/sso', {
    config: { access: { permission: 'admin.manage' }, freshAuth: true },
    schema: {
      operationId: 'putOrganisationSso', tags: ['beheer'],
      summary: 'Single sign-on van een organisatie instellen (recente bevestiging nodig); zonder clientSecret blijft het opgeslagen secret',
      params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
      body: Type.Object({
        issuer: Type.String({ minLength: 8, maxLength: 500 }),
        clientId: Type.String({ minLength: 1, maxLength: 200 }),
        clientSecret: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
        emailClaim: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_:.\\-/]{1,100}$' })),
        enabled: Type.Boolean(),
        mfaTrusted: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: Settings },
    },
  }, async (request) => service.putSettings(ctxOf(request, db), config, (request.params as { code: string }).code, request.body as SsoChange, request.ip));

  app.get('/api/auth/sso/organisations', {
    config: { access: { public: true } },
    schema: {
      operationId: 'listSsoOrganisations', tags: ['auth'], summary: 'Organisaties waarvan medewerkers via hun eigen organisatie kunnen inloggen',
      response: { 200: Type.Array(Type.Object({ tenant: Type.String(), organisation: Type.String(), name: Type.String() })) },
    },
  }, async () => service.listEnabled(db));

  app.get('/api/auth/sso/start', {
    config: { access: { public: true } },
    schema: {
      operationId: 'startSso', tags: ['auth'], summary: 'Inloggen via de organisatie: stuurt door naar de identity provider',
      querystring: Type.Object({ organisation: CODE, tenant: Type.Optional(CODE) }),
      response: { 302: Type.Null() },
    },
  }, async (request, reply) => {
    try {
      return reply.redirect(await service.start(db, config, request.query as { organisation: string; tenant?: string }, redirectUri(request)), 302);
    } catch (e) {
      await service.logRefusal(db, e, request.ip);
      return reply.redirect(FAILED, 302);
    }
  });

  app.get(service.CALLBACK_PATH, {
    config: { access: { public: true } },
    schema: {
      operationId: 'ssoCallback', tags: ['auth'], summary: 'Terugkeer van de identity provider; bij succes ingelogd en door naar /, anders naar /login?sso=mislukt',
      response: { 302: Type.Null() },
    },
  }, async (request, reply) => {
    try {
      const url = new URL(request.url, redirectUri(request));
      const token = await service.callback(db, config, url, { ip: request.ip, userAgent: request.headers['user-agent'] });
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies || request.protocol === 'https', maxAge: ABSOLUTE_TIMEOUT_HOURS * 3600,
      });
      return reply.redirect('/', 302);
    } catch (e) {
      await service.logRefusal(db, e, request.ip);
      return reply.redirect(FAILED, 302);
    }
  });
}
