// SPDX-License-Identifier: EUPL-1.2
// Which pages each role is offered, derived from the named permissions (@zvh/shared PERMISSIONS),
// and whether each page asks for the permission of the API it loads: the navigation must never
// offer a page whose API answers 403, and never hide one the user may use.
import { PERMISSIONS, ROLES, can, type Permission, type Role } from '@zvh/shared';
import { describe, expect, it } from 'vitest';
import { APP_ROUTES } from '../routes';
import { BEHEER_ITEMS, NAV_ITEMS, mayOpen, navFor } from './navigation';

/**
 * Every page with the API it loads when it opens and the permission of that API's route on the
 * server (packages/server/src/modules/<stage>/routes.ts, `config.access.permission`). Pages for
 * everyone signed in load only routes with `{ signedIn: true }` (or none).
 */
const PAGE_API: Record<string, { api: string; permission?: Permission }> = {
  '/': { api: 'GET /api/werkdag (only with workday.read, otherwise tiles)' },
  '/account': { api: 'POST /api/account/totp/setup (signedIn)' },
  '/mijn-werk': { api: 'GET /api/my-work', permission: 'case.read' },
  '/aanmeldingen': { api: 'GET /api/registrations', permission: 'case.read' },
  '/aanmeldingen/nieuw': { api: 'POST /api/registrations', permission: 'registration.create' },
  '/aanmeldingen/:id': { api: 'GET /api/registrations/:id', permission: 'case.read' },
  '/triage': { api: 'POST /api/registrations/:id/triage', permission: 'triage.decide' },
  '/triage/:id': { api: 'POST /api/registrations/:id/triage', permission: 'triage.decide' },
  '/casussen': { api: 'GET /api/cases', permission: 'case.read' },
  '/casussen/:id': { api: 'GET /api/cases/:id', permission: 'case.read' },
  '/personen': { api: 'GET /api/persons', permission: 'triage.decide' },
  '/personen/:id': { api: 'GET /api/persons/:id', permission: 'triage.decide' },
  '/meldingen': { api: 'GET /api/notifications', permission: 'workday.read' },
  '/overleggen': { api: 'GET /api/meetings', permission: 'meeting.read' },
  '/overleggen/:id': { api: 'GET /api/meetings/:id', permission: 'meeting.read' },
  '/facilitering': { api: 'GET /api/facilitated/* (the overview links to them)', permission: 'facilitated.read' },
  '/facilitering/veelplegers': { api: 'GET /api/facilitated/veelplegers', permission: 'facilitated.read' },
  '/facilitering/lpco': { api: 'GET /api/facilitated/lpco', permission: 'facilitated.read' },
  '/facilitering/nazorg': { api: 'GET /api/facilitated/nazorg', permission: 'facilitated.read' },
  '/facilitering/nazorg/:id': { api: 'GET /api/facilitated/nazorg/:id', permission: 'facilitated.read' },
  '/beheer': { api: 'GET /api/admin/* (the overview links to them)', permission: 'admin.manage' },
  '/beheer/organisaties': { api: 'GET /api/admin/organisations', permission: 'admin.manage' },
  '/beheer/gemeenten': { api: 'GET /api/admin/municipalities', permission: 'admin.manage' },
  '/beheer/codelijsten': { api: 'GET /api/admin/code-lists', permission: 'admin.manage' },
  '/beheer/overlegsoorten': { api: 'PUT /api/meeting-types/:id', permission: 'admin.manage' },
  '/beheer/gebruikers': { api: 'GET /api/admin/users', permission: 'admin.manage' },
  '/rapportage/jaarverslag': { api: 'GET /api/reports/annual', permission: 'report.read' },
  '/rapportage/capaciteit': { api: 'GET /api/capacity', permission: 'report.read' },
  '/rapportage/kostenverdeling': { api: 'POST /api/cost-split', permission: 'report.read' },
  '/rapportage/import': { api: 'POST /api/import/cases', permission: 'import.run' },
  '/overdrachten': { api: 'GET /api/transfers/incoming', permission: 'case.transfer' },
  '/informatievragen': { api: 'GET /api/information-requests', permission: 'informationRequest.answer' },
  '/informatievragen/:id': { api: 'GET /api/information-requests/:id/lookup', permission: 'informationRequest.answer' },
  '/vragen-aan-partners': { api: 'GET /api/partner-requests', permission: 'partnerRequest.read' },
  '/rapportage/cijfers': { api: 'GET /api/reports/period', permission: 'report.read' },
  '/signalen': { api: 'GET /api/signals', permission: 'signal.read' },
  '/signalen/rapportage': { api: 'GET /api/signals/report', permission: 'signal.read' },
  '/signalen/:id': { api: 'GET /api/signals/:id', permission: 'signal.read' },
  '/advies': { api: 'GET /api/advice', permission: 'advice.record' },
  '/stagnatieradar': { api: 'GET /api/radar/proposals', permission: 'case.escalate' },
  '/beheer/andere-zvh': { api: 'GET /api/admin/other-zvh', permission: 'admin.manage' },
  '/verwerkingenlog': { api: 'GET /api/processing-log/status', permission: 'processingLog.export' },
  '/privacy/personen': { api: 'GET /api/privacy/persons', permission: 'privacy.manage' },
  '/privacy/personen/:id': { api: 'GET /api/privacy/persons/:id', permission: 'privacy.manage' },
  '/privacy/verzoeken': { api: 'GET /api/privacy/requests', permission: 'privacy.manage' },
  '/privacy/verzoeken/:id': { api: 'GET /api/privacy/requests/:id', permission: 'privacy.manage' },
  '/privacy/bewaartermijnen': { api: 'GET /api/privacy/retention', permission: 'privacy.manage' },
  '/goedkeuringen': { api: 'GET /api/approvals', permission: 'approval.decide' },
  '/verzoeken-betrokkenen': { api: 'GET /api/data-subject-forwards', permission: 'dataSubjectRequest.handle' },
};

