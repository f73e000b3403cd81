// SPDX-License-Identifier: EUPL-1.2
// The shapes of the server API that the web app uses.
import type { Domain, Region } from '@zvh/shared';
import type { operations } from './openapi';

export type OrganisationKind = 'zvh' | 'partner';

export interface Me {
  id: string;
  email: string;
  name: string;
  roles: string[];
  organisation: { code: string; name: string; kind: OrganisationKind };
  tenant: { code: string; name: string };
  municipality: { code: string; name: string } | null;
  mustChangePassword: boolean;
  totpEnabled: boolean;
  /**
   * What must still be done before any data is reachable (the enrolment page); `confirmFactor`: the
   * user's own second factor, after single sign-on without trusted MFA.
   */
  enrolment: { required: boolean; passwordChange: boolean; secondFactor: boolean; confirmFactor: boolean };
  recoveryCodesLeft: number;
  passkeyCount: number;
  freshUntil: string | null;
}

export interface Health {
  status: 'ok';
  demo: boolean;
}

export interface Organisation {
  code: string;
  name: string;
  kind: OrganisationKind;
  domain: Domain | null;
  active: boolean;
  /** A municipal partner: one department per municipality. */
  municipal?: boolean;
  /** Professional secrecy (beroepsgeheim): adding it to a running case waits for four eyes. */
  professionalSecrecy?: boolean;
}

export interface Municipality {
  code: string;
  name: string;
  region: Region;
  nazorgPlustaak: boolean;
  active: boolean;
}

export interface CodeListItem {
  code: string;
  label: string;
  active: boolean;
  sort: number;
}

export type CodeLists = Record<string, CodeListItem[]>;

export interface Reference {
  municipalities: Municipality[];
  organisations: Organisation[];
  codeLists: CodeLists;
}

export interface AdminUser {
  id: string;
  email: string;
  name: string;
  organisationCode: string;
  municipalityCode: string | null;
  /** The municipalities a municipal partner's professional works for. */
  municipalityCodes?: string[];
  roles: string[];
  active: boolean;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
}

export interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

export interface OneTimePassword {
  oneTimePassword: string;
}

/**
 * The JSON answer of an API operation, generated from the OpenAPI document (src/api/openapi.d.ts,
 * `npm run openapi`): `ApiResponse<'getWerkdag'>`. Use it instead of copying a server shape by hand.
 */
export type ApiResponse<Op extends keyof operations, Status extends number = 200> =
  operations[Op]['responses'] extends Record<Status, { content: { 'application/json': infer T } }> ? T : never;
