// SPDX-License-Identifier: EUPL-1.2
// Compile-time checks (tsc): the generated API types resolve to real shapes, not `never`.
import type { Werkdag, NotificationItem } from '../pages/werkdag/types';
import type { InformationRequestItem, Lookup, PartnerRequest } from '../pages/informatieknooppunt/types';
import type { AuditEntry, CaseFile, HistoryItem, MyWork, PersonDetail, PersonListItem, RegistrationDetail, TimelineEvent, TriageRecord } from '../pages/casus/common/types';
import type { AnnualReport, PeriodReport } from '../pages/rapportage/types';
import type { AdminUser, Health, Me, OneTimePassword, Reference, TotpSetup } from './types';
type IsNever<T> = [T] extends [never] ? true : false;
export const werkdagIsShape: IsNever<Werkdag> = false;
export const notificationIsShape: IsNever<NotificationItem> = false;
export const werkdagHasAgreements: IsNever<Werkdag['agreements'][number]['caseNumber']> = false;
export const partnerRequestIsShape: IsNever<PartnerRequest> = false;
export const informationRequestIsShape: IsNever<InformationRequestItem> = false;
export const lookupIsShape: IsNever<Lookup> = false;
export const caseFileIsShape: IsNever<CaseFile['plan']> = false;
export const registrationIsShape: IsNever<RegistrationDetail['answerDetails']> = false;
export const triageIsShape: IsNever<TriageRecord> = false;
export const historyIsShape: IsNever<HistoryItem> = false;
export const timelineIsShape: IsNever<TimelineEvent> = false;
export const auditIsShape: IsNever<AuditEntry> = false;
export const myWorkIsShape: IsNever<MyWork> = false;
export const personIsShape: IsNever<PersonDetail | PersonListItem> = false;
export const annualReportIsShape: IsNever<AnnualReport> = false;
export const periodReportHasPeriod: IsNever<PeriodReport['period']> = false;
export const meIsShape: IsNever<Me> = false;
export const healthIsShape: IsNever<Health> = false;
export const referenceIsShape: IsNever<Reference> = false;
export const adminIsShape: IsNever<AdminUser | TotpSetup | OneTimePassword> = false;
