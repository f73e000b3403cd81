// SPDX-License-Identifier: EUPL-1.2
// The service convention (issue 8): route handlers hold no SQL (it lives in services that take a
// Ctx first), the beheer, auth and reference routes list every field they send, and a command-line
// tool acts through systemCtx: a system actor of one tenant, named with its operator.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestEnv } from '../test/harness.js';
import { systemCtx } from './context.js';
import { openApiDocument } from './openapi.js';

const MODULES = resolve(import.meta.dirname, '../modules');
const routeFiles = () => readdirSync(MODULES, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(MODULES, d.name, 'routes.ts')))
  .map((d) => join(d.name, 'routes.ts'));

describe('route handlers hold no SQL', () => {
  it('covers every module', () => {
    expect(routeFiles()).toEqual(expect.arrayContaining(['auth/routes.ts', 'beheer/routes.ts', 'import/routes.ts', 'aanmelding/routes.ts']));
  });

  for (const file of routeFiles()) {
    it(file, () => {
      const text = readFileSync(join(MODULES, file), 'utf8');
      // types only (Db, Executor): the query helpers, drizzle and raw SQL belong in services
      const valueImports = [...text.matchAll(/^import (?!type )[^;]*from '([^']+)';/gm)].map((m) => m[1]!);
      expect(valueImports.filter((m) => /core\/db\/index\.js$|^drizzle-orm/.test(m)), 'value imports of the database layer').toEqual([]);
      expect(text.match(/\bdb\.(select|insert|update|delete|execute|transaction)\(|\bsql`/g) ?? [], 'queries in the route file').toEqual([]);
    });
  }
});

type Doc = { paths: Record<string, Record<string, { responses?: Record<string, { content?: unknown }> }>> };

describe('response schemas', () => {
  it('every beheer, auth, account-TOTP and reference route names its success answer', async () => {
    const doc = (await openApiDocument()) as Doc;
    const ours = Object.entries(doc.paths).filter(([p]) => /^\/api\/(admin|auth|reference|account\/totp)(\/|$)/.test(p));
    const without: string[] = [];
    let operations = 0;
    for (const [path, ops] of ours) {
      for (const [method, op] of Object.entries(ops)) {
        operations++;
        // a redirect (single sign-on start and callback) answers 302 on success
        const success = Object.keys(op.responses ?? {}).filter((c) => /^[23]/.test(c));
        // '2XX' is what the document says for a route without its own success schema
        if (success.length === 0 || (success.includes('2XX') && !success.some((c) => /^3\d\d$/.test(c)))) without.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(operations).toBeGreaterThanOrEqual(21);
    expect(without).toEqual([]);
  });
});

describe('systemCtx', () => {
  let env: TestEnv;
  beforeAll(async () => { env = await setupTestEnv(); });
  afterAll(async () => { await env?.close(); });

  it("acts for the tenant as the ZVH, without user or session, named with who runs the tool", async () => {
    const ctx = await systemCtx(env.database.db, 'drenthe', { tool: 'Import (commandoregel)', operator: 'jdevries', traceId: 't-1' });
    expect(ctx?.traceId).toBe('t-1');
    expect(ctx?.actor).toMatchObject({
      userId: null, sessionId: null, tenantCode: 'drenthe', email: 'cli@drenthe', organisationCode: 'zvh',
      name: 'Import (commandoregel) door jdevries', operator: 'jdevries', tenantId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const other = await systemCtx(env.database.db, 'drenthe', { tool: 'x', operator: 'y' });
    expect(other?.traceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(other?.traceId).not.toBe('t-1');
  });

  it('gives nothing for a tenant that does not exist', async () => {
    expect(await systemCtx(env.database.db, 'groningen', { tool: 'x', operator: 'y' })).toBeUndefined();
  });
});
