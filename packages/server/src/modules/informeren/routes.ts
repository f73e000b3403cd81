// SPDX-License-Identifier: EUPL-1.2
// Informing the person (AVG art. 14) per registration; the start page's reminder from day 28.
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { etag, expectedVersion } from '../../core/access.js';
import { registerDaySectionProvider } from '../../core/day-sections.js';
import { DateStr, IdParams, Nullable, NStr, Version } from '../schemas.js';
import * as svc from './service.js';

const tags = ['informeren'];
const lit = <T extends readonly string[]>(values: T) => Type.Union(values.map((v) => Type.Literal(v)));

const InformingSchema = Type.Object({
  registrationId: Type.String({ format: 'uuid' }),
  status: lit(['open', 'informed', 'not_informed'] as const),
  informedOn: Nullable(DateStr),
  informedBy: Nullable(lit(svc.INFORMED_BY)),
  channel: Nullable(lit(svc.CHANNELS)),
  reason: Nullable(lit(svc.NOT_INFORMED_REASONS)),
  note: NStr,
  recordedByName: NStr,
  recordedAt: Nullable(Type.String({ format: 'date-time' })),
  version: Type.Integer({ minimum: 0, description: '0 zolang er niets is vastgelegd' }),
  remindFrom: DateStr,
  overdue: Type.Boolean({ description: 'Nog open op of na dag 28 na de aanmelding' }),
  canEdit: Type.Boolean(),
}, { $id: 'Informing' });

// one object (not a union: the validator would strip the other branch's fields); the service
// checks which fields the chosen status needs
const InformingBody = Type.Object({
  status: lit(['informed', 'not_informed'] as const),
  informedOn: Type.Optional(DateStr),
  informedBy: Type.Optional(lit(svc.INFORMED_BY)),
  channel: Type.Optional(lit(svc.CHANNELS)),
  reason: Type.Optional(lit(svc.NOT_INFORMED_REASONS)),
  note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  version: Version,
}, { additionalProperties: false });

export function informerenRoutes(app: FastifyInstance, db: Db): void {
  registerDaySectionProvider('informeren', svc.informingDaySections);
  const id = (r: { params: unknown }) => (r.params as { id: string }).id;

  app.get('/api/registrations/:id/informing', {
    config: { access: { permission: 'case.read' as const } },
    schema: {
      operationId: 'getInforming', tags, summary: 'Informeren van de betrokkene (AVG art. 14): wanneer en hoe, of waarom niet',
      params: IdParams, response: { 200: InformingSchema },
    },
  }, async (request, reply) => {
    const res = await svc.getInforming(ctxOf(request, db), id(request));
    reply.header('etag', etag(res.version));
    return res;
  });

  app.put('/api/registrations/:id/informing', {
    config: { access: { permission: 'registration.inform' as const } },
    schema: {
      operationId: 'recordInforming', tags, summary: 'Vastleggen hoe en wanneer de betrokkene is geïnformeerd, of de grond om dat niet te doen',
      params: IdParams, body: InformingBody, response: { 200: InformingSchema },
    },
  }, async (request, reply) => {
    const { version, ...input } = request.body as svc.InformingInput & { version?: number };
    const res = await svc.recordInforming(ctxOf(request, db), id(request), input, expectedVersion(request.headers['if-match'], version));
    reply.header('etag', etag(res.version));
    return res;
  });
}
