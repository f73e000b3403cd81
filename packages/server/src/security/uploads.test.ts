// SPDX-License-Identifier: EUPL-1.2
// Attack 6: uploads and downloads. The type is sniffed from the content (file-type: magic bytes,
// and the parts inside the zip for docx and xlsx), so a declared type that does not match is
// refused (422 validation, the existing error of the document route) and nothing is stored; too
// large is 413 (core/upload-limits.test.ts has the boundaries); a download is always an
// attachment with nosniff, no-store and the stored (allow-listed) type, whatever its file name.
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setupTestEnv } from '../test/harness.js';
import type { TestClient, TestEnv } from '../test/harness.js';
import { openCaseWith, PDF_BYTES } from '../test/fixtures.js';
import { fingerprintAll } from './attack-kit.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A zip of stored (uncompressed) entries. */
function zipOf(entries: Record<string, string>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const n = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(n.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6); dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20); dir.writeUInt32LE(data.length, 24); dir.writeUInt16LE(n.length, 28); dir.writeUInt32LE(offset, 42);
    parts.push(local, n, data);
    central.push(dir, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(Object.keys(entries).length, 8); end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cd, end]);
}

const docx = () => zipOf({
  '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  'word/document.xml': '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>',
});
async function xlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Blad1').addRow(['a', 1]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(32)]);
const upload = (filename: string, mimeType: string, content: Buffer) => ({ filename, mimeType, contentBase64: content.toString('base64'), visibility: 'all' });

let env: TestEnv;
let pol: TestClient, reg: TestClient;
let caseId: string;
beforeAll(async () => {
  env = await setupTestEnv();
  [pol, reg] = [await env.as('politie@demo.zvh'), await env.as('regisseur@demo.zvh')];
  ({ caseId } = await openCaseWith(pol, reg));
});
afterAll(async () => { await env?.close(); });

describe('upload type sniffed from the content', () => {
  it('takes a real pdf, png, docx and xlsx', async () => {
    for (const [name, type, content] of [['a.pdf', 'application/pdf', PDF_BYTES], ['a.png', 'image/png', PNG], ['a.docx', DOCX, docx()], ['a.xlsx', XLSX, await xlsx()]] as const) {
      const r = await pol.post(`/api/cases/${caseId}/documents`, upload(name, type, content));
      expect(r.status, `${name}: ${r.text}`).toBe(201);
    }
  });

  it('refuses content that is not what it claims, and stores nothing', async () => {
    const before = await fingerprintAll(env.database.db);
    const html = Buffer.from('<!doctype html><html><script>alert(document.cookie)</script></html>');
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120), Buffer.from('PE\0\0', 'latin1')]);
    const plainZip = zipOf({ 'virus.exe': 'MZ' });
    const attempts: [string, string, Buffer][] = [
      ['a.pdf', 'application/pdf', html],
      ['a.pdf', 'application/pdf', exe],
      ['a.png', 'image/png', PDF_BYTES],
      ['a.jpg', 'image/jpeg', PNG],
      ['a.docx', DOCX, plainZip], // any zip used to pass as a docx: only the first bytes were compared
      ['a.docx', DOCX, await xlsx()], // an xlsx is no docx
      ['a.xlsx', XLSX, docx()],
      ['a.pdf', 'application/pdf', Buffer.from(' %PDF-1.4 but not at the start')],
    ];
    for (const [name, type, content] of attempts) {
      const r = await pol.post(`/api/cases/${caseId}/documents`, upload(name, type, content));
      expect(r.status, `${name} (${type}) with other content: ${r.text}`).toBe(422);
      expect(r.body.error.details).toContainEqual(expect.objectContaining({ field: 'contentBase64' }));
    }
    // a type outside the allow-list, whatever the content
    for (const type of ['text/html', 'image/svg+xml', 'application/javascript', 'application/zip']) {
      const r = await pol.post(`/api/cases/${caseId}/documents`, upload('a.pdf', type, PDF_BYTES));
      expect(r.status, type).toBe(422);
    }
    expect(await fingerprintAll(env.database.db)).toEqual(before);
  });

  it('answers 413 to a file over the limit, before storing anything', async () => {
    const before = await fingerprintAll(env.database.db);
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x20);
    PDF_BYTES.copy(big);
    const r = await pol.post(`/api/cases/${caseId}/documents`, upload('groot.pdf', 'application/pdf', big));
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
    expect(await fingerprintAll(env.database.db)).toEqual(before);
  }, 120_000);
});

describe('downloads', () => {
  it('are attachments with nosniff, no-store and the stored type, even with a hostile file name', async () => {
    for (const name of ['verslag.pdf', 'a"b; filename=evil.html.pdf', 'x\r\nX-Evil: 1\r\n.pdf', '<script>.pdf', 'één ☃.pdf']) {
      const up = await pol.post(`/api/cases/${caseId}/documents`, upload(name, 'application/pdf', PDF_BYTES));
      if (up.status !== 201) { expect(up.status, name).toBe(400); continue; } // the schema may refuse it outright
      const res = await env.app.inject({ method: 'GET', url: `/api/documents/${up.body.id}/content`, headers: { cookie: reg.cookie! } });
      expect(res.statusCode, name).toBe(200);
      const disposition = String(res.headers['content-disposition']);
      expect(disposition, name).toMatch(/^attachment;\s*filename\*=UTF-8''[A-Za-z0-9%._~!*'()-]+$/);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(String(res.headers['cache-control'])).toContain('no-store');
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['x-evil']).toBeUndefined();
      expect(res.rawPayload.equals(PDF_BYTES)).toBe(true);
    }
  });
});