/** The main navigation each role gets, in menu order. */
const EXPECTED_NAV: Record<Role, string[]> = {
  beheerder: ['/', '/mijn-werk', '/aanmeldingen', '/casussen', '/overleggen', '/signalen', '/facilitering', '/beheer', '/verwerkingenlog',
    '/rapportage/jaarverslag', '/rapportage/capaciteit', '/rapportage/kostenverdeling', '/rapportage/cijfers', '/rapportage/import', '/account'],
  manager: ['/', '/mijn-werk', '/aanmeldingen', '/casussen', '/overleggen', '/signalen', '/goedkeuringen', '/facilitering',
    '/rapportage/jaarverslag', '/rapportage/capaciteit', '/rapportage/kostenverdeling', '/rapportage/cijfers', '/rapportage/import', '/account'],
  procesregisseur: ['/', '/mijn-werk', '/aanmeldingen', '/aanmeldingen/nieuw', '/triage', '/casussen', '/overleggen', '/vragen-aan-partners', '/overdrachten', '/advies', '/signalen', '/stagnatieradar', '/personen', '/goedkeuringen', '/facilitering', '/account'],
  informatiemakelaar: ['/', '/mijn-werk', '/aanmeldingen', '/aanmeldingen/nieuw', '/triage', '/casussen', '/overleggen', '/informatievragen', '/vragen-aan-partners', '/advies', '/signalen', '/personen', '/facilitering', '/account'],
  professional: ['/', '/mijn-werk', '/aanmeldingen', '/aanmeldingen/nieuw', '/casussen', '/overleggen', '/vragen-aan-partners', '/verzoeken-betrokkenen', '/facilitering', '/account'],
  liaison: ['/', '/overleggen', '/account'],
  privacy: ['/', '/goedkeuringen', '/privacy/personen', '/privacy/verzoeken', '/privacy/bewaartermijnen', '/verwerkingenlog', '/account'],
};

const paths = (items: readonly { path: string }[]) => items.map((i) => i.path);

describe('pages by role', () => {
  it('guards every page with the permission of the API it loads', () => {
    expect(Object.keys(PAGE_API).sort()).toEqual(paths(APP_ROUTES).sort());
    for (const route of APP_ROUTES) expect(route.permission, `${route.path} (${PAGE_API[route.path]?.api})`).toBe(PAGE_API[route.path]?.permission);
  });

  it('names only permissions that exist', () => {
    for (const item of [...APP_ROUTES, ...NAV_ITEMS, ...BEHEER_ITEMS]) {
      if (item.permission !== undefined) expect(Object.keys(PERMISSIONS), item.path).toContain(item.permission);
    }
  });

  it('offers each role exactly the pages its permissions allow', () => {
    for (const role of ROLES) {
      expect(paths(navFor([role])), role).toEqual(EXPECTED_NAV[role]);
      for (const item of [...NAV_ITEMS, ...BEHEER_ITEMS]) {
        const offered = navFor([role], [item]).length === 1;
        expect(offered, `${role} on ${item.path}`).toBe(item.permission === undefined || can([role], item.permission));
      }
    }
  });

  it('lets each role open, by address, exactly the pages its permissions allow', () => {
    for (const role of ROLES) {
      for (const route of APP_ROUTES) {
        const api = PAGE_API[route.path]?.permission;
        expect(mayOpen([role], route.permission), `${role} on ${route.path}`).toBe(api === undefined || can([role], api));
      }
    }
  });

  it('gives the beheerder Beheer and all its sections, and nobody else', () => {
    for (const role of ROLES) {
      expect(paths(navFor([role])).includes('/beheer'), role).toBe(role === 'beheerder');
      expect(paths(navFor([role], BEHEER_ITEMS)), role).toEqual(role === 'beheerder' ? paths(BEHEER_ITEMS) : []);
    }
  });

  it('gives a partner professional no triage, person index, reports or import', () => {
    const mine = paths(navFor(['professional']));
    for (const p of ['/triage', '/personen', '/beheer', '/rapportage/jaarverslag', '/rapportage/import']) expect(mine).not.toContain(p);
    expect(mine).toContain('/aanmeldingen/nieuw');
  });

  it('shows the beheerder and manager the registrations, cases and meetings their permissions let them read', () => {
    for (const role of ['beheerder', 'manager'] as const) {
      const mine = paths(navFor([role]));
      for (const p of ['/mijn-werk', '/aanmeldingen', '/casussen', '/overleggen']) expect(mine, `${role} ${p}`).toContain(p);
      expect(mine).not.toContain('/aanmeldingen/nieuw');
      expect(mine).not.toContain('/triage');
    }
  });
});
