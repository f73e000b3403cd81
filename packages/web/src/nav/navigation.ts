// SPDX-License-Identifier: EUPL-1.2
// What the navigation offers, as data: each entry says which roles may use it. The main
// navigation, the start page tiles and the route guards all read this list, so a new page is
// added in one place. Planned entries (add them here together with their page and route):
// Aanmeldingen, Triage, Casussen, Mijn werk, Jaarverslag, Capaciteit, Import.
import type { Role } from '@zvh/shared';
import type nl from '../i18n/nl.json';

export type NavKey = keyof typeof nl.nav;

export interface NavItem {
  /** Path of the page in the app. */
  path: string;
  /** Translation key of the label (under "nav."). */
  label: NavKey;
  /** Translation key of a one-line description, for the start page tile. */
  description?: NavKey;
  /** Roles that may use it; an empty list means every signed-in user. */
  roles: readonly Role[];
  /** Only the exact path marks this entry as current. */
  end?: boolean;
  /** Not offered as a start page tile (the start page itself). */
  noTile?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'home', roles: [], end: true, noTile: true },
  { path: '/mijn-werk', label: 'myWork', description: 'myWorkDescription', roles: ['professional', 'procesregisseur', 'informatiemakelaar', 'manager'] },
  { path: '/aanmeldingen', label: 'registrations', description: 'registrationsDescription', roles: ['professional', 'procesregisseur', 'informatiemakelaar', 'manager'], end: true },
  { path: '/aanmeldingen/nieuw', label: 'newRegistration', description: 'newRegistrationDescription', roles: ['professional', 'procesregisseur', 'informatiemakelaar'] },
  { path: '/triage', label: 'triage', description: 'triageDescription', roles: ['procesregisseur', 'informatiemakelaar'] },
  { path: '/casussen', label: 'cases', description: 'casesDescription', roles: ['professional', 'procesregisseur', 'informatiemakelaar', 'manager', 'beheerder'] },
  { path: '/overleggen', label: 'meetings', description: 'meetingsDescription', roles: ['professional', 'liaison', 'procesregisseur', 'informatiemakelaar', 'manager'] },
  { path: '/personen', label: 'persons', description: 'personsDescription', roles: ['procesregisseur', 'informatiemakelaar'] },
  { path: '/facilitering', label: 'facilitering', description: 'faciliteringDescription', roles: ['professional', 'procesregisseur', 'informatiemakelaar', 'manager', 'beheerder'] },
  { path: '/advies', label: 'advice', description: 'adviceDescription', roles: ['procesregisseur', 'informatiemakelaar'] },
  { path: '/signalen', label: 'signals', description: 'signalsDescription', roles: ['procesregisseur', 'informatiemakelaar', 'manager', 'beheerder'] },
  { path: '/stagnatieradar', label: 'radar', description: 'radarDescription', roles: ['procesregisseur'] },
  { path: '/beheer', label: 'beheer', description: 'beheerDescription', roles: ['beheerder'] },
  { path: '/rapportage/jaarverslag', label: 'jaarverslag', description: 'jaarverslagDescription', roles: ['manager', 'beheerder'] },
  { path: '/rapportage/capaciteit', label: 'capaciteit', description: 'capaciteitDescription', roles: ['manager', 'beheerder'] },
  { path: '/rapportage/kostenverdeling', label: 'kostenverdeling', description: 'kostenverdelingDescription', roles: ['manager', 'beheerder'] },
  { path: '/rapportage/import', label: 'import', description: 'importDescription', roles: ['manager', 'beheerder'] },
  { path: '/account', label: 'account', description: 'accountDescription', roles: [] },
];

/** The sections of Beheer (sub-navigation and the Beheer overview). */
export const BEHEER_ITEMS: readonly NavItem[] = [
  { path: '/beheer/organisaties', label: 'organisations', description: 'organisationsDescription', roles: ['beheerder'] },
  { path: '/beheer/gemeenten', label: 'municipalities', description: 'municipalitiesDescription', roles: ['beheerder'] },
  { path: '/beheer/codelijsten', label: 'codeLists', description: 'codeListsDescription', roles: ['beheerder'] },
  { path: '/beheer/overlegsoorten', label: 'meetingTypes', description: 'meetingTypesDescription', roles: ['beheerder'] },
  { path: '/beheer/gebruikers', label: 'users', description: 'usersDescription', roles: ['beheerder'] },
];

/** True when the user holds one of `allowed` (or `allowed` is empty: everyone signed in). */
export function hasAnyRole(userRoles: readonly string[], allowed: readonly Role[]): boolean {
  return allowed.length === 0 || allowed.some((role) => userRoles.includes(role));
}

/** The entries a user with these roles may use, in their defined order. */
export function navFor(userRoles: readonly string[], items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  return items.filter((item) => hasAnyRole(userRoles, item.roles));
}

/** The start page tiles: the navigation without the start page itself. */
export function tilesFor(userRoles: readonly string[], items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  return navFor(userRoles, items).filter((item) => !item.noTile);
}

/** The roles allowed on `pathname`, from the entry that matches it most specifically; undefined if none matches. */
export function rolesForPath(pathname: string, items: readonly NavItem[] = [...NAV_ITEMS, ...BEHEER_ITEMS]): readonly Role[] | undefined {
  let best: NavItem | undefined;
  for (const item of items) {
    const matches = item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (matches && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.roles;
}
