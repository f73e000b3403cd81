// SPDX-License-Identifier: EUPL-1.2
// Signaalfunctie routes (api-contract.md "Information hub, advice, signals"): ZVH staff only;
// a partner professional gets 403. Signals carry no personal data: cases only as counts.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { SIGNAL_STATUSES } from '@zvh/shared';
import type { SignalStatus } from '@zvh/shared';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { DateStr, IdParams, LongText, Uuid } from '../schemas.js';
import { changeSignalStatus, createSignal, getSignal, listSignals, signalReport, tenantName } from './service.js';
import type { SignalInput } from './service.js';
import { signalReportPdf } from './export-pdf.js';

const tags = ['signalen'];
const read = { access: { permission: 'signal.read' as const } };
const manage = { access: { permission: 'signal.manage' as const } };
const Str = Type.String();
const OptStr = Type.Union([Type.String(), Type.Null()]);
const Status = Type.Union(SIGNAL_STATUSES.map((s) => Type.Literal(s)));
const ByMunicipality = Type.Array(Type.Object({ municipality: OptStr, name: OptStr, cases: Type.Integer() }),
  { description: 'De casussen waarop het signaal rust, alleen als aantallen per gemeente (null: anoniem, zonder gemeente)' });
const Summary = {
  id: Str, category: Str, categoryLabel: Str, description: Str, addressedTo: Str, addressedKind: Str, addressedName: Str,
  status: Status, sentOn: OptStr, caseCount: Type.Integer(),
};
const SignalOut = Type.Object({ ...Summary, createdAt: Str, createdByName: Str, version: Type.Integer() });
const SignalDetailOut = Type.Object({
  ...Summary, createdAt: Str, createdByName: Str, version: Type.Integer(), casesByMunicipality: ByMunicipality,
  history: Type.Array(Type.Object({ at: Str, fromStatus: OptStr, toStatus: Str, actorName: Str, note: OptStr })),
});
const YearQuery = Type.Object({ year: Type.Integer({ minimum: 1900, maximum: 9999, description: 'Jaar van verzending' }) }, { additionalProperties: false });
const ReportOut = Type.Object({
  year: Type.Integer(), total: Type.Integer(),
  byCategory: Type.Array(Type.Object({ code: Str, label: Str, count: Type.Integer() })),
  byAddressee: Type.Array(Type.Object({ code: Str, name: Str, count: Type.Integer() })),
  byStatus: Type.Object(Object.fromEntries(SIGNAL_STATUSES.map((s) => [s, Type.Integer()]))),
  signals: Type.Array(Type.Object({ ...Summary, casesByMunicipality: ByMunicipality })),
}, { description: 'Signalen verzonden in het jaar, zonder persoonsgegevens' });

export function signalenRoutes(app: FastifyInstance, db: Db): void {
  app.post('/api/signals', {
    config: manage,
    schema: {
      operationId: 'createSignal', tags, summary: 'Signaal maken: een knelpunt over casussen heen (medewerkers ZVH)',
      body: Type.Object({
        category: Type.String({ minLength: 1, maxLength: 60, description: 'Code uit de codelijst signalCategory' }),
        description: LongText(5000),
        addressedTo: Type.String({ minLength: 1, maxLength: 60, description: 'Gemeentecode (GM....), partnercode of stuurgroep' }),
        caseIds: Type.Array(Uuid, { maxItems: 500, description: 'De casussen waarop het signaal rust' }),
      }, { additionalProperties: false }),
      response: { 201: Type.Object({ id: Str }) },
    },
  }, async (request, reply) => {
    const out = await createSignal(ctxOf(request, db), request.body as SignalInput);
    return reply.code(201).send(out);
  });

  app.get('/api/signals', {
    config: read,
    schema: {
      operationId: 'listSignals', tags, summary: 'Signalen van het ZVH (medewerkers ZVH; partners 403)',
      querystring: Type.Object({ status: Type.Optional(Status) }, { additionalProperties: false }),
      response: { 200: Type.Array(SignalOut) },
    },
  }, async (request) => listSignals(ctxOf(request, db), request.query as { status?: string }));

  app.get('/api/signals/report', {
    config: read,
    schema: { operationId: 'getSignalReport', tags, summary: 'Signalenrapportage voor de stuurgroep: verzonden signalen van een jaar, zonder persoonsgegevens', querystring: YearQuery, response: { 200: ReportOut } },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return signalReport(ctxOf(request, db), (request.query as { year: number }).year);
  });

  app.get('/api/signals/report.pdf', {
    config: read,
    schema: {
      operationId: 'getSignalReportPdf', tags, summary: 'Signalenrapportage als PDF', querystring: YearQuery,
      response: { 200: { description: 'PDF (A4)', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } } },
    },
  }, async (request, reply) => {
    const ctx = ctxOf(request, db);
    const year = (request.query as { year: number }).year;
    const report = await signalReport(ctx, year);
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="signalen-${year}.pdf"`)
      .header('cache-control', 'no-store').send(await signalReportPdf(report, await tenantName(ctx)));
  });

  app.get('/api/signals/:id', {
    config: read,
    schema: { operationId: 'getSignal', tags, summary: 'Een signaal met geschiedenis en casussen als aantallen per gemeente', params: IdParams, response: { 200: SignalDetailOut } },
  }, async (request) => getSignal(ctxOf(request, db), (request.params as { id: string }).id));

  app.patch('/api/signals/:id', {
    config: manage,
    schema: {
      operationId: 'changeSignalStatus', tags, summary: 'Status van een signaal wijzigen (open, verzonden, in-behandeling, opgelost)', params: IdParams,
      body: Type.Object({
        status: Status,
        note: Type.Optional(Type.String({ maxLength: 2000 })),
        sentOn: Type.Optional(DateStr),
      }, { additionalProperties: false }),
      response: { 200: SignalDetailOut },
    },
  }, async (request) => {
    const b = request.body as { status: SignalStatus; note?: string; sentOn?: string };
    return changeSignalStatus(ctxOf(request, db), (request.params as { id: string }).id, b);
  });
}
