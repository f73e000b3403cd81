// SPDX-License-Identifier: EUPL-1.2
import { ROLES } from '@zvh/shared';
import { describe, expect, it } from 'vitest';
import { BEHEER_ITEMS, NAV_ITEMS, mayOpen } from './nav/navigation';
import { APP_ROUTES } from './routes';

describe('navigation and routes agree', () => {
  const routes = new Map(APP_ROUTES.map((r) => [r.path, r]));

  it('offers only pages that exist', () => {
    for (const item of [...NAV_ITEMS, ...BEHEER_ITEMS]) expect(routes.has(item.path), item.path).toBe(true);
  });

  it('names for every entry the same permission as the guard of its page', () => {
    for (const item of [...NAV_ITEMS, ...BEHEER_ITEMS]) expect(routes.get(item.path)?.permission, item.path).toBe(item.permission);
  });

  it('lets every role that sees an entry open its page, and no other role', () => {
    for (const item of [...NAV_ITEMS, ...BEHEER_ITEMS]) {
      const route = routes.get(item.path);
      for (const role of ROLES) {
        expect(mayOpen([role], route?.permission), `${role} on ${item.path}`).toBe(mayOpen([role], item.permission));
      }
    }
  });

  it('has one route per path', () => {
    expect(routes.size).toBe(APP_ROUTES.length);
  });
});
