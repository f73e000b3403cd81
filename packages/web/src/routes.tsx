// SPDX-License-Identifier: EUPL-1.2
// The pages of the signed-in app. Each page is its own chunk (React.lazy). To add a page: add
// it here with the permission its API needs (the name the server's route checks) and, when it
// belongs in the navigation, to NAV_ITEMS in nav/navigation.ts with the same permission.
import type { Permission } from '@zvh/shared';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface AppRoute {
  path: string;
  Component: LazyExoticComponent<ComponentType>;
  /** The permission the page's API needs; omit for every signed-in user. */
  permission?: Permission;
}

export const LoginPage = lazy(() => import('./pages/LoginPage'));
export const EnrolmentPage = lazy(() => import('./pages/EnrolmentPage'));
export const NotFoundPage = lazy(() => import('./pages/NotFoundPage'));
export const ForbiddenPage = lazy(() => import('./pages/ForbiddenPage'));

export const APP_ROUTES: readonly AppRoute[] = [
  { path: '/', Component: lazy(() => import('./pages/HomePage')) },
  { path: '/mijn-werk', Component: lazy(() => import('./pages/mijn-werk/MyWorkPage')), permission: 'case.read' },
  { path: '/aanmeldingen', Component: lazy(() => import('./pages/aanmelding/RegistrationsPage')), permission: 'case.read' },
  { path: '/aanmeldingen/nieuw', Component: lazy(() => import('./pages/aanmelding/NewRegistrationPage')), permission: 'registration.create' },
  { path: '/aanmeldingen/:id', Component: lazy(() => import('./pages/aanmelding/RegistrationDetailPage')), permission: 'case.read' },
  { path: '/triage', Component: lazy(() => import('./pages/triage/TriageListPage')), permission: 'triage.decide' },
  { path: '/triage/:id', Component: lazy(() => import('./pages/triage/TriagePage')), permission: 'triage.decide' },
  { path: '/casussen', Component: lazy(() => import('./pages/casus/CasesPage')), permission: 'case.read' },
  { path: '/casussen/:id', Component: lazy(() => import('./pages/casus/CasePage')), permission: 'case.read' },
  { path: '/personen', Component: lazy(() => import('./pages/personen/PersonsPage')), permission: 'triage.decide' },
  { path: '/personen/:id', Component: lazy(() => import('./pages/personen/PersonPage')), permission: 'triage.decide' },
  { path: '/meldingen', Component: lazy(() => import('./pages/werkdag/NotificationsPage')), permission: 'workday.read' },
  { path: '/account', Component: lazy(() => import('./pages/AccountPage')) },
  { path: '/beheer', Component: lazy(() => import('./pages/beheer/BeheerIndexPage')), permission: 'admin.manage' },
  { path: '/beheer/organisaties', Component: lazy(() => import('./pages/beheer/OrganisationsPage')), permission: 'admin.manage' },
  { path: '/beheer/gemeenten', Component: lazy(() => import('./pages/beheer/MunicipalitiesPage')), permission: 'admin.manage' },
  { path: '/beheer/codelijsten', Component: lazy(() => import('./pages/beheer/CodeListsPage')), permission: 'admin.manage' },
  { path: '/overleggen', Component: lazy(() => import('./pages/casusoverleg/MeetingsPage')), permission: 'meeting.read' },
  { path: '/overleggen/:id', Component: lazy(() => import('./pages/casusoverleg/MeetingPage')), permission: 'meeting.read' },
  { path: '/beheer/overlegsoorten', Component: lazy(() => import('./pages/casusoverleg/MeetingTypesPage')), permission: 'admin.manage' },
  { path: '/beheer/gebruikers', Component: lazy(() => import('./pages/beheer/UsersPage')), permission: 'admin.manage' },
  { path: '/rapportage/jaarverslag', Component: lazy(() => import('./pages/rapportage/JaarverslagPage')), permission: 'report.read' },
  { path: '/rapportage/capaciteit', Component: lazy(() => import('./pages/capaciteit/CapaciteitPage')), permission: 'report.read' },
  { path: '/rapportage/kostenverdeling', Component: lazy(() => import('./pages/capaciteit/KostenverdelingPage')), permission: 'report.read' },
  { path: '/facilitering', Component: lazy(() => import('./pages/facilitering/FaciliteringPage')), permission: 'facilitated.read' },
  { path: '/facilitering/veelplegers', Component: lazy(() => import('./pages/facilitering/VeelplegersPage')), permission: 'facilitated.read' },
  { path: '/facilitering/lpco', Component: lazy(() => import('./pages/facilitering/LpcoPage')), permission: 'facilitated.read' },
  { path: '/facilitering/nazorg', Component: lazy(() => import('./pages/facilitering/NazorgPage')), permission: 'facilitated.read' },
  { path: '/facilitering/nazorg/:id', Component: lazy(() => import('./pages/facilitering/NazorgDetailPage')), permission: 'facilitated.read' },
  { path: '/overdrachten', Component: lazy(() => import('./pages/andere-zvh/IncomingTransfersPage')), permission: 'case.transfer' },
  { path: '/beheer/andere-zvh', Component: lazy(() => import('./pages/andere-zvh/OtherZvhSettingsPage')), permission: 'admin.manage' },
  { path: '/informatievragen', Component: lazy(() => import('./pages/informatieknooppunt/InformationRequestsPage')), permission: 'informationRequest.answer' },
  { path: '/informatievragen/:id', Component: lazy(() => import('./pages/informatieknooppunt/InformationRequestPage')), permission: 'informationRequest.answer' },
  { path: '/vragen-aan-partners', Component: lazy(() => import('./pages/informatieknooppunt/PartnerInboxPage')), permission: 'partnerRequest.read' },
  { path: '/rapportage/cijfers', Component: lazy(() => import('./pages/rapportage/CijfersPage')), permission: 'report.read' },
  { path: '/signalen', Component: lazy(() => import('./pages/signalen/SignalsPage')), permission: 'signal.read' },
  { path: '/signalen/rapportage', Component: lazy(() => import('./pages/signalen/SignalReportPage')), permission: 'signal.read' },
  { path: '/signalen/:id', Component: lazy(() => import('./pages/signalen/SignalPage')), permission: 'signal.read' },
  { path: '/advies', Component: lazy(() => import('./pages/signalen/AdvicePage')), permission: 'advice.record' },
  { path: '/stagnatieradar', Component: lazy(() => import('./pages/signalen/RadarPage')), permission: 'case.escalate' },
  { path: '/verwerkingenlog', Component: lazy(() => import('./pages/verwerkingenlog/ProcessingLogPage')), permission: 'processingLog.export' },
  { path: '/privacy/personen', Component: lazy(() => import('./pages/privacy/PrivacyPersonsPage')), permission: 'privacy.manage' },
  { path: '/privacy/personen/:id', Component: lazy(() => import('./pages/privacy/PrivacyPersonPage')), permission: 'privacy.manage' },
  { path: '/privacy/verzoeken', Component: lazy(() => import('./pages/privacy/RequestsPage')), permission: 'privacy.manage' },
  { path: '/privacy/verzoeken/:id', Component: lazy(() => import('./pages/privacy/RequestPage')), permission: 'privacy.manage' },
  { path: '/privacy/bewaartermijnen', Component: lazy(() => import('./pages/privacy/RetentionPage')), permission: 'privacy.manage' },
  { path: '/goedkeuringen', Component: lazy(() => import('./pages/privacy/ApprovalsPage')), permission: 'approval.decide' },
  { path: '/verzoeken-betrokkenen', Component: lazy(() => import('./pages/privacy/ForwardsPage')), permission: 'dataSubjectRequest.handle' },
  { path: '/rapportage/import', Component: lazy(() => import('./pages/import/ImportPage')), permission: 'import.run' },
];
