// SPDX-License-Identifier: EUPL-1.2
// The shapes of the case-flow API (aanmelding, triage, procesregie, afsluiting, monitoring,
// personen) as the web app uses them: generated from the OpenAPI document (src/api/openapi.d.ts,
// `npm run openapi`), never copied by hand. A named schema of the server is used by name, the
// rest as (a part of) an operation's answer.
import type { TriageOutcome, Visibility } from '@zvh/shared';
import type { components } from '../../../api/openapi';
import type { ApiResponse } from '../../../api/types';

type Schemas = components['schemas'];

export type { TriageOutcome };
export type { Visibility };

/** A row of the registrations list. */
export type RegistrationListItem = Schemas['RegistrationListItem'];

/** A row of a person's history: their registrations and the cases that came of them. */
export type HistoryItem = Schemas['HistoryRow'];

/** The triage's decision on a registration (a partner gets only the outcome, advice, referral and day). */
export type TriageRecord = Schemas['TriageRecord'];

/** One registration (GET /api/registrations/{id}). */
export type RegistrationDetail = ApiResponse<'getRegistration'>;

/** A row of the case list. */
export type CaseListItem = Schemas['CaseListItem'];

/** The case file (GET /api/cases/{id}). */
export type CaseFile = ApiResponse<'getCase'>;

/** The plan van aanpak: analysis per life domain and goals. */
export type Plan = Schemas['CasePlan'];
export type AnalysisItem = NonNullable<Plan['analysis']>[number];
export type Goal = NonNullable<Plan['goals']>[number];

export type Participant = CaseFile['participants'][number];

/** A partner with professional secrecy waiting for a second ZVH person's approval (four eyes); ZVH staff only. */
export type PendingParticipant = CaseFile['pendingParticipants'][number];

export type Agreement = CaseFile['agreements'][number];
export type AgreementStatus = Agreement['status'];

export type JournalEntry = CaseFile['journal'][number];
export type CaseDocument = CaseFile['documents'][number];

/** The closure's evaluation: whether the goals were met, what helped and what stalled. */
export type CaseEvaluation = Schemas['CaseEvaluation'];
export type GoalsMet = NonNullable<CaseEvaluation['goalsMet']>;

export type TimelineEvent = ApiResponse<'getCaseTimeline'>[number];
export type AuditEntry = ApiResponse<'getCaseAudit'>[number];

/** Mijn werk (GET /api/my-work). */
export type MyWork = ApiResponse<'getMyWork'>;

export type PersonListItem = ApiResponse<'searchPersons'>[number];
export type PersonDetail = ApiResponse<'getPerson'>;
