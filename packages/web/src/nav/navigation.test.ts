// SPDX-License-Identifier: EUPL-1.2
import { ROLES } from '@zvh/shared';
import { describe, expect, it } from 'vitest';
import { BEHEER_ITEMS, NAV_ITEMS, mayOpen, navFor, tilesFor, type NavItem } from './navigation';
import { knownRoles, rolesForOrganisation } from './roles';

const paths = (items: NavItem[]) => items.map((i) => i.path);

// A fixed list, so these tests do not change when pages are added to NAV_ITEMS.
const ITEMS: NavItem[] = [
  { path: '/', label: 'home', end: true, noTile: true },
  { path: '/triage', label: 'home', permission: 'triage.decide' },
  { path: '/casussen', label: 'home', permission: 'case.direct' },
  { path: '/beheer', label: 'beheer', permission: 'admin.manage' },
  { path: '/capaciteit', label: 'home', permission: 'report.read' },
  { path: '/account', label: 'account' },
];

describe('navigation by permission', () => {
  it('offers each role only the entries its permissions allow, in the defined order', () => {
    expect(paths(navFor(['beheerder'], ITEMS))).toEqual(['/', '/beheer', '/capaciteit', '/account']);
    expect(paths(navFor(['professional'], ITEMS))).toEqual(['/', '/account']);
    expect(paths(navFor(['informatiemakelaar'], ITEMS))).toEqual(['/', '/triage', '/account']);
    expect(paths(navFor(['procesregisseur'], ITEMS))).toEqual(['/', '/triage', '/casussen', '/account']);
    expect(paths(navFor(['manager'], ITEMS))).toEqual(['/', '/capaciteit', '/account']);
  });

  it('combines roles without duplicates', () => {
    expect(paths(navFor(['manager', 'beheerder', 'procesregisseur'], ITEMS))).toEqual(['/', '/triage', '/casussen', '/beheer', '/capaciteit', '/account']);
  });

  it('gives a user without (known) roles only the pages for everyone', () => {
    expect(paths(navFor([], ITEMS))).toEqual(['/', '/account']);
    expect(paths(navFor(['onbekend'], ITEMS))).toEqual(['/', '/account']);
  });

  it('shows no start page tile for the start page itself', () => {
    expect(paths(tilesFor(['beheerder'], ITEMS))).toEqual(['/beheer', '/capaciteit', '/account']);
  });

  it('treats an entry without a permission as everyone signed in', () => {
    expect(mayOpen([], undefined)).toBe(true);
    expect(mayOpen(['onbekend'], undefined)).toBe(true);
    expect(mayOpen([], 'admin.manage')).toBe(false);
    expect(mayOpen(['manager'], 'admin.manage')).toBe(false);
    expect(mayOpen(['manager', 'beheerder'], 'admin.manage')).toBe(true);
  });
});

describe('the app navigation', () => {
  it('starts with the start page and offers the account page to everyone', () => {
    expect(NAV_ITEMS[0]?.path).toBe('/');
    for (const role of ROLES) {
      const mine = paths(navFor([role]));
      expect(mine[0]).toBe('/');
      expect(mine).toContain('/account');
    }
  });

  it('offers Beheer and its sections only to the beheerder', () => {
    for (const role of ROLES) {
      expect(paths(navFor([role])).includes('/beheer')).toBe(role === 'beheerder');
      expect(navFor([role], BEHEER_ITEMS).length).toBe(role === 'beheerder' ? BEHEER_ITEMS.length : 0);
    }
  });

  it('has a unique path per entry', () => {
    const all = [...NAV_ITEMS, ...BEHEER_ITEMS];
    expect(new Set(paths(all)).size).toBe(all.length);
  });
});

describe('roles', () => {
  it('orders known roles canonically and drops unknown ones', () => {
    expect(knownRoles(['professional', 'x', 'beheerder'])).toEqual(['beheerder', 'professional']);
  });

  it('offers ZVH roles to ZVH staff and professional to partners', () => {
    expect(rolesForOrganisation({ kind: 'zvh' })).toEqual(['beheerder', 'manager', 'procesregisseur', 'informatiemakelaar', 'privacy']);
    expect(rolesForOrganisation({ kind: 'partner' })).toEqual(['professional']);
    expect(rolesForOrganisation(undefined)).toEqual([...ROLES]);
  });
});
