// SPDX-License-Identifier: EUPL-1.2
// Informatieknooppunt: information requests answered by the informatiemakelaar, and questions to
// partners (verrijking) with each organisation's inbox. Access per row is decided in service.ts.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { registerDaySectionProvider } from '../../core/day-sections.js';
import { Code, DateStr, IdParams, LongText, StatusSchema, Uuid } from '../schemas.js';
import * as svc from './service.js';
import { partnerRequestDaySections } from './day-sections.js';

const tags = ['informatieknooppunt'];
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Timestamp = Type.String({ format: 'date-time', description: 'ISO 8601 met tijdzone' });
const IdResponse = Type.Object({ id: Uuid });

const InformationRequestItem = Type.Object({
  id: Uuid, status: StatusSchema, registeredAt: DateStr, municipality: Type.String(), registeringPartner: Type.String(),
  registeringPartnerName: Type.String(), registeredByName: Nullable(Type.String()), urgency: Type.String(), reason: Type.String(),
  subjectId: Uuid, subjectName: Type.String(), subjectBirthDate: Nullable(DateStr), waitingWorkdays: Type.Integer(),
  openPartnerRequests: Type.Integer(), answeredPartnerRequests: Type.Integer(), answeredAt: Nullable(Timestamp),
});

const Lookup = Type.Object({
  person: Type.Object({
    id: Uuid, firstName: Type.String(), lastName: Type.String(), birthDate: Nullable(DateStr), bsn: Nullable(Type.String()), municipality: Nullable(Type.String()),
  }),
  registrations: Type.Array(Type.Object({
    id: Uuid, kind: Type.String(), status: StatusSchema, registeredAt: DateStr, registeringPartner: Type.String(), registeringPartnerName: Type.String(),
  })),
  cases: Type.Array(Type.Object({
    id: Uuid, caseNumber: Nullable(Type.String()), kind: Type.String(), status: StatusSchema, startedAt: Nullable(DateStr), closedAt: Nullable(DateStr),
    regisseurName: Nullable(Type.String()), regisseurEmail: Nullable(Type.String()),
    participants: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
  })),
});

const PartnerRequestStatus = Type.Union(svc.PARTNER_REQUEST_STATUSES.map((s) => Type.Literal(s)));
const PartnerRequest = Type.Object({
  id: Uuid, partner: Type.String(), partnerName: Type.String({ description: 'De bron: de gevraagde organisatie' }),
  questionCode: Nullable(Type.String()), question: Type.String(), dueDate: DateStr, askedAt: Timestamp, askedByName: Nullable(Type.String()),
  status: PartnerRequestStatus, answer: Nullable(Type.String()), refusalReason: Nullable(Type.String()),
  answeredAt: Nullable(Timestamp), answeredByName: Nullable(Type.String({ description: 'Auteur van het antwoord' })),
  overdue: Type.Boolean({ description: 'Open en de termijn is verstreken (de dag na de termijn)' }),
  subject: Type.Object({ firstName: Type.String(), lastName: Type.String(), birthDate: Nullable(DateStr) }),
  caseId: Type.Optional(Nullable(Uuid)), caseNumber: Type.Optional(Nullable(Type.String())), registrationId: Type.Optional(Nullable(Uuid)),
});

const AskBody = Type.Object({
  partner: Code,
  question: Type.Optional(Type.String({ maxLength: 2000 })),
  questionCode: Type.Optional(Type.Union([Code, Type.Null()])),
  dueDate: DateStr,
}, { additionalProperties: false });

