// SPDX-License-Identifier: EUPL-1.2
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { Code, IdParams, LongText, Uuid } from '../schemas.js';
import { startTriage, triage } from './service.js';
import type { TriageInput } from './service.js';

const triageRoles = { access: { permission: 'triage.decide' as const } };

export function triageRoutes(app: FastifyInstance, db: Db): void {
  app.post('/api/registrations/:id/triage/start', {
    config: triageRoles,
    schema: { operationId: 'startTriage', tags: ['triage'], summary: 'Triage (weegoverleg) starten', params: IdParams, response: { 200: Type.Object({ status: Type.String() }) } },
  }, async (request) => startTriage(ctxOf(request, db), (request.params as { id: string }).id));

  app.post('/api/registrations/:id/triage', {
    config: triageRoles,
    schema: {
      operationId: 'decideTriage', tags: ['triage'], summary: 'Triage vastleggen: criteria, uitkomst, doel en deelnemende partners',
      params: IdParams,
      body: Type.Object({
        criteria: Type.Object({ multiProblem: Type.Boolean(), multipleChains: Type.Boolean(), systemImpact: Type.Boolean(), areaSafety: Type.Boolean() }),
        outcome: Type.Union([Type.Literal('procesregie'), Type.Literal('advies'), Type.Literal('terugleggen'), Type.Literal('doorverwijzen')]),
        approach: Type.Optional(Type.Union([Type.Literal('maatwerk'), Type.Literal('pga')])),
        purpose: Type.Optional(Type.String({ maxLength: 2000 })),
        participants: Type.Optional(Type.Array(Code, { maxItems: 40, uniqueItems: true })),
        override: Type.Optional(Type.Object({ reason: LongText(2000) })),
        advice: Type.Optional(Type.String({ maxLength: 5000 })),
        referredTo: Type.Optional(Type.Object({ place: Code, note: Type.Optional(Type.String({ maxLength: 2000 })) })),
        regisseurId: Type.Optional(Uuid),
        leadPartner: Type.Optional(Code),
      }), response: { 200: Type.Object({ caseId: Type.Union([Type.String(), Type.Null()]), status: Type.String(), criteriaMet: Type.Boolean() }) } },
  }, async (request) => triage(ctxOf(request, db), (request.params as { id: string }).id, request.body as TriageInput));
}
