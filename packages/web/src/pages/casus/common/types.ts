// SPDX-License-Identifier: EUPL-1.2
// The shapes of the case-flow API (aanmelding, triage, procesregie, afsluiting, monitoring,
// personen) as the web app uses them. Where the API has a named schema, the type is generated from
// the OpenAPI document (src/api/openapi.d.ts, `npm run openapi`), never copied by hand.
import type { Status, TriageCriteria, TriageOutcome, Visibility } from '@zvh/shared';
import type { components } from '../../../api/openapi';
import type { ApiResponse } from '../../../api/types';

export type { TriageOutcome };
export type { Visibility };
export type AgreementStatus = 'open' | 'done' | 'cancelled';
export type GoalsMet = 'ja' | 'deels' | 'nee';

export interface PersonInput {
  firstName: string;
  lastName: string;
  birthDate?: string | null;
  gender?: string;
  bsn?: string | null;
}

/** A row of the registrations list: the API's own schema (generated from the OpenAPI document). */
export type RegistrationListItem = components['schemas']['RegistrationListItem'];

export interface HistoryItem {
  registrationId: string;
  registeredAt: string;
  kind: string;
  status: Status;
  caseId: string | null;
  caseStatus: Status | null;
  startedAt: string | null;
  closedAt: string | null;
  purpose: string | null;
}

export interface TriageRecord {
  criteria?: TriageCriteria;
  criteriaMet?: boolean;
  outcome: TriageOutcome;
  approach?: string | null;
  override?: { reason: string; by: string } | null;
  purpose?: string | null;
  participants?: string[];
  advice?: string | null;
  referredTo?: { place: string; note?: string } | null;
  triagedByName?: string;
  triagedAt?: string;
}

export interface RegistrationDetail {
  id: string;
  kind: string;
  status: Status;
  registeredAt: string;
  municipality: string;
  registeringPartner: string;
  registeredByName: string | null;
  mainTopic: string | null;
  problemAreas: string[];
  children: string | null;
  crossesMunicipalityBorder: boolean;
  tried: string | null;
  involvedPartners: string[];
  urgency: string;
  reason: string;
  triage: TriageRecord | null;
  caseId: string | null;
  version: number;
  subject: { id: string; firstName: string; lastName: string; birthDate: string | null; gender: string; bsn?: string | null };
  household: { id: string; firstName: string; lastName: string; birthDate: string | null; gender: string | null; relation: string }[];
  history: HistoryItem[];
}

/** A row of the case list: the API's own schema (generated from the OpenAPI document). */
export type CaseListItem = components['schemas']['CaseListItem'];

export interface AnalysisItem {
  domain: string;
  problem?: string;
  risk?: string;
  protective?: string;
}
export interface Goal {
  text: string;
  achieved?: boolean;
}
export interface Plan {
  analysis: AnalysisItem[];
  goals: Goal[];
}

export interface Participant {
  partner: string;
  name: string | null;
  /** A municipal partner's department: the municipality (null for other partners). */
  municipality?: string | null;
  municipalityName?: string | null;
  addedAt: string;
  addReason: string | null;
  removedAt: string | null;
  removeReason: string | null;
}

/** A partner with professional secrecy waiting for a second ZVH person's approval (four eyes); ZVH staff only. */
export type PendingParticipant = ApiResponse<'getCase'>['pendingParticipants'][number];

export interface Agreement {
  id: string;
  partner: string;
  title: string;
  description: string | null;
  responsiblePerson: string | null;
  dueDate: string | null;
  status: AgreementStatus;
  note: string | null;
  carriedOver: boolean;
  version: number;
  updatedAt: string;
  overdue: boolean;
}

export interface JournalEntry {
  id: string;
  date: string;
  at: string;
  authorName: string;
  authorOrganisation: string;
  text: string;
  visibility: Visibility;
  /** Partner codes the entry is shared with (visibility 'selected'). */
  sharedWith: string[];
  /** actief, gecorrigeerd (a newer version replaces it) or ingetrokken (the ZVH only sees these). */
  state: 'actief' | 'gecorrigeerd' | 'ingetrokken';
  /** The version this entry corrects. */
  correctsId: string | null;
  correctedAt: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  /** Written by the signed-in user. */
  own: boolean;
  /** Until when the author may still withdraw it (own, current entries only). */
  withdrawableUntil: string | null;
}

export interface CaseDocument {
  id: string;
  filename: string;
  mimeType: string;
  size: number;
  sha256: string;
  visibility: Visibility;
  sharedWith: string[];
  uploadedAt: string;
  uploadedByOrganisation: string;
}

export interface CaseFile {
  id: string;
  caseNumber?: string | null;
  kind: string;
  approach: string | null;
  status: Status;
  purpose: string;
  startedAt: string | null;
  closedAt: string | null;
  closeReasonCode: string | null;
  closeReason: string | null;
  handoverPartner: string | null;
  evaluation: { goalsMet: GoalsMet | null; helped: string | null; stalled: string | null; handoverNote: string | null } | null;
  regisseurId: string | null;
  regisseurName: string | null;
  leadPartner: string | null;
  avePhase: number | null;
  plan: Plan | null;
  version: number;
  lastActivityAt: string;
  registrationId: string;
  /** Null for an anonymous advice question (no person). */
  subject: { id: string; firstName: string; lastName: string; birthDate: string | null; gender: string; bsn: string | null; municipality: string | null } | null;
  registration: {
    id: string;
    kind: string;
    registeredAt: string;
    registeringPartner: string;
    municipality: string;
    mainTopic: string | null;
    problemAreas: string[] | null;
    children: string | null;
    crossesMunicipalityBorder: boolean;
    urgency: string;
    reason: string | null;
    tried: string | null;
    triage: TriageRecord | null;
  };
  household: { id: string; firstName: string; lastName: string; birthDate: string | null; relation: string }[];
  participants: Participant[];
  pendingParticipants: PendingParticipant[];
  agreements: Agreement[];
  journal: JournalEntry[];
  documents: CaseDocument[];
  permissions: { manage: boolean; contribute: boolean; audit: boolean; actions: string[] };
}

export interface TimelineEvent {
  id: string;
  at: string;
  type: string;
  actorName: string | null;
  actorOrganisation: string | null;
  data: Record<string, unknown>;
}

export interface AuditEntry {
  at: string;
  actor: string;
  organisation: string;
  action: string;
  purpose: string;
  activity: string;
  outcome: string | null;
  traceId: string | null;
  details: Record<string, unknown> | null;
}

export interface MyWork {
  agreements: {
    id: string;
    title: string;
    dueDate: string | null;
    status: AgreementStatus;
    partner: string;
    responsiblePerson: string | null;
    overdue: boolean | null;
    caseId: string;
    purpose: string;
    subjectName: string;
  }[];
  casesWithOverdue: { id: string; purpose: string; subjectName: string; overdueAgreements: number; oldestDueDate: string }[];
  inactiveCases: { id: string; purpose: string; subjectName: string; lastActivityAt: string }[];
  waitingTriage: { id: string; registeredAt: string; kind: string; urgency: string; status: Status; subjectName: string; waitingWorkdays: number }[];
}

export interface PersonListItem {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  gender: string;
  bsn: string | null;
  municipality: string | null;
  registrations: number;
  runningCases: number;
}

export interface PersonDetail {
  id: string;
  firstName: string;
  lastName: string;
  birthDate: string | null;
  gender: string;
  bsn: string | null;
  municipality: string | null;
  mergedInto: string | null;
  history: HistoryItem[];
}
