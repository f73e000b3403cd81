// SPDX-License-Identifier: EUPL-1.2
// Andere ZVH: "bekend bij een ander ZVH" and transfer of a case to another ZVH (see service.ts).
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../core/config.js';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { Code, IdParams, LongText } from '../schemas.js';
import * as svc from './service.js';

const tags = ['andere-zvh'];
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const Settings = Type.Object({
  check: Type.Boolean({ description: 'Bekend bij een ander ZVH: vragen en antwoorden' }),
  transfer: Type.Boolean({ description: 'Casussen overdragen aan en ontvangen van een ander ZVH' }),
  legalGround: Nullable(Type.String({ maxLength: 1000, description: 'Wettelijke grondslag, bv. "WGS art. ..."; verplicht zolang iets aan staat' })),
  contactEmail: Nullable(Type.String({ maxLength: 200 })),
  contactPhone: Nullable(Type.String({ maxLength: 50 })),
});
const SettingsOut = Type.Object({ ...Settings.properties, changedAt: Nullable(Type.String()) });

const Match = Type.Object({ name: Type.String(), contactEmail: Nullable(Type.String()), contactPhone: Nullable(Type.String()) }, { additionalProperties: false });
const CheckOut = Type.Object({ checkedAt: Type.String(), matches: Type.Array(Match) }, { additionalProperties: false });

const Outgoing = Type.Object({
  id: Type.String(), toName: Type.String(), reason: Type.String(), status: Type.String(), offeredAt: Type.String(),
  decidedAt: Nullable(Type.String()), decisionReason: Nullable(Type.String()),
});
const Incoming = Type.Object({
  id: Type.String(), fromName: Type.String(), firstName: Type.String(), lastName: Type.String(), birthDate: Nullable(Type.String()),
  purpose: Type.String(), reason: Type.String(), status: Type.String(), offeredAt: Type.String(), decidedAt: Nullable(Type.String()),
  decisionReason: Nullable(Type.String()), receivedCaseId: Nullable(Type.String()),
}, { additionalProperties: false });

export function andereZvhRoutes(app: FastifyInstance, db: Db, config: Config): void {
  app.get('/api/admin/other-zvh', {
    config: { access: { permission: 'admin.manage' as const } },
    schema: { operationId: 'getOtherZvhSettings', tags, summary: 'Instelling andere ZVH: bekend-bij-controle en overdracht, met grondslag en contact', response: { 200: SettingsOut } },
  }, async (request) => svc.getOtherZvhSettings(ctxOf(request, db)));

  app.put('/api/admin/other-zvh', {
    config: { access: { permission: 'admin.manage' as const } },
    schema: { operationId: 'putOtherZvhSettings', tags, summary: 'Instelling andere ZVH wijzigen (grondslag verplicht om iets aan te zetten)', body: Settings, response: { 200: SettingsOut } },
  }, async (request) => svc.putOtherZvhSettings(ctxOf(request, db), request.body as svc.OtherZvhSettings));

  app.get('/api/other-zvh/status', {
    config: { access: { permission: 'case.read' as const } },
    schema: {
      operationId: 'getOtherZvhStatus', tags, summary: 'Wat dit ZVH heeft aangezet (controle, overdracht)',
      response: { 200: Type.Object({ check: Type.Boolean(), transfer: Type.Boolean() }) },
    },
  }, async (request) => svc.otherZvhStatus(ctxOf(request, db)));

  app.post('/api/persons/:id/other-zvh-check', {
    config: { access: { permission: 'person.checkOtherZvh' as const } },
    schema: {
      operationId: 'checkOtherZvh', tags, params: IdParams, response: { 200: CheckOut },
      summary: 'Nagaan of de persoon bekend is bij een ander ZVH van deze installatie (alleen naam en contact van dat ZVH)',
    },
  }, async (request) => svc.checkOtherZvh(ctxOf(request, db), config.pseudonymSecret, (request.params as { id: string }).id));

  app.get('/api/other-zvh/targets', {
    config: { access: { permission: 'case.transfer' as const } },
    schema: { operationId: 'listTransferTargets', tags, summary: 'Andere ZVH\'s van deze installatie die overdrachten ontvangen', response: { 200: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })) } },
  }, async (request) => svc.listTransferTargets(ctxOf(request, db)));

  app.post('/api/cases/:id/transfers', {
    config: { access: { permission: 'case.transfer' as const } },
    schema: {
      operationId: 'offerTransfer', tags, summary: 'Casus aanbieden aan een ander ZVH (de persoon verhuist)', params: IdParams,
      body: Type.Object({ toTenant: Code, reason: LongText(2000) }), response: { 201: Outgoing },
    },
  }, async (request, reply) => {
    const res = await svc.offerTransfer(ctxOf(request, db), (request.params as { id: string }).id, request.body as { toTenant: string; reason: string });
    return reply.status(201).send(res);
  });

  app.get('/api/cases/:id/transfers', {
    config: { access: { permission: 'case.transfer' as const } },
    schema: { operationId: 'listCaseTransfers', tags, summary: 'Overdrachten van deze casus (verzendende kant)', params: IdParams, response: { 200: Type.Array(Outgoing) } },
  }, async (request) => svc.listCaseTransfers(ctxOf(request, db), (request.params as { id: string }).id));

  app.get('/api/cases/:id/transfer-export', {
    config: { access: { permission: 'case.transfer' as const } },
    schema: { operationId: 'exportCaseForTransfer', tags, summary: 'Casus als JSON-bestand voor een ZVH buiten deze installatie', params: IdParams },
  }, async (request, reply) => {
    const res = await svc.exportCase(ctxOf(request, db), (request.params as { id: string }).id);
    const number = String((res.case as { caseNumber?: string } | undefined)?.caseNumber ?? 'casus').replace(/[^0-9A-Za-z-]/g, '');
    return reply.header('content-disposition', `attachment; filename="overdracht-${number}.json"`).header('cache-control', 'no-store').send(res);
  });

  app.get('/api/transfers/incoming', {
    config: { access: { permission: 'case.transfer' as const } },
    schema: { operationId: 'listIncomingTransfers', tags, summary: 'Aangeboden overdrachten van andere ZVH\'s (persoon, doel, reden)', response: { 200: Type.Array(Incoming) } },
  }, async (request) => svc.listIncomingTransfers(ctxOf(request, db)));

  app.post('/api/transfers/:id/decision', {
    config: { access: { permission: 'case.transfer' as const } },
    schema: {
      operationId: 'decideTransfer', tags, summary: 'Overdracht aannemen (met de gemeente waar de persoon nu woont) of weigeren, met reden', params: IdParams,
      body: Type.Object({ accept: Type.Boolean(), reason: LongText(2000), municipality: Type.Optional(Code) }),
      response: { 200: Type.Object({ id: Type.String(), status: Type.String(), receivedCaseId: Nullable(Type.String()) }) },
    },
  }, async (request) => svc.decideTransfer(ctxOf(request, db), (request.params as { id: string }).id, request.body as svc.DecisionInput));
}
