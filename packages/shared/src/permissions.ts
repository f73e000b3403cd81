// SPDX-License-Identifier: EUPL-1.2
// Named permissions: what a role may do, in one table shared by the routes' access rules, the
// services' checks and the web app's navigation. Need-to-know (which case, registration or
// meeting item) is decided per row in the server's core/access.ts; a permission only says which
// kind of work a role does.
import type { Role } from './roles.js';

export const PERMISSIONS = {
  /** Read the cases, registrations and "Mijn werk" the row rules let one see. */
  'case.read': ['procesregisseur', 'informatiemakelaar', 'manager', 'beheerder', 'professional'],
  /** Add to a case one takes part in: journal, documents, the status of one's own agreements. */
  'case.contribute': ['procesregisseur', 'informatiemakelaar', 'professional'],
  /** Direct a case: plan, participants, agreements of others, AVE phase, closure. */
  'case.direct': ['procesregisseur'],
  /** Read who processed a case's personal data (the audit tab). */
  'case.audit': ['procesregisseur', 'manager', 'beheerder'],
  /** Make a registration (aanmelding). */
  'registration.create': ['professional', 'procesregisseur', 'informatiemakelaar'],
  /** Triage registrations and search the person index. */
  'triage.decide': ['procesregisseur', 'informatiemakelaar'],
  /** Merge two person records into one. */
  'person.merge': ['procesregisseur'],
  /** Ask whether a person is known at another ZVH of the installation (answers only its name and contact). */
  'person.checkOtherZvh': ['procesregisseur', 'informatiemakelaar'],
  /** Offer a case to another ZVH (or export it for one outside the installation) and accept or refuse offers. */
  'case.transfer': ['procesregisseur'],
  /** See the list of procesregisseurs (to assign a case). */
  'regisseur.list': ['procesregisseur', 'informatiemakelaar', 'manager'],
  /** The working day (start page) and notifications. */
  'workday.read': ['procesregisseur', 'informatiemakelaar', 'professional'],
  /** See the meetings (and their items) one's organisation takes part in. */
  'meeting.read': ['procesregisseur', 'informatiemakelaar', 'manager', 'beheerder', 'professional', 'liaison'],
  /** Plan meetings and put cases or registrations on their agenda. */
  'meeting.plan': ['procesregisseur'],
  /** Contribute to an agenda item before the meeting. */
  'meeting.contribute': ['procesregisseur', 'informatiemakelaar', 'professional', 'liaison'],
  /** Chair a meeting: approve its minutes (a partner chairs the meetings the ZVH facilitates). */
  'meeting.chair': ['procesregisseur', 'professional'],
  /** Oversee whether minutes are approved in time. */
  'meeting.oversee': ['procesregisseur', 'manager', 'beheerder'],
  /** The records of the meetings the ZVH facilitates (veelplegers, LPCO, nazorg); rows by organisation. */
  'facilitated.read': ['professional', 'procesregisseur', 'informatiemakelaar', 'manager', 'beheerder'],
  /** Answer information requests (informatievraag) as the informatieknooppunt; see the inbox of open requests. */
  'informationRequest.answer': ['informatiemakelaar'],
  /** Ask partners questions (verrijking) on a registration or a case, and read the answers on a registration. */
  'partnerRequest.ask': ['informatiemakelaar', 'procesregisseur'],
  /** The inbox of questions to partners: one's organisation's questions (ZVH staff: all of the tenant). */
  'partnerRequest.read': ['informatiemakelaar', 'procesregisseur', 'professional'],
  /** Answer (or decline) a question asked of one's own organisation. */
  'partnerRequest.answer': ['professional'],
  /** Read the signals (signaalfunctie) and the signal report; ZVH staff only. */
  'signal.read': ['procesregisseur', 'informatiemakelaar', 'manager', 'beheerder'],
  /** Make signals and change their status; ZVH staff only. */
  'signal.manage': ['procesregisseur', 'informatiemakelaar', 'manager'],
  /** Record advice (question, advice, time spent, follow-up) and take direct advice questions. */
  'advice.record': ['procesregisseur', 'informatiemakelaar'],
  /** Escalate a stalled agreement or case and record the answers; review the stagnation radar. */
  'case.escalate': ['procesregisseur'],
  /** Record (and change) how and when the person was informed of a registration, or why not (AVG art. 14). */
  'registration.inform': ['professional', 'procesregisseur', 'informatiemakelaar'],
  /** Export the processing log per period (Logboek Dataverwerkingen fields) and read its verification status. */
  'processingLog.export': ['beheerder', 'privacy'],
  /** Management information: annual report, capacity model, cost split. */
  'report.read': ['manager', 'beheerder'],
  /** Import historical caseloads. */
  'import.run': ['manager', 'beheerder'],
  /** The privacy officer's work: everything about a person and its export, data-subject requests, retention terms. */
  'privacy.manage': ['privacy'],
  /** Ask for a retention extension of a case (reason and until-date; a second person approves). */
  'retention.extend': ['procesregisseur', 'privacy'],
  /** Decide (approve or reject) a four-eyes request of someone else; ZVH staff only. */
  'approval.decide': ['procesregisseur', 'manager', 'privacy'],
  /** Data-subject requests forwarded to one's own organisation (joint controller): see them and mark them handled. */
  'dataSubjectRequest.handle': ['professional'],
  /** Administration: users, partners, municipalities, code lists, settings. */
  'admin.manage': ['beheerder'],
  /** Operations: the server's Prometheus metrics (also open to a scraper holding METRICS_TOKEN). */
  'system.monitor': ['beheerder'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Whether someone with these roles holds the permission. */
export function can(roles: readonly string[], permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly string[]).some((r) => roles.includes(r));
}
