// SPDX-License-Identifier: EUPL-1.2
// Capacity model and cost split (seed 002; api-contract.md "Capacity model and cost split").
// Manager and beheerder only. Computing stores nothing; the settings and the available FTE per
// year are the tenant's configuration (changes go to the security log).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { CAPACITY_TASKS, computeCapacity } from '@zvh/shared';
import type { CapacitySettings, CostSplitRule, RolePair, TaskCounts } from '@zvh/shared';
import type { Role } from '@zvh/shared';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { ValidationError } from '../../core/errors.js';
import {
  capacityReport, costSplit, getCapacitySettings, getCostSplitSettings, getFteYear, listFteYears, putCapacitySettings, putCostSplitSettings, putFteYear,
} from './service.js';

export const CAPACITY_ROLES: Role[] = ['manager', 'beheerder'];
const access = { access: { roles: CAPACITY_ROLES } };
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

const RuleSchema = Type.Object({
  largeMunicipalities: Type.Array(Type.String({ pattern: '^GM[0-9]{4}$' }), { maxItems: 100, description: 'De gemeenten die samen het restant dragen (standaard Assen, Emmen, Hoogeveen: 70%)' }),
  smallShare: Type.Number({ minimum: 0, maximum: 1, description: 'Aandeel dat de overige gemeenten gelijk delen (standaard 0,3)' }),
  roundDownTo: Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'Bijdrage van elke overige gemeente naar beneden afgerond op dit veelvoud (standaard 100)' }),
}, { additionalProperties: false });
const Total = Type.Integer({ minimum: 0, maximum: 1_000_000_000, description: 'Totale gemeentelijke bijdrage in hele euro' });
const CostSplitSettingsSchema = Type.Object({ total: Total, rule: RuleSchema }, { additionalProperties: false });

