// SPDX-License-Identifier: EUPL-1.2
// The werkdag API (GET /api/werkdag) and the notifications API.

import type { ApiResponse } from '../../api/types';

/** GET /api/werkdag, as the server's response schema says (generated; never copied by hand). */
export type Werkdag = ApiResponse<'getWerkdag'>;
/** A section another module (e.g. casusoverleg) adds to the day. */
export type DaySection = Werkdag['sections'][number];
export type DaySectionEntry = DaySection['entries'][number];
export type DaySectionItem = DaySectionEntry['items'][number];
export type WerkdagAgreement = Werkdag['agreements'][number];
export type AttentionCase = Werkdag['attention'][number];
export type AttentionReason = AttentionCase['reasons'][number];
export type WaitingRegistration = Werkdag['waitingTriage'][number];

export type NotificationItem = ApiResponse<'listNotifications'> extends (infer T)[] ? T : ApiResponse<'listNotifications'> extends { items: (infer U)[] } ? U : never;
export type NotificationKind = NotificationItem['kind'];
