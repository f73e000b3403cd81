// SPDX-License-Identifier: EUPL-1.2
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { Code, IdParams, LongText, Uuid } from '../schemas.js';
import { closeCase, reopenCase } from './service.js';
import type { CloseInput } from './service.js';

export function afsluitingRoutes(app: FastifyInstance, db: Db): void {
  app.post('/api/cases/:id/close', {
    config: { access: { permission: 'case.read' as const } },
    schema: {
      operationId: 'closeCase', tags: ['afsluiting'], summary: 'Casus afsluiten met reden en evaluatie', params: IdParams,
      body: Type.Object({
        reason: LongText(3000),
        reasonCode: Type.Optional(Code),
        evaluation: Type.Optional(Type.Object({
          goalsMet: Type.Optional(Type.Union([Type.Literal('ja'), Type.Literal('deels'), Type.Literal('nee')])),
          helped: Type.Optional(Type.String({ maxLength: 3000 })), stalled: Type.Optional(Type.String({ maxLength: 3000 })),
        })),
        handoverPartner: Type.Optional(Code),
        handoverNote: Type.Optional(Type.String({ maxLength: 5000 })),
        carryOver: Type.Optional(Type.Array(Uuid, { maxItems: 200, uniqueItems: true, description: 'Open afspraken die expliciet worden overgedragen' })),
      }), response: { 200: Type.Object({ id: Type.String(), status: Type.String(), closedAt: Type.String(), version: Type.Integer() }) } },
  }, async (request) => closeCase(ctxOf(request, db), (request.params as { id: string }).id, request.body as CloseInput));

  app.post('/api/cases/:id/reopen', {
    config: { access: { permission: 'case.read' as const } },
    schema: { operationId: 'reopenCase', tags: ['afsluiting'], summary: 'Afgesloten casus heropenen met reden', params: IdParams, body: Type.Object({ reason: LongText(2000) }), response: { 200: Type.Object({ id: Type.String(), status: Type.String(), version: Type.Integer() }) } },
  }, async (request) => reopenCase(ctxOf(request, db), (request.params as { id: string }).id, (request.body as { reason: string }).reason));
}
