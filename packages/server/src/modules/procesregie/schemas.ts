// SPDX-License-Identifier: EUPL-1.2
// Response schemas of the case file and its parts. Fastify sends only the fields listed here (a
// second guard on what a partner sees, after the SQL that leaves out what they may not see), and
// the web app's types are generated from them (packages/web/src/api/openapi.d.ts).
import { Type } from 'typebox';
import type { TSchema } from 'typebox';
import { STATUSES } from '@zvh/shared';
import { TriageRecord, VisibilitySchema } from '../schemas.js';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const NStr = Nullable(Str);
const Int = Type.Integer();
const JsonObject = Type.Record(Type.String(), Type.Unknown(), { description: 'JSON-object' });
const IdNum = Type.Union([Type.String(), Type.Number()]);
const CaseStatus = Type.Union(STATUSES.map((s) => Type.Literal(s)));

export const CaseListItem = Type.Object({
  id: Str, caseNumber: NStr, kind: Str, approach: NStr, status: CaseStatus, purpose: Str, startedAt: NStr, closedAt: NStr,
  subjectName: Type.Union([Str, Type.Null()], { description: 'Leeg bij een anonieme adviesvraag' }), subjectId: NStr, municipality: NStr, regisseurName: NStr, avePhase: Nullable(Int),
  openAgreements: Int, overdueAgreements: Int, lastActivityAt: Str,
}, { $id: 'CaseListItem' });

const Subject = Type.Object({
  id: Str, firstName: Str, lastName: Str, birthDate: NStr, gender: NStr,
  bsn: Type.Union([Str, Type.Null()], { description: 'Alleen voor medewerkers van het ZVH' }), municipality: NStr,
});
const CaseRegistration = Type.Object({
  id: Str, kind: Str, registeredAt: Str, registeringPartner: Str, municipality: NStr, mainTopic: NStr, problemAreas: Nullable(Type.Array(Str)),
  children: NStr, crossesMunicipalityBorder: Type.Boolean(), urgency: NStr,
  reason: Type.Union([Str, Type.Null()], { description: 'Alleen voor medewerkers van het ZVH' }), tried: NStr,
  triage: Type.Union([TriageRecord, Type.Null()], { description: 'Alleen voor medewerkers van het ZVH' }),
});
const HouseholdMember = Type.Object({ id: Str, firstName: Str, lastName: Str, birthDate: NStr, relation: NStr });
export const Participant = Type.Object({
  partner: Str, name: NStr, municipality: NStr, municipalityName: NStr, addedAt: Str, addReason: NStr, removedAt: NStr, removeReason: NStr,
});
export const PendingParticipant = Type.Object({ approvalId: Str, partner: Str, name: NStr, municipality: NStr, reason: NStr, requestedAt: Str, requestedByName: Str });
/** An agreement's status: open, or closed as done or cancelled. */
export const AgreementStatus = Type.Union([Type.Literal('open'), Type.Literal('done'), Type.Literal('cancelled')]);
export const Agreement = Type.Object({
  id: Str, partner: Str, title: Str, description: NStr, responsiblePerson: NStr, dueDate: NStr, status: AgreementStatus, note: NStr,
  carriedOver: Type.Boolean(), version: Int, updatedAt: Str, overdue: Type.Boolean(),
});
export const JournalEntry = Type.Object({
  id: Str, date: Str, at: Str, authorName: Str, authorOrganisation: Str, text: Str, visibility: VisibilitySchema, sharedWith: Type.Array(Str),
  state: Type.Union([Type.Literal('actief'), Type.Literal('gecorrigeerd'), Type.Literal('ingetrokken')]),
  correctsId: NStr, correctedAt: NStr, withdrawnAt: NStr, withdrawReason: NStr, own: Type.Boolean(), withdrawableUntil: NStr,
});
export const DocumentInfo = Type.Object({
  id: Str, filename: Str, mimeType: Str, size: Int, sha256: Str, visibility: VisibilitySchema, sharedWith: Type.Array(Str), uploadedAt: Str,
  uploadedByOrganisation: NStr,
});

/**
 * The plan van aanpak (cases.plan): the analysis per life domain and the goals. A new case starts
 * with both empty; a case taken over from another ZVH without a plan has neither.
 */
export const CasePlan = Type.Object({
  analysis: Type.Optional(Type.Array(Type.Object({ domain: Str, problem: Type.Optional(Str), risk: Type.Optional(Str), protective: Type.Optional(Str) }))),
  goals: Type.Optional(Type.Array(Type.Object({ text: Str, achieved: Type.Optional(Type.Boolean()) }))),
}, { $id: 'CasePlan' });
/** The closure's evaluation (cases.evaluation); after the retention term only goalsMet is kept. */
export const CaseEvaluation = Type.Object({
  goalsMet: Type.Optional(Nullable(Type.Union([Type.Literal('ja'), Type.Literal('deels'), Type.Literal('nee')]))),
  helped: Type.Optional(NStr), stalled: Type.Optional(NStr), handoverNote: Type.Optional(NStr),
}, { $id: 'CaseEvaluation' });

export const CaseFile = Type.Object({
  id: Str, caseNumber: NStr, kind: Str, approach: NStr, status: CaseStatus, purpose: Str, startedAt: NStr, closedAt: NStr,
  closeReasonCode: NStr, closeReason: NStr, handoverPartner: NStr, evaluation: Type.Union([CaseEvaluation, Type.Null()], { description: 'Leeg zolang de casus niet is afgesloten' }),
  regisseurId: NStr, regisseurName: NStr, leadPartner: NStr, avePhase: Nullable(Int), plan: CasePlan, version: Int,
  lastActivityAt: Str, createdAt: Str, registrationId: Str,
  subject: Type.Union([Subject, Type.Null()], { description: 'Leeg bij een anonieme adviesvraag' }), registration: CaseRegistration, household: Type.Array(HouseholdMember),
  participants: Type.Array(Participant),
  pendingParticipants: Type.Array(PendingParticipant, { description: 'Partners met beroepsgeheim die wachten op goedkeuring (vier ogen); alleen voor medewerkers van het ZVH' }),
  agreements: Type.Array(Agreement), journal: Type.Array(JournalEntry), documents: Type.Array(DocumentInfo),
  permissions: Type.Object({ manage: Type.Boolean(), contribute: Type.Boolean(), audit: Type.Boolean(), actions: Type.Array(Str) }),
}, { $id: 'CaseFile' });

export const VersionResult = Type.Object({ version: Int });
export const ParticipantResult = Type.Object({ partner: Str, municipality: NStr });
export const ParticipantPending = Type.Object({
  partner: Str, municipality: NStr, approvalId: Str,
  status: Type.Literal('wacht_op_goedkeuring', { description: 'Partner met beroepsgeheim: neemt pas deel na goedkeuring door een tweede ZVH-medewerker' }),
});
export const AgreementResult = Type.Object({ id: Str, status: Type.Optional(Str), version: Type.Optional(Int) });

export const TimelineEvent = Type.Object({ id: IdNum, at: Str, type: Str, actorName: NStr, actorOrganisation: NStr, data: JsonObject });
export const AuditEntry = Type.Object({
  at: Str, actor: NStr, organisation: NStr, action: Str, purpose: Str, activity: Str, outcome: Str, traceId: NStr, details: Nullable(JsonObject),
});
export const Regisseur = Type.Object({ id: Str, name: Str });
