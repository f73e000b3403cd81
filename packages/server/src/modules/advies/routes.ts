// SPDX-License-Identifier: EUPL-1.2
// Advies- en expertisecentrum routes: direct (possibly anonymous) advice questions, the advice of
// an advice case and its follow-up. Reads and writes are in the processing log (service.ts).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { STATUSES } from '@zvh/shared';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { Code, IdParams, LongText, Person } from '../schemas.js';
import type { AdviceQuestionInput, FollowUpInput } from './service.js';
import { adviceFollowUp, createAdviceQuestion, getAdvice, listAdvice, recordAdvice } from './service.js';

const tags = ['advies'];
const record = { access: { permission: 'advice.record' as const } };
const Str = Type.String();
const OptStr = Type.Union([Type.String(), Type.Null()]);
const AdviceOut = Type.Object({
  caseId: Str, caseNumber: OptStr, status: Type.Union(STATUSES.map((s) => Type.Literal(s))), registeredAt: Str, registeringPartner: Str,
  municipality: OptStr, subjectName: OptStr, anonymous: Type.Boolean(), question: Str, advice: OptStr, minutesSpent: Type.Integer(),
  followUp: Type.Union([Type.Literal('aanmelder'), Type.Literal('procesregie'), Type.Null()]), followUpRegistrationId: OptStr, closedAt: OptStr,
});

export function adviesRoutes(app: FastifyInstance, db: Db): void {
  app.post('/api/advice', {
    config: record,
    schema: {
      operationId: 'createAdviceQuestion', tags,
      summary: 'Adviesvraag vastleggen en direct een adviescasus openen; zonder persoon (en gemeente) anoniem',
      body: Type.Object({
        question: LongText(5000),
        registeringPartner: Code,
        municipality: Type.Optional(Type.Union([Type.String({ pattern: '^GM[0-9]{4}$' }), Type.Null()])),
        subject: Type.Optional(Type.Union([Person, Type.Null()])),
        purpose: Type.Optional(Type.String({ maxLength: 500 })),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ caseId: Str, registrationId: Str }) },
    },
  }, async (request, reply) => reply.code(201).send(await createAdviceQuestion(ctxOf(request, db), request.body as AdviceQuestionInput)));

  app.get('/api/advice', {
    config: record,
    schema: {
      operationId: 'listAdvice', tags, summary: 'Adviescasussen van het ZVH (nieuwste eerst)',
      querystring: Type.Object({ open: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
      response: { 200: Type.Array(AdviceOut) },
    },
  }, async (request) => listAdvice(ctxOf(request, db), request.query as { open?: boolean }));

  app.get('/api/cases/:id/advice', {
    config: { access: { permission: 'case.read' as const } },
    schema: { operationId: 'getCaseAdvice', tags, summary: 'Het advies van een adviescasus: vraag, advies, tijdsbesteding en opvolging', params: IdParams, response: { 200: AdviceOut } },
  }, async (request) => getAdvice(ctxOf(request, db), (request.params as { id: string }).id));

  app.put('/api/cases/:id/advice', {
    config: record,
    schema: {
      operationId: 'recordCaseAdvice', tags, summary: 'Advies vastleggen: vraag, gegeven advies en tijdsbesteding in minuten', params: IdParams,
      body: Type.Object({
        question: LongText(5000),
        advice: Type.Union([Type.String({ maxLength: 10000 }), Type.Null()]),
        minutesSpent: Type.Integer({ minimum: 0, maximum: 100_000, description: 'Tijdsbesteding in minuten' }),
      }, { additionalProperties: false }),
      response: { 200: AdviceOut },
    },
  }, async (request) => recordAdvice(ctxOf(request, db), (request.params as { id: string }).id, request.body as { question: string; advice: string | null; minutesSpent: number }));

  app.post('/api/cases/:id/advice/follow-up', {
    config: record,
    schema: {
      operationId: 'adviceFollowUp', tags,
      summary: 'Opvolging van het advies: regie blijft bij de aanmelder (casus sluit), of in één stap een aanmelding voor procesregie',
      params: IdParams,
      body: Type.Object({
        followUp: Type.Union([Type.Literal('aanmelder'), Type.Literal('procesregie')]),
        reason: Type.Optional(Type.String({ maxLength: 5000 })),
        mainTopic: Type.Optional(Type.Union([Code, Type.Null()])),
        problemAreas: Type.Optional(Type.Array(Code, { maxItems: 20 })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ status: Str, registrationId: OptStr }) },
    },
  }, async (request) => adviceFollowUp(ctxOf(request, db), (request.params as { id: string }).id, request.body as FollowUpInput));
}
