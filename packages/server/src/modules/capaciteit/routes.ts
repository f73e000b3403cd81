// SPDX-License-Identifier: EUPL-1.2
// Capacity model and cost split (seed 002; api-contract.md "Capacity model and cost split").
// Manager and beheerder only. Computing stores nothing; the settings and the available FTE per
// year are the tenant's configuration (changes go to the security log).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CAPACITY_TASKS, COST_SPLIT_ROUNDINGS } from '@zvh/shared';
import type { CapacitySettings, CostSplitSettings, RolePair, TaskCounts } from '@zvh/shared';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { ValidationError } from '../../core/errors.js';
import type { CostSplitInput } from './service.js';
import {
  capacityReport, costSplit, getCapacitySettings, getCostSplitSettings, getFteYear, listFteYears, planCapacity, putCapacitySettings, putCostSplitSettings, putFteYear,
} from './service.js';

const access = { access: { permission: 'report.read' as const } };
const tags = ['capaciteit'];

const Year = Type.Integer({ minimum: 1900, maximum: 9999 });
const DateStr = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const Count = Type.Number({ minimum: 0, maximum: 1_000_000 });
const Fte = Type.Number({ minimum: 0, maximum: 10_000 });
const Hours = Type.Number({ minimum: 0, maximum: 10_000 });
const Pair = (t: typeof Fte) => Type.Object({ im: t, pr: t }, { additionalProperties: false });
const OutPair = Type.Object({ im: Type.Number(), pr: Type.Number() });

const CountsIn = Type.Object(Object.fromEntries(CAPACITY_TASKS.map((t) => [t, Type.Optional(Count)])), { additionalProperties: false });
const CountsOut = Type.Object(Object.fromEntries(CAPACITY_TASKS.map((t) => [t, Type.Number()])));
const CapacityOut = { counts: CountsOut, availableFte: OutPair, hours: OutPair, neededFte: OutPair, shortageFte: OutPair };

const SettingsSchema = Type.Object({
  hoursPerFte: Type.Number({ exclusiveMinimum: 0, maximum: 10_000, description: 'Productieve uren per FTE per jaar' }),
  norms: Type.Object(Object.fromEntries(CAPACITY_TASKS.map((t) => [t, Pair(Hours)])), { additionalProperties: false, description: 'Normuren per taak voor informatiemakelaar (im) en procesregisseur (pr)' }),
}, { additionalProperties: false });

const Rounding = Type.Union(COST_SPLIT_ROUNDINGS.map((r) => Type.Literal(r)), {
  description: 'Afronding van de bijdrage van elke overige gemeente: hundreds-down (naar beneden op hele honderden, de tabel 2018) of euro (op hele euro, de tabel 2019-2022); de gemeenten die het restant dragen, delen de rest gelijk',
});
const RuleSchema = Type.Object({
  largeMunicipalities: Type.Array(Type.String({ pattern: '^GM[0-9]{4}$' }), { maxItems: 100, description: 'De gemeenten die samen het restant dragen (standaard Assen, Emmen, Hoogeveen: 70%)' }),
  smallShare: Type.Number({ minimum: 0, maximum: 1, description: 'Aandeel dat de overige gemeenten gelijk delen (standaard 0,3)' }),
  rounding: Rounding,
}, { additionalProperties: false });
const Euro = (description: string) => Type.Integer({ minimum: 0, maximum: 1_000_000_000, description });
const Total = Euro('Totale gemeentelijke bijdrage in hele euro');
const NazorgFee = Euro('Jaarlijkse bijdrage voor de plustaak nazorg ex-gedetineerden in hele euro, apart verdeeld over de gemeenten met die plustaak');
const CostSplitSettingsSchema = Type.Object({ total: Total, rule: RuleSchema, nazorgFee: NazorgFee }, { additionalProperties: false });

