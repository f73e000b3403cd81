// SPDX-License-Identifier: EUPL-1.2
// Schema pieces shared by the case-flow modules (validation at the edge, and the OpenAPI document).
import { Type } from 'typebox';
import type { TSchema } from 'typebox';
import { STATUSES, TRIAGE_OUTCOMES, VISIBILITIES } from '@zvh/shared';

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid });
export const DateStr = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
export const Code = Type.String({ minLength: 1, maxLength: 60 });
export const ShortText = (max = 300) => Type.String({ minLength: 1, maxLength: max });
export const LongText = (max = 5000) => Type.String({ minLength: 1, maxLength: max });
export const Version = Type.Optional(Type.Integer({ minimum: 1, description: 'Versie waarop de wijziging voortbouwt (of If-Match)' }));

export const Person = Type.Object({
  firstName: ShortText(100),
  lastName: ShortText(100),
  birthDate: DateStr,
  gender: Code,
  bsn: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{9}$' }), Type.Null(), Type.Literal('')])),
});
export const HouseholdMember = Type.Object({
  firstName: ShortText(100),
  lastName: ShortText(100),
  birthDate: Type.Optional(Type.Union([DateStr, Type.Null()])),
  gender: Type.Optional(Code),
  bsn: Type.Optional(Type.Union([Type.String({ pattern: '^[0-9]{9}$' }), Type.Null(), Type.Literal('')])),
  relation: Code,
});

// Response schema pieces (what Fastify sends; the web app's types are generated from them).
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
export const NStr = Nullable(Type.String());
export const AnyJson = Type.Unknown({ description: 'JSON-structuur' });
/** A registration's or case's status (the workflow table's states). */
export const StatusSchema = Type.Union(STATUSES.map((s) => Type.Literal(s)));
/** The ZVH's own organisation or a convenant partner (set at installation and by beheer). */
export const OrganisationKindSchema = Type.Union([Type.Literal('zvh'), Type.Literal('partner')], { description: 'zvh of partner' });
/** Who may see a journal entry or a document (the database's check constraint allows these only). */
export const VisibilitySchema = Type.Union(VISIBILITIES.map((v) => Type.Literal(v)));
/** A row of a person's history: their registrations and the cases that came of them. */
export const HistoryRow = Type.Object({
  registrationId: Type.String(), registeredAt: Type.String(), kind: Type.String(), status: StatusSchema, caseId: NStr, caseStatus: Nullable(StatusSchema),
  startedAt: NStr, closedAt: NStr, purpose: NStr,
}, { $id: 'HistoryRow' });
/**
 * The triage record of a registration (registrations.triage), as the triage wrote it. Every field
 * is optional: an imported registration has only `imported`, an advice question opened directly
 * has `direct` and no criteria, the retention run removes the deliberation, and a partner (the
 * registrant) is sent only the outcome, the advice, the referral and the day.
 */
export const TriageRecord = Type.Object({
  criteria: Type.Optional(Type.Object({ multiProblem: Type.Boolean(), multipleChains: Type.Boolean(), systemImpact: Type.Boolean(), areaSafety: Type.Boolean() })),
  criteriaMet: Type.Optional(Type.Boolean()),
  outcome: Type.Optional(Nullable(Type.Union(TRIAGE_OUTCOMES.map((o) => Type.Literal(o))))),
  approach: Type.Optional(NStr),
  override: Type.Optional(Nullable(Type.Object({ reason: Type.String(), by: Type.String() }, { description: 'Onderbouwde afwijking van het landelijk kader' }))),
  purpose: Type.Optional(NStr),
  participants: Type.Optional(Type.Array(Type.String())),
  advice: Type.Optional(NStr),
  referredTo: Type.Optional(Nullable(Type.Object({ place: Type.String(), note: Type.Optional(Type.String()) }))),
  triagedBy: Type.Optional(NStr),
  triagedByName: Type.Optional(NStr),
  triagedAt: Type.Optional(NStr),
  direct: Type.Optional(Type.Boolean({ description: 'Adviesvraag direct geopend, zonder weegoverleg' })),
  imported: Type.Optional(Type.Boolean({ description: 'Aanmelding uit een import' })),
}, { $id: 'TriageRecord', description: 'Besluit van de triage (weegoverleg); een partner krijgt alleen de uitkomst, het advies, de verwijzing en de datum' });
