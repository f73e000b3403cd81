// SPDX-License-Identifier: EUPL-1.2
// The shapes of the signal, advice, escalation and radar API (server modules signalen, advies,
// escalatie, radar) as the web app uses them: generated from the OpenAPI document
// (src/api/openapi.d.ts, `npm run openapi`), never copied by hand.
import type { ApiResponse } from '../../api/types';

/** A row of the signal list (GET /api/signals). */
export type Signal = ApiResponse<'listSignals'>[number];
/** One signal with its cases per municipality and status history (GET /api/signals/{id}; also the answer of PATCH). */
export type SignalDetail = ApiResponse<'getSignal'>;
/** The cases a signal rests on, only as counts per municipality (null: anonymous, no municipality). */
export type CasesByMunicipality = SignalDetail['casesByMunicipality'][number];

/** The signals sent in a year, without personal data (GET /api/signals/report). */
export type SignalReport = ApiResponse<'getSignalReport'>;
/** A signal as the report shows it: without its author and version. */
export type SignalSummary = Omit<SignalReport['signals'][number], 'casesByMunicipality'>;

/** An advice question with its advice and follow-up (GET /api/advice; one: GET/PUT /api/cases/{id}/advice). */
export type AdviceRecord = ApiResponse<'listAdvice'>[number];

/** A case's escalations and the history of who holds regie (GET /api/cases/{id}/escalations). */
export type CaseEscalations = ApiResponse<'listCaseEscalations'>;
export type Escalation = CaseEscalations['escalations'][number];

/** A proposal of the signal radar (GET /api/radar/proposals). */
export type Proposal = ApiResponse<'listRadarProposals'>[number];
