// SPDX-License-Identifier: EUPL-1.2
// Beheer: organisations (convenant partners), municipalities, code lists and users of the
// beheerder's own tenant, and the reference data every signed-in user reads. The work is done in
// service.ts; the handlers only read the request and answer. Response schemas list every field a
// route sends (users carry personal data: name, e-mail), so Fastify sends nothing else.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CODE_LISTS, ROLES } from '@zvh/shared';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { Nullable, OrganisationKindSchema } from '../schemas.js';
import * as service from './service.js';
import type { NewUser, UserChange } from './service.js';

const beheer = { access: { permission: 'admin.manage' as const } };
const CODE = Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'Stabiele code: kleine letters, cijfers en streepjes' });
const NAME = Type.String({ minLength: 1, maxLength: 200 });
const DOMAIN = Type.Union([Type.Literal('zorg'), Type.Literal('justitie'), Type.Literal('gemeente')]);
const REGION = Type.String({ pattern: '^[a-z0-9-]{1,40}$' });
const LIST_NAMES = Object.keys(CODE_LISTS);
const ROLE = Type.Union(ROLES.map((r) => Type.Literal(r)));
const MUNICIPAL = Type.Boolean({ description: 'Gemeentelijke partner: één afdeling per gemeente; medewerkers werken voor één of enkele gemeenten' });
const SECRECY = Type.Boolean({ description: 'Partner met beroepsgeheim (ggz, huisarts, Veilig Thuis, ...): toevoegen aan een lopende casus vraagt goedkeuring van een tweede ZVH-medewerker (vier ogen)' });
const MUNICIPALITY_CODE = Type.String({ maxLength: 10 });
const MUNICIPALITY_CODES = Type.Array(MUNICIPALITY_CODE, { uniqueItems: true, maxItems: 50, description: 'De gemeenten waarvoor een medewerker van een gemeentelijke partner werkt' });

// --- what the routes send ---
const Organisation = Type.Object({
  code: Type.String(), name: Type.String(), kind: OrganisationKindSchema, domain: Nullable(DOMAIN),
  active: Type.Boolean(), municipal: Type.Boolean(), professionalSecrecy: Type.Boolean(),
});
const Municipality = Type.Object({ code: Type.String(), name: Type.String(), region: Type.String(), nazorgPlustaak: Type.Boolean(), active: Type.Boolean() });
const CodeListItem = Type.Object({ code: Type.String(), label: Type.String(), active: Type.Boolean(), sort: Type.Integer() });
const CodeLists = Type.Record(Type.String(), Type.Array(CodeListItem), { description: 'Per codelijst de codes in volgorde' });
const CodeListEntry = Type.Object({ list: Type.String(), code: Type.String(), label: Type.String(), active: Type.Boolean(), sort: Type.Integer() });
const AdminUser = Type.Object({
  id: Type.String(), email: Type.String(), name: Type.String(), organisationCode: Type.String(),
  municipalityCode: Nullable(Type.String({ description: 'De eerste van municipalityCodes (het contract kent één gemeente)' })),
  municipalityCodes: Type.Array(Type.String()), roles: Type.Array(Type.String()), active: Type.Boolean(), totpEnabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(), lastSignInAt: Nullable(Type.String({ format: 'date-time' })),
});
const OneTimePassword = Type.Object({ oneTimePassword: Type.String({ description: 'Eenmalig wachtwoord; moet bij de eerste aanmelding gewijzigd worden' }) });

export function referenceRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/reference', {
    config: { access: { signedIn: true, duringEnrolment: true } },
    schema: {
      operationId: 'getReferenceData', tags: ['referentiedata'], summary: 'Gemeenten, organisaties en codelijsten van de eigen tenant',
      response: { 200: Type.Object({ municipalities: Type.Array(Municipality), organisations: Type.Array(Organisation), codeLists: CodeLists }) },
    },
  }, async (request) => service.loadReference(ctxOf(request, db)));
}

