// SPDX-License-Identifier: EUPL-1.2
// Rapportage: the annual report as JSON, XLSX and PDF. Manager and beheerder only. The report
// holds aggregates only (no names, ids or free text of cases), so reading it is not a processing
// of personal data and is not written to the processing log.
import type { Ctx } from '../../core/context.js';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type, type Static } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import type { AnnualReport } from './annual-report.js';
import { AGE_GROUPS, computeAnnualReport, computePeriodReport, loadReportLabels, resolvePeriod } from './annual-report.js';
import { NOT_INFORMED_REASONS } from '@zvh/shared';
import { reportFileStem } from './labels.js';
import { annualReportXlsx } from './export-xlsx.js';
import { annualReportPdf } from './export-pdf.js';

const access = { access: { permission: 'report.read' as const } };

export const ReportQuery = Type.Object({
  year: Type.Integer({ minimum: 1900, maximum: 9999, description: 'Verslagjaar' }),
  region: Type.Optional(Type.String({ pattern: '^[a-z0-9-]{1,40}$', description: 'Alleen de gemeenten van deze regio' })),
  municipality: Type.Optional(Type.String({ pattern: '^GM[0-9]{4}$', description: 'Alleen deze gemeente (CBS-code)' })),
}, { additionalProperties: false });

const Count = Type.Integer({ minimum: 0 });
const Change = Type.Object({ improved: Count, same: Count, worsened: Count });
const OutcomeSchema = Type.Object({
  closed: Count,
  scoredAtBoth: Count,
  byDomain: Type.Record(Type.String(), Change, { description: 'Per ZRM-leefgebied (lijst zrmDomain): afgesloten casussen met een betere, gelijke of slechtere score bij afsluiting dan bij start' }),
  safetyRisk: Change,
  goalsMet: Type.Object({ ja: Count, deels: Count, nee: Count, notRecorded: Count, percentMet: Type.Integer({ minimum: 0, maximum: 100 }) }),
}, { description: 'Uitkomst (rendement) van de procesregiecasussen die in de periode zijn afgesloten; alleen aantallen' });
const InformingSchema = Type.Object({
  registrations: Count, informed: Count, informedByRegistrant: Count, informedByZvh: Count, notInformed: Count,
  notInformedByReason: Type.Object(Object.fromEntries(NOT_INFORMED_REASONS.map((r) => [r, Count]))),
  open: Count,
}, { description: 'Informeren van de betrokkene (AVG art. 14) bij de aanmeldingen over een persoon in de periode: geïnformeerd, niet geïnformeerd met reden, nog open' });
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
  outcome: OutcomeSchema,
  informing: InformingSchema,
  filters: Type.Object({ region: Type.Union([Type.String(), Type.Null()]), municipality: Type.Union([Type.String(), Type.Null()]), municipalities: Type.Array(Type.String()) }),
}, { description: 'Geaggregeerde jaarcijfers (annual-report.md); percentages over de in het jaar actieve procesregiecasussen, halven naar boven afgerond' });

type Query = { year: number; region?: string; municipality?: string };

export const PeriodQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 9999, description: 'Jaar (met quarter: het kwartaal van dat jaar)' })),
  quarter: Type.Optional(Type.Integer({ minimum: 1, maximum: 4, description: 'Kwartaal 1-4 van year' })),
  from: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'Eerste dag (JJJJ-MM-DD), met to' })),
  to: Type.Optional(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'Laatste dag (JJJJ-MM-DD), inbegrepen' })),
  region: ReportQuery.properties.region,
  municipality: ReportQuery.properties.municipality,
}, { additionalProperties: false });
export const PeriodReportSchema = Type.Object({
  ...AnnualReportSchema.properties,
  period: Type.Object({ from: Type.String(), to: Type.String(), quarter: Type.Union([Type.Integer(), Type.Null()]) }),
}, { description: 'De cijfers van een kwartaal of een willekeurige periode met de definities van het jaarverslag (begin en einde van de periode in plaats van 1 januari en 31 december)' });
type PQuery = { year?: number; quarter?: number; from?: string; to?: string; region?: string; municipality?: string };

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const binary = (type: string, description: string) => ({ description, content: { [type]: { schema: { type: 'string', format: 'binary' } } } });

