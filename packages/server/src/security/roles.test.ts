// SPDX-License-Identifier: EUPL-1.2
// Attack 2: every operation of the OpenAPI document called by every demo user (core/seed.ts
// DEMO_USERS: a role added there, such as privacy, is attacked too), with a minimal valid body and
// ids that exist nowhere. The expectation is derived, in ONE place (`expected` below), from the
// route's access rule and the permission matrix of @zvh/shared (PERMISSIONS): a user who holds the
// permission is let through (never 401/403), one who does not gets 403, nobody ever gets a 5xx.
// EXCEPTIONS lists, with the reason, the routes whose handler decides more than the route rule.
// Need-to-know on existing rows is the business of modules/procesregie/permissions.test.ts and
// tenants.test.ts; here the ids are missing, so a permitted caller gets 400/404/409/422 or success.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import { sql } from '../core/db/index.js';
import type { TestClient, TestEnv } from '../test/harness.js';
import { can, ZVH_ROLES } from '@zvh/shared';
import { NAZORG_DEPARTMENTS } from '../modules/facilitering/service.js';
import { ACTORS, operations, passesRule, urlOf, validBody } from './attack-kit.js';
import type { Operation } from './attack-kit.js';

type Outcome = 'through' | 'refused' | 'wrongCredentials';
type Actor = (typeof ACTORS)[number];
const partner = (a: Actor) => !a.roles.some((r) => ZVH_ROLES.includes(r as (typeof ZVH_ROLES)[number]));

/**
 * Routes whose handler decides more than the route rule, for which users, and why. A route
 * matches on "METHOD /fastify/url"; the first exception that matches route and user wins.
 */
const EXCEPTIONS: { route: RegExp; who: (a: Actor) => boolean; outcome: Outcome; why: string }[] = [
  { route: /^POST \/api\/auth\/login$/, who: () => true, outcome: 'wrongCredentials', why: 'the sampled password is wrong: 401 invalid_credentials' },
  { route: /^POST \/api\/auth\/reauth$/, who: () => true, outcome: 'refused', why: 'fresh authentication checks the password itself: the sampled one is wrong, 403 reauth_failed (not 401, which would end the session in the web app)' },
  { route: /^(GET|POST) \/api\/facilitated\/veelplegers$/, who: (a) => partner(a) && a.organisation !== 'om', outcome: 'refused', why: 'the veelplegers register: of the partners only the OM' },
  { route: /^(GET|POST) \/api\/facilitated\/lpco$/, who: (a) => partner(a) && a.organisation !== 'leerplicht', outcome: 'refused', why: 'the LPCO register: of the partners only leerplicht (own municipality)' },
  { route: /^GET \/api\/facilitated\/nazorg$/, who: (a) => partner(a) && !(NAZORG_DEPARTMENTS.includes(a.organisation) && a.municipality), outcome: 'refused', why: 'nazorg: of the partners only the municipal departments, for their municipality' },
  { route: /^POST \/api\/facilitated\/nazorg$/, who: partner, outcome: 'refused', why: 'nazorg: a municipal department records for its own municipality only; the sample names none' },
  { route: /^POST \/api\/facilitated\/nazorg\/:id\/escalate$/, who: (a) => !can(a.roles, 'registration.create'), outcome: 'refused', why: 'escalating makes a registration: needs registration.create too' },
];

/** The one table of expectations: route rule + permission matrix, then the exceptions. */
function expected(op: Operation, actor: Actor): Outcome {
  const e = EXCEPTIONS.find((x) => x.route.test(op.key) && x.who(actor));
  if (e) return e.outcome;
  return passesRule(op.access, actor.roles) ? 'through' : 'refused';
}

let env: TestEnv;
let ops: Operation[];
const clients = new Map<string, TestClient>();
beforeAll(async () => {
  env = await setupTestEnv();
  ops = await operations(env.app);
  for (const a of ACTORS) clients.set(a.email, await env.as(a.email));
});
afterAll(async () => { await env?.close(); });

describe('every route as every role', () => {
  it('covers every role of the permission matrix with a demo user', async () => {
    const { PERMISSIONS } = await import('@zvh/shared');
    const rolesInMatrix = new Set(Object.values(PERMISSIONS).flat());
    const rolesOfUsers = new Set(ACTORS.flatMap((a) => a.roles));
    // liaison is a partner role without a demo user; it is checked through the matrix alone below
    const uncovered = [...rolesInMatrix].filter((r) => !rolesOfUsers.has(r) && r !== 'liaison');
    expect(uncovered).toEqual([]);
  });

  it('lets a permitted role through, refuses the others with 403, never answers 5xx', async () => {
    const wrong: string[] = [];
    let probes = 0;
    // sign-out last: it ends the session the other probes use
    const ordered = [...ops.filter((o) => o.path !== '/api/auth/logout'), ...ops.filter((o) => o.path === '/api/auth/logout')];
    for (const actor of ACTORS) {
      // the sampled (wrong) passwords of sign-in, password change and TOTP count for the throttle per
      // address, and every client here is 127.0.0.1: each user starts with a clean slate
      await env.database.db.execute(sql`delete from login_attempts`);
      const c = clients.get(actor.email)!;
      for (const op of ordered) {
        const res = await c.req(op.method, urlOf(op), await validBody(op));
        probes++;
        const want = expected(op, actor);
        const got = `${res.status} ${res.body?.error?.code ?? ''}`.trim();
        if (res.status >= 500) wrong.push(`${op.key} as ${actor.name}: ${got}`);
        else if (want === 'refused' && res.status !== 403) wrong.push(`${op.key} as ${actor.name}: ${got}, expected 403`);
        else if (want === 'wrongCredentials' && !(res.status === 401 && res.body?.error?.code === 'invalid_credentials')) wrong.push(`${op.key} as ${actor.name}: ${got}, expected 401 invalid_credentials`);
        else if (want === 'through' && (res.status === 401 || res.status === 403)) wrong.push(`${op.key} as ${actor.name}: ${got}, expected to be let through`);
      }
    }
    expect(wrong).toEqual([]);
    expect(probes).toBe(ACTORS.length * ops.length);
  }, 300_000);

  it('derives the expectation from the matrix: a role without a permission is refused, a holder let through', () => {
    const op = ops.find((o) => o.access && 'permission' in o.access && o.access.permission === 'admin.manage')!;
    expect(op).toBeDefined();
    const as = (roles: string[], organisation = 'zvh'): Actor => ({ email: 'x', name: 'x', roles, organisation, municipality: undefined });
    expect(expected(op, as(['beheerder']))).toBe('through');
    expect(expected(op, as(['manager']))).toBe('refused');
    expect(expected(op, as(['professional', 'beheerder']))).toBe('through');
    const signedIn = ops.find((o) => o.access && 'signedIn' in o.access)!;
    expect(expected(signedIn, as(['professional'], 'politie'))).toBe('through');
    expect(expected(signedIn, as([]))).toBe('through');
    const veelplegers = ops.find((o) => o.key === 'GET /api/facilitated/veelplegers')!;
    expect(expected(veelplegers, as(['professional'], 'om'))).toBe('through');
    expect(expected(veelplegers, as(['professional'], 'politie'))).toBe('refused');
  });
});
