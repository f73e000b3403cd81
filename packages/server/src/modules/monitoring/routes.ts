// SPDX-License-Identifier: EUPL-1.2
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { Type } from 'typebox';
import { NStr, StatusSchema } from '../schemas.js';
import { AgreementStatus } from '../procesregie/schemas.js';
import { PAGE_HEADERS, PageQuery, pageRequest, sendPage } from '../../core/paging.js';
import { MY_WORK_CURSOR, myWork, myWorkSection } from './service.js';
import type { MyWorkSection } from './service.js';

const Items = {
  agreements: Type.Object({
    id: Type.String(), title: Type.String(), dueDate: NStr, status: AgreementStatus, partner: Type.String(), responsiblePerson: NStr,
    overdue: Type.Boolean(), caseId: Type.String(), purpose: Type.String(), subjectName: Type.String(),
  }),
  casesWithOverdue: Type.Object({
    id: Type.String(), purpose: Type.String(), subjectName: Type.String(), overdueAgreements: Type.Integer(), oldestDueDate: NStr,
  }),
  inactiveCases: Type.Object({ id: Type.String(), purpose: Type.String(), subjectName: Type.String(), lastActivityAt: Type.String() }),
  waitingTriage: Type.Object({
    id: Type.String(), registeredAt: Type.String(), kind: Type.String(), urgency: NStr, status: StatusSchema, subjectName: Type.String(),
    waitingWorkdays: Type.Integer(),
  }),
};
const count = (description: string) => Type.Integer({ minimum: 0, description });
const cursor = Type.Union([Type.String(), Type.Null()], { description: 'Cursor van de volgende pagina (GET /api/my-work/{sectie}?after=...), null als er niet meer is' });
const MyWork = Type.Object({
  agreements: Type.Array(Items.agreements, { description: 'De eerste pagina: open afspraken van de eigen organisatie, te laat eerst' }),
  casesWithOverdue: Type.Array(Items.casesWithOverdue, { description: 'De eerste pagina: casussen met afspraken over de termijn (procesregisseur)' }),
  inactiveCases: Type.Array(Items.inactiveCases, { description: 'De eerste pagina: casussen zonder activiteit (procesregisseur)' }),
  waitingTriage: Type.Array(Items.waitingTriage, { description: 'De eerste pagina: aanmeldingen die op triage wachten (procesregisseur)' }),
  totals: Type.Object({
    agreements: count('Alle open afspraken'), overdueAgreements: count('Waarvan te laat'), casesWithOverdue: count('Alle casussen met afspraken over de termijn'),
    inactiveCases: count('Alle casussen zonder activiteit'), waitingTriage: count('Alle wachtende aanmeldingen'),
  }),
  next: Type.Object({ agreements: cursor, casesWithOverdue: cursor, inactiveCases: cursor, waitingTriage: cursor }),
});

/** Each section as its own paged list (core/paging): the path, and its operation. */
const SECTIONS: { section: MyWorkSection; path: string; operationId: string; summary: string }[] = [
  { section: 'agreements', path: 'agreements', operationId: 'getMyWorkAgreements', summary: 'Mijn werk: open afspraken van de eigen organisatie (te laat eerst), per pagina' },
  { section: 'casesWithOverdue', path: 'cases-with-overdue', operationId: 'getMyWorkCasesWithOverdue', summary: 'Mijn werk: casussen met afspraken over de termijn, per pagina' },
  { section: 'inactiveCases', path: 'inactive-cases', operationId: 'getMyWorkInactiveCases', summary: 'Mijn werk: casussen zonder activiteit, per pagina' },
  { section: 'waitingTriage', path: 'waiting-triage', operationId: 'getMyWorkWaitingTriage', summary: 'Mijn werk: aanmeldingen die te lang op triage wachten, per pagina' },
];

export function monitoringRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/my-work', {
    config: { access: { permission: 'case.read' as const } },
    schema: { operationId: 'getMyWork', tags: ['monitoring'], summary: 'Mijn werk: open afspraken (te laat eerst) en signalen voor de regisseur', response: { 200: MyWork } },
  }, async (request) => myWork(ctxOf(request, db)));

  for (const { section, path, operationId, summary } of SECTIONS) {
    app.get(`/api/my-work/${path}`, {
      config: { access: { permission: 'case.read' as const } },
      schema: {
        operationId, tags: ['monitoring'], summary, querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: { 200: Type.Array(Items[section], { headers: PAGE_HEADERS }) },
      },
    }, async (request, reply) => {
      const page = await myWorkSection(ctxOf(request, db), section, pageRequest(request.query as { limit?: number; after?: string }, [...MY_WORK_CURSOR]));
      return sendPage(request, reply, page);
    });
  }
}