export function beheerRoutes(app: FastifyInstance, db: Db): void {
  // --- organisations ---
  app.get('/api/admin/organisations', {
    config: beheer,
    schema: { operationId: 'listOrganisations', tags: ['beheer'], summary: 'Organisaties (ZVH en convenantpartners)', response: { 200: Type.Array(Organisation) } },
  }, async (request) => service.listOrganisations(ctxOf(request, db)));
  app.post('/api/admin/organisations', {
    config: beheer,
    schema: {
      operationId: 'createOrganisation', tags: ['beheer'], summary: 'Convenantpartner toevoegen',
      body: Type.Object({ code: CODE, name: NAME, domain: DOMAIN, municipal: Type.Optional(MUNICIPAL), professionalSecrecy: Type.Optional(SECRECY) }, { additionalProperties: false }),
      response: { 201: Organisation },
    },
  }, async (request, reply) => {
    const created = await service.createOrganisation(ctxOf(request, db), request.body as { code: string; name: string; domain: string; municipal?: boolean; professionalSecrecy?: boolean });
    return reply.status(201).send(created);
  });
  app.patch('/api/admin/organisations/:code', {
    config: beheer,
    schema: {
      operationId: 'updateOrganisation', tags: ['beheer'], summary: 'Organisatie hernoemen, domein, gemeentelijk of beroepsgeheim wijzigen, (de)activeren',
      params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
      body: Type.Object({ name: Type.Optional(NAME), domain: Type.Optional(DOMAIN), active: Type.Optional(Type.Boolean()), municipal: Type.Optional(MUNICIPAL), professionalSecrecy: Type.Optional(SECRECY) }, { additionalProperties: false }),
      response: { 200: Organisation },
    },
  }, async (request) => service.updateOrganisation(ctxOf(request, db), (request.params as { code: string }).code,
    request.body as { name?: string; domain?: string; active?: boolean; municipal?: boolean; professionalSecrecy?: boolean }));

  // --- municipalities ---
  app.get('/api/admin/municipalities', {
    config: beheer,
    schema: { operationId: 'listMunicipalities', tags: ['beheer'], summary: 'Gemeenten', response: { 200: Type.Array(Municipality) } },
  }, async (request) => service.listMunicipalities(ctxOf(request, db)));
  app.post('/api/admin/municipalities', {
    config: beheer,
    schema: {
      operationId: 'createMunicipality', tags: ['beheer'], summary: 'Gemeente toevoegen',
      body: Type.Object({ code: Type.String({ pattern: '^GM[0-9]{4}$' }), name: NAME, region: REGION, nazorgPlustaak: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 201: Municipality },
    },
  }, async (request, reply) => {
    const created = await service.createMunicipality(ctxOf(request, db), request.body as { code: string; name: string; region: string; nazorgPlustaak?: boolean });
    return reply.status(201).send(created);
  });
  app.patch('/api/admin/municipalities/:code', {
    config: beheer,
    schema: {
      operationId: 'updateMunicipality', tags: ['beheer'], summary: 'Gemeente hernoemen, regio of plustaak wijzigen, (de)activeren',
      params: Type.Object({ code: Type.String({ maxLength: 10 }) }),
      body: Type.Object({ name: Type.Optional(NAME), region: Type.Optional(REGION), nazorgPlustaak: Type.Optional(Type.Boolean()), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Municipality },
    },
  }, async (request) => service.updateMunicipality(ctxOf(request, db), (request.params as { code: string }).code,
    request.body as { name?: string; region?: string; nazorgPlustaak?: boolean; active?: boolean }));

  // --- code lists ---
  app.get('/api/admin/code-lists', {
    config: beheer,
    schema: { operationId: 'listCodeLists', tags: ['beheer'], summary: 'Alle codelijsten', response: { 200: CodeLists } },
  }, async (request) => service.listCodeLists(ctxOf(request, db)));
  app.post('/api/admin/code-lists/:list', {
    config: beheer,
    schema: {
      operationId: 'addCode', tags: ['beheer'], summary: 'Code aan een codelijst toevoegen',
      params: Type.Object({ list: Type.Union(LIST_NAMES.map((l) => Type.Literal(l))) }),
      body: Type.Object({ code: CODE, label: NAME }, { additionalProperties: false }),
      response: { 201: CodeListEntry },
    },
  }, async (request, reply) => {
    const created = await service.addCode(ctxOf(request, db), (request.params as { list: string }).list, request.body as { code: string; label: string });
    return reply.status(201).send(created);
  });
  app.patch('/api/admin/code-lists/:list/:code', {
    config: beheer,
    schema: {
      operationId: 'updateCode', tags: ['beheer'], summary: 'Omschrijving wijzigen of code (de)activeren',
      params: Type.Object({ list: Type.String({ maxLength: 40 }), code: Type.String({ maxLength: 40 }) }),
      body: Type.Object({ label: Type.Optional(NAME), active: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: CodeListEntry },
    },
  }, async (request) => {
    const { list, code } = request.params as { list: string; code: string };
    return service.updateCode(ctxOf(request, db), list, code, request.body as { label?: string; active?: boolean });
  });

  // --- users ---
  app.get('/api/admin/users', {
    config: beheer,
    schema: { operationId: 'listUsers', tags: ['beheer'], summary: 'Gebruikers van de tenant', response: { 200: Type.Array(AdminUser) } },
  }, async (request) => service.listUsers(ctxOf(request, db)));
  app.post('/api/admin/users', {
    config: beheer,
    schema: {
      operationId: 'createUser', tags: ['beheer'], summary: 'Gebruiker aanmaken met een eenmalig wachtwoord',
      body: Type.Object({
        email: Type.String({ format: 'email', maxLength: 254 }), name: NAME, organisationCode: Type.String({ maxLength: 40 }),
        roles: Type.Array(ROLE, { minItems: 1, uniqueItems: true }), municipalityCode: Type.Optional(Type.Union([MUNICIPALITY_CODE, Type.Null()])),
        municipalityCodes: Type.Optional(MUNICIPALITY_CODES),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Type.String(), oneTimePassword: OneTimePassword.properties.oneTimePassword }) },
    },
  }, async (request, reply) => {
    const created = await service.createUser(ctxOf(request, db), request.body as NewUser, request.ip);
    return reply.status(201).send(created);
  });

  const userParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
  app.patch('/api/admin/users/:id', {
    // roles and activation: only with fresh authentication
    config: { ...beheer, freshAuth: true },
    schema: {
      operationId: 'updateUser', tags: ['beheer'], summary: 'Gebruiker wijzigen of (de)activeren; deactiveren beëindigt de sessies direct',
      params: userParams,
      body: Type.Object({
        name: Type.Optional(NAME), organisationCode: Type.Optional(Type.String({ maxLength: 40 })), roles: Type.Optional(Type.Array(ROLE, { minItems: 1, uniqueItems: true })),
        municipalityCode: Type.Optional(Type.Union([MUNICIPALITY_CODE, Type.Null()])), municipalityCodes: Type.Optional(MUNICIPALITY_CODES),
        active: Type.Optional(Type.Boolean()),
      }, { additionalProperties: false }),
      response: { 200: AdminUser },
    },
  }, async (request) => service.updateUser(ctxOf(request, db), (request.params as { id: string }).id, request.body as UserChange, request.ip));

  app.post('/api/admin/users/:id/reset-password', {
    config: beheer,
    schema: {
      operationId: 'resetUserPassword', tags: ['beheer'], summary: 'Eenmalig wachtwoord instellen (moet bij eerste aanmelding gewijzigd worden)',
      params: userParams, response: { 200: OneTimePassword },
    },
  }, async (request) => service.resetUserPassword(ctxOf(request, db), (request.params as { id: string }).id, request.ip));

  app.post('/api/admin/users/:id/reset-factors', {
    config: { ...beheer, freshAuth: true },
    schema: {
      operationId: 'resetUserFactors', tags: ['beheer'],
      summary: 'Tweede factoren (authenticator-app, herstelcodes, passkeys) van een gebruiker wissen; de gebruiker moet opnieuw instellen',
      params: userParams, response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    await service.resetUserFactors(ctxOf(request, db), (request.params as { id: string }).id, request.ip);
    return reply.status(204).send();
  });
}
