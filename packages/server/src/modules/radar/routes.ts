// SPDX-License-Identifier: EUPL-1.2
// Stagnation radar routes: the proposals, run on demand, accept or dismiss (procesregisseur).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { Code, DateStr, IdParams } from '../schemas.js';
import { acceptProposal, dismissProposal, listProposals, runRadarNow } from './service.js';
import type { StoredProposal } from './service.js';

const tags = ['stagnatieradar'];
const access = { access: { permission: 'case.escalate' as const } };
const Str = Type.String();
const OptStr = Type.Union([Type.String(), Type.Null()]);
const ProposalStatus = Type.Union([Type.Literal('voorgesteld'), Type.Literal('geaccepteerd'), Type.Literal('afgewezen')]);
const ProposalOut = Type.Object({
  id: Str, rule: Str, kind: Type.Union([Type.Literal('signal'), Type.Literal('escalation')]), explanation: Str,
  payload: Type.Object({
    category: Type.Optional(Str), addressedTo: Type.Optional(Str), description: Type.Optional(Str), caseIds: Type.Optional(Type.Array(Str)),
    caseId: Type.Optional(Str), caseNumber: Type.Optional(OptStr), agreementId: Type.Optional(OptStr), level: Type.Optional(Str),
    partner: Type.Optional(OptStr), question: Type.Optional(Str),
  }),
  status: ProposalStatus, createdAt: Str, decidedAt: OptStr, decidedByName: OptStr, reason: OptStr, resultId: OptStr,
});

export function radarRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/radar/proposals', {
    config: access,
    schema: {
      operationId: 'listRadarProposals', tags, summary: 'Voorstellen van de stagnatieradar (signalen en opschalingen)',
      querystring: Type.Object({ status: Type.Optional(ProposalStatus) }, { additionalProperties: false }),
      response: { 200: Type.Array(ProposalOut) },
    },
  }, async (request) => listProposals(ctxOf(request, db), (request.query as { status?: StoredProposal['status'] }).status));

  app.post('/api/radar/run', {
    config: access,
    schema: { operationId: 'runRadar', tags, summary: 'De stagnatieradar nu draaien (idempotent)', response: { 200: Type.Object({ proposed: Type.Integer() }) } },
  }, async (request) => runRadarNow(ctxOf(request, db)));

  app.post('/api/radar/proposals/:id/accept', {
    config: access,
    schema: {
      operationId: 'acceptRadarProposal', tags, summary: 'Voorstel accepteren: het signaal of de opschaling wordt gemaakt', params: IdParams,
      body: Type.Object({
        dueDate: Type.Optional(DateStr), partner: Type.Optional(Code), description: Type.Optional(Type.String({ maxLength: 5000 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ resultId: Str }) },
    },
  }, async (request) => acceptProposal(ctxOf(request, db), (request.params as { id: string }).id, request.body as { dueDate?: string; partner?: string; description?: string }));

  app.post('/api/radar/proposals/:id/dismiss', {
    config: access,
    schema: {
      operationId: 'dismissRadarProposal', tags, summary: 'Voorstel afwijzen met reden (wordt voor dezelfde feiten niet opnieuw voorgesteld)', params: IdParams,
      body: Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, { additionalProperties: false }),
      response: { 204: Type.Null() },
    },
  }, async (request, reply) => {
    await dismissProposal(ctxOf(request, db), (request.params as { id: string }).id, (request.body as { reason: string }).reason);
    return reply.code(204).send();
  });
}
