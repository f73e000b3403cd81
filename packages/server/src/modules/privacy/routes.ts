// SPDX-License-Identifier: EUPL-1.2
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { DateStr, IdParams, LongText, NStr, Nullable } from '../schemas.js';
import { findPersons, personData, personExportWithTenant } from './person-data.js';
import { personExportPdf } from './export-pdf.js';
import { RECORD_KINDS, getRetentionTerms, lastRuns, setRetentionTerms } from './retention.js';
import type { RecordKind } from './retention.js';
import { REQUEST_KINDS, carryOutRequest, createRequest, decideRequest, forwardRequest, getRequest, listRequests, markForwardHandled, myForwards } from './requests.js';
import type { RequestKind } from './requests.js';
import { listExtensions, requestExtension } from './extensions.js';

const privacy = { access: { permission: 'privacy.manage' as const } };
const Str = Type.String();
const NInt = Nullable(Type.Integer());
const LogEntry = Type.Object({
  at: Str, actor: Type.Object({ email: Str, name: NStr }), organisation: Str, action: Str, activity: Str, purpose: Str, outcome: Str, caseId: NStr, registrationId: NStr,
});
const PersonExport = Type.Object({
  person: Type.Object({ id: Str, firstName: Str, lastName: Str, birthDate: NStr, gender: Str, bsn: NStr, municipality: NStr, anonymisedAt: NStr }),
  registrations: Type.Array(Type.Object({ id: Str, registeredAt: Str, kind: Str, status: Str, registeringPartner: Str, municipality: NStr, mainTopic: NStr,
    problemAreas: Type.Array(Str), reason: Str, caseId: NStr, anonymisedAt: NStr })),
  cases: Type.Array(Type.Object({ id: Str, caseNumber: NStr, kind: Str, status: Str, purpose: Str, startedAt: NStr, closedAt: NStr, participants: Type.Array(Str), anonymisedAt: NStr })),
  household: Type.Array(Type.Object({ registrationId: Str, relation: Str, mainPerson: Type.Boolean() })),
  documents: Type.Array(Type.Object({ id: Str, caseId: Str, filename: Str, mimeType: Str, size: Type.Integer(), uploadedAt: Str, uploadedByOrganisation: Str })),
  meetingItems: Type.Array(Type.Object({ id: Str, meetingId: Str, meetingTitle: Str, startsAt: Str, caseId: NStr, registrationId: NStr, question: Str, conclusion: NStr })),
  processingLog: Type.Array(LogEntry),
  requests: Type.Array(Type.Object({ id: Str, kind: Str, receivedOn: Str, deadline: Str, status: Str, decision: NStr })),
});
const PersonHit = Type.Object({ id: Str, firstName: Str, lastName: Str, birthDate: NStr, municipality: NStr, registrations: Type.Integer(), cases: Type.Integer(), anonymisedAt: NStr });
const RecordKindSchema = Type.Union(RECORD_KINDS.map((k) => Type.Literal(k)));
const Term = Type.Object({ recordKind: RecordKindSchema, months: NInt, legalSource: NStr, updatedByName: NStr, updatedAt: NStr });
const Run = Type.Object({ runOn: Str, at: Str, registrations: Type.Integer(), cases: Type.Integer(), documents: Type.Integer(), persons: Type.Integer(), skippedExtended: Type.Integer() });
const KindSchema = Type.Union(REQUEST_KINDS.map((k) => Type.Literal(k)));
const Forward = Type.Object({ id: Str, partnerCode: Str, partnerName: Str, forwardedAt: Str, handledAt: NStr, handledByName: NStr, handledNote: NStr });
const Request = Type.Object({
  id: Str, personId: Str, personName: Str, kind: KindSchema, receivedOn: Str, deadline: Str, overdue: Type.Boolean(), description: Str,
  status: Type.Union([Type.Literal('open'), Type.Literal('besloten'), Type.Literal('uitgevoerd')]),
  decision: Nullable(Type.Union([Type.Literal('toegewezen'), Type.Literal('gedeeltelijk'), Type.Literal('afgewezen')])), decisionReasons: NStr, decidedAt: NStr,
  carriedOutAt: NStr, carriedOutNote: NStr, releaseApprovalId: NStr, releaseStatus: NStr, releasedAt: NStr, createdByName: Str, version: Type.Integer(),
  forwards: Type.Array(Forward),
});
const MyForward = Type.Object({ id: Str, requestId: Str, kind: KindSchema, receivedOn: Str, deadline: Str, personId: Str, personName: Str, birthDate: NStr, forwardedAt: Str, handledAt: NStr, handledNote: NStr });
const Extension = Type.Object({ id: Str, caseId: Str, caseNumber: NStr, reason: Str, until: Str, status: Str, requestedAt: Str, decidedByName: NStr });
const pdf = { description: 'PDF (A4) met alle gegevens over de persoon en het verwerkingenlog', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } };

export function privacyRoutes(app: FastifyInstance, db: Db): void {
  const id = (r: { params: unknown }) => (r.params as { id: string }).id;
  app.get('/api/privacy/persons', {
    config: privacy,
    schema: { operationId: 'privacyFindPersons', tags: ['privacy'], summary: 'Personen zoeken voor een verzoek van een betrokkene (naam, BSN of geboortedatum)',
      querystring: Type.Object({ q: Type.String({ minLength: 2, maxLength: 100 }) }), response: { 200: Type.Array(PersonHit) } },
  }, async (request) => findPersons(ctxOf(request, db), (request.query as { q: string }).q));
  app.get('/api/privacy/persons/:id', {
    config: privacy,
    schema: { operationId: 'privacyPersonData', tags: ['privacy'], summary: 'Alles over een persoon: casussen, aanmeldingen, huishouden, documenten, overleggen en wie de gegevens verwerkte',
      params: IdParams, response: { 200: PersonExport } },
  }, async (request) => personData(ctxOf(request, db), id(request)));
  app.get('/api/persons/:id/export', {
    // everything about a person leaves the system: only on a fresh sign-in (core/http.ts)
    config: { ...privacy, freshAuth: true },
    schema: { operationId: 'exportPerson', tags: ['privacy'], summary: 'Export (JSON) van elke casus, aanmelding en elke regel van het verwerkingenlog over de persoon; zelf gelogd als export',
      params: IdParams, response: { 200: PersonExport } },
  }, async (request, reply) => {
    const data = await personData(ctxOf(request, db), id(request), { action: 'export' });
    reply.header('cache-control', 'no-store');
    return data;
  });
  app.get('/api/persons/:id/export.pdf', {
    config: { ...privacy, freshAuth: true },
    schema: { operationId: 'exportPersonPdf', tags: ['privacy'], summary: 'Dezelfde export als leesbare PDF', params: IdParams, response: { 200: pdf } },
  }, async (request, reply) => {
    const { data, tenantName } = await personExportWithTenant(ctxOf(request, db), id(request));
    const body = await personExportPdf(data, tenantName);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="inzage-${data.person.id}.pdf"`)
      .header('cache-control', 'no-store').send(body);
  });

  app.get('/api/privacy/retention', {
    config: privacy,
    schema: { operationId: 'getRetention', tags: ['privacy'], summary: 'Bewaartermijnen per soort gegevens met hun bron, en de laatste runs',
      response: { 200: Type.Object({ terms: Type.Array(Term), runs: Type.Array(Run) }) } },
  }, async (request) => {
    const ctx = ctxOf(request, db);
    return { terms: await getRetentionTerms(ctx), runs: await lastRuns(ctx) };
  });
  app.put('/api/privacy/retention', {
    config: privacy,
    schema: { operationId: 'setRetention', tags: ['privacy'], summary: 'Bewaartermijnen vastleggen (maanden; leeg = niet ingesteld) met hun (wettelijke) bron',
      body: Type.Object({ terms: Type.Array(Type.Object({ recordKind: RecordKindSchema, months: Nullable(Type.Integer({ minimum: 1, maximum: 1200 })), legalSource: Nullable(Type.String({ maxLength: 1000 })) }), { maxItems: 10 }) }),
      response: { 200: Type.Array(Term) } },
  }, async (request) => setRetentionTerms(ctxOf(request, db), (request.body as { terms: { recordKind: RecordKind; months: number | null; legalSource: string | null }[] }).terms));
  app.get('/api/privacy/extensions', {
    config: privacy,
    schema: { operationId: 'listRetentionExtensions', tags: ['privacy'], summary: 'Verlengingen van de bewaartermijn en hun goedkeuring', response: { 200: Type.Array(Extension) } },
  }, async (request) => listExtensions(ctxOf(request, db)));
  app.post('/api/cases/:id/retention-extension', {
    config: { access: { permission: 'retention.extend' as const } },
    schema: { operationId: 'requestRetentionExtension', tags: ['privacy'], summary: 'Verlenging van de bewaartermijn van een casus aanvragen (reden en einddatum; een tweede persoon keurt goed)',
      params: IdParams, body: Type.Object({ reason: LongText(2000), until: DateStr }), response: { 201: Type.Object({ approvalId: Str }) } },
  }, async (request, reply) => reply.code(201).send(await requestExtension(ctxOf(request, db), id(request), request.body as { reason: string; until: string })));

  app.get('/api/privacy/requests', {
    config: privacy,
    schema: { operationId: 'listDataSubjectRequests', tags: ['privacy'], summary: 'Verzoeken van betrokkenen met hun termijn', response: { 200: Type.Array(Request) } },
  }, async (request) => listRequests(ctxOf(request, db)));
  app.post('/api/privacy/requests', {
    config: privacy,
    schema: { operationId: 'createDataSubjectRequest', tags: ['privacy'], summary: 'Verzoek van een betrokkene vastleggen (termijn: een maand na ontvangst, AVG art. 12 lid 3)',
      body: Type.Object({ personId: Type.String({ format: 'uuid' }), kind: KindSchema, receivedOn: DateStr, description: LongText(5000) }), response: { 201: Request } },
  }, async (request, reply) => reply.code(201).send(await createRequest(ctxOf(request, db), request.body as { personId: string; kind: RequestKind; receivedOn: string; description: string })));
  app.get('/api/privacy/requests/:id', {
    config: privacy,
    schema: { operationId: 'getDataSubjectRequest', tags: ['privacy'], summary: 'Eén verzoek van een betrokkene', params: IdParams, response: { 200: Request } },
  }, async (request) => getRequest(ctxOf(request, db), id(request)));
  app.post('/api/privacy/requests/:id/forward', {
    config: privacy,
    schema: { operationId: 'forwardDataSubjectRequest', tags: ['privacy'], summary: 'Doorsturen naar de deelnemende partners (gezamenlijke verwerkingsverantwoordelijken)', params: IdParams, response: { 200: Request } },
  }, async (request) => forwardRequest(ctxOf(request, db), id(request)));
  app.post('/api/privacy/requests/:id/decision', {
    config: privacy,
    schema: { operationId: 'decideDataSubjectRequest', tags: ['privacy'], summary: 'Besluit met motivering', params: IdParams,
      body: Type.Object({ decision: Type.Union([Type.Literal('toegewezen'), Type.Literal('gedeeltelijk'), Type.Literal('afgewezen')]), reasons: LongText(5000) }), response: { 200: Request } },
  }, async (request) => decideRequest(ctxOf(request, db), id(request), request.body as { decision: 'toegewezen' | 'gedeeltelijk' | 'afgewezen'; reasons: string }));
  app.post('/api/privacy/requests/:id/carry-out', {
    config: privacy,
    schema: { operationId: 'carryOutDataSubjectRequest', tags: ['privacy'], summary: 'Uitvoeren: wissing anonimiseert, inzage vraagt goedkeuring voor verstrekken (vier ogen)', params: IdParams,
      body: Type.Object({ note: LongText(2000) }), response: { 200: Request } },
  }, async (request) => carryOutRequest(ctxOf(request, db), id(request), request.body as { note: string }));

  app.get('/api/data-subject-forwards', {
    config: { access: { permission: 'dataSubjectRequest.handle' as const } },
    schema: { operationId: 'listDataSubjectForwards', tags: ['privacy'], summary: 'Verzoeken van betrokkenen die het ZVH naar de eigen organisatie doorstuurde', response: { 200: Type.Array(MyForward) } },
  }, async (request) => myForwards(ctxOf(request, db)));
  app.post('/api/data-subject-forwards/:id/handled', {
    config: { access: { permission: 'dataSubjectRequest.handle' as const } },
    schema: { operationId: 'markDataSubjectForwardHandled', tags: ['privacy'], summary: 'Doorgestuurd verzoek als afgehandeld markeren', params: IdParams,
      body: Type.Object({ note: LongText(2000) }), response: { 200: Type.Object({ id: Str }) } },
  }, async (request) => markForwardHandled(ctxOf(request, db), id(request), (request.body as { note: string }).note));
}
