// SPDX-License-Identifier: EUPL-1.2
import type { SignalStatus } from '@zvh/shared';

export interface CasesByMunicipality { municipality: string | null; name: string | null; cases: number }
export interface SignalSummary {
  id: string; category: string; categoryLabel: string; description: string; addressedTo: string; addressedKind: string; addressedName: string;
  status: SignalStatus; sentOn: string | null; caseCount: number;
}
export interface Signal extends SignalSummary { createdAt: string; createdByName: string; version: number }
export interface SignalDetail extends Signal {
  casesByMunicipality: CasesByMunicipality[];
  history: { at: string; fromStatus: string | null; toStatus: string; actorName: string; note: string | null }[];
}
export interface SignalReport {
  year: number; total: number;
  byCategory: { code: string; label: string; count: number }[];
  byAddressee: { code: string; name: string; count: number }[];
  byStatus: Record<SignalStatus, number>;
  signals: (SignalSummary & { casesByMunicipality: CasesByMunicipality[] })[];
}
export interface AdviceRecord {
  caseId: string; caseNumber: string | null; status: string; registeredAt: string; registeringPartner: string; municipality: string | null;
  subjectName: string | null; anonymous: boolean; question: string; advice: string | null; minutesSpent: number;
  followUp: 'aanmelder' | 'procesregie' | null; followUpRegistrationId: string | null; closedAt: string | null;
}
export interface Escalation {
  id: string; caseId: string; agreementId: string | null; agreementTitle: string | null; level: 'management' | 'stuurgroep'; partner: string | null; partnerName: string | null;
  question: string; dueDate: string; answer: string | null; answeredAt: string | null; answeredByName: string | null; createdAt: string; createdByName: string; overdue: boolean;
}
export interface CaseEscalations {
  escalations: Escalation[]; regieHolder: string | null; avePhase: number | null;
  regie: { at: string; phase: number | null; holder: string; holderName: string; actorName: string; reason: string | null }[];
}
export interface Proposal {
  id: string; rule: string; kind: 'signal' | 'escalation'; explanation: string;
  payload: { category?: string; addressedTo?: string; description?: string; caseIds?: string[]; caseId?: string; caseNumber?: string | null; agreementId?: string | null; partner?: string | null; question?: string };
  status: 'voorgesteld' | 'geaccepteerd' | 'afgewezen'; createdAt: string; decidedAt: string | null; decidedByName: string | null; reason: string | null; resultId: string | null;
}