export function capaciteitRoutes(app: FastifyInstance, db: Db): void {
  app.post('/api/capacity/plan', {
    config: access,
    schema: {
      tags, summary: 'Capaciteit plannen: verwachte aantallen en beschikbare FTE naar benodigde uren en FTE',
      body: Type.Object({
        counts: CountsIn,
        availableFte: Type.Optional(Pair(Fte)),
        year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 9999, description: 'Zonder availableFte: de beschikbare FTE van dit jaar' })),
      }, { additionalProperties: false }),
      response: { 200: Type.Object(CapacityOut) },
    },
  }, async (request) => {
    const { actor } = ctxOf(request, db);
    const b = request.body as { counts: Partial<TaskCounts>; availableFte?: RolePair; year?: number };
    const settings = await getCapacitySettings(db, actor.tenantId);
    const counts = Object.fromEntries(CAPACITY_TASKS.map((t) => [t, b.counts[t] ?? 0])) as TaskCounts;
    let available = b.availableFte;
    if (!available) {
      const fte = b.year !== undefined ? await getFteYear(db, actor.tenantId, b.year) : { im: 0, pr: 0 };
      available = { im: fte.im, pr: fte.pr };
    }
    return computeCapacity(settings, counts, available);
  });

  app.get('/api/capacity', {
    config: access,
    schema: {
      tags, summary: 'Capaciteit van een jaar of periode uit de geregistreerde casussen, totaal en per gemeente',
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
    const { actor } = ctxOf(request, db);
    const q = request.query as { year?: number; from?: string; to?: string; municipality?: string };
    if ((q.from === undefined) !== (q.to === undefined)) {
      throw new ValidationError('Geef een periode met begin en einde', [{ field: q.from ? 'querystring.to' : 'querystring.from', message: 'Begin en einde horen bij elkaar' }]);
    }
    if (q.from && q.to && q.from > q.to) throw new ValidationError('Ongeldige periode', [{ field: 'querystring.to', message: 'Het einde ligt voor het begin' }]);
    const year = q.year ?? (q.from ? Number(q.from.slice(0, 4)) : undefined);
    if (year === undefined) throw new ValidationError('Geef een jaar of een periode', [{ field: 'querystring.year', message: 'Verplicht zonder periode' }]);
    return capacityReport(db, actor.tenantId, { year, period: q.from && q.to ? { from: q.from, to: q.to } : undefined, municipality: q.municipality });
  });

  app.get('/api/capacity/settings', {
    config: access,
    schema: { tags, summary: 'Normuren per taak en productieve uren per FTE', response: { 200: SettingsSchema } },
  }, async (request) => getCapacitySettings(db, ctxOf(request, db).actor.tenantId));

  app.put('/api/capacity/settings', {
    config: access,
    schema: { tags, summary: 'Normuren en uren per FTE wijzigen', body: SettingsSchema, response: { 200: SettingsSchema } },
  }, async (request) => putCapacitySettings(ctxOf(request, db), request.body as CapacitySettings));

  const FteOut = Type.Object({ year: Type.Integer(), im: Type.Number(), pr: Type.Number(), contribution: Type.Union([Type.Integer(), Type.Null()]), set: Type.Boolean() });
  app.get('/api/capacity/fte', {
    config: access,
    schema: { tags, summary: 'Beschikbare FTE van alle ingevulde jaren', response: { 200: Type.Array(FteOut) } },
  }, async (request) => listFteYears(db, ctxOf(request, db).actor.tenantId));

  app.get('/api/capacity/fte/:year', {
    config: access,
    schema: { tags, summary: 'Beschikbare FTE (informatiemakelaar, procesregisseur) van een jaar', params: Type.Object({ year: Year }), response: { 200: FteOut } },
  }, async (request) => getFteYear(db, ctxOf(request, db).actor.tenantId, (request.params as { year: number }).year));

  app.put('/api/capacity/fte/:year', {
    config: access,
    schema: {
      tags, summary: 'Beschikbare FTE van een jaar vastleggen',
      params: Type.Object({ year: Year }),
      body: Type.Object({ im: Fte, pr: Fte, contribution: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1_000_000_000 }), Type.Null()])) }, { additionalProperties: false }),
      response: { 200: FteOut },
    },
  }, async (request) => putFteYear(ctxOf(request, db), (request.params as { year: number }).year, request.body as { im: number; pr: number; contribution?: number | null }));

  const ShareOut = Type.Object({
    municipality: Type.String(), name: Type.String(), amount: Type.Integer(), percentOfTotal: Type.Number(),
    caseload: Type.Optional(Type.Integer()), caseloadShare: Type.Optional(Type.Number()),
  });
  app.post('/api/cost-split', {
    config: access,
    schema: {
      tags, summary: 'Kostenverdeling over de actieve gemeenten (standaard 70/30); met year ook ieders aandeel in de casuïstiek',
      body: Type.Object({ total: Type.Optional(Total), year: Type.Optional(Year), rule: Type.Optional(RuleSchema) }, { additionalProperties: false }),
      response: { 200: Type.Object({ total: Type.Integer(), rule: RuleSchema, year: Type.Union([Type.Integer(), Type.Null()]), shares: Type.Array(ShareOut) }) },
    },
  }, async (request) => {
    const { actor } = ctxOf(request, db);
    const b = request.body as { total?: number; year?: number; rule?: CostSplitRule };
    return costSplit(db, actor.tenantId, b);
  });

  app.get('/api/cost-split/settings', {
    config: access,
    schema: { tags, summary: 'Totale gemeentelijke bijdrage en verdeelsleutel', response: { 200: CostSplitSettingsSchema } },
  }, async (request) => getCostSplitSettings(db, ctxOf(request, db).actor.tenantId));

  app.put('/api/cost-split/settings', {
    config: access,
    schema: { tags, summary: 'Totale bijdrage en verdeelsleutel wijzigen', body: CostSplitSettingsSchema, response: { 200: CostSplitSettingsSchema } },
  }, async (request) => putCostSplitSettings(ctxOf(request, db), request.body as { total: number; rule: CostSplitRule }));
}
