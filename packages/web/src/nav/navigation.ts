// SPDX-License-Identifier: EUPL-1.2
// What the navigation offers, as data: each entry names the permission (of @zvh/shared's
// PERMISSIONS, the same name the server's routes check) that its page's API needs. The main
// navigation, the start page tiles and the Beheer overview read this list; the route guards read
// the same permissions from APP_ROUTES (routes.tsx), and routes.test.ts keeps the two in step.
import { can, type Permission } from '@zvh/shared';
import type nl from '../i18n/nl.json';

export type NavKey = keyof typeof nl.nav;

export interface NavItem {
  /** Path of the page in the app. */
  path: string;
  /** Translation key of the label (under "nav."). */
  label: NavKey;
  /** Translation key of a one-line description, for the start page tile. */
  description?: NavKey;
  /** The permission the page's API needs; absent means every signed-in user. */
  permission?: Permission;
  /** Only the exact path marks this entry as current. */
  end?: boolean;
  /** Not offered as a start page tile (the start page itself). */
  noTile?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'home', end: true, noTile: true },
  { path: '/mijn-werk', label: 'myWork', description: 'myWorkDescription', permission: 'case.read' },
  { path: '/aanmeldingen', label: 'registrations', description: 'registrationsDescription', permission: 'case.read', end: true },
  { path: '/aanmeldingen/nieuw', label: 'newRegistration', description: 'newRegistrationDescription', permission: 'registration.create' },
  { path: '/triage', label: 'triage', description: 'triageDescription', permission: 'triage.decide' },
  { path: '/casussen', label: 'cases', description: 'casesDescription', permission: 'case.read' },
  { path: '/overleggen', label: 'meetings', description: 'meetingsDescription', permission: 'meeting.read' },
  { path: '/informatievragen', label: 'informationRequests', description: 'informationRequestsDescription', permission: 'informationRequest.answer' },
  { path: '/vragen-aan-partners', label: 'partnerRequests', description: 'partnerRequestsDescription', permission: 'partnerRequest.read' },
  { path: '/overdrachten', label: 'transfers', description: 'transfersDescription', permission: 'case.transfer' },
  { path: '/advies', label: 'advice', description: 'adviceDescription', permission: 'advice.record' },
  { path: '/signalen', label: 'signals', description: 'signalsDescription', permission: 'signal.read' },
  { path: '/stagnatieradar', label: 'radar', description: 'radarDescription', permission: 'case.escalate' },
  { path: '/personen', label: 'persons', description: 'personsDescription', permission: 'triage.decide' },
  { path: '/goedkeuringen', label: 'approvals', description: 'approvalsDescription', permission: 'approval.decide' },
  { path: '/verzoeken-betrokkenen', label: 'dataSubjectForwards', description: 'dataSubjectForwardsDescription', permission: 'dataSubjectRequest.handle' },
  { path: '/privacy/personen', label: 'privacyPersons', description: 'privacyPersonsDescription', permission: 'privacy.manage' },
  { path: '/privacy/verzoeken', label: 'privacyRequests', description: 'privacyRequestsDescription', permission: 'privacy.manage' },
  { path: '/privacy/bewaartermijnen', label: 'retention', description: 'retentionDescription', permission: 'privacy.manage' },
  { path: '/facilitering', label: 'facilitering', description: 'faciliteringDescription', permission: 'facilitated.read' },
  { path: '/beheer', label: 'beheer', description: 'beheerDescription', permission: 'admin.manage' },
  { path: '/verwerkingenlog', label: 'processingLog', description: 'processingLogDescription', permission: 'processingLog.export' },
  { path: '/rapportage/jaarverslag', label: 'jaarverslag', description: 'jaarverslagDescription', permission: 'report.read' },
  { path: '/rapportage/capaciteit', label: 'capaciteit', description: 'capaciteitDescription', permission: 'report.read' },
  { path: '/rapportage/kostenverdeling', label: 'kostenverdeling', description: 'kostenverdelingDescription', permission: 'report.read' },
  { path: '/rapportage/cijfers', label: 'cijfers', description: 'cijfersDescription', permission: 'report.read' },
  { path: '/rapportage/import', label: 'import', description: 'importDescription', permission: 'import.run' },
  { path: '/account', label: 'account', description: 'accountDescription' },
];

/** The sections of Beheer (sub-navigation and the Beheer overview). */
export const BEHEER_ITEMS: readonly NavItem[] = [
  { path: '/beheer/organisaties', label: 'organisations', description: 'organisationsDescription', permission: 'admin.manage' },
  { path: '/beheer/gemeenten', label: 'municipalities', description: 'municipalitiesDescription', permission: 'admin.manage' },
  { path: '/beheer/codelijsten', label: 'codeLists', description: 'codeListsDescription', permission: 'admin.manage' },
  { path: '/beheer/overlegsoorten', label: 'meetingTypes', description: 'meetingTypesDescription', permission: 'admin.manage' },
  { path: '/beheer/gebruikers', label: 'users', description: 'usersDescription', permission: 'admin.manage' },
  { path: '/beheer/andere-zvh', label: 'otherZvh', description: 'otherZvhDescription', permission: 'admin.manage' },
];

/** Whether someone with these roles may open a page that needs `permission` (none: everyone signed in). */
export function mayOpen(userRoles: readonly string[], permission: Permission | undefined): boolean {
  return permission === undefined || can(userRoles, permission);
}

/** The entries a user with these roles may use, in their defined order. */
export function navFor(userRoles: readonly string[], items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  return items.filter((item) => mayOpen(userRoles, item.permission));
}

/** The start page tiles: the navigation without the start page itself. */
export function tilesFor(userRoles: readonly string[], items: readonly NavItem[] = NAV_ITEMS): NavItem[] {
  return navFor(userRoles, items).filter((item) => !item.noTile);
}
