// SPDX-License-Identifier: EUPL-1.2
import * as S from './schemas.js';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { Code, HouseholdMember, IdParams, LongText, Person } from '../schemas.js';
import { createRegistration, getRegistration, listRegistrations, REGISTRATION_CURSOR } from './service.js';
import { PAGE_HEADERS, PageQuery, pageRequest, sendPage } from '../../core/paging.js';
import type { RegistrationInput } from './service.js';
import { STATUSES } from '@zvh/shared';

export function aanmeldingRoutes(app: FastifyInstance, db: Db): void {
  app.post('/api/registrations', {
    config: { access: { permission: 'registration.create' as const } },
    schema: {
      operationId: 'createRegistration', tags: ['aanmelding'], summary: 'Aanmelding doen',
      body: Type.Object({
        kind: Code,
        municipality: Code,
        registeringPartner: Code,
        subject: Person,
        mainTopic: Type.Optional(Type.Union([Code, Type.Null()])),
        problemAreas: Type.Array(Code, { maxItems: 20, uniqueItems: true }),
        reason: LongText(5000),
        household: Type.Optional(Type.Array(HouseholdMember, { maxItems: 20 })),
        children: Type.Optional(Type.Union([Code, Type.Null()])),
        crossesMunicipalityBorder: Type.Optional(Type.Boolean()),
        tried: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
        involvedPartners: Type.Optional(Type.Array(Code, { maxItems: 40, uniqueItems: true })),
        urgency: Type.Optional(Code),
      }), response: { 201: S.RegistrationCreated } },
  }, async (request, reply) => {
    const created = await createRegistration(ctxOf(request, db), request.body as RegistrationInput);
    return reply.status(201).send(created);
  });

  app.get('/api/registrations', {
    config: { access: { permission: 'case.read' as const } },
    schema: {
      operationId: 'listRegistrations', tags: ['aanmelding'], summary: 'Aanmeldingen (ZVH: alle; partner: die van de eigen organisatie)',
      querystring: Type.Object({ status: Type.Optional(Type.String({ maxLength: 200, description: 'komma-gescheiden statussen' })), ...PageQuery }),
      response: { 200: Type.Array(S.RegistrationListItem, { headers: PAGE_HEADERS }) } },
  }, async (request, reply) => {
    const q = request.query as { status?: string; limit?: number; after?: string };
    const statuses = q.status ? q.status.split(',').filter((s) => (STATUSES as readonly string[]).includes(s)) : undefined;
    const page = await listRegistrations(ctxOf(request, db), { status: statuses }, pageRequest(q, [...REGISTRATION_CURSOR]));
    return sendPage(request, reply, page);
  });

  app.get('/api/registrations/:id', {
    config: { access: { permission: 'case.read' as const } },
    schema: { operationId: 'getRegistration', tags: ['aanmelding'], summary: 'Eén aanmelding', params: IdParams, response: { 200: S.RegistrationDetail } },
  }, async (request) => getRegistration(ctxOf(request, db), (request.params as { id: string }).id));
}