export function informatieknooppuntRoutes(app: FastifyInstance, db: Db): void {
  registerDaySectionProvider('informatieknooppunt', partnerRequestDaySections);
  const id = (r: { params: unknown }) => (r.params as { id: string }).id;

  // --- information requests ---
  app.get('/api/information-requests', {
    config: { access: { permission: 'informationRequest.answer' as const } },
    schema: {
      operationId: 'listInformationRequests', tags, summary: 'Informatievragen (postvak van de informatiemakelaar)',
      querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('beantwoord'), Type.Literal('alle')])) }),
      response: { 200: Type.Array(InformationRequestItem) },
    },
  }, async (request) => svc.listInformationRequests(ctxOf(request, db), request.query as { status?: 'open' | 'beantwoord' | 'alle' }));

  app.get('/api/information-requests/:id/lookup', {
    config: { access: { permission: 'informationRequest.answer' as const } },
    schema: {
      operationId: 'lookupInformationRequest', tags, params: IdParams, response: { 200: Lookup },
      summary: 'De persoon van een informatievraag opzoeken: eerdere aanmeldingen, casussen en betrokken organisaties',
    },
  }, async (request) => svc.lookupInformationRequest(ctxOf(request, db), id(request)));

  app.post('/api/registrations/:id/answer', {
    config: { access: { permission: 'informationRequest.answer' as const } },
    schema: {
      operationId: 'answerInformationRequest', tags, params: IdParams,
      summary: 'Een informatievraag beantwoorden (betrokken organisaties en contactpersoon, geen casusinhoud)',
      body: Type.Object({
        answer: LongText(5000),
        organisations: Type.Optional(Type.Array(Code, { maxItems: 40, uniqueItems: true, description: 'Betrokken organisaties' })),
        contact: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ status: Type.String() }) },
    },
  }, async (request) => svc.answerInformationRequest(ctxOf(request, db), id(request), request.body as svc.AnswerInput));

  // --- questions to partners ---
  app.post('/api/registrations/:id/partner-requests', {
    config: { access: { permission: 'partnerRequest.ask' as const } },
    schema: { operationId: 'askPartnerOnRegistration', tags, summary: 'Een partner een vraag stellen over een aanmelding', params: IdParams, body: AskBody, response: { 201: IdResponse } },
  }, async (request, reply) => reply.status(201).send(await svc.askOnRegistration(ctxOf(request, db), id(request), request.body as svc.PartnerRequestInput)));

  app.get('/api/registrations/:id/partner-requests', {
    config: { access: { permission: 'partnerRequest.ask' as const } },
    schema: { operationId: 'listRegistrationPartnerRequests', tags, summary: 'Vragen aan partners en hun antwoorden bij een aanmelding (alleen ZVH)', params: IdParams, response: { 200: Type.Array(PartnerRequest) } },
  }, async (request) => svc.listRegistrationRequests(ctxOf(request, db), id(request)));

  app.post('/api/cases/:id/partner-requests', {
    config: { access: { permission: 'partnerRequest.ask' as const } },
    schema: { operationId: 'askPartnerOnCase', tags, summary: 'Een partner een vraag stellen over een casus', params: IdParams, body: AskBody, response: { 201: IdResponse } },
  }, async (request, reply) => reply.status(201).send(await svc.askOnCase(ctxOf(request, db), id(request), request.body as svc.PartnerRequestInput)));

  app.get('/api/cases/:id/partner-requests', {
    config: { access: { permission: 'case.read' as const } },
    schema: { operationId: 'listCasePartnerRequests', tags, summary: 'Vragen aan partners en hun antwoorden bij een casus (deelnemers van de casus)', params: IdParams, response: { 200: Type.Array(PartnerRequest) } },
  }, async (request) => svc.listCaseRequests(ctxOf(request, db), id(request)));

  app.get('/api/partner-requests', {
    config: { access: { permission: 'partnerRequest.read' as const } },
    schema: {
      operationId: 'listPartnerRequests', tags, summary: 'Vragen aan partners: die aan de eigen organisatie (ZVH: alle)',
      querystring: Type.Object({ status: Type.Optional(PartnerRequestStatus), mine: Type.Optional(Type.Boolean({ description: 'ZVH: alleen de vragen die ik stelde' })) }),
      response: { 200: Type.Array(PartnerRequest) },
    },
  }, async (request) => svc.listPartnerRequests(ctxOf(request, db), request.query as { status?: svc.PartnerRequestStatus; mine?: boolean }));

  app.post('/api/partner-requests/:id/answer', {
    config: { access: { permission: 'partnerRequest.answer' as const } },
    schema: {
      operationId: 'answerPartnerRequest', tags, params: IdParams,
      summary: 'Een vraag aan de eigen organisatie beantwoorden, "geen informatie" melden of weigeren met een reden',
      body: Type.Object({
        answer: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
        noInformation: Type.Optional(Type.Boolean()),
        refusalReason: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
      }, { additionalProperties: false }),
      response: { 200: Type.Object({ status: PartnerRequestStatus }) },
    },
  }, async (request) => svc.answerPartnerRequest(ctxOf(request, db), id(request), request.body as svc.PartnerAnswerInput));
}
