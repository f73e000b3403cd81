// SPDX-License-Identifier: EUPL-1.2
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { myWork } from './service.js';

export function monitoringRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/my-work', {
    config: { access: { permission: 'case.read' as const } },
    schema: { operationId: 'getMyWork', tags: ['monitoring'], summary: 'Mijn werk: open afspraken (te laat eerst) en signalen voor de regisseur' },
  }, async (request) => myWork(ctxOf(request, db)));
}