function fileName(report: AnnualReport, ext: string): string {
  const sel = report.filters.municipality ?? report.filters.region;
  return `${reportFileStem(report)}${sel ? `-${sel.toLowerCase()}` : ''}.${ext}`;
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
    const ctx = ctxOf(request, db);
    const q = request.query as Query;
    reply.header('cache-control', 'no-store');
    // the computation's type (@zvh/shared) must fit the schema the web app's types are generated from
    const report: Static<typeof AnnualReportSchema> = await computeAnnualReport(ctx, q.year, q);
    return report;
  });

  app.get('/api/reports/annual.xlsx', {
    config: access,
    schema: {
      operationId: 'getAnnualReportXlsx', tags: ['rapportage'], summary: 'Jaarverslag als spreadsheet (één tabblad per tabel)', querystring: ReportQuery,
      response: { 200: binary(XLSX, 'Spreadsheet met één tabblad per tabel; getallen als getallen') },
    },
  }, async (request, reply) => {
    const ctx = ctxOf(request, db);
    const q = request.query as Query;
    const [report, labels] = await Promise.all([computeAnnualReport(ctx, q.year, q), loadReportLabels(ctx)]);
    return sendFile(reply, await annualReportXlsx(report, labels), XLSX, fileName(report, 'xlsx'));
  });

  app.get('/api/reports/annual.pdf', {
    config: access,
    schema: {
      operationId: 'getAnnualReportPdf', tags: ['rapportage'], summary: 'Jaarverslag als PDF (A4, tabellen en staafdiagrammen)', querystring: ReportQuery,
      response: { 200: binary('application/pdf', 'PDF (A4) met de tabellen, staafdiagrammen en paginanummers') },
    },
  }, async (request, reply) => {
    const ctx = ctxOf(request, db);
    const q = request.query as Query;
    const [report, labels] = await Promise.all([computeAnnualReport(ctx, q.year, q), loadReportLabels(ctx)]);
    return sendFile(reply, await annualReportPdf(report, labels), 'application/pdf', fileName(report, 'pdf'));
  });

  // the same figures for a quarter or any range of days (seed 000: quarterly to the stuurgroep)
  const periodReport = (request: { query: unknown }, ctx: Ctx) => {
    const q = request.query as PQuery;
    return computePeriodReport(ctx, resolvePeriod(q), q);
  };
  app.get('/api/reports/period', {
    config: access,
    schema: {
      operationId: 'getPeriodReport', tags: ['rapportage'],
      summary: 'Cijfers van een kwartaal (year + quarter) of een periode (from + to) met de definities van het jaarverslag (manager, beheerder)',
      querystring: PeriodQuery,
      response: { 200: PeriodReportSchema },
    },
  }, async (request, reply) => {
    const ctx = ctxOf(request, db);
    reply.header('cache-control', 'no-store');
    return periodReport(request, ctx);
  });

  app.get('/api/reports/period.xlsx', {
    config: access,
    schema: {
      operationId: 'getPeriodReportXlsx', tags: ['rapportage'], summary: 'Cijfers van een kwartaal of periode als spreadsheet', querystring: PeriodQuery,
      response: { 200: binary(XLSX, 'Spreadsheet met één tabblad per tabel; getallen als getallen') },
    },
  }, async (request, reply) => {
    const ctx = ctxOf(request, db);
    const [report, labels] = await Promise.all([periodReport(request, ctx), loadReportLabels(ctx)]);
    return sendFile(reply, await annualReportXlsx(report, labels), XLSX, fileName(report, 'xlsx'));
  });

  app.get('/api/reports/period.pdf', {
    config: access,
    schema: {
      operationId: 'getPeriodReportPdf', tags: ['rapportage'], summary: 'Cijfers van een kwartaal of periode als PDF', querystring: PeriodQuery,
      response: { 200: binary('application/pdf', 'PDF (A4) met de tabellen, staafdiagrammen en paginanummers') },
    },
  }, async (request, reply) => {
    const ctx = ctxOf(request, db);
    const [report, labels] = await Promise.all([periodReport(request, ctx), loadReportLabels(ctx)]);
    return sendFile(reply, await annualReportPdf(report, labels), 'application/pdf', fileName(report, 'pdf'));
  });
}
