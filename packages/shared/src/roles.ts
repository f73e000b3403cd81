// SPDX-License-Identifier: EUPL-1.2
export const ROLES = ['beheerder', 'manager', 'procesregisseur', 'informatiemakelaar', 'professional', 'liaison', 'privacy'] as const;
export type Role = (typeof ROLES)[number];
/** Roles held by staff of the ZVH itself; `professional` is for partner staff; `liaison` is a
 * partner's professional (om, dji, politie, ggd-oggz, 3ro) who advises at the weegoverleg;
 * `privacy` is the ZVH's privacy officer (privacyfunctionaris). */
export const ZVH_ROLES: Role[] = ['beheerder', 'manager', 'procesregisseur', 'informatiemakelaar', 'privacy'];
export const ROLE_LABELS: Record<Role, string> = {
  beheerder: 'Beheerder',
  manager: 'Manager',
  procesregisseur: 'Procesregisseur',
  informatiemakelaar: 'Informatiemakelaar',
  professional: 'Professional (partner)',
  liaison: 'Liaison (weegoverleg)',
  privacy: 'Privacyfunctionaris',
};
