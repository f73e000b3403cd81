// SPDX-License-Identifier: EUPL-1.2
// Documents are stored in 256 KB chunks and streamed out chunk by chunk (issue 12: no instance
// holds a whole file): the bytes that go in come out, split at exact chunk boundaries.
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../../test/harness.js';
import type { TestClient, TestEnv } from '../../test/harness.js';
import { dataFingerprint, openCaseWith, PDF_BYTES, pdfUpload } from '../../test/fixtures.js';
import { rows, sql } from '../../core/db/index.js';
import { DOCUMENT_CHUNK_BYTES } from './service.js';

let env: TestEnv;
let pol: TestClient, reg: TestClient;
let caseId: string;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg] = await Promise.all(['politie', 'regisseur'].map((u) => env.as(`${u}@demo.zvh`)));
  ({ caseId } = await openCaseWith(pol, reg));
});
afterAll(async () => { await env?.close(); });

const pdfOf = (size: number) => Buffer.concat([PDF_BYTES, randomBytes(size - PDF_BYTES.length)]);
const chunksOf = (id: string) => rows<{ seq: number; n: number }>(env.database.db, sql`select seq, length(data) as n from document_chunks where document_id = ${id} order by seq`);
async function download(client: TestClient, id: string) {
  const res = await env.app.inject({ method: 'GET', url: `/api/documents/${id}/content`, headers: { cookie: client.cookie! } });
  return { status: res.statusCode, bytes: res.rawPayload, headers: res.headers };
}

describe('documents in chunks', () => {
  it('stores a file of two chunks and one byte as three chunks and returns exactly its bytes', async () => {
    const file = pdfOf(2 * DOCUMENT_CHUNK_BYTES + 1);
    const up = await pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ contentBase64: file.toString('base64') }));
    expect(up.status, up.text).toBe(201);
    expect(up.body).toMatchObject({ size: file.length, sha256: createHash('sha256').update(file).digest('hex') });
    expect(await chunksOf(up.body.id)).toEqual([{ seq: 0, n: DOCUMENT_CHUNK_BYTES }, { seq: 1, n: DOCUMENT_CHUNK_BYTES }, { seq: 2, n: 1 }]);
    const d = await download(reg, up.body.id);
    expect(d.status).toBe(200);
    expect(d.headers['content-length']).toBe(String(file.length));
    expect(Buffer.compare(d.bytes, file)).toBe(0);
  });

  it('stores a file of exactly one chunk as one chunk, and a small file as one short chunk', async () => {
    for (const size of [DOCUMENT_CHUNK_BYTES, DOCUMENT_CHUNK_BYTES - 1, PDF_BYTES.length]) {
      const file = pdfOf(size);
      const up = await pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ contentBase64: file.toString('base64') }));
      expect(up.status, up.text).toBe(201);
      expect(await chunksOf(up.body.id)).toEqual([{ seq: 0, n: size }]);
      expect(Buffer.compare((await download(reg, up.body.id)).bytes, file)).toBe(0);
    }
  });

  it('accepts base64 with line breaks and base64url, and refuses base64 with stray characters (422, nothing stored)', async () => {
    const file = pdfOf(300_000);
    const wrapped = file.toString('base64').replace(/.{76}/g, '$&\r\n');
    const a = await pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ contentBase64: wrapped }));
    expect(a.status, a.text).toBe(201);
    expect(Buffer.compare((await download(reg, a.body.id)).bytes, file)).toBe(0);
    const b = await pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ contentBase64: file.toString('base64url') }));
    expect(b.status, b.text).toBe(201);
    expect(b.body.sha256).toBe(a.body.sha256);
    const before = await dataFingerprint(env.database.db);
    const broken = `${file.toString('base64').slice(0, 1000)}*!*${file.toString('base64').slice(1000)}`;
    const c = await pol.post(`/api/cases/${caseId}/documents`, pdfUpload({ contentBase64: broken }));
    expect(c.status, c.text).toBe(422);
    expect(await dataFingerprint(env.database.db)).toEqual(before);
    expect((await rows(env.database.db, sql`select 1 from document_chunks c left join documents d on d.id = c.document_id where d.id is null`))).toEqual([]);
  });
});
