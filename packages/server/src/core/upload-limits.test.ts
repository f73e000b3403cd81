// SPDX-License-Identifier: EUPL-1.2
// Too large is 413 payload_too_large, not 400 (issue 8, item 10): a 21 MB document upload used to
// fail schema validation of the base64 length first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestClient, TestEnv } from '../test/harness.js';
import { dataFingerprint, openCaseWith, PDF_BYTES, pdfUpload } from '../test/fixtures.js';
import { MAX_DOCUMENT_BYTES } from '../modules/procesregie/service.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient, mgr: TestClient;
let caseId: string;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg, mgr] = [await env.as('politie@demo.zvh'), await env.as('regisseur@demo.zvh'), await env.as('manager@demo.zvh')];
  ({ caseId } = await openCaseWith(pol, reg));
});
afterAll(async () => { await env?.close(); });

const pdfOf = (bytes: number) => { const b = Buffer.alloc(bytes, 0x20); PDF_BYTES.copy(b); return b; };

describe('document upload size', () => {
  it('answers 413 payload_too_large to a 21 MB file and stores nothing', async () => {
    const before = await dataFingerprint(env.database.db);
    for (const size of [21 * 1024 * 1024, 21 * 1024 * 1024 + 1024, 22 * 1024 * 1024, 21 * 1000 * 1000, MAX_DOCUMENT_BYTES + 3 * 1024]) {
      const r = await pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ contentBase64: pdfOf(size).toString('base64') }));
      expect(r.status, `${size} bytes`).toBe(413);
      expect(r.body.error.code).toBe('payload_too_large');
    }
    expect(await dataFingerprint(env.database.db)).toEqual(before);
  });

  it('answers 413 to a file just over 20 MB that still fits the body limit', async () => {
    const r = await pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ contentBase64: pdfOf(MAX_DOCUMENT_BYTES + 1).toString('base64') }));
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('takes a file of exactly 20 MB', async () => {
    const r = await pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ contentBase64: pdfOf(MAX_DOCUMENT_BYTES).toString('base64') }));
    expect(r.status, r.text.slice(0, 200)).toBe(201);
    expect(r.body.size).toBe(MAX_DOCUMENT_BYTES);
  });
});

describe('other bodies', () => {
  it('answers 413 to a 21 MB JSON body on an ordinary route', async () => {
    const r = await reg.post(`/api/cases/${caseId}/journal`, { text: 'x'.repeat(21 * 1024 * 1024), visibility: 'all' });
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });

  it('answers 415 (not 400) to a 21 MB JSON body on the import, which takes ndjson only', async () => {
    const r = await mgr.post('/api/import/cases', JSON.stringify({ lines: 'x'.repeat(21 * 1024 * 1024) }));
    expect(r.status).toBe(415);
    expect(r.body.error.code).toBe('unsupported_media_type');
  });
});
