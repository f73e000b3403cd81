// SPDX-License-Identifier: EUPL-1.2
// The werkdag API (GET /api/werkdag) and the notifications API.

export interface DaySectionItem { id: string; title: string; href?: string; detail?: string }
export interface DaySectionEntry { id: string; title: string; when?: string; place?: string; href?: string; status?: string; items: DaySectionItem[] }
/** A section another module (e.g. casusoverleg) adds to the day. */
export interface DaySection { key: string; title: string; emptyText?: string; entries: DaySectionEntry[] }

export interface WerkdagAgreement {
  id: string; title: string; dueDate: string | null; status: string; partner: string; responsiblePerson: string | null;
  overdue: boolean; caseId: string; caseNumber: string | null; subjectName: string;
}
export type AttentionReason = 'overdue' | 'inactive' | 'ave_up';
export interface AttentionCase {
  id: string; caseNumber: string | null; subjectName: string; purpose: string; avePhase: number | null;
  overdueAgreements: number; oldestDueDate: string | null; lastActivityAt: string; inactiveDays: number;
  aveRaisedOn: string | null; aveFrom: number | null; reasons: AttentionReason[];
}
export interface WaitingRegistration {
  id: string; registeredAt: string; kind: string; urgency: string; status: string; subjectName: string; waitingWorkdays: number; late: boolean;
}
export interface Werkdag {
  date: string; weekStart: string; weekEnd: string;
  agreements: WerkdagAgreement[]; attention: AttentionCase[]; waitingTriage: WaitingRegistration[]; sections: DaySection[];
}

export type NotificationKind = 'agreement_assigned' | 'agreement_overdue' | 'registration_waiting';
export interface NotificationItem {
  id: string; kind: NotificationKind; createdAt: string; readAt: string | null;
  caseId: string | null; caseNumber: string | null; registrationId: string | null;
  agreementTitle: string | null; dueDate: string | null; registeredAt: string | null;
}
