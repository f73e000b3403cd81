// SPDX-License-Identifier: EUPL-1.2
// Response schemas of registrations: Fastify sends only these fields (the BSN and the triage
// deliberation are left out in SQL for partners; the schema is the second guard).
import { Type } from 'typebox';
import { STATUSES, TRIAGE_OUTCOMES } from '@zvh/shared';
import { HistoryRow, NStr, Nullable, StatusSchema, TriageRecord } from '../schemas.js';

export const RegistrationCreated = Type.Object({ id: Type.String(), status: Type.String() });

export const RegistrationListItem = Type.Object({
  id: Type.String(), kind: Type.String(), status: Type.Union(STATUSES.map((s) => Type.Literal(s))), registeredAt: Type.String(), municipality: NStr,
  registeringPartner: Type.String(), urgency: Type.String(), subjectName: Type.String(), subjectId: Type.String(), caseId: NStr,
  outcome: Nullable(Type.Union(TRIAGE_OUTCOMES.map((o) => Type.Literal(o)))),
  waitingWorkdays: Type.Integer(),
}, { $id: 'RegistrationListItem' });

const Person = Type.Object({
  id: Type.String(), firstName: Type.String(), lastName: Type.String(), birthDate: NStr, gender: NStr,
  bsn: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Alleen voor medewerkers van het ZVH' })),
});
const Relative = Type.Object({ id: Type.String(), firstName: Type.String(), lastName: Type.String(), birthDate: NStr, gender: NStr, relation: NStr });

export const RegistrationDetail = Type.Object({
  id: Type.String(), kind: Type.String(), status: StatusSchema, registeredAt: Type.String(), municipality: Type.String(),
  registeringPartner: Type.String(), mainTopic: NStr, problemAreas: Nullable(Type.Array(Type.String())), children: NStr,
  crossesMunicipalityBorder: Type.Boolean(), tried: NStr, involvedPartners: Nullable(Type.Array(Type.String())), urgency: NStr, reason: NStr,
  triage: Nullable(TriageRecord), caseId: NStr, version: Type.Integer(), createdAt: Type.String(), subject: Person, registeredByName: NStr,
  household: Type.Array(Relative), history: Type.Array(HistoryRow),
  answer: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Antwoord van het informatieknooppunt (informatievraag)' })),
  answerDetails: Type.Optional(Type.Union([Type.Object({
    organisations: Type.Array(Type.String()), contact: NStr, answeredAt: Type.String(),
    answeredByName: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'Alleen voor medewerkers van het ZVH' })),
  }), Type.Null()])),
}, { $id: 'RegistrationDetail' });
