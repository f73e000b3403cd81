// SPDX-License-Identifier: EUPL-1.2
import { ROLES } from '@zvh/shared';
import { describe, expect, it } from 'vitest';
import { BEHEER_ITEMS, NAV_ITEMS, hasAnyRole, navFor, rolesForPath, tilesFor, type NavItem } from './navigation';
import { knownRoles, rolesForOrganisation } from './roles';

const paths = (items: NavItem[]) => items.map((i) => i.path);

describe('navigation by role', () => {
  it('offers Beheer only to the beheerder', () => {
    expect(paths(navFor(['beheerder']))).toEqual(['/', '/beheer', '/account']);
    for (const role of ROLES.filter((r) => r !== 'beheerder')) {
      expect(paths(navFor([role]))).toEqual(['/', '/account']);
    }
  });

  it('combines roles and keeps the defined order', () => {
    expect(paths(navFor(['manager', 'beheerder']))).toEqual(['/', '/beheer', '/account']);
  });

  it('gives a user without (known) roles only the pages for everyone', () => {
    expect(paths(navFor([]))).toEqual(['/', '/account']);
    expect(paths(navFor(['onbekend']))).toEqual(['/', '/account']);
  });

  it('filters any list of entries, so new pages only need an entry', () => {
    const items: NavItem[] = [
      { path: '/triage', label: 'home', roles: ['procesregisseur', 'informatiemakelaar'] },
      { path: '/capaciteit', label: 'home', roles: ['manager'] },
      { path: '/casussen', label: 'home', roles: ['procesregisseur', 'professional'] },
    ];
    expect(paths(navFor(['professional'], items))).toEqual(['/casussen']);
    expect(paths(navFor(['informatiemakelaar'], items))).toEqual(['/triage']);
    expect(paths(navFor(['manager'], items))).toEqual(['/capaciteit']);
  });

  it('shows no start page tile for the start page itself', () => {
    expect(paths(tilesFor(['beheerder']))).toEqual(['/beheer', '/account']);
    expect(paths(tilesFor(['professional']))).toEqual(['/account']);
  });

  it('treats an empty role list as everyone signed in', () => {
    expect(hasAnyRole([], [])).toBe(true);
    expect(hasAnyRole([], ['beheerder'])).toBe(false);
    expect(hasAnyRole(['manager'], ['beheerder', 'manager'])).toBe(true);
  });

  it('finds the roles of a path from its most specific entry', () => {
    expect(rolesForPath('/beheer/gebruikers')).toEqual(['beheerder']);
    expect(rolesForPath('/account')).toEqual([]);
    expect(rolesForPath('/')).toEqual([]);
    expect(rolesForPath('/onbekend')).toBeUndefined();
  });

  it('has a unique path per entry and a label for every description', () => {
    const all = [...NAV_ITEMS, ...BEHEER_ITEMS];
    expect(new Set(paths(all)).size).toBe(all.length);
  });
});

describe('roles', () => {
  it('orders known roles canonically and drops unknown ones', () => {
    expect(knownRoles(['professional', 'x', 'beheerder'])).toEqual(['beheerder', 'professional']);
  });

  it('offers ZVH roles to ZVH staff and professional to partners', () => {
    expect(rolesForOrganisation({ kind: 'zvh' })).toEqual(['beheerder', 'manager', 'procesregisseur', 'informatiemakelaar']);
    expect(rolesForOrganisation({ kind: 'partner' })).toEqual(['professional']);
    expect(rolesForOrganisation(undefined)).toEqual([...ROLES]);
  });
});
