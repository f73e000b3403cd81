// SPDX-License-Identifier: EUPL-1.2
// The informatieknooppunt's API shapes (see the server's informatieknooppunt/routes.ts).
import type { Status } from '@zvh/shared';

export type PartnerRequestStatus = 'open' | 'beantwoord' | 'geen-informatie' | 'geweigerd';

export interface PartnerRequest {
  id: string;
  partner: string;
  /** The source: the organisation asked. */
  partnerName: string;
  questionCode: string | null;
  question: string;
  dueDate: string;
  askedAt: string;
  askedByName: string | null;
  status: PartnerRequestStatus;
  answer: string | null;
  refusalReason: string | null;
  answeredAt: string | null;
  answeredByName: string | null;
  overdue: boolean;
  subject: { firstName: string; lastName: string; birthDate: string | null };
  /** ZVH staff only. */
  caseId?: string | null;
  caseNumber?: string | null;
  registrationId?: string | null;
}

export interface InformationRequestItem {
  id: string;
  status: Status;
  registeredAt: string;
  municipality: string;
  registeringPartner: string;
  registeringPartnerName: string;
  registeredByName: string | null;
  urgency: string;
  reason: string;
  subjectId: string;
  subjectName: string;
  subjectBirthDate: string | null;
  waitingWorkdays: number;
  openPartnerRequests: number;
  answeredPartnerRequests: number;
  answeredAt: string | null;
}

export interface Lookup {
  person: { id: string; firstName: string; lastName: string; birthDate: string | null; bsn: string | null; municipality: string | null };
  registrations: { id: string; kind: string; status: Status; registeredAt: string; registeringPartner: string; registeringPartnerName: string }[];
  cases: {
    id: string;
    caseNumber: string | null;
    kind: string;
    status: Status;
    startedAt: string | null;
    closedAt: string | null;
    regisseurName: string | null;
    regisseurEmail: string | null;
    participants: { code: string; name: string }[];
  }[];
}

/** What GET /api/registrations/{id} adds for an information request. */
export interface RegistrationAnswer {
  answer?: string | null;
  answerDetails?: { organisations: string[]; contact: string | null; answeredAt: string; answeredByName?: string | null } | null;
}