export function capaciteitRoutes(app: FastifyInstance, db: Db): void {
  app.post('/api/capacity/plan', {
    config: access,
    schema: {
      operationId: 'planCapacity', tags, summary: 'Capaciteit plannen: verwachte aantallen en beschikbare FTE naar benodigde uren en FTE',
      body: Type.Object({
        counts: CountsIn,
        availableFte: Type.Optional(Pair(Fte)),
        year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 9999, description: 'Zonder availableFte: de beschikbare FTE van dit jaar' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object(CapacityOut) },
    },
  }, async (request) => planCapacity(ctxOf(request, db), request.body as { counts: Partial<TaskCounts>; availableFte?: RolePair; year?: number }));

  app.get('/api/capacity', {
    config: access,
    schema: {
      operationId: 'getCapacity', tags,
      summary: 'Capaciteit van een jaar of periode, totaal en per gemeente: informatievragen en adviezen aangemeld in de periode, procesregie = de procesregiecasussen die in de periode actief waren (definitie jaarverslag)',
      querystring: Type.Object({
        year: Type.Optional(Year),
        from: Type.Optional(DateStr),
        to: Type.Optional(DateStr),
        municipality: Type.Optional(Type.String({ pattern: '^GM[0-9]{4}$', description: 'Alleen de casussen van deze gemeente' })),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          year: Type.Integer(), period: Type.Object({ from: Type.String(), to: Type.String() }), municipality: Type.Union([Type.String(), Type.Null()]),
          availableFteSet: Type.Boolean(), settings: SettingsSchema, ...CapacityOut,
          byMunicipality: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), region: Type.String(), counts: CountsOut, hours: OutPair, shareOfHours: OutPair })),
        }),
      },
    },
  }, async (request) => {
    const ctx = ctxOf(request, db);
    const q = request.query as { year?: number; from?: string; to?: string; municipality?: string };
    if ((q.from === undefined) !== (q.to === undefined)) {
      throw new ValidationError('Geef een periode met begin en einde', [{ field: q.from ? 'querystring.to' : 'querystring.from', message: 'Begin en einde horen bij elkaar' }]);
    }
    if (q.from && q.to && q.from > q.to) throw new ValidationError('Ongeldige periode', [{ field: 'querystring.to', message: 'Het einde ligt voor het begin' }]);
    const year = q.year ?? (q.from ? Number(q.from.slice(0, 4)) : undefined);
    if (year === undefined) throw new ValidationError('Geef een jaar of een periode', [{ field: 'querystring.year', message: 'Verplicht zonder periode' }]);
    return capacityReport(ctx, { year, period: q.from && q.to ? { from: q.from, to: q.to } : undefined, municipality: q.municipality });
  });

  app.get('/api/capacity/settings', {
    config: access,
    schema: { operationId: 'getCapacitySettings', tags, summary: 'Normuren per taak en productieve uren per FTE', response: { 200: SettingsSchema } },
  }, async (request) => getCapacitySettings(ctxOf(request, db)));

  app.put('/api/capacity/settings', {
    config: access,
    schema: { operationId: 'putCapacitySettings', tags, summary: 'Normuren en uren per FTE wijzigen', body: SettingsSchema, response: { 200: SettingsSchema } },
  }, async (request) => putCapacitySettings(ctxOf(request, db), request.body as CapacitySettings));

  const FteOut = Type.Object({ year: Type.Integer(), im: Type.Number(), pr: Type.Number(), contribution: Type.Union([Type.Integer(), Type.Null()]), set: Type.Boolean() });
  app.get('/api/capacity/fte', {
    config: access,
    schema: { operationId: 'listFteYears', tags, summary: 'Beschikbare FTE van alle ingevulde jaren', response: { 200: Type.Array(FteOut) } },
  }, async (request) => listFteYears(ctxOf(request, db)));

  app.get('/api/capacity/fte/:year', {
    config: access,
    schema: { operationId: 'getFteYear', tags, summary: 'Beschikbare FTE (informatiemakelaar, procesregisseur) van een jaar', params: Type.Object({ year: Year }), response: { 200: FteOut } },
  }, async (request) => getFteYear(ctxOf(request, db), (request.params as { year: number }).year));

  app.put('/api/capacity/fte/:year', {
    config: access,
    schema: {
      operationId: 'putFteYear', tags, summary: 'Beschikbare FTE van een jaar vastleggen',
      params: Type.Object({ year: Year }),
      body: Type.Object({ im: Fte, pr: Fte, contribution: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000_000 }), Type.Null()])) }, { additionalProperties: false }),
      response: { 200: FteOut },
    },
  }, async (request) => putFteYear(ctxOf(request, db), (request.params as { year: number }).year, request.body as { im: number; pr: number; contribution?: number | null }));

  const ShareOut = Type.Object({
    municipality: Type.String(), name: Type.String(), amount: Type.Integer(), percentOfTotal: Type.Number(),
    nazorg: Type.Integer({ description: 'Aandeel in de bijdrage plustaak nazorg (0 zonder die plustaak)' }),
    amountWithNazorg: Type.Integer({ description: 'amount + nazorg' }),
    caseload: Type.Optional(Type.Integer()), caseloadShare: Type.Optional(Type.Number()),
  });
  const MunicipalityAmount = Type.Object({ municipality: Type.String(), name: Type.String(), amount: Type.Integer() });
  app.post('/api/cost-split', {
    config: access,
    schema: {
      operationId: 'splitCosts', tags,
      summary: 'Kostenverdeling over de actieve gemeenten (standaard 70/30), met de bijdrage plustaak nazorg als aparte regel; met year ook ieders aandeel in de casuïstiek',
      body: Type.Object({
        total: Type.Optional(Total), year: Type.Optional(Year), rule: Type.Optional(RuleSchema),
        rounding: Type.Optional(Rounding), nazorgFee: Type.Optional(NazorgFee),
      }, { additionalProperties: false }),
      response: {
        200: Type.Object({
          total: Type.Integer(), rule: RuleSchema, year: Type.Union([Type.Integer(), Type.Null()]), shares: Type.Array(ShareOut),
          nazorg: Type.Object({ fee: Type.Integer(), shares: Type.Array(MunicipalityAmount) }, { description: 'De bijdrage plustaak nazorg, gelijk verdeeld over de gemeenten met die plustaak; niet in total' }),
          grandTotal: Type.Integer({ description: 'total + nazorg.fee' }),
        }),
      },
    },
  }, async (request) => costSplit(ctxOf(request, db), request.body as CostSplitInput));

  app.get('/api/cost-split/settings', {
    config: access,
    schema: { operationId: 'getCostSplitSettings', tags, summary: 'Totale gemeentelijke bijdrage, verdeelsleutel met standaardafronding en bijdrage plustaak nazorg', response: { 200: CostSplitSettingsSchema } },
  }, async (request) => getCostSplitSettings(ctxOf(request, db)));

  app.put('/api/cost-split/settings', {
    config: access,
    schema: { operationId: 'putCostSplitSettings', tags, summary: 'Totale bijdrage, verdeelsleutel, standaardafronding en bijdrage plustaak nazorg wijzigen', body: CostSplitSettingsSchema, response: { 200: CostSplitSettingsSchema } },
  }, async (request) => putCostSplitSettings(ctxOf(request, db), request.body as CostSplitSettings));
}
