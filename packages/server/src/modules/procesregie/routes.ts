// SPDX-License-Identifier: EUPL-1.2
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { STATUSES } from '@zvh/shared';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { PAGE_HEADERS, PageQuery, pageRequest, sendPage } from '../../core/paging.js';
import { etag, expectedVersion } from '../../core/access.js';
import { Code, DateStr, IdParams, LongText, ShortText, Uuid, Version } from '../schemas.js';
import * as svc from './service.js';
import * as S from './schemas.js';

/** The JSON body of a document upload: the 20 MB file in base64 (4/3) plus room for the other fields. */
export const DOCUMENT_BODY_LIMIT = Math.ceil(svc.MAX_DOCUMENT_BYTES / 3) * 4 + 64 * 1024;

const everyone = { access: { permission: 'case.read' as const } };
const regisseur = { access: { permission: 'case.direct' as const } };
const contributors = { access: { permission: 'case.contribute' as const } };
// Required on every entry and document (issue 8): no default, so a forgotten choice is a 400, never a share.
const Visibility = Type.Union([Type.Literal('zvh'), Type.Literal('all'), Type.Literal('selected')], {
  description: 'zvh: alleen het Zorg- en Veiligheidshuis (en de eigen organisatie); all: alle deelnemers; selected: het ZVH en de deelnemers in sharedWith',
});
const SharedWith = Type.Optional(Type.Array(Code, { maxItems: 30, description: 'Partnercodes van deelnemers (alleen bij visibility "selected")' }));
const JournalBody = Type.Object({ text: LongText(5000), date: Type.Optional(DateStr), visibility: Visibility, sharedWith: SharedWith });
const Audience = { visibility: Visibility, sharedWith: Type.Array(Type.String()) };
const MunicipalityCode = Type.String({ pattern: '^GM[0-9]{4}$', description: 'CBS-code van de gemeente' });

