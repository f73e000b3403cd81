// SPDX-License-Identifier: EUPL-1.2
// The committed OpenAPI document (source of the web app's generated types and of `redocly lint`)
// is the one the routes produce; every route has an operationId and documents its errors.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorStatuses, openApiDocument } from './openapi.js';

type Doc = { paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, unknown> }>> };
const committed = resolve(import.meta.dirname, '../../../web/src/api/openapi.json');

describe('OpenAPI document', () => {
  it('is current: run `npm run openapi` after changing a route', async () => {
    const doc = await openApiDocument();
    expect(JSON.parse(readFileSync(committed, 'utf8'))).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('gives every operation a unique operationId and a documented 2xx and 4xx', async () => {
    const doc = (await openApiDocument()) as Doc;
    const ids: string[] = [];
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (op.operationId) ids.push(op.operationId); else missing.push(`${method.toUpperCase()} ${path}`);
        const codes = Object.keys(op.responses ?? {});
        expect(codes.some((c) => /^2/.test(c)), `${method} ${path} documents no success`).toBe(true);
        if (path !== '/api/health' && path !== '/api/ready') expect(codes.some((c) => /^4/.test(c)), `${method} ${path} documents no 4xx`).toBe(true);
      }
    }
    expect(missing).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('derives the error answers from the access rule and the schema', () => {
    expect(errorStatuses('GET', '/api/cases/{id}', { params: {} }, { signedIn: true })).toEqual([400, 401, 403, 404]);
    expect(errorStatuses('POST', '/api/cases', { body: {} }, { permission: 'case.direct' })).toEqual([400, 401, 403, 409, 413, 415]);
    expect(errorStatuses('GET', '/api/calendar/{token}', { params: {} }, { public: true })).toEqual([400, 404]);
    expect(errorStatuses('POST', '/api/auth/login', { body: {} }, { public: true })).toEqual([400, 401, 413, 415, 429]);
  });
});
