// SPDX-License-Identifier: EUPL-1.2
// The pages of the signed-in app. Each page is its own chunk (React.lazy). To add a page: add
// it here and, when it belongs in the navigation, to NAV_ITEMS in nav/navigation.ts.
import type { Role } from '@zvh/shared';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface AppRoute {
  path: string;
  Component: LazyExoticComponent<ComponentType>;
  /** Roles that may open the page; omit for every signed-in user. */
  roles?: readonly Role[];
}

export const LoginPage = lazy(() => import('./pages/LoginPage'));
export const ChangePasswordPage = lazy(() => import('./pages/ChangePasswordPage'));
export const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
export const ForbiddenPage = lazy(() => import('./pages/ForbiddenPage'));

const BEHEERDER: readonly Role[] = ['beheerder'];
/** The facilitated meetings' records: ZVH staff, and partners whose organisation works with them (the server decides). */
const FACILITERING: readonly Role[] = ['professional', 'procesregisseur', 'informatiemakelaar', 'manager', 'beheerder'];

/** Signals and the signal report: ZVH staff (the signal.read permission). */
const SIGNALEN: readonly Role[] = ['procesregisseur', 'informatiemakelaar', 'manager', 'beheerder'];

export const APP_ROUTES: readonly AppRoute[] = [
  { path: '/', Component: lazy(() => import('./pages/HomePage')) },
  { path: '/mijn-werk', Component: lazy(() => import('./pages/mijn-werk/MyWorkPage')), roles: ['professional', 'procesregisseur', 'informatiemakelaar', 'manager'] },
  { path: '/aanmeldingen', Component: lazy(() => import('./pages/aanmelding/RegistrationsPage')), roles: ['professional', 'procesregisseur', 'informatiemakelaar', 'manager', 'beheerder'] },
  { path: '/aanmeldingen/nieuw', Component: lazy(() => import('./pages/aanmelding/NewRegistrationPage')), roles: ['professional', 'procesregisseur', 'informatiemakelaar'] },
  { path: '/aanmeldingen/:id', Component: lazy(() => import('./pages/aanmelding/RegistrationDetailPage')), roles: ['professional', 'procesregisseur', 'informatiemakelaar', 'manager', 'beheerder'] },
  { path: '/triage', Component: lazy(() => import('./pages/triage/TriageListPage')), roles: ['procesregisseur', 'informatiemakelaar'] },
  { path: '/triage/:id', Component: lazy(() => import('./pages/triage/TriagePage')), roles: ['procesregisseur', 'informatiemakelaar'] },
  { path: '/casussen', Component: lazy(() => import('./pages/casus/CasesPage')), roles: ['professional', 'procesregisseur', 'informatiemakelaar', 'manager', 'beheerder'] },
  { path: '/casussen/:id', Component: lazy(() => import('./pages/casus/CasePage')), roles: ['professional', 'procesregisseur', 'informatiemakelaar', 'manager', 'beheerder'] },
  { path: '/personen', Component: lazy(() => import('./pages/personen/PersonsPage')), roles: ['procesregisseur', 'informatiemakelaar'] },
  { path: '/personen/:id', Component: lazy(() => import('./pages/personen/PersonPage')), roles: ['procesregisseur', 'informatiemakelaar'] },
  { path: '/meldingen', Component: lazy(() => import('./pages/werkdag/NotificationsPage')), roles: ['professional', 'procesregisseur', 'informatiemakelaar'] },
  { path: '/account', Component: lazy(() => import('./pages/AccountPage')) },
  { path: '/beheer', Component: lazy(() => import('./pages/beheer/BeheerIndexPage')), roles: BEHEERDER },
  { path: '/beheer/organisaties', Component: lazy(() => import('./pages/beheer/OrganisationsPage')), roles: BEHEERDER },
  { path: '/beheer/gemeenten', Component: lazy(() => import('./pages/beheer/MunicipalitiesPage')), roles: BEHEERDER },
  { path: '/beheer/codelijsten', Component: lazy(() => import('./pages/beheer/CodeListsPage')), roles: BEHEERDER },
  { path: '/overleggen', Component: lazy(() => import('./pages/casusoverleg/MeetingsPage')), roles: ['professional', 'liaison', 'procesregisseur', 'informatiemakelaar', 'manager', 'beheerder'] },
  { path: '/overleggen/:id', Component: lazy(() => import('./pages/casusoverleg/MeetingPage')), roles: ['professional', 'liaison', 'procesregisseur', 'informatiemakelaar', 'manager', 'beheerder'] },
  { path: '/beheer/overlegsoorten', Component: lazy(() => import('./pages/casusoverleg/MeetingTypesPage')), roles: BEHEERDER },
  { path: '/beheer/gebruikers', Component: lazy(() => import('./pages/beheer/UsersPage')), roles: BEHEERDER },
  { path: '/rapportage/jaarverslag', Component: lazy(() => import('./pages/rapportage/JaarverslagPage')), roles: ['manager', 'beheerder'] },
  { path: '/rapportage/capaciteit', Component: lazy(() => import('./pages/capaciteit/CapaciteitPage')), roles: ['manager', 'beheerder'] },
  { path: '/rapportage/kostenverdeling', Component: lazy(() => import('./pages/capaciteit/KostenverdelingPage')), roles: ['manager', 'beheerder'] },
  { path: '/facilitering', Component: lazy(() => import('./pages/facilitering/FaciliteringPage')), roles: FACILITERING },
  { path: '/facilitering/veelplegers', Component: lazy(() => import('./pages/facilitering/VeelplegersPage')), roles: FACILITERING },
  { path: '/facilitering/lpco', Component: lazy(() => import('./pages/facilitering/LpcoPage')), roles: FACILITERING },
  { path: '/facilitering/nazorg', Component: lazy(() => import('./pages/facilitering/NazorgPage')), roles: FACILITERING },
  { path: '/facilitering/nazorg/:id', Component: lazy(() => import('./pages/facilitering/NazorgDetailPage')), roles: FACILITERING },
  { path: '/signalen', Component: lazy(() => import('./pages/signalen/SignalsPage')), roles: SIGNALEN },
  { path: '/signalen/rapportage', Component: lazy(() => import('./pages/signalen/SignalReportPage')), roles: SIGNALEN },
  { path: '/signalen/:id', Component: lazy(() => import('./pages/signalen/SignalPage')), roles: SIGNALEN },
  { path: '/advies', Component: lazy(() => import('./pages/signalen/AdvicePage')), roles: ['procesregisseur', 'informatiemakelaar'] },
  { path: '/stagnatieradar', Component: lazy(() => import('./pages/signalen/RadarPage')), roles: ['procesregisseur'] },
  { path: '/rapportage/import', Component: lazy(() => import('./pages/import/ImportPage')), roles: ['manager', 'beheerder'] },
];