export function procesregieRoutes(app: FastifyInstance, db: Db): void {
  const id = (r: { params: unknown }) => (r.params as { id: string }).id;

  app.get('/api/cases', {
    config: everyone,
    schema: {
      operationId: 'listCases', tags: ['procesregie'], summary: 'Casussen die de gebruiker mag zien',
      querystring: Type.Object({
        status: Type.Optional(Type.String({ maxLength: 200 })), q: Type.Optional(Type.String({ maxLength: 100 })), mine: Type.Optional(Type.Boolean()),
        ...PageQuery,
      }), response: { 200: Type.Array(S.CaseListItem, { headers: PAGE_HEADERS }) } },
  }, async (request, reply) => {
    const q = request.query as { status?: string; q?: string; mine?: boolean; limit?: number; after?: string };
    const status = q.status?.split(',').filter((s) => (STATUSES as readonly string[]).includes(s));
    const page = await svc.listCases(ctxOf(request, db), { status, q: q.q, mine: q.mine }, pageRequest(q, [...svc.CASE_CURSOR]));
    return sendPage(request, reply, page);
  });

  app.get('/api/cases/:id', {
    config: everyone,
    schema: { operationId: 'getCase', tags: ['procesregie'], summary: 'Het casusdossier (binnen het doel van de casus)', params: IdParams, response: { 200: S.CaseFile } },
  }, async (request, reply) => {
    const c = await svc.getCase(ctxOf(request, db), id(request));
    reply.header('etag', etag((c as unknown as { version: number }).version));
    return c;
  });

  app.patch('/api/cases/:id', {
    config: regisseur,
    schema: {
      operationId: 'updateCase', tags: ['procesregie'], summary: 'Regisseur, hoofdverantwoordelijke partner, aanpak of doel wijzigen', params: IdParams,
      body: Type.Object({
        regisseurId: Type.Optional(Type.Union([Uuid, Type.Null()])), leadPartner: Type.Optional(Type.Union([Code, Type.Null()])),
        approach: Type.Optional(Type.Union([Type.Literal('maatwerk'), Type.Literal('pga')])), purpose: Type.Optional(LongText(2000)), version: Version,
      }), response: { 200: S.VersionResult } },
  }, async (request, reply) => {
    const { version, ...rest } = request.body as { version?: number } & Parameters<typeof svc.updateCase>[2];
    const res = await svc.updateCase(ctxOf(request, db), id(request), rest, expectedVersion(request.headers['if-match'], version));
    reply.header('etag', etag(res.version));
    return res;
  });

  app.put('/api/cases/:id/plan', {
    config: regisseur,
    schema: {
      operationId: 'updatePlan', tags: ['procesregie'], summary: 'Plan van aanpak: analyse per leefgebied en doelen', params: IdParams,
      body: Type.Object({
        analysis: Type.Array(Type.Object({
          domain: Code, problem: Type.Optional(Type.String({ maxLength: 3000 })), risk: Type.Optional(Type.String({ maxLength: 3000 })),
          protective: Type.Optional(Type.String({ maxLength: 3000 })),
        }), { maxItems: 20 }),
        goals: Type.Array(Type.Object({ text: ShortText(1000), achieved: Type.Optional(Type.Boolean()) }), { maxItems: 30 }),
        version: Version,
      }), response: { 200: S.VersionResult } },
  }, async (request, reply) => {
    const { version, ...plan } = request.body as svc.Plan & { version?: number };
    const res = await svc.updatePlan(ctxOf(request, db), id(request), plan, expectedVersion(request.headers['if-match'], version));
    reply.header('etag', etag(res.version));
    return res;
  });

  app.post('/api/cases/:id/ave-phase', {
    config: regisseur,
    schema: {
      operationId: 'setAvePhase', tags: ['procesregie'], summary: 'AVE-fase (Aanpak Voorkomen Escalatie) vastleggen met reden', params: IdParams,
      body: Type.Object({ phase: Type.Integer({ minimum: 1, maximum: 4 }), reason: LongText(2000) }), response: { 200: Type.Object({ avePhase: Type.Integer() }) } },
  }, async (request) => {
    const b = request.body as { phase: number; reason: string };
    return svc.setAvePhase(ctxOf(request, db), id(request), b.phase, b.reason);
  });

  app.post('/api/cases/:id/participants', {
    config: regisseur,
    schema: {
      operationId: 'addParticipant', tags: ['procesregie'],
      summary: 'Partner laten deelnemen (een gemeentelijke partner als afdeling van een gemeente); een partner met beroepsgeheim wacht op goedkeuring (vier ogen, 202)', params: IdParams,
      body: Type.Object({
        partner: Code, reason: LongText(2000),
        municipality: Type.Optional(Type.Union([MunicipalityCode, Type.Null()], { description: 'Alleen gemeentelijke partners: de afdeling van deze gemeente (standaard de gemeente van de casus; een andere bij een casus over de gemeentegrens)' })),
      }), response: { 201: S.ParticipantResult, 202: S.ParticipantPending } },
  }, async (request, reply) => {
    const b = request.body as { partner: string; reason: string; municipality?: string | null };
    const res = await svc.addParticipant(ctxOf(request, db), id(request), b.partner, b.reason, b.municipality);
    return reply.status('approvalId' in res ? 202 : 201).send(res);
  });

  app.post('/api/cases/:id/participants/:partner/remove', {
    config: regisseur,
    schema: {
      operationId: 'removeParticipant', tags: ['procesregie'], summary: 'Deelname van een partner beëindigen (toegang vervalt direct)',
      params: Type.Object({ id: Uuid, partner: Code }),
      body: Type.Object({ reason: LongText(2000), municipality: Type.Optional(Type.Union([MunicipalityCode, Type.Null()])) }), response: { 200: S.ParticipantResult } },
  }, async (request) => {
    const p = request.params as { id: string; partner: string };
    const b = request.body as { reason: string; municipality?: string | null };
    return svc.removeParticipant(ctxOf(request, db), p.id, p.partner, b.reason, b.municipality);
  });

  app.post('/api/cases/:id/agreements', {
    config: regisseur,
    schema: {
      operationId: 'createAgreement', tags: ['procesregie'], summary: 'Afspraak toevoegen aan het plan van aanpak', params: IdParams,
      body: Type.Object({
        partner: Code, title: ShortText(300), dueDate: Type.Optional(Type.Union([DateStr, Type.Null()])),
        description: Type.Optional(Type.Union([Type.String({ maxLength: 3000 }), Type.Null()])),
        responsiblePerson: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
        lifeDomain: Type.Optional(Type.Union([Code, Type.Null()], { description: 'Leefgebied (code uit problemArea) waarop de afspraak werkt' })),
      }), response: { 201: S.AgreementResult } },
  }, async (request, reply) => {
    const a = await svc.createAgreement(ctxOf(request, db), id(request), request.body as svc.AgreementInput);
    reply.header('etag', etag(a.version));
    return reply.status(201).send(a);
  });

  app.patch('/api/agreements/:id', {
    config: contributors,
    schema: {
      operationId: 'updateAgreement', tags: ['procesregie'], summary: 'Afspraak bijwerken (partner: status en toelichting van de eigen afspraken)', params: IdParams,
      body: Type.Object({
        status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('cancelled')])),
        note: Type.Optional(Type.Union([Type.String({ maxLength: 3000 }), Type.Null()])),
        title: Type.Optional(ShortText(300)), dueDate: Type.Optional(Type.Union([DateStr, Type.Null()])),
        responsiblePerson: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
        description: Type.Optional(Type.Union([Type.String({ maxLength: 3000 }), Type.Null()])),
        version: Version,
      }), response: { 200: S.AgreementResult } },
  }, async (request, reply) => {
    const { version, ...patch } = request.body as svc.AgreementPatch & { version?: number };
    const res = await svc.updateAgreement(ctxOf(request, db), id(request), patch, expectedVersion(request.headers['if-match'], version));
    reply.header('etag', etag(res.version));
    return res;
  });

  app.post('/api/cases/:id/journal', {
    config: contributors,
    schema: {
      operationId: 'addJournalEntry', tags: ['procesregie'], summary: 'Logboekregel toevoegen (zichtbaarheid altijd expliciet kiezen)', params: IdParams,
      body: JournalBody,
      response: { 201: Type.Object({ id: Uuid, ...Audience }) },
    },
  }, async (request, reply) => reply.status(201).send(await svc.addJournalEntry(ctxOf(request, db), id(request), request.body as svc.JournalInput)));

  app.post('/api/journal/:id/withdraw', {
    config: contributors,
    schema: {
      operationId: 'withdrawJournalEntry', tags: ['procesregie'],
      summary: 'Eigen logboekregel intrekken (tot 15 minuten na het vastleggen; blijft voor het ZVH in de historie)', params: IdParams,
      body: Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }),
      response: { 200: Type.Object({ id: Uuid, state: Type.Literal('ingetrokken') }) },
    },
  }, async (request) => svc.withdrawJournalEntry(ctxOf(request, db), id(request), (request.body as { reason?: string } | undefined)?.reason));

  app.post('/api/journal/:id/correct', {
    config: contributors,
    schema: {
      operationId: 'correctJournalEntry', tags: ['procesregie'],
      summary: 'Eigen logboekregel corrigeren: nieuwe versie, de oorspronkelijke blijft bewaard als "gecorrigeerd"', params: IdParams,
      body: JournalBody,
      response: { 201: Type.Object({ id: Uuid, correctsId: Uuid, ...Audience }) },
    },
  }, async (request, reply) => reply.status(201).send(await svc.correctJournalEntry(ctxOf(request, db), id(request), request.body as svc.JournalInput)));

  app.post('/api/cases/:id/documents', {
    config: contributors,
    // a file over 20 MB is refused by its size (413) before the body is read or validated
    bodyLimit: DOCUMENT_BODY_LIMIT,
    schema: {
      operationId: 'addDocument', tags: ['procesregie'], summary: 'Document toevoegen (pdf, docx, xlsx, afbeelding; max. 20 MB; inhoud base64)', params: IdParams,
      body: Type.Object({
        filename: Type.String({ minLength: 3, maxLength: 200, pattern: '^[^/\\\\]+\\.[A-Za-z0-9]+$' }), mimeType: Type.String({ maxLength: 100 }),
        contentBase64: Type.String({ minLength: 1, maxLength: DOCUMENT_BODY_LIMIT }), visibility: Visibility, sharedWith: SharedWith,
      }),
      response: { 201: Type.Object({ id: Uuid, sha256: Type.String(), size: Type.Integer(), ...Audience }) },
    },
  }, async (request, reply) => reply.status(201).send(await svc.addDocument(ctxOf(request, db), id(request), request.body as Parameters<typeof svc.addDocument>[2])));

  app.get('/api/documents/:id/content', {
    config: everyone,
    schema: { operationId: 'downloadDocument', tags: ['procesregie'], summary: 'Document downloaden (wordt gelogd)', params: IdParams },
  }, async (request, reply) => {
    const d = await svc.downloadDocument(ctxOf(request, db), id(request));
    return reply
      .header('content-type', d.mimeType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(d.filename)}`)
      .header('x-content-sha256', d.sha256)
      .header('cache-control', 'no-store')
      .header('content-length', String(d.size))
      .send(d.content);
  });

  app.get('/api/cases/:id/timeline', {
    config: everyone,
    schema: { operationId: 'getCaseTimeline', tags: ['procesregie'], summary: 'Tijdlijn van alles wat er in de casus gebeurde', params: IdParams, response: { 200: Type.Array(S.TimelineEvent) } },
  }, async (request) => svc.timeline(ctxOf(request, db), id(request)));

  app.get('/api/regisseurs', {
    config: { access: { permission: 'regisseur.list' as const } },
    schema: { operationId: 'listRegisseurs', tags: ['procesregie'], summary: 'Actieve procesregisseurs (om een casus toe te wijzen)', response: { 200: Type.Array(S.Regisseur) } },
  }, async (request) => svc.listRegisseurs(ctxOf(request, db)));

  app.get('/api/cases/:id/audit', {
    config: { access: { permission: 'case.audit' as const } },
    schema: { operationId: 'getCaseAudit', tags: ['procesregie'], summary: 'Verwerkingenlog van de casus (elke lees- en schrijfactie)', params: IdParams, response: { 200: Type.Array(S.AuditEntry) } },
  }, async (request) => svc.auditTrail(ctxOf(request, db), id(request)));
}
