// SPDX-License-Identifier: EUPL-1.2
import { ROLES, ZVH_ROLES, type Role } from '@zvh/shared';
import type { OrganisationKind } from '../api/types';

/** The user's roles that the app knows, in the canonical order of ROLES. */
export function knownRoles(roles: readonly string[]): Role[] {
  return ROLES.filter((r) => roles.includes(r));
}

/** The roles a user of this organisation can get: ZVH staff the ZVH roles, partner staff professional. */
export function rolesForOrganisation(org: { kind: OrganisationKind } | undefined): Role[] {
  if (!org) return [...ROLES];
  return org.kind === 'zvh' ? [...ZVH_ROLES] : ['professional'];
}
