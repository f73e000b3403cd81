// SPDX-License-Identifier: EUPL-1.2
// Compile-time checks (tsc): the generated API types resolve to real shapes, not `never`.
import type { Werkdag, NotificationItem } from '../pages/werkdag/types';
import type { InformationRequestItem, Lookup, PartnerRequest } from '../pages/informatieknooppunt/types';
type IsNever<T> = [T] extends [never] ? true : false;
export const werkdagIsShape: IsNever<Werkdag> = false;
export const notificationIsShape: IsNever<NotificationItem> = false;
export const werkdagHasAgreements: IsNever<Werkdag['agreements'][number]['caseNumber']> = false;
export const partnerRequestIsShape: IsNever<PartnerRequest> = false;
export const informationRequestIsShape: IsNever<InformationRequestItem> = false;
export const lookupIsShape: IsNever<Lookup> = false;
