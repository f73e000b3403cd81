// SPDX-License-Identifier: EUPL-1.2
// The shapes of the server API that the web app uses.
import type { operations } from './openapi';

/** The server's health (GET /api/health): also says whether demo mode is on. */
export type Health = ApiResponse<'getHealth'>;

/** The signed-in user (GET /api/auth/me). */
export type Me = ApiResponse<'getMe'>['user'];
export type OrganisationKind = Me['organisation']['kind'];

/** The reference data: municipalities, organisations and code lists (GET /api/reference). */
export type Reference = ApiResponse<'getReferenceData'>;
export type Organisation = Reference['organisations'][number];
export type Municipality = Reference['municipalities'][number];
export type CodeLists = Reference['codeLists'];
export type CodeListItem = CodeLists[string][number];

export type AdminUser = ApiResponse<'listUsers'>[number];
export type TotpSetup = ApiResponse<'startTotpSetup'>;
export type OneTimePassword = ApiResponse<'resetUserPassword'>;

/**
 * The JSON answer of an API operation, generated from the OpenAPI document (src/api/openapi.d.ts,
 * `npm run openapi`): `ApiResponse<'getWerkdag'>`. Use it instead of copying a server shape by hand.
 */
export type ApiResponse<Op extends keyof operations, Status extends number = 200> =
  operations[Op]['responses'] extends Record<Status, { content: { 'application/json': infer T } }> ? T : never;
