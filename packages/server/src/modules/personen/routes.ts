// SPDX-License-Identifier: EUPL-1.2
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Db } from '../../core/db/index.js';
import { ctxOf } from '../../core/http.js';
import { HistoryRow, IdParams, LongText, NStr, Uuid } from '../schemas.js';
import { getPerson, mergePersons, searchPersons } from './service.js';

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
    schema: { operationId: 'searchPersons', tags: ['personen'], summary: 'Personen zoeken (naam, BSN of geboortedatum)', querystring: Type.Object({ q: Type.String({ minLength: 2, maxLength: 100 }) }), response: { 200: Type.Array(PersonHit) } },
  }, async (request) => searchPersons(ctxOf(request, db), (request.query as { q: string }).q));
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
