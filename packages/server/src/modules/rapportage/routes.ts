// SPDX-License-Identifier: EUPL-1.2
// Rapportage: the annual report as JSON, XLSX and PDF. Manager and beheerder only. The report
// holds aggregates only (no names, ids or free text of cases), so reading it is not a processing
// of personal data and is not written to the processing log.
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import type { AnnualReport } from './annual-report.js';
import { AGE_GROUPS, computeAnnualReport, loadReportLabels } from './annual-report.js';
import { annualReportXlsx } from './export-xlsx.js';
import { annualReportPdf } from './export-pdf.js';

const access = { access: { permission: 'report.read' as const } };

export const ReportQuery = Type.Object({
  year: Type.Integer({ minimum: 1900, maximum: 9999, description: 'Verslagjaar' }),
  region: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,40}$', description: 'Alleen de gemeenten van deze regio' })),
  municipality: Type.Optional(Type.String({ pattern: '^GM[0-9]{4}$', description: 'Alleen deze gemeente (CBS-code)' })),
}, { additionalProperties: false });

const Count = Type.Integer({ minimum: 0 });
const Percentages = Type.Record(Type.String(), Type.Integer({ minimum: 0, maximum: 100 }));
export const AnnualReportSchema = Type.Object({
  year: Type.Integer(),
  basics: Type.Object({
    registeredProcessDirection: Count, registeredProcessDirectionPga: Count, notTakenUp: Count,
    activeProcessDirection: Count, activeProcessDirectionPga: Count, informationRequests: Count, advice: Count,
  }),
  byMunicipality: Type.Array(Type.Object({
    code: Type.String(), name: Type.String(), region: Type.String(),
    advice: Count, processDirection: Count, carriedOver: Count, inflow: Count, closed: Count, activeAtYearEnd: Count,
  })),
  byPartner: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), domain: Type.Union([Type.String(), Type.Null()]), registered: Count })),
  byDomain: Type.Record(Type.String(), Count),
  percentages: Type.Object({
    mainTopic: Percentages,
    ageGroup: Type.Object(Object.fromEntries(AGE_GROUPS.map((g) => [g, Type.Integer()]))),
    gender: Percentages,
    problemArea: Percentages,
    children: Percentages,
    crossesMunicipalityBorder: Type.Integer({ minimum: 0, maximum: 100 }),
  }),
  facilitated: Type.Object({
    veelplegers: Type.Record(Type.String(), Count, { description: 'Personen met een veelplegerstatus in het jaar, per regio, en total' }),
    lpco: Type.Object({ byMunicipality: Type.Record(Type.String(), Count), byOutcome: Type.Record(Type.String(), Count), total: Count }),
    nazorg: Type.Object({
      byMunicipality: Type.Record(Type.String(), Type.Object({ inflow: Count, closedOfInflow: Count, closedOfEarlier: Count, carriedThrough: Count })),
    }),
  }, { description: 'Registraties van de gefaciliteerde overleggen (veelplegers, LPCO, nazorg); tellen nergens anders mee' }),
  filters: Type.Object({ region: Type.Union([Type.String(), Type.Null()]), municipality: Type.Union([Type.String(), Type.Null()]), municipalities: Type.Array(Type.String()) }),
}, { description: 'Geaggregeerde jaarcijfers (annual-report.md); percentages over de in het jaar actieve procesregiecasussen, halven naar boven afgerond' });

type Query = { year: number; region?: string; municipality?: string };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const binary = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: 'string', format: 'binary' } } } });

function fileName(report: AnnualReport, ext: string): string {
  const sel = report.filters.municipality ?? report.filters.region;
  return `jaarverslag-${report.year}${sel ? `-${sel.toLowerCase()}` : ''}.${ext}`;
}

function sendFile(reply: FastifyReply, body: Buffer, type: string, name: string) {
  return reply
    .header('content-type', type)
    .header('content-disposition', `attachment; filename="${name}"`)
    .header('cache-control', 'no-store')
    .send(body);
}

export function rapportageRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/reports/annual', {
    config: access,
    schema: {
      operationId: 'getAnnualReport', tags: ['rapportage'], summary: 'Jaarverslag: geaggregeerde cijfers van een jaar (manager, beheerder)',
      querystring: ReportQuery,
      response: { 200: AnnualReportSchema },
    },
  }, async (request, reply) => {
    const { actor } = ctxOf(request, db);
    const q = request.query as Query;
    reply.header('cache-control', 'no-store');
    return computeAnnualReport(db, actor.tenantId, q.year, q);
  });

  app.get('/api/reports/annual.xlsx', {
    config: access,
    schema: {
      operationId: 'getAnnualReportXlsx', tags: ['rapportage'], summary: 'Jaarverslag als spreadsheet (één tabblad per tabel)', querystring: ReportQuery,
      response: { 200: binary(XLSX, 'Spreadsheet met één tabblad per tabel; getallen als getallen') },
    },
  }, async (request, reply) => {
    const { actor } = ctxOf(request, db);
    const q = request.query as Query;
    const [report, labels] = await Promise.all([computeAnnualReport(db, actor.tenantId, q.year, q), loadReportLabels(db, actor.tenantId)]);
    return sendFile(reply, await annualReportXlsx(report, labels), XLSX, fileName(report, 'xlsx'));
  });

  app.get('/api/reports/annual.pdf', {
    config: access,
    schema: {
      operationId: 'getAnnualReportPdf', tags: ['rapportage'], summary: 'Jaarverslag als PDF (A4, tabellen en staafdiagrammen)', querystring: ReportQuery,
      response: { 200: binary('application/pdf', 'PDF (A4) met de tabellen, staafdiagrammen en paginanummers') },
    },
  }, async (request, reply) => {
    const { actor } = ctxOf(request, db);
    const q = request.query as Query;
    const [report, labels] = await Promise.all([computeAnnualReport(db, actor.tenantId, q.year, q), loadReportLabels(db, actor.tenantId)]);
    return sendFile(reply, await annualReportPdf(report, labels), 'application/pdf', fileName(report, 'pdf'));
  });
}
