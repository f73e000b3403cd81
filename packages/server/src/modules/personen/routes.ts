// SPDX-License-Identifier: EUPL-1.2
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { HistoryRow, IdParams, LongText, NStr, Uuid } from '../schemas.js';
import { getPerson, mergePersons, PERSON_CURSOR, searchPersons } from './service.js';
import { PAGE_HEADERS, PageQuery, pageRequest, sendPage } from '../../core/paging.js';

const PersonHit = Type.Object({
  id: Type.String(), firstName: Type.String(), lastName: Type.String(), birthDate: NStr, gender: NStr, bsn: NStr, municipality: NStr,
  registrations: Type.Integer(), runningCases: Type.Integer(),
});
const PersonDetail = Type.Object({
  id: Type.String(), firstName: Type.String(), lastName: Type.String(), birthDate: NStr, gender: NStr, bsn: NStr, municipality: NStr,
  mergedInto: NStr, history: Type.Array(HistoryRow),
});

const zvhCaseRoles = { access: { permission: 'triage.decide' as const } };

export function personenRoutes(app: FastifyInstance, db: Db): void {
  app.get('/api/persons', {
    config: zvhCaseRoles,
    schema: { operationId: 'searchPersons', tags: ['personen'], summary: 'Personen zoeken (naam, BSN of geboortedatum)', querystring: Type.Object({ q: Type.String({ minLength: 2, maxLength: 100 }), ...PageQuery }), response: { 200: Type.Array(PersonHit, { headers: PAGE_HEADERS }) } },
  }, async (request, reply) => {
    const q = request.query as { q: string; limit?: number; after?: string };
    return sendPage(request, reply, await searchPersons(ctxOf(request, db), q.q, pageRequest(q, [...PERSON_CURSOR])));
  });
  app.get('/api/persons/:id', {
    config: zvhCaseRoles,
    schema: { operationId: 'getPerson', tags: ['personen'], summary: 'Persoon met eerdere en lopende aanmeldingen en casussen', params: IdParams, response: { 200: PersonDetail } },
  }, async (request) => getPerson(ctxOf(request, db), (request.params as { id: string }).id));
  app.post('/api/persons/:id/merge', {
    config: { access: { permission: 'person.merge' as const } },
    schema: { operationId: 'mergePersons', tags: ['personen'], summary: 'Dubbele persoon samenvoegen in een andere', params: IdParams, body: Type.Object({ intoId: Uuid, reason: LongText(2000) }), response: { 200: Type.Object({ id: Type.String() }) } },
  }, async (request) => {
    const b = request.body as { intoId: string; reason: string };
    return mergePersons(ctxOf(request, db), (request.params as { id: string }).id, b.intoId, b.reason);
  });
}
