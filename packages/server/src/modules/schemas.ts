// SPDX-License-Identifier: EUPL-1.2
// Schema pieces shared by the case-flow modules (validation at the edge, and the OpenAPI document).
import { Type } from 'typebox';
import type { TSchema } from 'typebox';
import { STATUSES } from '@zvh/shared';

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
/** A row of a person's history: their registrations and the cases that came of them. */
export const HistoryRow = Type.Object({
  registrationId: Type.String(), registeredAt: Type.String(), kind: Type.String(), status: Type.String(), caseId: NStr, caseStatus: NStr,
  startedAt: NStr, closedAt: NStr, purpose: NStr,
});
/** A registration's or case's status (the workflow table's states). */
export const StatusSchema = Type.Union(STATUSES.map((s) => Type.Literal(s)));
