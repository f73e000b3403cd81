// SPDX-License-Identifier: EUPL-1.2
// Escalation routes: escalate an agreement or case, record the answer, the regie holder per AVE phase.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { ESCALATION_LEVELS } from '@zvh/shared';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { Code, DateStr, IdParams, LongText, Uuid } from '../schemas.js';
import type { EscalationInput } from './service.js';
import { answerEscalation, escalate, listEscalations, setRegieHolder } from './service.js';

const tags = ['escalatie'];
const Str = Type.String();
const OptStr = Type.Union([Type.String(), Type.Null()]);
const Level = Type.Union(ESCALATION_LEVELS.map((l) => Type.Literal(l)), { description: 'management (van de partner) eerst, daarna stuurgroep' });
const EscalationOut = Type.Object({
  id: Str, caseId: Str, agreementId: OptStr, agreementTitle: OptStr, level: Level, partner: OptStr, partnerName: OptStr,
  question: Str, dueDate: Str, answer: OptStr, answeredAt: OptStr, answeredByName: OptStr, createdAt: Str, createdByName: Str, overdue: Type.Boolean(),
});

export function escalatieRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/cases/:id/escalations', {
    config: { access: { permission: 'case.read' as const } },
    schema: {
      operationId: 'listCaseEscalations', tags, summary: 'Opschalingen van een casus en wie de regie heeft per AVE-fase (medewerkers ZVH)', params: IdParams,
      response: { 200: Type.Object({
        escalations: Type.Array(EscalationOut), regieHolder: OptStr, avePhase: Type.Union([Type.Integer(), Type.Null()]),
        regie: Type.Array(Type.Object({ at: Str, phase: Type.Union([Type.Integer(), Type.Null()]), holder: Str, holderName: Str, actorName: Str, reason: OptStr })),
      }) },
    },
  }, async (request) => listEscalations(ctxOf(request, db), (request.params as { id: string }).id));

  app.post('/api/cases/:id/escalations', {
    config: { access: { permission: 'case.escalate' as const } },
    schema: {
      operationId: 'escalateCase', tags, summary: 'Een afspraak of casus opschalen naar het management van de partner of (daarna) de stuurgroep', params: IdParams,
      body: Type.Object({
        agreementId: Type.Optional(Type.Union([Uuid, Type.Null()])),
        level: Level,
        partner: Type.Optional(Type.Union([Code, Type.Null()])),
        question: LongText(5000),
        dueDate: DateStr,
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Str }) },
    },
  }, async (request, reply) => reply.code(201).send(await escalate(ctxOf(request, db), (request.params as { id: string }).id, request.body as EscalationInput)));

  app.post('/api/escalations/:id/answer', {
    config: { access: { permission: 'case.escalate' as const } },
    schema: {
      operationId: 'answerEscalation', tags, summary: 'Het antwoord op een opschaling vastleggen', params: IdParams,
      body: Type.Object({ answer: LongText(5000) }, { additionalProperties: false }),
      response: { 200: EscalationOut },
    },
  }, async (request) => answerEscalation(ctxOf(request, db), (request.params as { id: string }).id, (request.body as { answer: string }).answer));

  app.put('/api/cases/:id/regie-holder', {
    config: { access: { permission: 'case.direct' as const } },
    schema: {
      operationId: 'setRegieHolder', tags, summary: 'Vastleggen wie in de huidige AVE-fase de regie heeft (zvh of een partnercode)', params: IdParams,
      body: Type.Object({ holder: Code, reason: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false }),
      response: { 200: Type.Object({ regieHolder: Str, avePhase: Type.Union([Type.Integer(), Type.Null()]) }) },
    },
  }, async (request) => setRegieHolder(ctxOf(request, db), (request.params as { id: string }).id, request.body as { holder: string; reason?: string }));
}
