// SPDX-License-Identifier: EUPL-1.2
// The processing log's export per period (Logboek Dataverwerkingen fields, NDJSON or CSV) and its
// verification status with the public key of the checkpoints' signatures.
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Config } from '../../core/config.js';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { loadSigningKey } from '../../core/log-chain.js';
import { DateStr } from '../schemas.js';
import * as svc from './service.js';

const tags = ['verwerkingenlog'];
const access = { access: { permission: 'processingLog.export' as const } };

const ExportQuery = Type.Object({
  from: DateStr,
  to: DateStr,
  format: Type.Optional(Type.Union([Type.Literal('ndjson'), Type.Literal('csv')], { default: 'ndjson' })),
}, { additionalProperties: false });

const Status = Type.Object({
  keyId: Type.String(), publicKey: Type.String({ description: 'Publieke sleutel (PEM, SPKI) van de handtekeningen onder de controlepunten' }),
  algorithm: Type.Literal('Ed25519'),
  months: Type.Array(Type.Object({
    month: Type.String({ description: 'JJJJ-MM (UTC)' }), records: Type.Integer(), final: Type.Boolean(),
    lastSignedAt: Type.String({ format: 'date-time' }), archived: Type.Boolean(),
  })),
});

export function verwerkingenlogRoutes(app: FastifyInstance, db: Db, config: Config): void {
  const key = loadSigningKey(config);

  app.get('/api/processing-log/export', {
    config: access,
    schema: {
      operationId: 'exportProcessingLog', tags,
      summary: 'Verwerkingenlog van een periode in de velden van de standaard Logboek Dataverwerkingen (NDJSON of CSV); de export wordt zelf gelogd',
      querystring: ExportQuery,
      response: {
        200: {
          description: 'Eén verwerking per regel: NDJSON (application/x-ndjson) of CSV met kopregel (text/csv)',
          content: { 'application/x-ndjson': { schema: { type: 'string' } }, 'text/csv': { schema: { type: 'string' } } },
        },
      },
    },
  }, async (request, reply) => {
    const q = request.query as { from: string; to: string; format?: 'ndjson' | 'csv' };
    const format = q.format ?? 'ndjson';
    const lines = await svc.exportLog(ctxOf(request, db), key, { from: q.from, to: q.to, format });
    const name = `verwerkingenlog-${request.actor!.tenantCode}-${q.from}-${q.to}.${format === 'csv' ? 'csv' : 'ndjson'}`;
    return reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', `attachment; filename="${name}"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines));
  });

  app.get('/api/processing-log/status', {
    config: access,
    schema: {
      operationId: 'getProcessingLogStatus', tags,
      summary: 'Verzegelde maanden van het verwerkingenlog met hun controlepunten, en de publieke sleutel om ze te verifiëren',
      response: { 200: Status },
    },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    return svc.logStatus(ctxOf(request, db), key);
  });
}
