// SPDX-License-Identifier: EUPL-1.2
// The access convention holds for every route: its rule is public, signedIn or one named
// permission of @zvh/shared's PERMISSIONS (the table the services and the web app read too), and
// no route config lists roles.
import { PERMISSIONS } from '@zvh/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestEnv } from '../test/harness.js';
import { implicitAccess } from './http.js';

/** What is wrong with an access rule, or undefined when it follows the convention. */
function ruleProblem(rule: unknown): string | undefined {
  if (typeof rule !== 'object' || rule === null) return 'no access rule';
  const r = rule as Record<string, unknown>;
  if ('roles' in r) return 'lists roles instead of naming a permission';
  const kinds = ['public', 'signedIn', 'permission'].filter((k) => k in r);
  if (kinds.length !== 1) return `needs exactly one of public, signedIn, permission (has ${kinds.join(', ') || 'none'})`;
  const extra = Object.keys(r).filter((k) => !['public', 'signedIn', 'permission', 'duringEnrolment'].includes(k));
  if (extra.length) return `unknown keys ${extra.join(', ')}`;
  if ('public' in r) return r.public === true && !('duringEnrolment' in r) ? undefined : 'public must be exactly { public: true }';
  if ('signedIn' in r && r.signedIn !== true) return 'signedIn must be true';
  if ('permission' in r && !(typeof r.permission === 'string' && Object.hasOwn(PERMISSIONS, r.permission))) return `unknown permission ${String(r.permission)}`;
  if ('duringEnrolment' in r && typeof r.duringEnrolment !== 'boolean' && r.duringEnrolment !== 'secondFactor') return "duringEnrolment must be a boolean or 'secondFactor'";
  return undefined;
}

let env: TestEnv;
beforeAll(async () => { env = await setupTestEnv(); });
afterAll(async () => { await env?.close(); });

describe('the access convention of every route', () => {
  it('gives every route public, signedIn or a permission that exists in PERMISSIONS', () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const r of env.app.routeInventory) {
      // the API docs and the web app's static files are registered by plugins without a config (core/http.ts implicitAccess)
      if (r.access === undefined && implicitAccess(r.method, r.url)) continue;
      checked++;
      const problem = ruleProblem(r.access);
      if (problem) wrong.push(`${r.method} ${r.url}: ${problem}`);
    }
    expect(checked).toBeGreaterThan(50);
    expect(wrong).toEqual([]);
  });

  it('lists no roles in any route config', () => {
    const withRoles = env.app.routeInventory
      .filter((r) => r.access !== undefined && JSON.stringify(r.access).includes('"roles"'))
      .map((r) => `${r.method} ${r.url}`);
    expect(withRoles).toEqual([]);
  });

  it('uses named permissions for most routes, public only for sign-in, health and secret-token feeds', () => {
    const publicApi = env.app.routeInventory
      .filter((r) => r.url.startsWith('/api/') && r.access !== undefined && 'public' in r.access)
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(publicApi).toEqual([
      'GET /api/auth/me', 'GET /api/auth/sso/callback', 'GET /api/auth/sso/organisations', 'GET /api/auth/sso/start', 'GET /api/calendar/:token', 'GET /api/health', 'GET /api/openapi.json', 'GET /api/ready',
      'POST /api/auth/login', 'POST /api/auth/logout', 'POST /api/auth/passkey/options', 'POST /api/auth/password', 'POST /api/auth/reauth',
      // confirms the second factor of a session after single sign-on; checks that session itself
      'POST /api/auth/second-factor',
    ]);
  });

  it('recognises a rule that breaks the convention', () => {
    expect(ruleProblem({ permission: 'case.read' })).toBeUndefined();
    expect(ruleProblem({ permission: 'admin.manage', duringEnrolment: true })).toBeUndefined();
    expect(ruleProblem({ signedIn: true, duringEnrolment: true })).toBeUndefined();
    expect(ruleProblem({ public: true })).toBeUndefined();
    expect(ruleProblem(undefined)).toBe('no access rule');
    expect(ruleProblem({ roles: ['beheerder'] })).toMatch(/lists roles/);
    expect(ruleProblem({ permission: 'case.read', roles: ['beheerder'] })).toMatch(/lists roles/);
    expect(ruleProblem({ permission: 'case.readAll' })).toMatch(/unknown permission/);
    expect(ruleProblem({ permission: 'toString' })).toMatch(/unknown permission/);
    expect(ruleProblem({ signedIn: true, permission: 'case.read' })).toMatch(/exactly one/);
    expect(ruleProblem({ signedIn: false })).toMatch(/signedIn must be true/);
    expect(ruleProblem({ public: true, duringEnrolment: true })).toMatch(/public must be/);
    expect(ruleProblem({ permission: 'case.read', owner: true })).toMatch(/unknown keys owner/);
  });
});
