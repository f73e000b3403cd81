// SPDX-License-Identifier: EUPL-1.2
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { IdParams, LongText, NStr } from '../schemas.js';
import { APPROVAL_KINDS, decideApproval, listApprovals } from './service.js';

export const Approval = Type.Object({
  id: Type.String(), kind: Type.Union(APPROVAL_KINDS.map((k) => Type.Literal(k))), caseId: NStr, subjectId: NStr,
  summary: Type.String(), status: Type.Union([Type.Literal('open'), Type.Literal('goedgekeurd'), Type.Literal('afgewezen')]),
  requestedByName: Type.String(), requestedAt: Type.String(), decidedByName: NStr, decidedAt: NStr, note: NStr, mine: Type.Boolean(),
});

export function goedkeuringRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/approvals', {
    config: { access: { permission: 'approval.decide' as const } },
    schema: {
      operationId: 'listApprovals', tags: ['vier-ogen'], summary: 'Verzoeken om goedkeuring (vier ogen) van het ZVH; `mine`: zelf aangevraagd (die beoordeelt een ander)',
      querystring: Type.Object({ open: Type.Optional(Type.Boolean()) }), response: { 200: Type.Array(Approval) },
    },
  }, async (request) => listApprovals(ctxOf(request, db), { open: (request.query as { open?: boolean }).open }));
  app.post('/api/approvals/:id/decision', {
    config: { access: { permission: 'approval.decide' as const } },
    schema: {
      operationId: 'decideApproval', tags: ['vier-ogen'], summary: 'Verzoek goedkeuren of afwijzen, met een toelichting (nooit door de aanvrager)',
      params: IdParams, body: Type.Object({ decision: Type.Union([Type.Literal('goedgekeurd'), Type.Literal('afgewezen')]), note: LongText(2000) }),
      response: { 200: Approval },
    },
  }, async (request) => decideApproval(ctxOf(request, db), (request.params as { id: string }).id, request.body as { decision: 'goedgekeurd' | 'afgewezen'; note: string }));
}
