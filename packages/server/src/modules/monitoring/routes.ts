// SPDX-License-Identifier: EUPL-1.2
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { Type } from 'typebox';
import { NStr, StatusSchema } from '../schemas.js';
import { AgreementStatus } from '../procesregie/schemas.js';
import { myWork } from './service.js';

const MyWork = Type.Object({
  agreements: Type.Array(Type.Object({
    id: Type.String(), title: Type.String(), dueDate: NStr, status: AgreementStatus, partner: Type.String(), responsiblePerson: NStr,
    overdue: Type.Boolean(), caseId: Type.String(), purpose: Type.String(), subjectName: Type.String(),
  })),
  casesWithOverdue: Type.Array(Type.Object({
    id: Type.String(), purpose: Type.String(), subjectName: Type.String(), overdueAgreements: Type.Integer(), oldestDueDate: NStr,
  })),
  inactiveCases: Type.Array(Type.Object({ id: Type.String(), purpose: Type.String(), subjectName: Type.String(), lastActivityAt: Type.String() })),
  waitingTriage: Type.Array(Type.Object({
    id: Type.String(), registeredAt: Type.String(), kind: Type.String(), urgency: NStr, status: StatusSchema, subjectName: Type.String(),
    waitingWorkdays: Type.Integer(),
  })),
});

export function monitoringRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/my-work', {
    config: { access: { permission: 'case.read' as const } },
    schema: { operationId: 'getMyWork', tags: ['monitoring'], summary: 'Mijn werk: open afspraken (te laat eerst) en signalen voor de regisseur', response: { 200: MyWork } },
  }, async (request) => myWork(ctxOf(request, db)));
}
